"""Archive.columns (the column-wise read of big tables) on a real SQLite archive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.log_rows import log_columns
from traitel_desktop.contract.logs import LOGS, LogColumns
from traitel_desktop.store.archive import Archive

D = dt.date
TODAY = D(2026, 5, 20)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.in_directory(tmp_path)
    rows = [
        # Stored out of order: columns come back by date, time and ID like rows().
        [str(40 - n), str(n % 3), f"2026-03-{1 + n % 5:02d}", f"1{n % 4}:00:00",
         "61400000001", f"6140000{n % 7:04d}", "1", ("delivered", "failed", "")[n % 3],
         "0.0000015" if n == 11 else f"0.0{n % 9}50"]
        for n in range(40)
    ]
    opened.store_range("logsmsout", D(2026, 3, 1), D(2026, 3, 31),
                       log_columns("logsmsout", rows), today=TODAY)
    yield opened
    opened.close()


def test_columns_hold_exactly_the_rows_in_the_same_order(archive: Archive) -> None:
    start, end = D(2026, 3, 1), D(2026, 3, 31)
    rows = archive.rows("logsmsout", start, end)
    assert len(rows) == 40
    columns = archive.columns("logsmsout", start, end)
    assert len(columns) == len(LOGS["logsmsout"].headers)
    assert list(zip(*columns, strict=True)) == rows
    # The cost beyond six decimals stays exact, like rows() gives it.
    assert Decimal("1.5") in columns[-1]
    for sub in (0, 2):
        assert list(zip(*archive.columns("logsmsout", start, end, sub), strict=True)) == (
            archive.rows("logsmsout", start, end, sub))
    part = archive.columns("logsmsout", D(2026, 3, 2), D(2026, 3, 3))
    assert list(zip(*part, strict=True)) == archive.rows("logsmsout", D(2026, 3, 2),
                                                        D(2026, 3, 3))


def test_repeated_text_values_are_one_object_each(archive: Archive) -> None:
    columns = archive.columns("logsmsout", D(2026, 3, 1), D(2026, 3, 31))
    for at in (2, 3, 4, 5, 7):  # Date, Time, From, To, Tracking
        assert len({id(v) for v in columns[at]}) == len(set(columns[at])) < 40


def test_an_empty_range_or_log_gives_empty_columns(archive: Archive) -> None:
    assert archive.columns("logsmsout", D(2026, 4, 1), D(2026, 4, 30)) == [[]] * 9
    assert archive.columns("logsmsin", D(2026, 3, 1), D(2026, 3, 31)) == [[]] * 8
    with pytest.raises(ValueError, match="unknown log"):
        archive.columns("logfoo", D(2026, 3, 1), D(2026, 3, 31))


def _sms(ident: int, day: str, time: str = "10:00:00", cost: str = "0.0550") -> list[str]:
    return [str(ident), "0", day, time, "61400000001", "61400000002", "1", "", cost]


def _store(archive: Archive, first: D, last: D, rows: list[list[str]]) -> None:
    archive.store_range("logsmsout", first, last, log_columns("logsmsout", rows),
                        today=TODAY)


def test_whole_months_are_cached_and_every_write_drops_what_it_touches(
    tmp_path: Path,
) -> None:
    archive = Archive.in_directory(tmp_path / "cache")
    try:
        _store(archive, D(2026, 1, 1), D(2026, 2, 28),
               [_sms(1, "2026-01-10"), _sms(2, "2026-02-10"), _sms(3, "2026-02-11")])
        year = (D(2026, 1, 1), D(2026, 3, 31))

        def ids() -> list[int]:
            return list(archive.columns("logsmsout", *year)[0])

        def cached() -> list[str]:
            return [m for (m,) in archive._conn.execute(
                "SELECT month FROM column_cache ORDER BY month")]

        assert ids() == [1, 2, 3]
        assert cached() == ["2026-01", "2026-02", "2026-03"]
        assert ids() == [1, 2, 3]  # from the cache
        # A part month reads the rows and caches nothing new.
        assert list(archive.columns("logsmsout", D(2026, 2, 11), D(2026, 3, 5))[0]) == [3]
        # Storing February again drops February only.
        _store(archive, D(2026, 2, 1), D(2026, 2, 28), [_sms(2, "2026-02-10")])
        assert cached() == ["2026-01", "2026-03"]
        assert ids() == [1, 2]
        # Row 1 fetched again under a March day moves: January's cache goes too.
        _store(archive, D(2026, 3, 1), D(2026, 3, 1), [_sms(1, "2026-03-01")])
        assert "2026-01" not in cached()
        assert ids() == [2, 1]
        # A zone change rewrites every row: the whole cache goes.
        archive.set_zone("UTC")
        archive.change_time_zone("Australia/Sydney", today_old=TODAY, today_new=TODAY)
        assert cached() == []
        assert list(zip(*archive.columns("logsmsout", *year), strict=True)) == (
            archive.rows("logsmsout", *year))
        # A cost beyond six decimals is never cached, and stays exact.
        _store(archive, D(2026, 1, 1), D(2026, 1, 31), [_sms(5, "2026-01-05", cost="0.0000015")])
        assert archive.columns("logsmsout", D(2026, 1, 1), D(2026, 1, 31))[-1] == [
            Decimal("1.5")]
        assert "2026-01" not in cached()
    finally:
        archive.close()


def test_warm_months_caches_only_settled_months(tmp_path: Path) -> None:
    archive = Archive.in_directory(tmp_path / "warm")
    try:
        def cached() -> list[str]:
            return [m for (m,) in archive._conn.execute(
                "SELECT month FROM column_cache ORDER BY month")]

        # January whole; February missing its last day; May holds yesterday (not final).
        _store(archive, D(2026, 1, 1), D(2026, 1, 31), [_sms(1, "2026-01-10")])
        _store(archive, D(2026, 2, 1), D(2026, 2, 27), [_sms(2, "2026-02-10")])
        _store(archive, D(2026, 5, 1), D(2026, 5, 20), [_sms(3, "2026-05-10")])
        assert archive.warm_months("logsmsout", D(2026, 1, 1), D(2026, 5, 20),
                                   today=TODAY) == 1
        assert cached() == ["2026-01"]
        assert archive.warm_months("logsmsout", D(2026, 1, 1), D(2026, 1, 31),
                                   today=TODAY) == 0  # already there
        # A day stored incomplete (cut short by the limit) keeps its month out.
        archive.store_range("logsmsout", D(2026, 2, 28), D(2026, 2, 28),
                            LogColumns.empty("logsmsout"), today=TODAY, complete=False)
        assert archive.warm_months("logsmsout", D(2026, 2, 28), D(2026, 2, 28),
                                   today=TODAY) == 0
        _store(archive, D(2026, 2, 28), D(2026, 2, 28), [])
        assert archive.warm_months("logsmsout", D(2026, 2, 28), D(2026, 2, 28),
                                   today=TODAY) == 1
        assert cached() == ["2026-01", "2026-02"]
        # What the cache gives is exactly what the rows are.
        year = (D(2026, 1, 1), D(2026, 2, 28))
        assert list(zip(*archive.columns("logsmsout", *year), strict=True)) == (
            archive.rows("logsmsout", *year))
    finally:
        archive.close()


def test_warm_months_counts_only_what_it_cached(tmp_path: Path) -> None:
    archive = Archive.in_directory(tmp_path / "exact")
    try:
        # December into a leap February; December's cost has more than six decimals.
        archive.store_range("logsmsout", D(2023, 12, 1), D(2024, 2, 29), log_columns(
            "logsmsout", [_sms(1, "2023-12-31", cost="0.0000015"), _sms(2, "2024-01-01"),
                          _sms(3, "2024-02-29")]), today=TODAY)
        assert archive.warm_months("logsmsout", D(2023, 12, 1), D(2024, 2, 29),
                                   today=TODAY) == 2
        assert [m for (m,) in archive._conn.execute(
            "SELECT month FROM column_cache ORDER BY month")] == ["2024-01", "2024-02"]
    finally:
        archive.close()
