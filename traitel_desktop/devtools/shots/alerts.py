"""Screenshot of the Alerts tab with several kinds of alert (``alerts``): a low balance, a new
text, a fax that was not sent, unusual spending and a first call to a new country, made by
the real alert rules from fixed inputs (times the hours before now, on the account's clock)
and kept in the demo account's record through the watcher's book; the oldest two read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.alerts import Alert, AlertConfig
from traitel_desktop.core.alerts.activity import row_alerts
from traitel_desktop.core.alerts.balance import balance_alerts
from traitel_desktop.core.alerts.fraud import new_country_alerts
from traitel_desktop.core.alerts.rows import log_rows
from traitel_desktop.core.alerts.spend import unusual_spend
from traitel_desktop.core.dates import in_zone, now_utc
from traitel_desktop.devtools.shot_kit import Shot

_HOUR = dt.timedelta(hours=1)


def _row(log: str, ident: int, at: dt.datetime, **values: Any) -> Any:
    """One typed row of ``log`` at ``at`` (wall clock), other columns from ``values``."""
    fields = {"ID": ident, "Sub-ID": 1, "Date": at.date().isoformat(),
              "Time": at.time().replace(microsecond=0).isoformat(), **values}
    row = tuple(fields.get(name, 0) for name in LOGS[log].headers)
    return log_rows(log, [row])[0]


def shot_alerts(zone: str | None, now: dt.datetime | None = None) -> list[Alert]:
    """The alerts of the picture, oldest first, through the real rules."""
    now = now or now_utc()
    config = AlertConfig()
    wall = in_zone(now, zone).replace(tzinfo=None)
    alerts: list[Alert] = []
    spend = {(wall - dt.timedelta(days=d)).date(): Decimal("3.10") for d in range(1, 29)}
    spend[wall.date()] = Decimal("14.80")
    alerts += unusual_spend(spend, wall.date(), config, now - 5 * _HOUR)
    alerts += new_country_alerts(
        [_row("logvoiceout", 7_100_001, wall - 4 * _HOUR, From="61290001111",
              To="2348031234567", Result="answered", Cost=2_450_000)],
        frozenset({"AU", "NZ", "GB"}), config, now - 4 * _HOUR)[0]
    alerts += row_alerts(
        [_row("logfaxout", 7_100_002, wall - 3 * _HOUR, From="61290001111",
              To="61298765432", Pages=3, ErrorCode=2)], config, now - 3 * _HOUR)
    alerts += row_alerts(
        [_row("logsmsin", 7_100_003, wall - _HOUR, From="61400111222", To="61290002222",
              MessageType="text", Message="Hi, is the shop open on Saturday morning?")],
        config, now - _HOUR)
    alerts += balance_alerts(Decimal("1.80"), config, frozenset(), now - _HOUR / 2)[0]
    return alerts


async def alerts_shot(ctx: Any) -> QWidget:
    """The main window on the Alerts tab with :func:`shot_alerts` kept (two read)."""
    from traitel_desktop.devtools.shot_kit import settle
    from traitel_desktop.ui.alerts.tab import AlertsTab

    window = ctx.window
    watcher = window.watcher
    if watcher is not None:
        kept = watcher.book.add(shot_alerts(ctx.session.time_zone))
        for stored in watcher.alerts()[-2:] if kept else []:
            watcher.book.mark_read(stored.id)
        watcher.alerts_changed.emit()
    window.tabs.setCurrentIndex([spec.name for spec in window.specs].index("alerts"))
    tab = window.tab("alerts")
    assert isinstance(tab, AlertsTab)
    await tab.reload()
    tab.select_row(0)
    await settle()
    return window


SHOTS: list[tuple[str, Shot]] = [("alerts", alerts_shot)]
