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
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.contract.readings import money_in_range
from traitel_desktop.core.currencies import is_currency_code
from traitel_desktop.core.spend import Period

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_THRESHOLD = Decimal("5.00")
DEFAULT_REFRESH_MINUTES = 5
MIN_REFRESH_MINUTES = 0  # 0 = no automatic refresh
MAX_REFRESH_MINUTES = 24 * 60
#: The watcher checks the account every this many minutes (never more often than each minute).
DEFAULT_WATCH_MINUTES = 5
MIN_WATCH_MINUTES = 1
_LONGEST_VIEW_DAYS = 100 * 366  # a longer saved range is damage, not a choice
#: A longer text setting is damage (the longest real one, a gateway address, is far shorter).
LONGEST_TEXT = 2048
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
#: What ``str(Decimal)`` writes (and people type): ASCII digits, a point, an exponent; not
#: ``1_000`` or other digits, which ``Decimal()`` would also take.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

#: The gateway profiles (``services.signin.PROFILES``; not imported: signin needs this module).
PROFILES = ("traitel", "sandbox", "custom")
#: Every key the app reads and writes.
KEYS: tuple[str, ...] = (
    "signin/username", "signin/profile", "signin/custom_primary", "signin/custom_alternate",
    "signin/remember", "balance/low_threshold", "balance/refresh_minutes", "activity/log",
    "activity/start", "activity/end", "activity/rolling", "activity/export_folder",
    "spend/period", "spend/start", "spend/end", "window/geometry", "window/last_tab",
    "help/geometry", "money/currency", "alerts/watch_minutes",
)
#: The Spend tab's periods (``core.spend.Period`` values).
SPEND_PERIODS = tuple(period.value for period in Period)


def valid_threshold(value: Decimal) -> bool:
    """Whether ``value`` can be the low-balance threshold: an amount of money in range
    (``contract.readings.money_in_range``) and not negative."""
    return money_in_range(value) and not value.is_signed()


# --- parsers: the value, or None when it is not one ---------------------------------------

def _text(raw: object) -> str | None:
    if not isinstance(raw, str) or len(raw) > LONGEST_TEXT or _CONTROL.search(raw):
        return None
    return raw


def _choice(choices: Collection[str]) -> Callable[[object], str | None]:
    def parse(raw: object) -> str | None:
        return raw if isinstance(raw, str) and raw in choices else None

    return parse


def _bool(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    return None


def _minutes(raw: object) -> int | None:
    if isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        return None
    return raw if MIN_REFRESH_MINUTES <= raw <= MAX_REFRESH_MINUTES else None


def _watch_minutes(raw: object) -> int | None:
    minutes = _minutes(raw)
    return minutes if minutes is not None and minutes >= MIN_WATCH_MINUTES else None


def _threshold(raw: object) -> Decimal | None:
    if not isinstance(raw, str) or len(raw) > LONGEST_TEXT or not _DECIMAL.fullmatch(raw.strip()):
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:  # an exponent beyond what Decimal holds
        return None
    return value if valid_threshold(value) else None


def _currency(raw: object) -> str | None:
    return raw if isinstance(raw, str) and is_currency_code(raw) else None


def _date(raw: object) -> dt.date | None:
    text = _text(raw)
    try:
        return None if text is None else dt.date.fromisoformat(text)
    except ValueError:
        return None


def _byte_array(raw: object) -> QByteArray | None:
    return raw if isinstance(raw, QByteArray) else None


def _show(raw: object) -> str:
    text = repr(raw)
    return text[:40] + ("..." if len(text) > 40 else "")


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
                        "value", key, _show(raw))
            return default
        return value

    def _str(self, key: str, default: str = "") -> str:
        return self._read(key, default, _text)

    def _bool(self, key: str, default: bool) -> bool:
        return self._read(key, default, _bool)

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
        return self._read("signin/profile", PROFILES[0], _choice(PROFILES))

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
        return self._read("balance/low_threshold", DEFAULT_THRESHOLD, _threshold)

    @low_balance_threshold.setter
    def low_balance_threshold(self, value: Decimal) -> None:
        self.qsettings.setValue("balance/low_threshold", str(value))

    @property
    def refresh_minutes(self) -> int:
        """Minutes between automatic balance refreshes (0: never)."""
        return self._read("balance/refresh_minutes", DEFAULT_REFRESH_MINUTES, _minutes)

    @refresh_minutes.setter
    def refresh_minutes(self, value: int) -> None:
        self.qsettings.setValue("balance/refresh_minutes", int(value))

    @property
    def watch_minutes(self) -> int:
        """Minutes between the watcher's checks of the account (at least one)."""
        return self._read("alerts/watch_minutes", DEFAULT_WATCH_MINUTES, _watch_minutes)

    @watch_minutes.setter
    def watch_minutes(self, value: int) -> None:
        self.qsettings.setValue("alerts/watch_minutes", max(MIN_WATCH_MINUTES, int(value)))

    @property
    def currency(self) -> str:
        """The owner's currency, an ISO 4217 code such as ``"AUD"`` ("" until they pick it:
        the TraiTel API names none)."""
        return self._read("money/currency", "", _currency)

    @currency.setter
    def currency(self, value: str) -> None:
        self.qsettings.setValue("money/currency", value)

    # --- the Activity tab ----------------------------------------------------------------
    @property
    def activity_view(self) -> ActivityView | None:
        """The Activity tab's last log and dates (None: never saved, or unreadable)."""
        log_name = self._read("activity/log", "", _choice(LOG_NAMES))
        start = self._read("activity/start", None, _date)
        end = self._read("activity/end", None, _date)
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
        period = self._read("spend/period", "", _choice(SPEND_PERIODS))
        start = self._read("spend/start", None, _date)
        end = self._read("spend/end", None, _date)
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
        return self._read("window/geometry", QByteArray(), _byte_array)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def help_geometry(self) -> QByteArray:
        """The Help window's size and place."""
        return self._read("help/geometry", QByteArray(), _byte_array)

    @help_geometry.setter
    def help_geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("help/geometry", value)

    @property
    def last_tab(self) -> str:
        return self._str("window/last_tab", "")

    @last_tab.setter
    def last_tab(self, value: str) -> None:
        self.qsettings.setValue("window/last_tab", value)
