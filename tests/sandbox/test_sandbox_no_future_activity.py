"""The demo data never shows activity that has not happened yet: whatever the account's time
zone, no log row is later than "now" there. The sandbox's clock is pinned (several instants,
a DST change among them); the demo account's data is generated for its own zone (Sydney), so
moving the account to another zone is what used to put Sydney's morning into the future."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.wire import call
from traitel_desktop.contract.modes import LOG_MODES
from traitel_desktop.sandbox import Sandbox, start_sandbox

ZONES = ("Australia/Sydney", "Europe/Berlin", "America/Los_Angeles", "UTC", "Pacific/Kiritimati")
INSTANTS = (
    datetime(2026, 5, 9, 19, 15, tzinfo=UTC),  # 05:15 in Sydney, 21:15 in Berlin
    datetime(2026, 5, 9, 23, 30, tzinfo=UTC),  # 09:30 in Sydney: its morning half over
    datetime(2026, 3, 29, 0, 45, tzinfo=UTC),  # Berlin's clocks just went forward
)


@pytest.fixture(params=INSTANTS, ids=lambda at: at.isoformat())
def pinned(request: pytest.FixtureRequest) -> Iterator[tuple[Sandbox, datetime]]:
    now: datetime = request.param
    with start_sandbox(seed=1, preset="demo", today=lambda: now) as sb:
        yield sb, now


def rows_until_today(url: str, mode: str, today: str, days: int = 3) -> list[dict[str, str]]:
    start = (datetime.fromisoformat(today) - timedelta(days=days)).date().isoformat()
    return call(url, mode, startdate=start, enddate=today).table()


def test_no_row_is_later_than_now_in_the_accounts_zone(
    pinned: tuple[Sandbox, datetime],
) -> None:
    sb, now = pinned
    url = sb.primary_url
    seen = 0
    for zone in ZONES:
        assert call(url, "settimezone", tz=zone).value == zone
        local_now = now.astimezone(ZoneInfo(zone))
        today = local_now.date().isoformat()
        limit = local_now.strftime("%Y-%m-%d %H:%M:%S")
        for mode in LOG_MODES:
            rows = rows_until_today(url, mode, today)
            seen += len(rows)
            late = [r for r in rows if f"{r['Date']} {r['Time']}" > limit]
            assert not late, f"{mode} in {zone} at {limit}: {late[:3]}"
    assert seen > 100  # the days before today are there


def test_activity_shows_up_as_the_clock_reaches_it() -> None:
    clock = {"now": datetime(2026, 5, 9, 19, 15, tzinfo=UTC)}  # 05:15 in Sydney
    with start_sandbox(seed=1, preset="demo", today=lambda: clock["now"]) as sb:
        today = "2026-05-10"
        early = call(sb.primary_url, "logsmsout", startdate=today, enddate=today).table()
        clock["now"] += timedelta(hours=7)  # 12:15 in Sydney: the morning has happened
        later = call(sb.primary_url, "logsmsout", startdate=today, enddate=today).table()
    assert len(later) > len(early)
    assert later[: len(early)] == early
    assert all(r["Time"] <= "05:15:00" for r in early)
