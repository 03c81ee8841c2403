"""Low balance (warning and critical) and runway alerts at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.helpers.alert_rows import NOW
from traitel_desktop.core.alerts import AlertConfig, AlertKind, Severity
from traitel_desktop.core.alerts.balance import (
    LEVEL_CRITICAL,
    LEVEL_RUNWAY,
    LEVEL_WARNING,
    balance_alerts,
    runway_alerts,
)

CONFIG = AlertConfig(warning_level=Decimal("10.00"), critical_level=Decimal("2.00"))
TODAY = dt.date(2026, 5, 20)


def check(balance: str, tripped: frozenset[str] = frozenset(), minutes: int = 0
          ) -> tuple[list[tuple[Severity, str]], frozenset[str]]:
    alerts, state = balance_alerts(Decimal(balance), CONFIG, tripped,
                                   NOW + dt.timedelta(minutes=minutes))
    return [(a.severity, a.key) for a in alerts], state


def test_exactly_at_the_warning_level_is_not_low_and_a_cent_below_is() -> None:
    assert check("10.00") == ([], frozenset())
    found, state = check("9.99")
    assert [s for s, _ in found] == [Severity.WARNING]
    assert state == {LEVEL_WARNING}


def test_a_crossing_alerts_once_and_re_arms_only_back_above_the_level() -> None:
    found, state = check("9.99")
    assert len(found) == 1
    assert check("5.00", state, 5)[0] == []  # still below: no second warning
    assert check("9.99", state, 10)[0] == []
    _, state = check("10.00", state, 15)  # back at the level: re-armed
    assert state == frozenset()
    again, _ = check("9.50", state, 20)
    assert len(again) == 1 and again[0][1] != found[0][1]  # a new crossing, a new key


def test_critical_exactly_at_its_level_is_a_warning_and_below_it_critical_once() -> None:
    found, state = check("2.00")
    assert [s for s, _ in found] == [Severity.WARNING]
    found, state = check("1.99", state, 5)
    assert [s for s, _ in found] == [Severity.CRITICAL]
    assert state == {LEVEL_WARNING, LEVEL_CRITICAL}
    assert check("0.50", state, 10)[0] == []
    # up between the levels: critical re-arms, warning stays tripped
    _, state = check("5.00", state, 15)
    assert state == {LEVEL_WARNING}
    assert [s for s, _ in check("1.00", state, 20)[0]] == [Severity.CRITICAL]


def test_a_fall_straight_below_critical_is_one_critical_alert_not_two() -> None:
    found, state = check("0.10")
    assert [s for s, _ in found] == [Severity.CRITICAL]
    assert check("9.00", state, 5)[0] == []  # the warning level was passed on the way


def test_the_alert_says_what_to_do_and_switched_off_says_nothing() -> None:
    alerts, _ = balance_alerts(Decimal("1.00"), CONFIG, frozenset(), NOW)
    assert "Top up" in alerts[0].text and alerts[0].target.place == "balance"
    off = AlertConfig(enabled=frozenset(set(AlertKind) - {AlertKind.LOW_BALANCE}))
    assert balance_alerts(Decimal("1.00"), off, frozenset(), NOW)[0] == []


def spend_per_day(amount: str) -> dict[dt.date, Decimal]:
    return {TODAY - dt.timedelta(days=i): Decimal(amount) for i in range(30)}


def test_runway_warns_at_exactly_n_days_not_at_n_plus_one() -> None:
    config = AlertConfig(runway_days=7)
    daily = spend_per_day("1.00")  # 1.00 a day
    alerts, state = runway_alerts(Decimal("8.00"), daily, TODAY, config, frozenset(), NOW)
    assert alerts == [] and state == frozenset()
    alerts, state = runway_alerts(Decimal("7.00"), daily, TODAY, config, frozenset(), NOW)
    assert [a.kind for a in alerts] == [AlertKind.RUNWAY]
    assert "within 7 days" in alerts[0].text and "1.00 a day" in alerts[0].text
    assert state == {LEVEL_RUNWAY}
    again, state = runway_alerts(Decimal("6.00"), daily, TODAY, config, state, NOW)
    assert again == []
    _, state = runway_alerts(Decimal("50.00"), daily, TODAY, config, state, NOW)
    assert state == frozenset()  # re-armed


def test_no_spending_means_no_runway_alert() -> None:
    alerts, _ = runway_alerts(Decimal("0.50"), {}, TODAY, AlertConfig(), frozenset(), NOW)
    assert alerts == []
