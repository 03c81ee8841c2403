"""Reading log answers: ``TraiTelClient.log`` -> ``LogColumns``, the fast path and the CSV
path giving the same columns, errors naming row and column, records on request."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import FakeGateway
from traitel_desktop.api import TraiTelClient, errors, records
from traitel_desktop.api.logs import parse_log, to_records
from traitel_desktop.contract.logs import LOG_NAMES, LOGS, LogColumns

D1 = dt.date(2024, 3, 1)
D2 = dt.date(2024, 3, 31)
SMS_HEAD = "ID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"


def test_client_log_gives_typed_columns(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply(SUCCESS["logsmsout"])
    columns = client.log("logsmsout", D1, D2, limit=10, sub_id=0)
    assert columns == LogColumns("logsmsout", (
        [6001, 6002], [0, 12], ["2024-03-06", "2024-03-06"], ["11:00:00", "11:01:00"],
        ["61400000001", "61400000001"], ["61412345678", "61412345679"], [2, 1],
        ["delivered", ""], [160_000, 80_000]))
    [sent] = primary.requests
    assert sent.form["limit"] == "10" and sent.form["subid"] == "0"
    assert sent.form["mode"] == "logsmsout"


def test_client_log_checks_before_sending(client: TraiTelClient, primary: FakeGateway) -> None:
    with pytest.raises(ValueError, match="not a log mode"):
        client.log("querybalance", D1, D2)
    with pytest.raises(errors.IncompleteRequest):
        client.log("logfaxin", D1, D2, limit=0)
    assert primary.requests == []


@pytest.mark.parametrize("log", LOG_NAMES)
def test_records_are_built_from_the_columns(log: str) -> None:
    columns = parse_log(log, SUCCESS[log])
    made = to_records(columns)
    assert len(made) == len(columns) > 0
    first = made[0]
    assert isinstance(first.date, dt.date) and isinstance(first.time, dt.time)
    if LOGS[log].money_index is not None:
        assert isinstance(first.cost, Decimal)
        assert first.cost == Decimal(SUCCESS[log].split("\n")[2].split(",")[
            LOGS[log].money_index])


def test_the_two_time_readings_that_used_to_disagree() -> None:
    columns = parse_log("logsmsout", f"Ok\n{SMS_HEAD}1,0,2024-01-01,7:05:09,1,2,1,,0.1\n")
    assert columns.column("Time") == ["07:05:09"]
    assert to_records(columns)[0].time == dt.time(7, 5, 9)
    body = (f"Ok\n{SMS_HEAD}1,0,2024-01-01,07:05:08,1,2,1,,0.1\n"
            "2,0,2024-01-01,07:05:09.5,1,2,1,,0.1\n")
    with pytest.raises(errors.ProtocolError, match=r"row 2, column 'Time': not a time"):
        parse_log("logsmsout", body)


@pytest.mark.parametrize(("body", "message"), [
    (f"{SMS_HEAD}1,0,2024-01-01,00:00:00,1,2,1,,0.1\n2,0,2024-01-01,00:00:00,1,2,x,,0.1\n",
     "row 2, column 'Sent': not a whole number: 'x'"),
    (f"{SMS_HEAD}1,0,2024-01-01,00:00:00,1,2,1,,1e3\n", "row 1, column 'Cost'"),
    (f"{SMS_HEAD}1,0,2024-02-30,00:00:00,1,2,1,,0.1\n", "row 1, column 'Date': no such date"),
    (f"{SMS_HEAD}1,0,2024-01-01,00:00:00,1,2,1,,0.1\n2,0,2024-01-01\n",
     "row 2 is cut short: no 'Time' value"),
    (f'{SMS_HEAD}1,0,2024-01-01,00:00:00,1,2,1,,"0.1"\n2,0\n', "row 2 is cut short"),
    ("ID,Sub-ID,Date,Time,From,To,Sent,Cost\n", "no 'Tracking' column"),
    (f"{SMS_HEAD}1,0,2024-01-01,00:00:00,1,2,1_0,,0.1\n", "row 1, column 'Sent'"),
    (f"{SMS_HEAD}1_1,0,2024-01-01,00:00:00,1,2,1,,0.1\n", "row 1, column 'ID'"),
])
def test_errors_name_the_row_and_column(body: str, message: str) -> None:
    with pytest.raises(errors.ProtocolError) as info:
        parse_log("logsmsout", "Ok\n" + body)
    assert message in str(info.value)


def test_lenient_forms_of_the_table() -> None:
    expected = parse_log("logsmsout", f"Ok\n{SMS_HEAD}1,0,2024-01-01,09:00:00,a,b,1,,0.1\n")
    for body in [
        f"\ufeffOk\r\n{SMS_HEAD}1,0,2024-01-01,09:00:00,a,b,1,,0.1".replace("\n", "\r\n"),
        f"Ok\n\n{SMS_HEAD}\n1,0,2024-01-01,09:00:00,a,b,1,,0.1\n  \n\n",
        f"Ok\n{SMS_HEAD.upper()}1 , 0,2024-01-01, 9:00:00 , a ,b,+1, ,0.10\n",
        "Ok\nExtra,COST,Tracking,Sent,To,From,Time,Date,Sub-ID,ID\n"
        "x,0.1,,1,b,a,09:00:00,2024-01-01,0,1\n",
        f"Ok\n{SMS_HEAD}1,0,2024-01-01,09:00:00,a,b,1,,0.1,surplus\n",
        f'Ok\n{SMS_HEAD}"1",0,2024-01-01,09:00:00,a,b,1,,0.1\n',
    ]:
        assert parse_log("logsmsout", body.encode()) == expected, body


def test_an_error_answer_is_the_api_error() -> None:
    with pytest.raises(errors.InvalidEndDate):
        parse_log("logfaxin", b"Error 117: Invalid end date.\n")


def test_messages_keep_commas_quotes_and_new_lines() -> None:
    body = ('Ok\nID,Sub-ID,Date,Time,From,To,MessageType,Message\n'
            '1,0,2024-01-01,00:00:00,1,2,ASCII,"a, ""b""\nc"\n'
            '2,0,2024-01-01,00:00:01,1,2,ASCII, spaced \n')
    columns = parse_log("logsmsin", body)
    assert columns.column("Message") == ['a, "b"\nc', " spaced "]
    assert [r.text for r in to_records(columns)] == ['a, "b"\nc', " spaced "]
    assert isinstance(to_records(columns)[0], records.SmsIn)


_CELL = {
    "ID": st.integers(0, 10**12).map(str),
    "Sub-ID": st.sampled_from(["0", "1001", " 7", "x"]),
    "Date": st.sampled_from(["2024-02-29", "2026-03-01", "2023-02-29", "2026-3-1"]),
    "Time": st.sampled_from(["09:00:00", "9:00:00", "23:59:59", "24:00:00", "07:05:09.5"]),
    # (csv.writer leaves a lone "\r" unquoted, which no reader reads back as a cell)
    "From": st.text(st.characters(blacklist_characters="\r"), max_size=6),
    "To": st.sampled_from(["61412345678", " 61412345678 ", ""]),
    "Sent": st.sampled_from(["1", "2", "٣", "+3"]),
    "Tracking": st.sampled_from(["delivered", "", "failed", "pend ing"]),
    "Cost": st.sampled_from(["0.0800", "0.0000015", "-1", "1,5", "5."]),
}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries(_CELL), max_size=8))
def test_the_fast_path_reads_as_the_csv_module(rows: list[dict[str, str]]) -> None:
    """The same table written with minimal quoting (mostly the split fast path) and with
    every field quoted (always the csv module) reads the same, or fails the same way."""
    headers = LOGS["logsmsout"].headers
    outcomes = []
    for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", quoting=quoting)
        writer.writerow(headers)
        writer.writerows([[r[h] for h in headers] for r in rows])
        try:
            outcomes.append(parse_log("logsmsout", "Ok\n" + out.getvalue()))
        except errors.ProtocolError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]


def _big_body(rows: int, quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=quoting)
    writer.writerow(LOGS["logsmsout"].headers)
    writer.writerows(
        [str(n), str(n % 7), f"2026-03-{1 + n // 1000:02d}", f"{n % 24}:{n % 60:02d}:07",
         "61400000001", f"614{n % 900:08d}", "1", ("delivered", "")[n % 2],
         "0.0000015" if n == 2500 else f"0.0{n % 10}50"]
        for n in range(rows))
    return "Ok\n" + out.getvalue()


def test_a_big_answer_is_read_in_parts_like_the_csv_module_reads_it() -> None:
    body = _big_body(4000)  # about 260 kB: several parts of the split path
    assert len(body) > 3 * 65536
    columns = parse_log("logsmsout", body)
    assert columns == parse_log("logsmsout", _big_body(4000, csv.QUOTE_ALL))
    assert len(columns) == 4000
    assert columns.column("Time")[3001] == "01:01:07"  # sent as 1:01:07
    assert columns.column("Cost")[2500] == Decimal("1.5")
    assert columns.column("Date")[3999] == "2026-03-04"


@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_errors_in_later_parts_name_the_row_of_the_whole_answer(quoting: int) -> None:
    lines = _big_body(4000, quoting).split("\n")
    bad = list(lines)
    bad[3502] = bad[3502].replace("2026-03-04", "2026-02-30")  # row 3501 after the header
    with pytest.raises(errors.ProtocolError, match=r"row 3501, column 'Date': no such date"):
        parse_log("logsmsout", "\n".join(bad))
    short = list(lines)
    short[3702] = short[3702].rsplit(",", 2)[0]
    with pytest.raises(errors.ProtocolError, match="row 3701 is cut short: no 'Tracking'"):
        parse_log("logsmsout", "\n".join(short))
