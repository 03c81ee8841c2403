"""What the owner chose for the alerts: which are on, and each one's settings (Qt-free).

The settings page stores these (services); the rules only read an :class:`AlertConfig`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from traitel_desktop.core.alert_settings import AlertSettings
from traitel_desktop.core.alerts.record import AlertKind
from traitel_desktop.core.insights import ANOMALY_FACTOR, ANOMALY_WINDOW

__all__ = ["SWITCHES", "AlertConfig", "BusinessHours", "config_from"]


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """The hours calls are expected, on the account's clock: ``start`` included, ``end``
    excluded; ``start > end`` is a night shift (22:00 to 06:00)."""

    start: dt.time = dt.time(7, 0)
    end: dt.time = dt.time(21, 0)

    def __contains__(self, moment: dt.time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True, slots=True)
class AlertConfig:
    """The alerts' settings. ``warning_level`` and ``critical_level``: the balance below
    which each alert rises; ``runway_days``: warn when the balance lasts this many days or
    fewer; ``spend_factor`` x the median of ``spend_window`` days: an unusual day;
    ``summary_after``: more new rows than this in one check make one summary alert."""

    enabled: frozenset[AlertKind] = field(default_factory=lambda: frozenset(AlertKind))
    warning_level: Decimal = Decimal("10.00")
    critical_level: Decimal = Decimal("2.00")
    runway_days: int = 7
    spend_factor: Decimal = ANOMALY_FACTOR
    spend_window: int = ANOMALY_WINDOW
    business_hours: BusinessHours = field(default_factory=BusinessHours)
    summary_after: int = 5

    def on(self, kind: AlertKind) -> bool:
        """Whether alerts of ``kind`` are switched on."""
        return kind in self.enabled


#: The owner's switch (an :class:`AlertSettings` field) of each kind of alert. A summary of
#: many new rows has no switch of its own: it stands for the row alerts that are on.
SWITCHES: dict[AlertKind, str] = {
    AlertKind.LOW_BALANCE: "low_balance",
    AlertKind.RUNWAY: "runway",
    AlertKind.NEW_FAX: "new_fax",
    AlertKind.NEW_TEXT: "new_text",
    AlertKind.MISSED_CALL: "missed_call",
    AlertKind.FAX_FAILED: "failed_fax",
    AlertKind.UNUSUAL_SPEND: "unusual_spend",
    AlertKind.NEW_COUNTRY: "new_country",
    AlertKind.AFTER_HOURS: "after_hours",
    AlertKind.SUB_ACCOUNT_SPIKE: "sub_account_spike",
}


def config_from(settings: AlertSettings) -> AlertConfig:
    """What the rules read, from what the owner chose in Settings (the one place the two
    meet: the settings page stores :class:`AlertSettings`, the rules take this)."""
    enabled = {kind for kind, switch in SWITCHES.items() if getattr(settings, switch)}
    enabled.add(AlertKind.SUMMARY)
    return AlertConfig(
        enabled=frozenset(enabled),
        warning_level=settings.warning_level,
        critical_level=settings.critical_level,
        runway_days=settings.runway_days,
        spend_factor=settings.spend_factor,
        business_hours=BusinessHours(settings.business_start, settings.business_end),
    )
