"""Money alerts about the balance: below the warning or critical level, and "will run out
within N days" at the recent rate (the runway of :mod:`traitel_desktop.core.insights`).

Each level alerts once per crossing: it trips when the balance goes below it and re-arms
only once the balance is back at or above it. The caller keeps the set of tripped levels
(:data:`LEVEL_WARNING`, :data:`LEVEL_CRITICAL`, :data:`LEVEL_RUNWAY`) between checks, and
across restarts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from traitel_desktop.core.alerts.config import AlertConfig
from traitel_desktop.core.alerts.record import BALANCE, SPEND, Alert, AlertKind, Severity
from traitel_desktop.core.insights import runway
from traitel_desktop.core.money import format_amount

__all__ = ["LEVEL_CRITICAL", "LEVEL_RUNWAY", "LEVEL_WARNING", "balance_alerts",
           "runway_alerts"]

LEVEL_WARNING = "balance-warning"
LEVEL_CRITICAL = "balance-critical"
LEVEL_RUNWAY = "runway"


def _key(level: str, now: dt.datetime) -> str:
    """One crossing: the level and the instant it was seen."""
    return f"{level}:{now.astimezone(dt.UTC).isoformat(timespec='seconds')}"


def balance_alerts(
    balance: Decimal, config: AlertConfig, tripped: frozenset[str], now: dt.datetime,
) -> tuple[list[Alert], frozenset[str]]:
    """The low-balance alerts for ``balance`` and the tripped levels afterwards.

    Below the critical level gives one critical alert (not a warning as well: both levels
    trip); below the warning level only, a warning. A level the balance is at or above
    re-arms. Exactly at a level is not below it."""
    state = set(tripped)
    for level, amount in ((LEVEL_WARNING, config.warning_level),
                          (LEVEL_CRITICAL, config.critical_level)):
        if balance >= amount:
            state.discard(level)
    alerts: list[Alert] = []
    if config.on(AlertKind.LOW_BALANCE):
        shown = format_amount(balance)
        if balance < config.critical_level and LEVEL_CRITICAL not in state:
            alerts.append(Alert(
                AlertKind.LOW_BALANCE, Severity.CRITICAL,
                f"Your balance is very low: {shown}",
                f"Your TraiTel balance is {shown}, below {format_amount(config.critical_level)}."
                " Calls, faxes and texts stop when it runs out. Top up your account in "
                "TraiTel's portal now.",
                _key(LEVEL_CRITICAL, now), BALANCE, now))
            state.update((LEVEL_CRITICAL, LEVEL_WARNING))
        elif balance < config.warning_level and not state & {LEVEL_WARNING, LEVEL_CRITICAL}:
            alerts.append(Alert(
                AlertKind.LOW_BALANCE, Severity.WARNING,
                f"Your balance is low: {shown}",
                f"Your TraiTel balance is {shown}, below {format_amount(config.warning_level)}."
                " Top up your account in TraiTel's portal soon.",
                _key(LEVEL_WARNING, now), BALANCE, now))
            state.add(LEVEL_WARNING)
    if balance < config.critical_level:
        state.update((LEVEL_CRITICAL, LEVEL_WARNING))
    elif balance < config.warning_level:
        state.add(LEVEL_WARNING)
    return alerts, frozenset(state)


def runway_alerts(
    balance: Decimal, daily: Mapping[dt.date, Decimal], today: dt.date, config: AlertConfig,
    tripped: frozenset[str], now: dt.datetime,
) -> tuple[list[Alert], frozenset[str]]:
    """A warning when the balance lasts ``config.runway_days`` days or fewer at the spend of
    the last 30 days (``daily``: spend per day in the account's calendar, ``today`` there).
    Trips once; re-arms when the runway is longer again (or nothing is being spent)."""
    state = set(tripped)
    figure = runway(balance, daily, today)
    short = figure.days is not None and figure.days <= config.runway_days
    if not short:
        state.discard(LEVEL_RUNWAY)
        return [], frozenset(state)
    alerts: list[Alert] = []
    if LEVEL_RUNWAY not in state and config.on(AlertKind.RUNWAY):
        days = figure.days or 0
        when = "today" if days == 0 else ("within a day" if days == 1 else
                                          f"within {days} days")
        alerts.append(Alert(
            AlertKind.RUNWAY, Severity.WARNING,
            f"Your balance may run out {when}",
            f"At your spending of the last {figure.window} days "
            f"({format_amount(figure.daily_average)} a day), your balance of "
            f"{format_amount(balance)} runs out {when}. Top up your account in TraiTel's "
            "portal to keep calls, faxes and texts going.",
            _key(LEVEL_RUNWAY, now), SPEND, now))
    state.add(LEVEL_RUNWAY)
    return alerts, frozenset(state)
