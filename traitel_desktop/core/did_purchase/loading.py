"""The DID purchase wizard's state and list loading (the base of :class:`DidPurchase`).

Qt-free. :class:`WizardCore` holds what the pages show and loads one list at a time through
the injected ``call``; :mod:`did_purchase_subscribe` adds buying, :mod:`did_purchase` the
user's moves from page to page.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from traitel_desktop.api.errors import (
    GatewayUnreachable,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.core.did_purchase.state import (
    DEFAULT_QUANTITY,
    EDIT_STEPS,
    RETRYABLE,
    DidResult,
    DidStatus,
    ListState,
    Step,
    check_quantity,
)

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.records import DidCity, DidOffer

log = logging.getLogger(__name__)

T = TypeVar("T")


class ApiCall(Protocol):
    """Runs ``fn(client)`` without blocking the loop and returns its result (``Session.call``)."""

    def __call__(self, fn: Callable[[TraiTelClient], T], /) -> Awaitable[T]: ...


class WizardStateError(RuntimeError):
    """The caller asked for something the current step does not allow (a UI bug, not a user
    error: the pages disable such actions)."""


def as_traitel_error(exc: BaseException, mode: str) -> TraiTelError:
    """A plain-words error for a time-out seen above the client (e.g. ``Session.call``)."""
    if isinstance(exc, TraiTelError):
        return exc
    if mode == "subscribedid":
        return UnknownOutcome(mode, "current", "no answer in time")
    return GatewayUnreachable([("current", "no answer in time")])


class WizardCore:
    """The state of one run of the DID purchase wizard, and loading its lists.

    Read-only state for the pages: :attr:`step`, :attr:`service`, :attr:`country`,
    :attr:`city`, :attr:`quantity`, the lists :attr:`countries`, :attr:`cities`,
    :attr:`offers` (each a :class:`ListState` with ``items``, ``loading``, ``error``,
    ``empty_message``), :attr:`chosen`, :attr:`balance` (+ ``balance_loading``,
    ``balance_error``), :attr:`confirmed`, :attr:`results`, :attr:`cancelled`.
    """

    def __init__(self, call: ApiCall, *, quantity: int = DEFAULT_QUANTITY) -> None:
        self._call = call
        self._step = Step.SERVICE
        self._service: str | None = None
        self._country: str | None = None
        self._city: str | None = None
        self._quantity = check_quantity(quantity)
        self.countries: ListState[str] = ListState()
        self.cities: ListState[DidCity] = ListState()
        self.offers: ListState[DidOffer] = ListState()
        self.balance: Decimal | None = None
        self.balance_loading = False
        self.balance_error: TraiTelError | None = None
        self._balance_generation = 0
        self._confirmed = False
        self._chosen: dict[str, DidOffer] = {}
        self._results: dict[str, DidResult] = {}
        self._cancelled = False
        self._offers_round = 0
        self._loads: dict[int, asyncio.Future[None]] = {}
        self._subscribe_task: asyncio.Future[None] | None = None
        self._listeners: list[Callable[[], None]] = []

    def __repr__(self) -> str:
        return (
            f"<DidPurchase step={self._step.name} service={self._service!r} "
            f"country={self._country!r} city={self._city!r} chosen={len(self._chosen)}>"
        )

    # -- state for the pages -------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The page to show."""
        return self._step

    @property
    def service(self) -> str | None:
        """``fax``, ``voice`` or ``sms`` once chosen."""
        return self._service

    @property
    def country(self) -> str | None:
        """The chosen country name, as the gateway spells it."""
        return self._country

    @property
    def city(self) -> str | None:
        """The chosen city name, as the gateway spells it."""
        return self._city

    @property
    def quantity(self) -> int:
        """How many offers to ask for (1–10)."""
        return self._quantity

    @property
    def confirmed(self) -> bool:
        """True once the user explicitly accepted the charges on the review page."""
        return self._confirmed

    @property
    def cancelled(self) -> bool:
        """True after :meth:`cancel`; every action is then a no-op."""
        return self._cancelled

    @property
    def chosen(self) -> tuple[DidOffer, ...]:
        """The chosen offers, in the order they were chosen."""
        return tuple(self._chosen.values())

    @property
    def to_buy(self) -> tuple[DidOffer, ...]:
        """The chosen offers not subscribed yet (what the review page asks to confirm)."""
        return tuple(
            o for o in self._chosen.values() if self.status(o.did) is not DidStatus.SUBSCRIBED
        )

    @property
    def results(self) -> tuple[DidResult, ...]:
        """One result per number tried, in order (numbers taken by others stay listed)."""
        return tuple(self._results.values())

    def result(self, did: str) -> DidResult | None:
        """The result for ``did``, or None if it was never sent."""
        return self._results.get(did)

    def status(self, did: str) -> DidStatus | None:
        """The status of ``did``, or None if it was never sent."""
        result = self._results.get(did)
        return result.status if result is not None else None

    def is_chosen(self, did: str) -> bool:
        """True if ``did`` is among the chosen offers."""
        return did in self._chosen

    @property
    def subscribed_numbers(self) -> tuple[str, ...]:
        """The numbers bought in this run (for "Assign these numbers now")."""
        return tuple(r.did for r in self._results.values() if r.status is DidStatus.SUBSCRIBED)

    @property
    def taken_numbers(self) -> tuple[str, ...]:
        """Chosen numbers someone else took meanwhile (Error 114)."""
        return tuple(did for did in self._chosen if self.status(did) is DidStatus.TAKEN)

    @property
    def can_refresh_offers(self) -> bool:
        """On the done page: some numbers were taken, so fresh offers can replace them."""
        return not self._cancelled and self._step is Step.DONE and bool(self.taken_numbers)

    @property
    def can_retry(self) -> bool:
        """On the done page: some numbers failed or have an unclear outcome."""
        return (
            not self._cancelled
            and self._step is Step.DONE
            and any(self.status(did) in RETRYABLE for did in self._chosen)
        )

    @property
    def _locked(self) -> bool:
        """Service, country and city are fixed once any number was sent."""
        return any(r.status is not DidStatus.FAILED for r in self._results.values())

    def can_go_back(self) -> bool:
        """True if Back is allowed on the current page."""
        if self._cancelled or self._step not in EDIT_STEPS or self._step is Step.SERVICE:
            return False
        return not (self._step is Step.OFFERS and self._locked)

    def can_go_next(self) -> bool:
        """True if the current page has what it needs to move on."""
        if self._cancelled:
            return False
        step = self._step
        if step is Step.SERVICE:
            return True
        if step is Step.COUNTRY:
            return self.countries.ready and bool(self.countries.items)
        if step is Step.CITY:
            return self.cities.ready and bool(self.cities.items)
        if step is Step.OFFERS:
            return bool(self.to_buy)
        if step is Step.REVIEW:
            return self._confirmed and bool(self.to_buy) and not self.balance_loading
        return False

    # -- listeners -----------------------------------------------------------------------

    def add_listener(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback()`` after every change of state; returns a function that removes it."""
        self._listeners.append(callback)

        def remove() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return remove

    def _changed(self) -> None:
        for callback in list(self._listeners):
            try:
                callback()
            except Exception:  # a page that fails to render must not break a purchase
                log.exception("DID purchase listener failed")

    # -- loading -------------------------------------------------------------------------

    def _reset_country(self) -> None:
        self._country = None
        self.cities.clear()
        self._reset_city()

    def _reset_city(self) -> None:
        self._city = None
        self.offers.clear()
        self._chosen.clear()
        self._results.clear()
        self._confirmed = False

    @staticmethod
    def _need(value: str | None, what: str) -> str:
        if value is None:
            raise WizardStateError(f"choose the {what} first")
        return value

    async def _load(
        self,
        state: ListState[Any],
        key: tuple[object, ...],
        fetch: Callable[[TraiTelClient], Sequence[Any]],
        empty_message: str,
        merge: Callable[[Sequence[Any]], Sequence[Any]] | None = None,
        *,
        empty_on: tuple[type[TraiTelError], ...] = (),
    ) -> None:
        """Load ``state`` for ``key`` unless it is loaded or loading already (then wait).

        Errors in ``empty_on`` mean "nothing is offered there (any more)": the choice came from
        the gateway's own list a moment ago, so the page shows the empty message, not an error.
        """
        running = self._loads.get(id(state))
        if state.key == key:
            if state.loading and running is not None and not running.done():
                await asyncio.shield(running)
                return
            if state.loaded and state.error is None:
                return
        state.clear()
        state.key = key
        state.loading = True
        self._changed()
        task = asyncio.ensure_future(
            self._fetch(state, state.generation, fetch, empty_message, merge, empty_on)
        )
        self._loads[id(state)] = task
        await asyncio.shield(task)

    async def _fetch(
        self,
        state: ListState[Any],
        generation: int,
        fetch: Callable[[TraiTelClient], Sequence[Any]],
        empty_message: str,
        merge: Callable[[Sequence[Any]], Sequence[Any]] | None,
        empty_on: tuple[type[TraiTelError], ...],
    ) -> None:
        def current() -> bool:
            return generation == state.generation and not self._cancelled

        try:
            items: Sequence[Any] = await self._call(fetch)
        except empty_on:
            items = ()
        except (TraiTelError, TimeoutError) as exc:
            if current():
                state.loading = False
                state.error = as_traitel_error(exc, "query")
                self._changed()
            return
        except BaseException:
            if current():
                state.loading = False
            raise
        if not current():
            return
        fresh = tuple(items)
        state.items = tuple(merge(fresh)) if merge is not None else fresh
        state.loading = False
        state.loaded = True
        state.empty_message = None if state.items else empty_message
        self._changed()
