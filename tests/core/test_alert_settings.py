"""Quiet hours and business hours (issue 15): windows across midnight, their edges, and
critical alerts that notify even when quiet."""

from __future__ import annotations

import datetime as dt

import pytest

from traitel_desktop.core.alert_settings import AlertSettings, within

T = dt.time


@pytest.mark.parametrize(("start", "end", "at", "inside"), [
    (T(22), T(7), T(21, 59), False),
    (T(22), T(7), T(22), True),  # the start is in
    (T(22), T(7), T(0), True),  # across midnight
    (T(22), T(7), T(6, 59), True),
    (T(22), T(7), T(7), False),  # the end is out
    (T(8), T(18), T(7, 59), False),
    (T(8), T(18), T(8), True),
    (T(8), T(18), T(17, 59, 59), True),
    (T(8), T(18), T(18), False),
    (T(9), T(9), T(9), False),  # an empty window
])
def test_within(start: dt.time, end: dt.time, at: dt.time, inside: bool) -> None:
    assert within(start, end, at) is inside


def test_quiet_hours_only_critical_alerts_notify() -> None:
    quiet = AlertSettings(quiet_hours=True, quiet_start=T(22), quiet_end=T(7))
    assert quiet.is_quiet(T(23, 30)) and quiet.is_quiet(T(0, 0))
    assert not quiet.notifies(critical=False, at=T(23, 30))
    assert quiet.notifies(critical=True, at=T(23, 30))
    assert quiet.notifies(critical=False, at=T(7, 0))
    assert quiet.notifies(critical=False, at=T(21, 59))


def test_quiet_hours_switched_off_never_silence() -> None:
    settings = AlertSettings(quiet_hours=False)
    assert all(settings.notifies(critical=False, at=T(h)) for h in range(24))


def test_after_hours_tripwire() -> None:
    settings = AlertSettings(business_start=T(8, 30), business_end=T(17, 30))
    assert settings.outside_business_hours(T(8, 29))
    assert not settings.outside_business_hours(T(8, 30))
    assert not settings.outside_business_hours(T(17, 29))
    assert settings.outside_business_hours(T(17, 30))
    assert not AlertSettings(after_hours=False).outside_business_hours(T(3))
    night_shift = AlertSettings(business_start=T(20), business_end=T(4))
    assert not night_shift.outside_business_hours(T(2))
    assert night_shift.outside_business_hours(T(12))


def test_defaults_are_the_issues() -> None:
    settings = AlertSettings()
    assert settings.poll_minutes == 5 and str(settings.spend_factor) == "3"
    assert settings.critical_level < settings.warning_level
