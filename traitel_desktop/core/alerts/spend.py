"""Spend alerts: today's spend is unusual (k x the median of the days before, the rule of
:func:`traitel_desktop.core.insights.anomalies`), and one sub-account spent more in an hour
than it usually does in a day (a fraud tripwire: it warns, it cannot block).

Days and hours are the account's calendar and wall clock (what the archive holds).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from traitel_desktop.core.alerts.config import AlertConfig
from traitel_desktop.core.alerts.record import SPEND, Alert, AlertKind, Severity
from traitel_desktop.core.alerts.rows import LogRow
from traitel_desktop.core.insights import anomalies
from traitel_desktop.core.money import format_amount
from traitel_desktop.core.spend import SPEND_LOGS

__all__ = ["hourly_spend", "sub_account_spikes", "unusual_spend"]

ZERO = Decimal(0)


def unusual_spend(
    daily: Mapping[dt.date, Decimal], today: dt.date, config: AlertConfig, now: dt.datetime,
) -> list[Alert]:
    """One warning when today's spend (``daily``: spend per day, with the
    ``config.spend_window`` days before today) is above ``config.spend_factor`` x their
    median. Its key is the day: one alert per day at most."""
    if not config.on(AlertKind.UNUSUAL_SPEND):
        return []
    found = anomalies(daily, today, today, factor=config.spend_factor,
                      window=config.spend_window)
    if not found:
        return []
    day = found[0]
    return [Alert(
        AlertKind.UNUSUAL_SPEND, Severity.WARNING,
        f"Unusual spending today: {format_amount(day.amount)}",
        f"Today you spent {format_amount(day.amount)}, {day.ratio} times your usual "
        f"{format_amount(day.median)} a day (the middle day of the last {config.spend_window}"
        " days). Look at Spend to see where it went; if it wasn't you, change the "
        "passwords of your internet phones (SIP passwords) in TraiTel's portal.",
        f"{AlertKind.UNUSUAL_SPEND.value}:{today.isoformat()}", SPEND, now)]


def hourly_spend(rows: Iterable[LogRow]) -> dict[tuple[int, dt.date, int], Decimal]:
    """Spend per (sub-account, day, hour) of the rows of the logs that cost money."""
    out: dict[tuple[int, dt.date, int], Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        if row.log in SPEND_LOGS and row.cost:
            out[(row.sub_id, row.day, row.time.hour)] += row.cost
    return dict(out)


def sub_account_spikes(
    hours: Mapping[tuple[int, dt.date, int], Decimal],
    usual_daily: Mapping[int, Decimal],
    config: AlertConfig,
    now: dt.datetime,
    names: Mapping[int, str] | None = None,
) -> list[Alert]:
    """A warning for each sub-account and hour whose spend (``hours``, see
    :func:`hourly_spend`) is above what the sub-account usually spends in a whole day
    (``usual_daily``: its average day over the last weeks). A sub-account with no usual
    spend has nothing to compare with: no alert. One alert per sub-account and hour."""
    if not config.on(AlertKind.SUB_ACCOUNT_SPIKE):
        return []
    alerts = []
    for (sub_id, day, hour), amount in sorted(hours.items()):
        usual = usual_daily.get(sub_id, ZERO)
        if usual <= 0 or amount <= usual:
            continue
        who = (names or {}).get(sub_id) or f"sub-account {sub_id}"
        alerts.append(Alert(
            AlertKind.SUB_ACCOUNT_SPIKE, Severity.WARNING,
            f"{who[0].upper()}{who[1:]} spent {format_amount(amount)} in one hour",
            f"Between {hour:02d}:00 and {hour:02d}:59 on {day.isoformat()}, {who} spent "
            f"{format_amount(amount)}, more than it usually spends in a whole day "
            f"({format_amount(usual)}). If this wasn't you, change that internet "
            "phone's password (SIP password) in TraiTel's portal.",
            f"{AlertKind.SUB_ACCOUNT_SPIKE.value}:{sub_id}:{day.isoformat()}T{hour:02d}",
            SPEND, now))
    return alerts
