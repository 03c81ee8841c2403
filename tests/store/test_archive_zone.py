"""Moving the archive to a new account time zone: rows relabelled, boundary days marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.log_rows import log_columns
from traitel_desktop.store.archive import Archive
from traitel_desktop.store.archive_zone import Relabel

D = dt.date
TODAY = D(2026, 5, 20)


def store(archive: Archive, first: D, last: D, rows: list[tuple[int, str, str]]) -> None:
    csv_rows = [[str(i), "0", day, time, "1", "2", "1", "", "0.0500"] for i, day, time in rows]
    archive.store_range("logsmsout", first, last, log_columns("logsmsout", csv_rows),
                        today=TODAY)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


def expected(day: str, time: str, old: str, new: str) -> tuple[str, str]:
    local = dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=ZoneInfo(old))
    moved = local.astimezone(ZoneInfo(new))
    return moved.date().isoformat(), moved.time().isoformat()


def test_rows_are_relabelled_and_run_edges_marked(archive: Archive) -> None:
    archive.set_zone("Australia/Sydney")
    store(archive, D(2026, 3, 1), D(2026, 3, 10), [
        (1, "2026-03-01", "05:00:00"), (2, "2026-03-05", "10:00:00"),
        (3, "2026-03-05", "23:30:00"), (4, "2026-03-10", "20:00:00"),
    ])
    # 02:30 on 5 April 2026 happens twice in Sydney (daylight saving ends at 03:00).
    store(archive, D(2026, 4, 5), D(2026, 4, 5), [(5, "2026-04-05", "02:30:00")])
    marked = archive.change_time_zone("UTC", today_old=TODAY, today_new=TODAY)

    assert archive.zone == "UTC"
    assert marked == {"logsmsout": [D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 9),
                                    D(2026, 3, 10), D(2026, 4, 5)]}
    missing = archive.missing_days("logsmsout", D(2026, 3, 1), D(2026, 3, 10), TODAY)
    assert missing == marked["logsmsout"][:4]
    rows = {r[0]: r[2:4] for r in archive.rows("logsmsout", D(2026, 2, 1), D(2026, 4, 30))}
    assert rows[1] == ("2026-02-28", "18:00:00")
    assert rows[2] == expected("2026-03-05", "10:00:00", "Australia/Sydney", "UTC")
    assert rows[3] == ("2026-03-05", "12:30:00")
    assert rows[5] == ("2026-04-04", "15:30:00")  # the first of the two instants


def test_days_near_today_are_marked_and_other_logs_untouched(archive: Archive) -> None:
    archive.set_zone("Europe/Berlin")
    store(archive, D(2026, 5, 8), D(2026, 5, 20), [(1, "2026-05-12", "12:00:00")])
    # Moving west: today there is still the 19th.
    marked = archive.change_time_zone("America/Los_Angeles", today_old=TODAY,
                                      today_new=D(2026, 5, 19))
    days = marked["logsmsout"]
    assert days == [D(2026, 5, 8), D(2026, 5, 9), D(2026, 5, 17), D(2026, 5, 18),
                    D(2026, 5, 19), D(2026, 5, 20)]
    states = archive.day_states("logsmsout", D(2026, 5, 10), D(2026, 5, 16))
    assert all(s.complete and s.final for s in states.values()) and len(states) == 7
    assert archive.rows("logsmsout", D(2026, 5, 12), D(2026, 5, 12))[0][2:4] == (
        "2026-05-12", "03:00:00")


def test_first_zone_is_recorded_and_same_zone_changes_nothing(archive: Archive) -> None:
    assert archive.zone is None
    assert archive.change_time_zone("Asia/Tokyo", today_old=TODAY, today_new=TODAY) == {}
    assert archive.zone == "Asia/Tokyo"
    store(archive, D(2026, 3, 1), D(2026, 3, 3), [(1, "2026-03-02", "00:30:00")])
    assert archive.change_time_zone("Asia/Tokyo", today_old=TODAY, today_new=TODAY) == {}
    assert archive.rows("logsmsout", D(2026, 3, 2), D(2026, 3, 2))[0][3] == "00:30:00"
    assert archive.missing_days("logsmsout", D(2026, 3, 1), D(2026, 3, 3), TODAY) == []


@pytest.mark.parametrize("old,new", [
    ("Australia/Sydney", "America/New_York"),
    ("Pacific/Kiritimati", "Etc/GMT+12"),  # the widest gap: 26 hours
    ("Australia/Lord_Howe", "Asia/Kathmandu"),  # half-hour DST, quarter-hour offset
])
def test_relabel_agrees_with_zoneinfo(old: str, new: str) -> None:
    relabel = Relabel(old, new)
    start = dt.datetime(2026, 1, 1, 0, 7, 11)
    compared = 0
    for step in range(0, 365 * 24, 7):
        local = start + dt.timedelta(hours=step)
        day, time = local.date().isoformat(), local.time().isoformat()
        new_day, new_time, other = relabel(day, time)
        first = local.replace(tzinfo=ZoneInfo(old)).astimezone(ZoneInfo(new))
        exists = first.astimezone(ZoneInfo(old)).replace(tzinfo=None) == local
        if other is None and exists:
            assert (new_day, new_time) == (first.date().isoformat(),
                                           first.time().isoformat()), (day, time)
            compared += 1
    assert compared > 1200
