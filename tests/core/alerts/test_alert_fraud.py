"""Fraud tripwires: first call to a new country; calls outside business hours, at the edges
of the hours, across midnight and across a change of the account's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.helpers.alert_rows import NOW, call
from traitel_desktop.core.alerts import AlertConfig, BusinessHours
from traitel_desktop.core.alerts.fraud import new_country_alerts, outside_hours_alerts
from traitel_desktop.core.alerts.rows import log_rows

DAY = dt.date(2026, 5, 20)


def test_the_first_call_to_a_country_warns_once_and_known_ones_never() -> None:
    rows = log_rows("logvoiceout", [
        call(1, DAY, other="61733334444", out=True),   # Australia: known
        call(2, DAY, other="4930123456", out=True),    # Germany: new
        call(3, DAY, other="4989123456", out=True),    # Germany again: same alert
        call(4, DAY, other="61733334444"),             # a call received: not counted
    ])
    alerts, known = new_country_alerts(rows, frozenset({"AU"}), AlertConfig(), NOW)
    assert [a.key for a in alerts] == ["new_country:DE"]
    assert "Germany" in alerts[0].title and "SIP password" in alerts[0].text
    assert known == {"AU", "DE"}
    assert new_country_alerts(rows, known, AlertConfig(), NOW)[0] == []


def hours_alerts(*times: str, hours: BusinessHours) -> list[str]:
    rows = log_rows("logvoiceout", [call(i, DAY, t, out=True) for i, t in enumerate(times)])
    return [a.title for a in outside_hours_alerts(rows, AlertConfig(business_hours=hours),
                                                  NOW)]


def test_business_hours_include_their_start_and_exclude_their_end() -> None:
    hours = BusinessHours(dt.time(8), dt.time(18))
    assert hours_alerts("08:00:00", "17:59:59", hours=hours) == []
    assert len(hours_alerts("07:59:59", "18:00:00", hours=hours)) == 2


def test_night_shift_hours_run_across_midnight() -> None:
    night = BusinessHours(dt.time(22), dt.time(6))
    assert hours_alerts("23:30:00", "00:00:00", "05:59:59", hours=night) == []
    assert len(hours_alerts("06:00:00", "12:00:00", hours=night)) == 2


def test_after_a_time_zone_change_the_same_call_is_judged_on_the_new_clock() -> None:
    """The archive moves its rows to the new zone (Archive.change_time_zone); the rule reads
    the wall clock the archive holds, so the same instant reads differently."""
    instant = dt.datetime(2026, 5, 20, 10, 30, tzinfo=dt.UTC)
    hours = BusinessHours(dt.time(8), dt.time(18))
    for zone, outside in (("Europe/London", False), ("Australia/Sydney", True)):
        wall = instant.astimezone(ZoneInfo(zone))
        rows = log_rows("logvoiceout", [call(1, wall.date(), f"{wall:%H:%M:%S}", out=True)])
        found = outside_hours_alerts(rows, AlertConfig(business_hours=hours), NOW)
        assert bool(found) is outside, zone
