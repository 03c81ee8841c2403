"""The plain data of the DID purchase wizard: steps, list states, per-number results, search.

Qt-free and I/O-free; :mod:`traitel_desktop.core.did_purchase.flow` drives these (the moves
between steps are in :mod:`traitel_desktop.core.did_purchase.table`). The texts here
are plain English; the Qt pages pass them through ``tr()`` with the context ``"DidPurchase"``.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from traitel_desktop.api.errors import TraiTelError

T = TypeVar("T")

#: The services a number can be bought for (the API's ``service`` values).
PURCHASE_SERVICES: tuple[str, ...] = ("fax", "voice", "sms")
MIN_QUANTITY = 1
MAX_QUANTITY = 10
#: How many offers the wizard asks for when the user has not said.
DEFAULT_QUANTITY = 5


class Step(enum.Enum):
    """The wizard's pages, in order."""

    SERVICE = 0
    COUNTRY = 1
    CITY = 2
    OFFERS = 3
    REVIEW = 4
    SUBSCRIBING = 5
    DONE = 6


class DidStatus(enum.Enum):
    """Where one chosen number stands."""

    PENDING = "pending"  # not sent yet
    SENDING = "sending"  # subscribedid is on its way
    CHECKING = "checking"  # the outcome was unclear; looking at the account's numbers
    SUBSCRIBED = "subscribed"  # the number is now the account's
    TAKEN = "taken"  # Error 114: someone else took it meanwhile
    FAILED = "failed"  # refused or not sent; nothing was bought; may be tried again
    UNKNOWN = "unknown"  # sent, no answer, and not (yet) seen among the account's numbers


#: Statuses a new ``subscribe()`` pass acts on (UNKNOWN is re-checked before any new send).
RETRYABLE = (DidStatus.PENDING, DidStatus.FAILED, DidStatus.UNKNOWN)
#: Statuses during which a request for the number is in flight.
BUSY = (DidStatus.SENDING, DidStatus.CHECKING)


@dataclass(frozen=True, slots=True)
class DidResult:
    """The result shown for one number; ``error`` holds the plain words when there was one."""

    did: str
    status: DidStatus = DidStatus.PENDING
    error: TraiTelError | None = None

    @property
    def message(self) -> str:
        """One plain sentence for the results page."""
        if self.status is DidStatus.PENDING:
            return "Not subscribed yet."
        if self.status is DidStatus.SENDING:
            return "Subscribing…"
        if self.status is DidStatus.CHECKING:
            return "No clear answer; checking your numbers…"
        if self.status is DidStatus.SUBSCRIBED:
            return "Subscribed: this number is now yours."
        if self.status is DidStatus.TAKEN:
            return "Someone else took this number meanwhile. You were not charged for it."
        if self.status is DidStatus.UNKNOWN:
            return (
                "The request was sent but no answer came back, and the number is not among "
                "your numbers yet. Check again before buying another one."
            )
        detail = self.error.explanation if self.error is not None else ""
        return ("Not subscribed. " + detail).strip()


@dataclass(slots=True)
class ListState(Generic[T]):
    """One list a step loads: its items, whether it is loading, and what went wrong.

    ``key`` is what the list was asked for (e.g. ``("fax", "Australia")``). ``empty_message``
    is set when the list loaded fine but is empty, in plain words.
    """

    key: tuple[object, ...] | None = None
    items: tuple[T, ...] = ()
    loading: bool = False
    loaded: bool = False
    error: TraiTelError | None = None
    empty_message: str | None = None
    generation: int = field(default=0, repr=False)

    @property
    def ready(self) -> bool:
        """Loaded, not loading, no error: the user can choose from it."""
        return self.loaded and not self.loading and self.error is None

    def clear(self) -> None:
        """Forget the list (and drop any answer still on its way)."""
        self.key = None
        self.items = ()
        self.loading = False
        self.loaded = False
        self.error = None
        self.empty_message = None
        self.generation += 1

    def drop(self) -> None:
        """Stop waiting, keeping what is listed: an answer still on its way is dropped."""
        self.generation += 1
        self.loading = False


@dataclass(slots=True)
class BalanceState:
    """The balance the review page shows: its value, whether it is loading, what went wrong."""

    value: Decimal | None = None
    loading: bool = False
    error: TraiTelError | None = None
    generation: int = field(default=0, repr=False)

    def drop(self) -> None:
        """Stop waiting: an answer still on its way is dropped."""
        self.generation += 1
        self.loading = False


def fold(text: str) -> str:
    """``text`` without case and accents, for searching (``"Zürich"`` → ``"zurich"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def filtered(items: Iterable[T], text: str, key: Callable[[T], str] | None = None) -> list[T]:
    """The items whose text contains ``text``, ignoring case and accents (order kept).

    ``key`` gives an item's text (default ``str``); blank ``text`` keeps every item.
    """
    needle = fold(text.strip())
    get = key or str
    if not needle:
        return list(items)
    return [item for item in items if needle in fold(get(item))]


def check_quantity(quantity: int) -> int:
    """``quantity`` if it is a whole number of offers the API allows (1–10), else ValueError."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError("quantity must be an int")
    if not MIN_QUANTITY <= quantity <= MAX_QUANTITY:
        raise ValueError(f"quantity must be between {MIN_QUANTITY} and {MAX_QUANTITY}")
    return quantity


def digits(number: str) -> str:
    """Only the digits of a phone number (``"+61 2 9999"`` → ``"612999"``)."""
    return "".join(ch for ch in number if ch.isdigit())


def empty_countries_message(service: str) -> str:
    """Shown when no country offers numbers for ``service``."""
    return f"No countries offer new {service} numbers right now."


def empty_cities_message(service: str, country: str) -> str:
    """Shown when ``country`` has no cities for ``service``."""
    return f"No cities in {country} offer new {service} numbers right now."


def empty_offers_message(city: str) -> str:
    """Shown when no numbers are offered in ``city``."""
    return f"No numbers are available in {city} right now. Try again later or pick another city."
