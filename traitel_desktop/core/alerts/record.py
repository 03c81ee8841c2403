"""One alert: what happened, how serious it is, what the owner can do, and where to look.

Qt-free. Texts are English; views translate them. An alert's :attr:`Alert.key` names the one
event it is about (a row of a log, a threshold crossing, a day's spend), so the record that
keeps alerts can refuse a second alert for the same event, also after a restart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Alert", "AlertKind", "Severity", "Target"]


class Severity(StrEnum):
    """How urgent an alert is (quiet hours let only critical ones through)."""

    WARNING = "warning"
    CRITICAL = "critical"


class AlertKind(StrEnum):
    """The families of alerts, each switchable on its own."""

    LOW_BALANCE = "low_balance"
    RUNWAY = "runway"
    NEW_FAX = "new_fax"
    NEW_TEXT = "new_text"
    MISSED_CALL = "missed_call"
    FAX_FAILED = "fax_failed"
    UNUSUAL_SPEND = "unusual_spend"
    NEW_COUNTRY = "new_country"
    AFTER_HOURS = "after_hours"
    SUB_ACCOUNT_SPIKE = "sub_account_spike"
    SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class Target:
    """Where an alert takes the owner: a row of a log (``place`` ``"row"`` with ``log`` and
    ``row_id``), the balance in the header (``"balance"``), the Spend tab (``"spend"``) or
    the Activity tab (``"activity"``, for a summary)."""

    place: str
    log: str | None = None
    row_id: int | None = None

    @classmethod
    def row(cls, log: str, row_id: int) -> Target:
        """A row of ``log``."""
        return cls("row", log, row_id)

    def __str__(self) -> str:
        return f"{self.log}:{self.row_id}" if self.place == "row" else self.place

    @classmethod
    def parse(cls, text: str) -> Target:
        """The target :meth:`__str__` wrote (how the record stores it)."""
        log, sep, row_id = text.partition(":")
        if sep and row_id.lstrip("-").isdigit():
            return cls.row(log, int(row_id))
        return cls(text)


BALANCE = Target("balance")
SPEND = Target("spend")
ACTIVITY = Target("activity")


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert (see the module docstring). ``text`` says what happened and what to do;
    ``created`` is an aware instant."""

    kind: AlertKind
    severity: Severity
    title: str
    text: str
    key: str
    target: Target
    created: dt.datetime

    def __post_init__(self) -> None:
        if self.created.tzinfo is None:
            raise ValueError("an alert's time must be aware")
