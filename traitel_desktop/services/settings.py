"""Typed access to the app's QSettings (preferences and window state; never a password).

No value in the settings file can stop the app: each key is read by a parser of its own type
(INI files give strings back), and a value that does not parse or is out of range (a
threshold of ``1e27``, ``NaN``, a 10,000-digit refresh interval, a profile that does not
exist, a list where a text belongs ...) is ignored with a log line: the default is used. A
key that is absent gives its default quietly. :data:`KEYS` lists every key.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.core.alert_settings import (
    MAX_POLL_MINUTES,
    MAX_RUNWAY_DAYS,
    MIN_POLL_MINUTES,
    MIN_RUNWAY_DAYS,
    AlertSettings,
    valid_spend_factor,
)
from traitel_desktop.core.spend import Period
from traitel_desktop.services.setting_parsers import (
    bool_value,
    byte_array_value,
    choice_of,
    clock_value,
    currency_value,
    date_value,
    decimal_where,
    shown,
    text_value,
    threshold_value,
    whole_in,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_THRESHOLD = Decimal("5.00")
DEFAULT_REFRESH_MINUTES = 5
MIN_REFRESH_MINUTES = 0  # 0 = no automatic refresh
MAX_REFRESH_MINUTES = 24 * 60
_LONGEST_VIEW_DAYS = 100 * 366  # a longer saved range is damage, not a choice

#: The gateway profiles (``services.signin.PROFILES``; not imported: signin needs this module).
PROFILES = ("traitel", "sandbox", "custom")
#: Every key the app reads and writes.
KEYS: tuple[str, ...] = (
    "signin/username", "signin/profile", "signin/custom_primary", "signin/custom_alternate",
    "signin/remember", "balance/low_threshold", "balance/refresh_minutes", "activity/log",
    "activity/start", "activity/end", "activity/rolling", "activity/export_folder",
    "spend/period", "spend/start", "spend/end", "window/geometry", "window/last_tab",
    "help/geometry", "money/currency", "tray/keep_running",
)
#: The Spend tab's periods (``core.spend.Period`` values).
SPEND_PERIODS = tuple(period.value for period in Period)


#: Each field of :class:`AlertSettings`: its key and its parser.
ALERT_KEYS: dict[str, tuple[str, Callable[[object], Any]]] = {
    "poll_minutes": ("alerts/poll_minutes", whole_in(MIN_POLL_MINUTES, MAX_POLL_MINUTES)),
    "low_balance": ("alerts/low_balance", bool_value),
    "warning_level": ("alerts/warning_level", threshold_value),
    "critical_level": ("alerts/critical_level", threshold_value),
    "runway": ("alerts/runway", bool_value),
    "runway_days": ("alerts/runway_days", whole_in(MIN_RUNWAY_DAYS, MAX_RUNWAY_DAYS)),
    "unusual_spend": ("alerts/unusual_spend", bool_value),
    "spend_factor": ("alerts/spend_factor", decimal_where(valid_spend_factor)),
    "new_fax": ("alerts/new_fax", bool_value),
    "new_text": ("alerts/new_text", bool_value),
    "missed_call": ("alerts/missed_call", bool_value),
    "failed_fax": ("alerts/failed_fax", bool_value),
    "new_country": ("alerts/new_country", bool_value),
    "after_hours": ("alerts/after_hours", bool_value),
    "business_start": ("alerts/business_start", clock_value),
    "business_end": ("alerts/business_end", clock_value),
    "sub_account_spike": ("alerts/sub_account_spike", bool_value),
    "quiet_hours": ("alerts/quiet_hours", bool_value),
    "quiet_start": ("alerts/quiet_start", clock_value),
    "quiet_end": ("alerts/quiet_end", clock_value),
}
KEYS += tuple(key for key, _parse in ALERT_KEYS.values())
#: Pairs of fields that make no sense together (the first must be below the second): both
#: are read as their defaults then.
_ORDERED = (("critical_level", "warning_level"),)
#: Pairs of times that must differ (an empty window of hours is damage, not a choice).
_DIFFERENT = (("business_start", "business_end"), ("quiet_start", "quiet_end"))

def _pair_ignored(values: dict[str, Any], defaults: AlertSettings, first: str, second: str,
                  relation: str) -> None:
    """Read two alert fields that make no sense together as their defaults, with a log line."""
    log.warning("Settings %s and %s ignored, the defaults are used instead: %s %s %s",
                ALERT_KEYS[first][0], ALERT_KEYS[second][0], values[first], relation,
                values[second])
    values[first], values[second] = getattr(defaults, first), getattr(defaults, second)


@dataclass(frozen=True, slots=True)
class ActivityView:
    """The Activity tab's log and dates, as left at the last session.

    ``rolling`` is True when the range ended today: it then comes back as the same number
    of days ending on the new today ("the last 30 days" stays that). Otherwise the exact
    dates come back (a month being reconciled stays that month)."""

    log: str
    start: dt.date
    end: dt.date
    rolling: bool

    def dates(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The range to show when ``today`` is today (never past it)."""
        if self.rolling:
            return today - (self.end - self.start), today
        end = min(self.end, today)
        return min(self.start, end), end


@dataclass(frozen=True, slots=True)
class SpendView:
    """The Spend tab's period as left at the last session (a ``core.spend.Period`` value);
    ``start`` and ``end`` are the dates of a custom period (None otherwise)."""

    period: str
    start: dt.date | None = None
    end: dt.date | None = None


class AppSettings:
    """The app's preferences on top of a QSettings (the default one unless given)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    # --- helpers -------------------------------------------------------------------------
    def _read(self, key: str, default: T, parse: Callable[[object], T | None]) -> T:
        """The value of ``key`` read by ``parse``; the default when the key is absent, or
        (with a log line) when ``parse`` refuses what is there."""
        if not self.qsettings.contains(key):
            return default
        raw = self.qsettings.value(key)
        value = parse(raw)
        if value is None:
            log.warning("Setting %s ignored, the default is used instead: %s is not a valid "
                        "value", key, shown(raw))
            return default
        return value

    def _str(self, key: str, default: str = "") -> str:
        return self._read(key, default, text_value)

    def _bool(self, key: str, default: bool) -> bool:
        return self._read(key, default, bool_value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.qsettings.sync()

    # --- sign-in ------------------------------------------------------------------------
    @property
    def last_username(self) -> str:
        return self._str("signin/username")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self.qsettings.setValue("signin/username", value)

    @property
    def profile(self) -> str:
        """Gateway profile id: ``traitel``, ``sandbox`` or ``custom``."""
        return self._read("signin/profile", PROFILES[0], choice_of(PROFILES))

    @profile.setter
    def profile(self, value: str) -> None:
        self.qsettings.setValue("signin/profile", value)

    @property
    def custom_urls(self) -> tuple[str, str]:
        return self._str("signin/custom_primary"), self._str("signin/custom_alternate")

    @custom_urls.setter
    def custom_urls(self, value: tuple[str, str]) -> None:
        self.qsettings.setValue("signin/custom_primary", value[0])
        self.qsettings.setValue("signin/custom_alternate", value[1])

    @property
    def remember_me(self) -> bool:
        return self._bool("signin/remember", False)

    @remember_me.setter
    def remember_me(self, value: bool) -> None:
        self.qsettings.setValue("signin/remember", bool(value))

    # --- preferences --------------------------------------------------------------------
    @property
    def low_balance_threshold(self) -> Decimal:
        """Below this the balance shows as low (a setting out of range is ignored:
        :func:`valid_threshold`)."""
        return self._read("balance/low_threshold", DEFAULT_THRESHOLD, threshold_value)

    @low_balance_threshold.setter
    def low_balance_threshold(self, value: Decimal) -> None:
        self.qsettings.setValue("balance/low_threshold", str(value))

    @property
    def refresh_minutes(self) -> int:
        """Minutes between automatic balance refreshes (0: never)."""
        return self._read("balance/refresh_minutes", DEFAULT_REFRESH_MINUTES,
                          whole_in(MIN_REFRESH_MINUTES, MAX_REFRESH_MINUTES))

    @refresh_minutes.setter
    def refresh_minutes(self, value: int) -> None:
        self.qsettings.setValue("balance/refresh_minutes", int(value))

    @property
    def watch_minutes(self) -> int:
        """Minutes between the watcher's checks of the account (at least one): the alert
        settings' poll interval (``alerts/poll_minutes``)."""
        return self.alert_settings.poll_minutes

    @property
    def currency(self) -> str:
        """The owner's currency, an ISO 4217 code such as ``"AUD"`` ("" until they pick it:
        the TraiTel API names none)."""
        return self._read("money/currency", "", currency_value)

    @currency.setter
    def currency(self, value: str) -> None:
        self.qsettings.setValue("money/currency", value)

    # --- alerts and the tray ------------------------------------------------------------
    @property
    def alert_settings(self) -> AlertSettings:
        """The owner's alert choices (each key read by its parser; a pair that makes no
        sense together, such as a critical level above the warning level, reads as both
        defaults, with a log line)."""
        defaults = AlertSettings()
        values: dict[str, Any] = {
            name: self._read(key, getattr(defaults, name), parse)
            for name, (key, parse) in ALERT_KEYS.items()
        }
        for low, high in _ORDERED:
            if values[low] > values[high]:
                _pair_ignored(values, defaults, low, high, "is above")
        for first, second in _DIFFERENT:
            if values[first] == values[second]:
                _pair_ignored(values, defaults, first, second, "is the same as")
        return AlertSettings(**values)

    @alert_settings.setter
    def alert_settings(self, value: AlertSettings) -> None:
        for name, (key, _parse) in ALERT_KEYS.items():
            field = getattr(value, name)
            if isinstance(field, dt.time):
                field = field.strftime("%H:%M")
            elif isinstance(field, Decimal):
                field = str(field)
            self.qsettings.setValue(key, field)

    @property
    def keep_in_tray(self) -> bool:
        """Closing the window leaves the app running in the tray (where there is one)."""
        return self._bool("tray/keep_running", False)

    @keep_in_tray.setter
    def keep_in_tray(self, value: bool) -> None:
        self.qsettings.setValue("tray/keep_running", bool(value))

    # --- the Activity tab ----------------------------------------------------------------
    @property
    def activity_view(self) -> ActivityView | None:
        """The Activity tab's last log and dates (None: never saved, or unreadable)."""
        log_name = self._read("activity/log", "", choice_of(LOG_NAMES))
        start = self._read("activity/start", None, date_value)
        end = self._read("activity/end", None, date_value)
        rolling = self._bool("activity/rolling", False)
        if not log_name or start is None or end is None:
            return None
        if start > end or (end - start).days > _LONGEST_VIEW_DAYS:
            log.warning("Setting activity/start..end ignored: %s to %s is not a range to show",
                        start, end)
            return None
        return ActivityView(log_name, start, end, rolling)

    @activity_view.setter
    def activity_view(self, value: ActivityView) -> None:
        self.qsettings.setValue("activity/log", value.log)
        self.qsettings.setValue("activity/start", value.start.isoformat())
        self.qsettings.setValue("activity/end", value.end.isoformat())
        self.qsettings.setValue("activity/rolling", value.rolling)

    @property
    def export_folder(self) -> str:
        """The folder the last export was saved in ("" before the first one)."""
        return self._str("activity/export_folder")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self.qsettings.setValue("activity/export_folder", value)

    # --- the Spend tab -------------------------------------------------------------------
    @property
    def spend_view(self) -> SpendView | None:
        """The Spend tab's last period (None: never saved, or unreadable)."""
        period = self._read("spend/period", "", choice_of(SPEND_PERIODS))
        start = self._read("spend/start", None, date_value)
        end = self._read("spend/end", None, date_value)
        if not period:
            return None
        if start is None or end is None:
            return SpendView(period)
        if start > end or (end - start).days > _LONGEST_VIEW_DAYS:
            log.warning("Setting spend/start..end ignored: %s to %s is not a range to show",
                        start, end)
            return SpendView(period)
        return SpendView(period, start, end)

    @spend_view.setter
    def spend_view(self, value: SpendView) -> None:
        self.qsettings.setValue("spend/period", value.period)
        for key, day in (("spend/start", value.start), ("spend/end", value.end)):
            if day is None:
                self.qsettings.remove(key)
            else:
                self.qsettings.setValue(key, day.isoformat())

    # --- window state -------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray:
        return self._read("window/geometry", QByteArray(), byte_array_value)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def help_geometry(self) -> QByteArray:
        """The Help window's size and place."""
        return self._read("help/geometry", QByteArray(), byte_array_value)

    @help_geometry.setter
    def help_geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("help/geometry", value)

    @property
    def last_tab(self) -> str:
        return self._str("window/last_tab", "")

    @last_tab.setter
    def last_tab(self, value: str) -> None:
        self.qsettings.setValue("window/last_tab", value)
