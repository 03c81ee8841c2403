"""What the owner chose for the alerts: which are on, and each one's settings (Qt-free).

The settings page stores these (services); the rules only read an :class:`AlertConfig`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from traitel_desktop.core.alerts.record import AlertKind
from traitel_desktop.core.insights import ANOMALY_FACTOR, ANOMALY_WINDOW

__all__ = ["AlertConfig", "BusinessHours"]


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
