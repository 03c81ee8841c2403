"""The DID purchase wizard's flow, as a Qt-free state machine.

Steps: service → country → city → offers → review → subscribing → done (:class:`Step`). Each
step that needs the gateway loads through an injected async ``call`` with the shape of
``Session.call`` (``await call(lambda c: c.query_did_countries("fax"))``), so the class runs the
same on the Qt loop (qasync) and under plain ``asyncio`` in tests. The Qt pages only render this
object's state and call its methods; :meth:`DidPurchase.add_listener` tells them to re-render.

Money safety: a number is never subscribed twice. ``subscribe()`` runs one pass at a time (a
second call joins the running one), each number carries its own status, and a request whose
outcome is unknown (no answer after sending) is settled by reading the account's numbers, not by
sending it again blindly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from traitel_desktop.api.errors import (
    DidNotAvailable,
    GatewayUnreachable,
    InvalidCity,
    InvalidCountry,
    ProtocolError,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.services.did_purchase_state import (
    BUSY,
    DEFAULT_QUANTITY,
    EDIT_STEPS,
    PURCHASE_SERVICES,
    RETRYABLE,
    DidResult,
    DidStatus,
    ListState,
    Step,
    check_quantity,
    digits,
    empty_cities_message,
    empty_countries_message,
    empty_offers_message,
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


def _as_traitel_error(exc: BaseException, mode: str) -> TraiTelError:
    """A plain-words error for a time-out seen above the client (e.g. ``Session.call``)."""
    if isinstance(exc, TraiTelError):
        return exc
    if mode == "subscribedid":
        return UnknownOutcome(mode, "current", "no answer in time")
    return GatewayUnreachable([("current", "no answer in time")])


class DidPurchase:
    """State and actions of one run of the DID purchase wizard (see the module docstring).

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

    # -- choosing ------------------------------------------------------------------------

    def _may_choose(self, step: Step, current: object, new: object) -> bool:
        """Common checks of the choose_* methods; False means "nothing to do"."""
        if self._cancelled:
            return False
        same = current == new
        if self._step not in EDIT_STEPS:
            if same:
                return False  # a late double-click
            raise WizardStateError(f"cannot change the {step.name.lower()} now")
        if self._locked and not same:
            raise WizardStateError("numbers were already sent for this city")
        return True

    async def choose_service(self, service: str) -> None:
        """Take ``service`` (fax/voice/sms), go to the country page and load its countries."""
        if service not in PURCHASE_SERVICES:
            raise ValueError(f"unknown service {service!r}")
        if not self._may_choose(Step.SERVICE, self._service, service):
            return
        if service != self._service:
            self._service = service
            self._reset_country()
            self.countries.clear()
            self._step = Step.COUNTRY
        elif self._step is Step.SERVICE:
            self._step = Step.COUNTRY
        self._changed()
        await self._load(
            self.countries,
            (service,),
            lambda c: c.query_did_countries(service),
            empty_countries_message(service),
        )

    async def choose_country(self, country: str) -> None:
        """Take ``country``, go to the city page and load its cities."""
        service = self._need(self._service, "service")
        if not self._may_choose(Step.COUNTRY, self._country, country):
            return
        if country != self._country:
            self._reset_country()
            self._country = country
            self._step = Step.CITY
        elif self._step is Step.COUNTRY:
            self._step = Step.CITY
        self._changed()
        await self._load(
            self.cities,
            (service, country),
            lambda c: c.query_did_cities(service, country),
            empty_cities_message(service, country),
            empty_on=(InvalidCountry,),
        )

    async def choose_city(self, city: str | DidCity) -> None:
        """Take ``city`` (a name or a :class:`DidCity`), go to the offers page and load offers."""
        self._need(self._country, "country")
        name = city if isinstance(city, str) else city.city
        if not self._may_choose(Step.CITY, self._city, name):
            return
        if name != self._city:
            self._reset_city()
            self._city = name
            self._step = Step.OFFERS
        elif self._step is Step.CITY:
            self._step = Step.OFFERS
        self._changed()
        await self._load_offers(force=False)

    async def load_offers(self, quantity: int | None = None) -> None:
        """Ask for fresh offers for the chosen city (``quantity`` 1–10); chosen ones stay."""
        if self._cancelled:
            return
        if quantity is not None:
            self._quantity = check_quantity(quantity)
        if self._step is not Step.OFFERS:
            raise WizardStateError("offers are loaded on the offers page")
        await self._load_offers(force=True)

    async def _load_offers(self, *, force: bool) -> None:
        service = self._need(self._service, "service")
        country = self._need(self._country, "country")
        city = self._need(self._city, "city")
        quantity = self._quantity
        if force:
            self._offers_round += 1
        key = (service, country, city, quantity, self._offers_round)
        await self._load(
            self.offers,
            key,
            lambda c: c.query_dids(service, country, city, quantity),
            empty_offers_message(city),
            self._merge_offers,
            empty_on=(InvalidCountry, InvalidCity),
        )

    def _merge_offers(self, fresh: Sequence[DidOffer]) -> list[DidOffer]:
        """Chosen offers first (so choices stay visible), then fresh ones not taken or chosen."""
        merged = list(self._chosen.values())
        for offer in fresh:
            if offer.did in self._chosen or self.status(offer.did) is DidStatus.TAKEN:
                continue
            merged.append(offer)
        return merged

    def toggle_offer(self, did: str | DidOffer) -> bool:
        """Choose or un-choose one offered number; returns whether it is now chosen.

        Numbers already sent (subscribed, in flight, unclear, taken) cannot be changed.
        """
        key = did if isinstance(did, str) else did.did
        if self._cancelled or self._step is not Step.OFFERS:
            return key in self._chosen
        status = self.status(key)
        if status is not None and status not in (DidStatus.PENDING, DidStatus.FAILED):
            return key in self._chosen
        if key in self._chosen:
            del self._chosen[key]
            self._results.pop(key, None)
        else:
            offer = next((o for o in self.offers.items if o.did == key), None)
            if offer is None:
                raise ValueError(f"{key} is not among the offers")
            self._chosen[key] = offer
        self._confirmed = False
        self._changed()
        return key in self._chosen

    def back(self) -> bool:
        """Go to the previous page, keeping every choice; False if Back is not allowed."""
        if not self.can_go_back():
            return False
        self._step = Step(self._step.value - 1)
        self._confirmed = False
        self._changed()
        return True

    async def go_to_review(self) -> None:
        """Go to the review page and load the current balance."""
        if self._cancelled:
            return
        if self._step not in (Step.OFFERS, Step.REVIEW) or not self.to_buy:
            raise WizardStateError("choose at least one number first")
        if self._step is Step.OFFERS:
            self._step = Step.REVIEW
            self._confirmed = False
        await self.reload_balance()

    async def reload_balance(self) -> None:
        """Load the balance shown on the review page (again)."""
        if self._cancelled:
            return
        self._balance_generation += 1
        generation = self._balance_generation
        self.balance_loading = True
        self.balance_error = None
        self._changed()
        try:
            balance = await self._call(lambda c: c.query_balance())
        except (TraiTelError, TimeoutError) as exc:
            if generation == self._balance_generation and not self._cancelled:
                self.balance_loading = False
                self.balance_error = _as_traitel_error(exc, "querybalance")
                self._changed()
            return
        except BaseException:
            if generation == self._balance_generation:
                self.balance_loading = False
            raise
        if generation == self._balance_generation and not self._cancelled:
            self.balance = balance
            self.balance_loading = False
            self._changed()

    def confirm(self, confirmed: bool = True) -> None:
        """Record the user's explicit yes (or no) to the charges on the review page."""
        if self._cancelled:
            return
        if self._step is not Step.REVIEW:
            raise WizardStateError("confirmation is asked on the review page")
        self._confirmed = bool(confirmed)
        self._changed()

    async def retry_load(self) -> None:
        """Load the current page's list (or the balance) again, e.g. after an error."""
        if self._cancelled:
            return
        if self._step is Step.COUNTRY:
            self.countries.loaded = False
            await self.choose_service(self._need(self._service, "service"))
        elif self._step is Step.CITY:
            self.cities.loaded = False
            await self.choose_country(self._need(self._country, "country"))
        elif self._step is Step.OFFERS:
            await self._load_offers(force=True)
        elif self._step is Step.REVIEW:
            await self.reload_balance()

    def cancel(self) -> None:
        """Stop: answers still on their way are dropped and no further number is sent.

        A subscription already sent finishes and its result is still recorded.
        """
        if self._cancelled:
            return
        self._cancelled = True
        for state in (self.countries, self.cities, self.offers):
            state.generation += 1
            state.loading = False
        self._balance_generation += 1
        self.balance_loading = False
        self._changed()

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
                state.error = _as_traitel_error(exc, "query")
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

    # -- subscribing ---------------------------------------------------------------------

    async def subscribe(self) -> None:
        """Subscribe every chosen number not bought yet, one after the other.

        From the review page (after :meth:`confirm`) or, to try failed numbers again, from
        the done page. A call while a pass is running joins that pass; nothing is sent twice.
        Ends on the done page with one result per number.
        """
        if self._cancelled:
            return
        task = self._subscribe_task
        if task is None or task.done():
            if self._step is Step.REVIEW:
                if not self._confirmed:
                    raise WizardStateError("the charges were not confirmed")
                if not self.to_buy:
                    raise WizardStateError("no number to buy")
            elif self._step is Step.DONE:
                if not self.can_retry:
                    return  # e.g. a late double-click after everything went through
            else:
                raise WizardStateError("subscribe from the review page")
            self._step = Step.SUBSCRIBING
            for did in self._chosen:
                self._results.setdefault(did, DidResult(did))
            self._changed()
            task = self._subscribe_task = asyncio.ensure_future(self._subscribe_all())
        await asyncio.shield(task)

    async def _subscribe_all(self) -> None:
        try:
            for did, offer in list(self._chosen.items()):
                if self._cancelled:
                    break
                status = self.status(did)
                if status in RETRYABLE:
                    await self._subscribe_one(offer, status)
        finally:
            self._step = Step.DONE
            self._changed()

    def _set(self, did: str, status: DidStatus, error: TraiTelError | None = None) -> None:
        self._results[did] = DidResult(did, status, error)
        self._changed()

    async def _subscribe_one(self, offer: DidOffer, previous: DidStatus | None) -> None:
        did = offer.did
        if previous is DidStatus.UNKNOWN:
            # Never re-send blindly: first find out whether the earlier request went through.
            earlier = self._results[did].error
            self._set(did, DidStatus.CHECKING, earlier)
            owned = await self._owns(did)
            if owned is None or owned:
                self._set(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, earlier)
                return
        self._set(did, DidStatus.SENDING)
        service = self._need(self._service, "service")
        country = self._need(self._country, "country")
        city = self._need(self._city, "city")
        try:
            await self._call(lambda c: c.subscribe_did(service, country, city, did))
        except DidNotAvailable as exc:
            # Taken — possibly by this very account (an earlier request that got no answer).
            self._set(did, DidStatus.CHECKING, exc)
            owned = await self._owns(did)
            if owned:
                self._set(did, DidStatus.SUBSCRIBED)
            elif owned is None and previous is DidStatus.UNKNOWN:
                self._set(did, DidStatus.UNKNOWN, exc)
            else:
                self._set(did, DidStatus.TAKEN, exc)
        except (UnknownOutcome, ProtocolError, TimeoutError) as exc:
            error = _as_traitel_error(exc, "subscribedid")
            self._set(did, DidStatus.CHECKING, error)
            owned = await self._owns(did)
            self._set(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, error)
        except TraiTelError as exc:
            self._set(did, DidStatus.FAILED, exc)
        except BaseException:
            # Cancelled or a bug while the request was out: its outcome is not known.
            self._set(did, DidStatus.UNKNOWN, UnknownOutcome("subscribedid", "current", "stopped"))
            raise
        else:
            self._set(did, DidStatus.SUBSCRIBED)

    async def _owns(self, did: str) -> bool | None:
        """Whether ``did`` is among the account's numbers; None if that cannot be read now."""
        try:
            numbers = await self._call(lambda c: c.query_numbers())
        except (TraiTelError, TimeoutError):
            return None
        wanted = digits(did)
        return any(digits(n.number) == wanted for n in numbers)


__all__ = [
    "BUSY",
    "ApiCall",
    "DidPurchase",
    "DidResult",
    "DidStatus",
    "ListState",
    "Step",
    "WizardStateError",
]
