"""What the owner chose about alerts (issue 15): how often the account is checked, which
alerts are on with their levels, the business hours of the after-hours tripwire, and the quiet
hours during which only critical alerts notify.

Qt-free: the watcher and the alert rules take an :class:`AlertSettings`; the app reads one
from its settings file (``services.settings.AppSettings.alert_settings``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

#: Minutes between two checks of the account (issue 15: default 5, never below 1).
DEFAULT_POLL_MINUTES = 5
MIN_POLL_MINUTES = 1
MAX_POLL_MINUTES = 24 * 60
#: Days of the runway alert ("the balance runs out within N days").
DEFAULT_RUNWAY_DAYS = 7
MIN_RUNWAY_DAYS = 1
MAX_RUNWAY_DAYS = 365
#: Unusual spend: today above k x the median day of the last 28 days.
DEFAULT_SPEND_FACTOR = Decimal("3")
MIN_SPEND_FACTOR = Decimal("1")  # exclusive: today above 1 x a usual day is every other day
MAX_SPEND_FACTOR = Decimal("100")
DEFAULT_WARNING_LEVEL = Decimal("10.00")
DEFAULT_CRITICAL_LEVEL = Decimal("2.00")


def valid_spend_factor(value: Decimal) -> bool:
    """Whether ``value`` can be the unusual-spend factor k (above 1, at most 100)."""
    return value.is_finite() and MIN_SPEND_FACTOR < value <= MAX_SPEND_FACTOR


def within(start: dt.time, end: dt.time, at: dt.time) -> bool:
    """Whether the clock time ``at`` falls in ``start``..``end`` (start included, end not),
    across midnight when ``end`` is before ``start`` (22:00 to 07:00). Equal ends: never."""
    if start <= end:
        return start <= at < end
    return at >= start or at < end


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """The owner's alert choices. Each alert has its switch; levels are money (Decimal)."""

    poll_minutes: int = DEFAULT_POLL_MINUTES
    # money
    low_balance: bool = True
    warning_level: Decimal = DEFAULT_WARNING_LEVEL
    critical_level: Decimal = DEFAULT_CRITICAL_LEVEL
    runway: bool = True
    runway_days: int = DEFAULT_RUNWAY_DAYS
    unusual_spend: bool = True
    spend_factor: Decimal = DEFAULT_SPEND_FACTOR
    # new activity
    new_fax: bool = True
    new_text: bool = True
    missed_call: bool = True
    failed_fax: bool = True
    # fraud tripwires (they warn, never block)
    new_country: bool = True
    after_hours: bool = True
    business_start: dt.time = dt.time(8, 0)
    business_end: dt.time = dt.time(18, 0)
    sub_account_spike: bool = True
    # quiet hours: only critical alerts notify
    quiet_hours: bool = False
    quiet_start: dt.time = dt.time(22, 0)
    quiet_end: dt.time = dt.time(7, 0)

    def is_quiet(self, at: dt.time) -> bool:
        """Whether ``at`` (a clock time in the account's zone) is in the quiet hours."""
        return self.quiet_hours and within(self.quiet_start, self.quiet_end, at)

    def notifies(self, *, critical: bool, at: dt.time) -> bool:
        """Whether an alert raised at ``at`` pops up a notification (it is listed anyway):
        always when critical, otherwise outside the quiet hours."""
        return critical or not self.is_quiet(at)

    def outside_business_hours(self, at: dt.time) -> bool:
        """Whether an outbound call at ``at`` trips the after-hours tripwire."""
        return self.after_hours and not within(self.business_start, self.business_end, at)
