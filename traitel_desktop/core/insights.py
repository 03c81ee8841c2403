"""Insights on spend: how long the balance lasts, unusual days, numbers nobody calls.

Qt-free and exact (``Decimal``). The inputs are plain: a balance, spend per day
(:func:`traitel_desktop.core.spend.daily_spend`), the account's numbers and the set of
numbers that received something (:func:`inbound_numbers`, read from the history archive).
Texts are English; views translate them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol

from traitel_desktop.core.money import exact_money, format_amount

if TYPE_CHECKING:
    from traitel_desktop.store.archive import Archive

__all__ = [
    "ANOMALY_FACTOR",
    "ANOMALY_WINDOW",
    "INBOUND_LOGS",
    "RUNWAY_WINDOW",
    "UNUSED_DAYS",
    "Anomaly",
    "Runway",
    "UnusedNumber",
    "anomalies",
    "inbound_numbers",
    "runway",
    "unused_numbers",
    "unused_since",
]

#: Days of spend the runway averages over.
RUNWAY_WINDOW = 30
#: A day is unusual when it costs more than this many times the trailing median ...
ANOMALY_FACTOR = Decimal(3)
#: ... of this many days before it.
ANOMALY_WINDOW = 28
#: Default for "no inbound traffic in the last N days".
UNUSED_DAYS = 90
#: The logs of traffic a number receives.
INBOUND_LOGS: tuple[str, ...] = ("logfaxin", "logvoicein", "logsmsin")
_TO = 5  # position of "To" in the rows of every log (ID, Sub-ID, Date, Time, From, To, ...)
_CENT = Decimal("0.01")
ZERO = Decimal(0)


def _days_back(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days - 1)


@dataclass(frozen=True, slots=True)
class Runway:
    """How long the balance lasts at the recent rate of spend.

    ``spend`` is the spend of the ``window`` days ending ``today``; ``daily_average`` is
    ``spend / window`` (exact to the ``Decimal`` context); ``days`` is the whole number of
    days the balance covers at that rate (None when nothing was spent; 0 when the balance is
    used up).
    """

    balance: Decimal
    spend: Decimal
    window: int
    daily_average: Decimal
    days: int | None

    @property
    def headline(self) -> str:
        """The one-line answer."""
        if self.days is None:
            return f"No spending in the last {self.window} days: your balance is not going down."
        if self.days == 0:
            return "Your balance is used up at your current spending."
        unit = "day" if self.days == 1 else "days"
        return (f"At your last-{self.window}-days spend, your balance lasts about "
                f"{self.days:,} {unit}.")

    @property
    def details(self) -> str:
        """The numbers behind the headline (to the cent)."""
        return (f"Balance {format_amount(self.balance)} · spent {format_amount(self.spend)} "
                f"in the last {self.window} days · {format_amount(self.daily_average)} a day "
                "on average")


def runway(
    balance: Decimal, daily: Mapping[dt.date, Decimal], today: dt.date,
    window: int = RUNWAY_WINDOW,
) -> Runway:
    """The :class:`Runway` of ``balance`` given spend per day (``daily``; missing days cost
    nothing) over the ``window`` days ending ``today``."""
    first = _days_back(today, window)
    spend = sum((v for d, v in daily.items() if first <= d <= today), ZERO)
    if spend <= 0:
        return Runway(balance, spend, window, ZERO, None)
    average = spend / window
    days = 0 if balance <= 0 else int((balance * window) // spend)
    return Runway(balance, spend, window, average, days)


@dataclass(frozen=True, slots=True)
class Anomaly:
    """A day that cost more than :data:`ANOMALY_FACTOR` times its trailing median."""

    day: dt.date
    amount: Decimal
    median: Decimal
    ratio: Decimal  # amount / median, to one decimal place

    @property
    def text(self) -> str:
        """One line for the list's tooltip (exact amounts)."""
        return (f"{self.day.isoformat()}: {exact_money(self.amount)}, "
                f"{self.ratio}× the usual {exact_money(self.median)}")


def anomalies(
    daily: Mapping[dt.date, Decimal],
    start: dt.date,
    end: dt.date,
    *,
    factor: Decimal = ANOMALY_FACTOR,
    window: int = ANOMALY_WINDOW,
) -> list[Anomaly]:
    """Days of ``start``..``end`` whose spend is more than ``factor`` x the median spend of
    the ``window`` days before them (a day missing from ``daily`` spent nothing; give
    ``daily`` the ``window`` days before ``start`` too). A day whose median is zero is never
    an anomaly (there is no usual spend to compare with). Oldest first."""
    out: list[Anomaly] = []
    span = (end - start).days + 1
    if span <= 0:
        return out
    history = [daily.get(start - dt.timedelta(days=window - i), ZERO) for i in range(window)]
    for offset in range(span):
        day = start + dt.timedelta(days=offset)
        amount = daily.get(day, ZERO)
        median = Decimal(statistics.median(history))
        if median > 0 and amount > factor * median:
            ratio = (amount / median).quantize(Decimal("0.1"), ROUND_HALF_UP)
            out.append(Anomaly(day, amount, median, ratio))
        history.pop(0)
        history.append(amount)
    return out


class NumberLike(Protocol):
    """What :func:`unused_numbers` needs of a number (``api.records.Number`` fits)."""

    @property
    def number(self) -> str: ...

    @property
    def service(self) -> str: ...


@dataclass(frozen=True, slots=True)
class UnusedNumber:
    """A number that received nothing (fax, call or text) since ``since``."""

    number: str  # international digits, as the API writes it
    service: str
    since: dt.date


def _digits(number: str) -> str:
    return number.strip().lstrip("+")


def inbound_numbers(archive: Archive, start: dt.date, end: dt.date) -> set[str]:
    """Every number that received a fax, a call or a text from ``start`` to ``end``, as
    archived (international digits)."""
    seen: set[str] = set()
    for log in INBOUND_LOGS:
        seen.update(_digits(row[_TO]) for row in archive.rows(log, start, end))
    return seen


def unused_numbers(
    numbers: Iterable[NumberLike], received: set[str], since: dt.date
) -> list[UnusedNumber]:
    """The ``numbers`` not in ``received`` (the numbers with inbound traffic since
    ``since``), in the order given; each number once."""
    out: list[UnusedNumber] = []
    listed: set[str] = set()
    for entry in numbers:
        digits = _digits(entry.number)
        if digits in received or digits in listed:
            continue
        listed.add(digits)
        out.append(UnusedNumber(digits, entry.service, since))
    return out


def unused_since(today: dt.date, days: int = UNUSED_DAYS) -> dt.date:
    """The first day of "the last ``days`` days" ending ``today``."""
    if days < 1:
        raise ValueError("days must be at least 1")
    return _days_back(today, days)
