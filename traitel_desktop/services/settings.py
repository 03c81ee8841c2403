"""Typed access to the app's QSettings (preferences and window state; never a password).

Every value is read with an explicit ``type=`` because INI files give strings back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_THRESHOLD = Decimal("5.00")
DEFAULT_REFRESH_MINUTES = 5
MIN_REFRESH_MINUTES = 0  # 0 = no automatic refresh
MAX_REFRESH_MINUTES = 24 * 60
_LONGEST_VIEW_DAYS = 100 * 366  # a longer saved range is damage, not a choice


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


class AppSettings:
    """The app's preferences on top of a QSettings (the default one unless given)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    # --- helpers -------------------------------------------------------------------------
    def _str(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default, type=str)
        return str(value) if value is not None else default

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self.qsettings.value(key, default, type=int))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        return bool(self.qsettings.value(key, default, type=bool))

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
        return self._str("signin/profile", "traitel")

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
        text = self._str("balance/low_threshold", str(DEFAULT_THRESHOLD))
        try:
            value = Decimal(text)
        except InvalidOperation:
            return DEFAULT_THRESHOLD
        return value if value.is_finite() and value >= 0 else DEFAULT_THRESHOLD

    @low_balance_threshold.setter
    def low_balance_threshold(self, value: Decimal) -> None:
        self.qsettings.setValue("balance/low_threshold", str(value))

    @property
    def refresh_minutes(self) -> int:
        value = self._int("balance/refresh_minutes", DEFAULT_REFRESH_MINUTES)
        return min(max(value, MIN_REFRESH_MINUTES), MAX_REFRESH_MINUTES)

    @refresh_minutes.setter
    def refresh_minutes(self, value: int) -> None:
        self.qsettings.setValue("balance/refresh_minutes", int(value))

    # --- the Activity tab ----------------------------------------------------------------
    @property
    def activity_view(self) -> ActivityView | None:
        """The Activity tab's last log and dates (None: never saved, or unreadable)."""
        try:
            start = dt.date.fromisoformat(self._str("activity/start"))
            end = dt.date.fromisoformat(self._str("activity/end"))
        except ValueError:
            return None
        log = self._str("activity/log")
        if not log or start > end or (end - start).days > _LONGEST_VIEW_DAYS:
            return None
        return ActivityView(log, start, end, self._bool("activity/rolling", False))

    @activity_view.setter
    def activity_view(self, value: ActivityView) -> None:
        self.qsettings.setValue("activity/log", value.log)
        self.qsettings.setValue("activity/start", value.start.isoformat())
        self.qsettings.setValue("activity/end", value.end.isoformat())
        self.qsettings.setValue("activity/rolling", value.rolling)

    # --- window state -------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray:
        value = self.qsettings.value("window/geometry", QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def last_tab(self) -> str:
        return self._str("window/last_tab", "")

    @last_tab.setter
    def last_tab(self, value: str) -> None:
        self.qsettings.setValue("window/last_tab", value)
