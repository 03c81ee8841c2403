"""The history archive on real SQLite files: storing day ranges, what is missing, reading."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.log_rows import log_columns
from traitel_desktop.contract.logs import LOGS, LogColumns, to_money
from traitel_desktop.store.archive import Archive

D = dt.date
HEADER = ["ID", "Sub-ID", "Date", "Time", "From", "To", "Sent", "Tracking", "Cost"]


def sms(ident: int, day: str, time: str = "10:00:00", cost: str = "0.0550", sub: int = 0,
        ) -> list[str]:
    """One logsmsout CSV row as the gateway sends it."""
    return [str(ident), str(sub), day, time, "61400000001", "61400000002", "1", "", cost]


def store(archive: Archive, first: D, last: D, rows: list[list[str]], today: D,
          complete: bool = True) -> None:
    archive.store_range("logsmsout", first, last, log_columns("logsmsout", rows),
                        today=today, complete=complete)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.in_directory(tmp_path / "demo")
    yield opened
    opened.close()


TODAY = D(2026, 5, 20)


def test_storing_again_replaces_rows_and_drops_vanished_ones(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 3),
          [sms(1, "2026-03-01"), sms(2, "2026-03-02"), sms(3, "2026-03-03")], TODAY)
    # The same range again: row 2 changed, row 3 no longer listed, row 4 is new.
    store(archive, D(2026, 3, 2), D(2026, 3, 3),
          [sms(2, "2026-03-02", cost="0.1100"), sms(4, "2026-03-03")], TODAY)
    rows = archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 31))
    assert [r[0] for r in rows] == [1, 2, 4]
    assert rows[1][-1] == 110_000
    assert archive.row_count("logsmsout") == 3


def test_a_row_fetched_under_another_day_moves_instead_of_doubling(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 1), [sms(7, "2026-03-01", "23:59:00")], TODAY)
    store(archive, D(2026, 3, 2), D(2026, 3, 2), [sms(7, "2026-03-02", "00:59:00")], TODAY)
    assert archive.row_count("logsmsout") == 1
    assert archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 2))[0][2:4] == (
        "2026-03-02", "00:59:00")


def test_rows_are_typed_tuples_in_api_order_by_date_time_and_id(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 2), [
        sms(9, "2026-03-02", "08:00:00", sub=1003),
        sms(5, "2026-03-01", "17:00:00"),
        sms(6, "2026-03-01", "09:30:00", cost="12.3450"),
    ], TODAY)
    rows = archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 2))
    assert LOGS["logsmsout"].headers == tuple(HEADER)
    assert rows[0] == (6, 0, "2026-03-01", "09:30:00", "61400000001", "61400000002", 1, "",
                       12_345_000)
    assert [r[0] for r in rows] == [6, 5, 9]
    assert to_money(rows[0][-1]) == Decimal("12.345")
    assert [r[0] for r in archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 2), 1003)] == [9]
    assert archive.rows("logsmsout", D(2026, 3, 3), D(2026, 3, 9)) == []


def test_missing_days_follow_complete_and_final(archive: Archive) -> None:
    start, end = D(2026, 5, 10), D(2026, 5, 25)
    assert archive.missing_days("logsmsout", start, end, TODAY) == [
        start + dt.timedelta(days=i) for i in range(11)
    ]  # capped at today
    store(archive, D(2026, 5, 10), D(2026, 5, 20), [], TODAY)
    # Today (20th) and yesterday (19th) are never final; the 18th is.
    assert archive.missing_days("logsmsout", start, end, TODAY) == [D(2026, 5, 19),
                                                                     D(2026, 5, 20)]
    states = archive.day_states("logsmsout", D(2026, 5, 18), D(2026, 5, 20))
    assert [(s.complete, s.final) for s in states.values()] == [(True, True), (True, False),
                                                                 (True, False)]
    # Next day: the 19th was fetched while it was yesterday, so it is fetched once more.
    tomorrow = TODAY + dt.timedelta(days=1)
    assert archive.missing_days("logsmsout", start, tomorrow, tomorrow) == [
        D(2026, 5, 19), D(2026, 5, 20), D(2026, 5, 21)]
    # Other logs are independent.
    assert len(archive.missing_days("logfaxin", start, end, TODAY)) == 11


def test_a_range_cut_short_stays_missing(archive: Archive) -> None:
    store(archive, D(2026, 2, 1), D(2026, 2, 1), [sms(1, "2026-02-01")], TODAY, complete=False)
    assert archive.missing_days("logsmsout", D(2026, 2, 1), D(2026, 2, 1), TODAY) == [
        D(2026, 2, 1)]
    assert archive.row_count("logsmsout") == 1


def test_a_failed_store_changes_nothing(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 2), [sms(1, "2026-03-01")], TODAY)
    good = log_columns("logsmsout", [sms(2, "2026-03-02"), sms(3, "2026-03-03")])
    broken = LogColumns("logsmsout", tuple(
        [*column[:1], None] if name == "Time" else column  # NOT NULL fails on row 2
        for name, column in zip(HEADER, good.columns, strict=True)))
    with pytest.raises(sqlite3.Error):
        archive.store_range("logsmsout", D(2026, 3, 1), D(2026, 3, 3), broken, today=TODAY)
    with pytest.raises(ValueError, match="rows of logsmsout"):
        archive.store_range("logfaxin", D(2026, 3, 1), D(2026, 3, 3), good, today=TODAY)
    assert [r[0] for r in archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 9))] == [1]
    assert archive.missing_days("logsmsout", D(2026, 3, 1), D(2026, 3, 3), TODAY) == [
        D(2026, 3, 3)]


def test_the_archive_survives_reopening(tmp_path: Path) -> None:
    first = Archive.in_directory(tmp_path)
    store(first, D(2026, 1, 5), D(2026, 1, 5), [sms(1, "2026-01-05")], TODAY)
    first.set_zone("Australia/Sydney")
    synced = first.last_sync("logsmsout")
    first.close()
    again = Archive.in_directory(tmp_path)
    assert (tmp_path / "history.sqlite3").is_file()
    assert again.zone == "Australia/Sydney"
    assert again.last_sync("logsmsout") == synced
    assert again.last_sync() == synced
    assert again.last_sync("logfaxin") is None
    assert again.missing_days("logsmsout", D(2026, 1, 5), D(2026, 1, 5), TODAY) == []
    again.close()


def test_costs_beyond_six_decimals_stay_exact(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 1), [
        sms(1, "2026-03-01", cost="0.1000005"),
        sms(2, "2026-03-01", cost="0.1000005"),
        sms(3, "2026-03-01", cost="-0.25"),
    ], TODAY)
    rows = archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 1))
    assert [to_money(r[-1]) for r in rows] == [Decimal("0.1000005"), Decimal("0.1000005"),
                                               Decimal("-0.25")]
    (total,) = archive.totals_by_day(D(2026, 3, 1), D(2026, 3, 1))
    assert total.cost == Decimal("-0.049999") and total.records == 3
    assert total.service == "sms"


def test_totals_by_day_group_by_day_log_and_sub_account(archive: Archive) -> None:
    store(archive, D(2026, 3, 1), D(2026, 3, 2), [
        sms(1, "2026-03-01", cost="0.0550"),
        sms(2, "2026-03-01", cost="0.0450", sub=1001),
        sms(3, "2026-03-01", cost="0.0100"),
        sms(4, "2026-03-02", cost="1.0000"),
    ], TODAY)
    archive.store_range("logfaxin", D(2026, 3, 1), D(2026, 3, 1), log_columns(
        "logfaxin",
        [["1", "1001", "2026-03-01", "11:00:00", "1", "2", "Front desk", "3", "14400", "60"]],
    ), today=TODAY)
    totals = archive.totals_by_day(D(2026, 3, 1), D(2026, 3, 2))
    assert [(t.log, t.day, t.sub_id, t.records, t.cost) for t in totals] == [
        ("logfaxin", D(2026, 3, 1), 1001, 1, Decimal(0)),
        ("logsmsout", D(2026, 3, 1), 0, 2, Decimal("0.065")),
        ("logsmsout", D(2026, 3, 1), 1001, 1, Decimal("0.045")),
        ("logsmsout", D(2026, 3, 2), 0, 1, Decimal("1")),
    ]
    only = archive.totals_by_day(D(2026, 3, 1), D(2026, 3, 2), sub_id=1001)
    assert [(t.log, t.records) for t in only] == [("logfaxin", 1), ("logsmsout", 1)]


def test_what_the_client_reads_is_what_the_archive_gives_back(archive: Archive) -> None:
    """Typed columns in (as ``TraiTelClient.log`` gives them), the same values out: the
    header matched by name, a one-digit hour, an empty IVMLID, a cost below a micro-unit."""
    header = [" cost ", "tracking", "SENT", "To", "From", "Time", "Date", "Sub-ID", "ID",
              "Extra"]
    sms_rows = log_columns("logsmsout", [
        ["0.0600", "delivered", "2", "b", "a", "7:00:00", " 2026-03-01", "0", "11", "x"],
        ["0.0000015", "", "1", "b", "a", "07:00:01", "2026-03-01", "0", "12", "x"]], header)
    voice = log_columns("logvoicein", [
        ["3", "0", "2026-03-01", "7:05:09", "1", "2", "61", "answered", "0.000001", ""]])
    archive.store_range("logsmsout", D(2026, 3, 1), D(2026, 3, 1), sms_rows, today=TODAY)
    archive.store_range("logvoicein", D(2026, 3, 1), D(2026, 3, 1), voice, today=TODAY)
    assert archive.rows("logsmsout", D(2026, 3, 1), D(2026, 3, 1)) == sms_rows.rows() == [
        (11, 0, "2026-03-01", "07:00:00", "a", "b", 2, "delivered", 60_000),
        (12, 0, "2026-03-01", "07:00:01", "a", "b", 1, "", Decimal("1.5"))]
    assert archive.rows("logvoicein", D(2026, 3, 1), D(2026, 3, 1)) == voice.rows() == [
        (3, 0, "2026-03-01", "07:05:09", "1", "2", 61, "answered", 1, None)]
    assert archive.columns("logsmsout", D(2026, 3, 1), D(2026, 3, 1)) == list(
        sms_rows.columns)


def test_unknown_log_is_refused(archive: Archive) -> None:
    with pytest.raises(ValueError, match="unknown log"):
        archive.rows("logfax", D(2026, 1, 1), D(2026, 1, 2))
