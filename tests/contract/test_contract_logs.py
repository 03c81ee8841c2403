"""The one description of the log columns and the one reading of each kind of cell."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traitel_desktop.api import records
from traitel_desktop.api.logs import RECORD_TYPES
from traitel_desktop.contract.logs import (
    LOG_NAMES,
    LOGS,
    Kind,
    LogColumns,
    micro_units,
    to_money,
)
from traitel_desktop.contract.modes import LOG_MODES
from traitel_desktop.contract.readings import (
    READERS,
    BadCell,
    CellError,
    ColumnReader,
    MissingColumn,
    header_positions,
    money_in_range,
    read_column,
    read_cost,
    read_date,
    read_int,
    read_log,
    read_money,
    read_opt_int,
    read_raw,
    read_text,
    read_time,
)


def test_six_logs_with_the_documented_columns() -> None:
    assert LOG_NAMES == LOG_MODES
    head = ("ID", "Sub-ID", "Date", "Time", "From", "To")
    assert {name: spec.headers[6:] for name, spec in LOGS.items()} == {
        "logfaxin": ("FaxStationID", "Pages", "Speed", "Duration"),
        "logfaxout": ("Pages", "Speed", "Duration", "Cost", "Attempt", "ErrorCode"),
        "logvoicein": ("Duration", "Result", "Cost", "IVMLID"),
        "logvoiceout": ("Duration", "Result", "Cost", "IVMLID"),
        "logsmsin": ("MessageType", "Message"),
        "logsmsout": ("Sent", "Tracking", "Cost"),
    }
    assert all(spec.headers[:6] == head for spec in LOGS.values())
    assert [LOGS[n].money_index for n in LOG_NAMES] == [None, 9, 8, 8, None, 8]
    assert LOGS["logsmsout"].index(" cost ") == 8
    with pytest.raises(KeyError):
        LOGS["logsmsout"].index("Pages")


@pytest.mark.parametrize("log", LOG_NAMES)
def test_record_fields_follow_the_columns(log: str) -> None:
    fields = tuple(f.name for f in dataclasses.fields(RECORD_TYPES[log]))
    assert fields == LOGS[log].fields
    assert RECORD_TYPES["logsmsout"] is records.SmsOut


# --- every kind, one cell ------------------------------------------------------------------

GOOD: list[tuple[Callable[[str], Any], str, Any]] = [
    (read_int, "12", 12), (read_int, " -3 ", -3), (read_int, "+4", 4), (read_int, "007", 7),
    (read_opt_int, "", None), (read_opt_int, "  ", None), (read_opt_int, "21", 21),
    (read_text, "  Front desk ", "Front desk"), (read_text, "", ""),
    (read_raw, " Hello\\n ", " Hello\\n "),
    (read_date, "2024-02-29", "2024-02-29"), (read_date, " 2026-03-01 ", "2026-03-01"),
    (read_time, "07:05:09", "07:05:09"), (read_time, "7:05:09", "07:05:09"),
    (read_time, " 23:59:59", "23:59:59"), (read_time, "0:00:00", "00:00:00"),
    (read_money, "12.3450", Decimal("12.3450")), (read_money, "-0.25", Decimal("-0.25")),
    (read_money, "+1", Decimal(1)), (read_money, "5.", Decimal(5)), (read_money, ".5",
                                                                       Decimal("0.5")),
    (read_money, " 0.0000 ", Decimal(0)),
    (read_cost, "12.3450", 12_345_000), (read_cost, "0.000001", 1), (read_cost, "-0.25", -250_000),
    (read_cost, "0.1000000", 100_000), (read_cost, "0.0000015", Decimal("1.5")),
    (read_cost, "-0.0000015", Decimal("-1.5")), (read_cost, "3", 3_000_000),
    (read_cost, "0.000000049390", Decimal("0.04939")), (read_cost, "-0", 0),
]

BAD: list[tuple[Callable[[str], Any], str]] = [
    *((read_int, t) for t in ["", "1_000", "١٢", "1e3", "1.0", "0x10", "1 2", "--1", "one"]),
    (read_opt_int, "x"), (read_opt_int, "1.5"),
    *((read_date, t) for t in ["2023-02-29", "2026-2-3", "20260203", "2026-W01-1",
                               "2026-13-01", "0000-01-01", "", "2026-03-01T10:00"]),
    *((read_time, t) for t in ["07:05:09.5", "24:00:00", "12:60:00", "12:00:60", "12:00",
                               "123:00:00", "7:5:09", "", "07:05:09+01:00", "٠٧:05:09"]),
    *((read_money, t) for t in ["1,5", "$1.00", "1e3", "NaN", "Infinity", "", "1_000", "١",
                                "1.0.0", "--1", "1 000", "0x10", "."]),
    (read_cost, "1,5"),
]


@pytest.mark.parametrize(("read", "text", "value"), GOOD,
                         ids=[f"{r.__name__}({t!r})" for r, t, _ in GOOD])
def test_each_kind_reads(read: Callable[[str], Any], text: str, value: Any) -> None:
    got = read(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(("read", "text"), BAD, ids=[f"{r.__name__}({t!r})" for r, t in BAD])
def test_each_kind_refuses(read: Callable[[str], Any], text: str) -> None:
    with pytest.raises(ValueError):
        read(text)


def test_the_two_time_readings_that_used_to_disagree() -> None:
    # The archive took "7:05:09" and the client did not; the client took "07:05:09.5" and
    # the archive did not. Now: a one-digit hour is read, a fraction of a second is not.
    assert read_time("7:05:09") == "07:05:09"
    with pytest.raises(ValueError, match="not a time"):
        read_time("07:05:09.5")
    assert read_column(Kind.TIME, ["7:05:09", "07:05:09"]) == ["07:05:09", "07:05:09"]
    with pytest.raises(BadCell) as info:
        read_column(Kind.TIME, ["07:05:08", "07:05:09.5"])
    assert info.value.index == 1


@given(st.integers(min_value=-10**30, max_value=10**30), st.integers(min_value=0, max_value=12))
def test_money_round_trips_exactly(units: int, places: int) -> None:
    amount = Decimal(f"{units}E-{places}")  # exact (scaleb would round to 28 digits)
    micro = micro_units(amount)
    assert to_money(micro) == amount
    assert isinstance(micro, int) == (places <= 6 or units % 10 ** (places - 6) == 0)
    if money_in_range(amount):
        assert read_cost(f"{amount:f}") == micro
    else:  # a trillion and more is no amount of money (test_money_range.py)
        with pytest.raises(ValueError, match="out of range"):
            read_cost(f"{amount:f}")


# --- whole columns and logs ----------------------------------------------------------------

def test_header_matched_by_name_any_case_extra_columns_ignored() -> None:
    header = [" cost ", "tracking", "SENT", "To", "From", "Time", "Date", "Sub-ID", "ID", "Extra"]
    assert header_positions("logsmsout", header) == [8, 7, 6, 5, 4, 3, 2, 1, 0]
    with pytest.raises(MissingColumn, match="no 'Cost' column"):
        header_positions("logsmsout", header[1:])


def test_a_bad_cell_is_named_by_row_and_column() -> None:
    texts = [["1", "2", "3"], ["0", "0", "0"], ["2026-03-01", "2026-03-01", "2026-02-30"],
             ["09:00:00", "9:00:00", "09:00:00"], ["a", "b", "c"], ["d", "e", "f"],
             ["1", "1", "1"], ["", "", ""], ["0.1", "1,5", "0.1"]]
    with pytest.raises(CellError) as info:
        read_log("logsmsout", texts)
    # Row 2 (its Cost) comes before row 3 (its Date), whatever the column order.
    assert (info.value.row, info.value.column) == (2, "Cost")
    assert str(info.value) == "logsmsout row 2, column 'Cost': not an amount of money: '1,5'"
    texts[8][1] = "1.5"
    with pytest.raises(CellError, match=r"row 3, column 'Date': no such date"):
        read_log("logsmsout", texts)
    texts[2][2] = "2026-03-02"
    columns = read_log("logsmsout", texts)
    assert columns.column("time") == ["09:00:00"] * 3
    assert columns.rows()[1] == (2, 0, "2026-03-01", "09:00:00", "b", "e", 1, "", 1_500_000)
    assert len(columns) == 3


def test_log_columns_check_their_shape() -> None:
    assert len(LogColumns.empty("logfaxin")) == 0
    with pytest.raises(ValueError, match="columns"):
        LogColumns("logsmsout", ([1], [2]))
    with pytest.raises(ValueError, match="lengths"):
        LogColumns("logsmsin", ([1], [0], [], [], [], [], [], []))


_TEXTS = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["0", "12", "-1", " 7 ", "1_0", "٣", "2024-02-29", "2023-02-29",
                     "23:59:59", "7:05:09", "07:05:09.5", "24:00:00", "1.50", ".5", "NaN",
                     "", " ", "delivered", "0.0000015", "\n", "12:00:00\n13:00:00"]),
)


def _clean(texts: list[str]) -> bool:
    joined = "".join(texts)
    return joined.isascii() and not any(c.isspace() or c == "_" for c in joined)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(list(Kind)), st.lists(_TEXTS, max_size=12), st.booleans())
def test_a_column_reads_exactly_as_its_cells(kind: Kind, texts: list[str],
                                             unique: bool) -> None:
    """The bulk reading (distinct values, runs, canonical times, int in C) gives exactly
    the per-cell reading, or fails at the same first row."""
    read = READERS[kind]
    expected: list[Any] = []
    first_bad = None
    for i, text in enumerate(texts):
        try:
            expected.append(read(text))
        except ValueError:
            first_bad = i
            break
    for clean in {False, _clean(texts)}:
        if first_bad is None:
            got = read_column(kind, texts, unique, clean)
            assert got == expected
            assert [type(v) for v in got] == [type(v) for v in expected]
        else:
            with pytest.raises(BadCell) as info:
                read_column(kind, texts, unique, clean)
            assert info.value.index == first_bad


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(Kind)), st.lists(_TEXTS, max_size=16), st.booleans(),
       st.lists(st.integers(0, 16), max_size=4))
def test_a_column_read_in_parts_reads_as_in_one(kind: Kind, texts: list[str], unique: bool,
                                               cuts: list[int]) -> None:
    """Part after part (as a big answer is read), the values and the first bad row are the
    same as in one go: readings kept from part to part, indexes counted over the column."""
    bounds = sorted({0, len(texts), *(c for c in cuts if c <= len(texts))})
    reader = ColumnReader(kind, unique)
    try:
        whole = read_column(kind, texts, unique)
    except BadCell as exc:
        with pytest.raises(BadCell) as info:
            for a, b in itertools.pairwise(bounds):
                reader.add(texts[a:b])
        assert info.value.index == exc.index
    else:
        for a, b in itertools.pairwise(bounds):
            reader.add(texts[a:b])
        assert reader.values == whole
