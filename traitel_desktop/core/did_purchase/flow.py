"""The DID purchase wizard's flow, as a Qt-free state machine described by a transition table.

Steps: service → country → city → offers → review → subscribing → done (:class:`Step`); which
actions each step allows, and where they lead, is the table in
:mod:`traitel_desktop.core.did_purchase.table`. :class:`DidPurchase` is the one object the
pages use: each action asks the table first, then changes the run's :class:`Progress` (the
state), and lets its :class:`Loader` load the target step's list or its :class:`Subscriber` buy.

Gateway calls go through an injected async ``call`` with the shape of ``Session.call``
(``await call(lambda c: c.query_did_countries("fax"))``), so the flow runs the same on the Qt
loop (qasync) and under plain ``asyncio`` in tests. Money safety (see
:mod:`~traitel_desktop.core.did_purchase.subscribe`): a number is never subscribed twice, one
buying pass runs at a time, and an unknown outcome is settled by reading the account's numbers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from traitel_desktop.core.did_purchase.balance import balance_change_words
from traitel_desktop.core.did_purchase.loading import ApiCall, Loader
from traitel_desktop.core.did_purchase.progress import Progress
from traitel_desktop.core.did_purchase.state import (
    DEFAULT_QUANTITY,
    PURCHASE_SERVICES,
    DidResult,
    DidStatus,
    ListState,
    Step,
    check_quantity,
)
from traitel_desktop.core.did_purchase.subscribe import Subscriber
from traitel_desktop.core.did_purchase.table import (
    STEP_LISTS,
    Action,
    Load,
    Move,
    WizardStateError,
)

if TYPE_CHECKING:
    from traitel_desktop.api.errors import TraiTelError
    from traitel_desktop.api.records import DidCity, DidOffer


class DidPurchase:
    """One run of the DID purchase wizard: ``DidPurchase(session.call)``.

    Actions (each allowed where the table says; elsewhere :class:`WizardStateError`, except
    ``back()``, which answers False): ``choose_service``, ``choose_country``, ``choose_city``,
    ``load_offers``, ``toggle_offer``, ``go_to_review``, ``reload_balance``, ``confirm``,
    ``subscribe``, ``refresh_offers_after_taken``, ``retry_load``, ``back``, ``cancel``. After
    ``cancel()`` every action is a no-op. Async actions never raise for gateway errors: they
    land in the state (``ListState.error``, ``balance_error``, per-number results).
    """

    def __init__(self, call: ApiCall, *, quantity: int = DEFAULT_QUANTITY) -> None:
        self._state = Progress(check_quantity(quantity))
        self._loader = Loader(call, self._state)
        self._subscriber = Subscriber(call, self._state)
        #: The lists the country, city and offers pages show (read-only for the pages).
        self.countries: ListState[str] = self._state.countries
        self.cities: ListState[DidCity] = self._state.cities
        self.offers: ListState[DidOffer] = self._state.offers

    def __repr__(self) -> str:
        s = self._state
        return (
            f"<DidPurchase step={s.step.name} service={s.service!r} "
            f"country={s.country!r} city={s.city!r} chosen={len(s.chosen)}>"
        )

    def add_listener(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback()`` after every change of state; returns a function that removes it."""
        return self._state.add_listener(callback)

    # -- moving through the table --------------------------------------------------------

    async def _go(self, move: Move) -> None:
        """Enter ``move.to`` and load its list as the move says."""
        self._state.enter(move)
        listing = STEP_LISTS.get(move.to)
        if move.load is not Load.NONE and listing is not None:
            await self._loader.load(listing, fresh=move.load is Load.FRESH)

    async def choose_service(self, service: str) -> None:
        """Take ``service`` (fax/voice/sms), go to the country page and load its countries."""
        if service not in PURCHASE_SERVICES:
            raise ValueError(f"unknown service {service!r}")
        move = self._state.allow(Action.CHOOSE_SERVICE)
        if move is None:
            return
        s = self._state
        if service != s.service:
            s.reset_country()
            s.service = service
            s.countries.clear()
        await self._go(move)

    async def choose_country(self, country: str) -> None:
        """Take ``country``, go to the city page and load its cities."""
        move = self._state.allow(Action.CHOOSE_COUNTRY)
        if move is None:
            return
        s = self._state
        if country != s.country:
            s.reset_country()
            s.country = country
        await self._go(move)

    async def choose_city(self, city: str | DidCity) -> None:
        """Take ``city`` (a name or a :class:`DidCity`), go to the offers page and load offers."""
        move = self._state.allow(Action.CHOOSE_CITY)
        if move is None:
            return
        s = self._state
        name = city if isinstance(city, str) else city.city
        if name != s.city:
            s.reset_city()
            s.city = name
        await self._go(move)

    async def load_offers(self, quantity: int | None = None) -> None:
        """Ask for fresh offers for the chosen city (``quantity`` 1–10); chosen ones stay."""
        if quantity is not None:
            check_quantity(quantity)
        move = self._state.allow(Action.LOAD_OFFERS)
        if move is None:
            return
        if quantity is not None:
            self._state.quantity = quantity
        await self._go(move)

    def toggle_offer(self, did: str | DidOffer) -> bool:
        """Choose or un-choose one offered number; returns whether it is now chosen.

        Numbers already sent (subscribed, in flight, unclear, taken) cannot be changed.
        """
        s = self._state
        key = did if isinstance(did, str) else did.did
        if s.allow(Action.TOGGLE_OFFER) is None:
            return key in s.chosen
        if s.status(key) not in (None, DidStatus.PENDING, DidStatus.FAILED):
            return key in s.chosen
        if key in s.chosen:
            del s.chosen[key]
            s.results.pop(key, None)
        else:
            offer = next((o for o in s.offers.items if o.did == key), None)
            if offer is None:
                raise ValueError(f"{key} is not among the offers")
            s.chosen[key] = offer
        s.confirmed = False
        s.changed()
        return key in s.chosen

    async def go_to_review(self) -> None:
        """Go to the review page and load the current balance."""
        move = self._state.allow(Action.GO_TO_REVIEW)
        if move is None:
            return
        self._state.confirmed = False
        await self._go(move)

    async def reload_balance(self) -> None:
        """Load the balance shown on the review page again."""
        move = self._state.allow(Action.RELOAD_BALANCE)
        if move is not None:
            await self._go(move)

    def confirm(self, confirmed: bool = True) -> None:
        """Record the user's explicit yes (or no) to the charges on the review page."""
        if self._state.allow(Action.CONFIRM) is None:
            return
        self._state.confirmed = bool(confirmed)
        self._state.changed()

    async def subscribe(self) -> None:
        """Subscribe every chosen number not bought yet, one after the other.

        From the review page (after :meth:`confirm`) or, to try failed or unclear numbers
        again, from the done page (nothing left to try: nothing happens). A call while a pass
        is running joins that pass. Ends on the done page with one result per number.
        """
        move = self._state.allow(Action.SUBSCRIBE)
        if move is None:
            return
        if not self._subscriber.running:
            self._state.balance_after.forget()
            self._subscriber.start(move)
        await self._subscriber.join()

    async def read_balance_after(self, read: Callable[[], Awaitable[Decimal | None]]) -> None:
        """After a buying pass: read the balance again with ``read()`` (None: it could not be
        read) for :attr:`balance_change`. Not a move of the table (the step stays); a newer
        reading, or a new pass, drops an older reading's answer. Still recorded after
        :meth:`cancel`: numbers bought before it were charged."""
        after = self._state.balance_after
        after.forget()
        generation = after.generation
        after.reading = True
        self._state.changed()
        value: Decimal | None = None
        try:
            value = await read()
        finally:
            if generation == after.generation:
                after.value = value
                after.reading = False
                after.done = True
                self._state.changed()

    async def refresh_offers_after_taken(self) -> None:
        """After Error 114: back to the offers page with fresh offers for the same city.

        Taken numbers leave the choice (their result stays listed); every other choice and
        every number already bought is kept.
        """
        s = self._state
        move = s.allow(Action.REFRESH_OFFERS)
        if move is None:
            return
        for did in s.taken_numbers:
            del s.chosen[did]
        s.confirmed = False
        await self._go(move)

    async def retry_load(self) -> None:
        """Load the current page's list (or the balance) again, e.g. after an error."""
        move = self._state.allow(Action.RETRY_LOAD)
        if move is not None:
            await self._go(move)

    def back(self) -> bool:
        """Go to the previous page, keeping every choice; False if Back is not allowed."""
        try:
            move = self._state.allow(Action.BACK)
        except WizardStateError:
            return False
        if move is None:
            return False
        self._state.confirmed = False
        self._state.enter(move)
        return True

    def cancel(self) -> None:
        """Stop: answers still on their way are dropped and no further number is sent.

        A subscription already sent finishes and its result is still recorded.
        """
        if self._state.allow(Action.CANCEL) is not None:
            self._state.cancel()

    # -- state for the pages (read-only) -------------------------------------------------

    @property
    def step(self) -> Step:
        """The page to show."""
        return self._state.step

    @property
    def service(self) -> str | None:
        """``fax``, ``voice`` or ``sms`` once chosen."""
        return self._state.service

    @property
    def country(self) -> str | None:
        """The chosen country name, as the gateway spells it."""
        return self._state.country

    @property
    def city(self) -> str | None:
        """The chosen city name, as the gateway spells it."""
        return self._state.city

    @property
    def quantity(self) -> int:
        """How many offers to ask for (1–10)."""
        return self._state.quantity

    @property
    def balance(self) -> Decimal | None:
        """The balance shown on the review page, once loaded."""
        return self._state.balance.value

    @property
    def balance_loading(self) -> bool:
        """True while the balance is being read."""
        return self._state.balance.loading

    @property
    def balance_error(self) -> TraiTelError | None:
        """Why the balance could not be read, in plain words."""
        return self._state.balance.error

    @property
    def balance_change(self) -> tuple[str, tuple[str, ...]]:
        """After a buying pass, what became of the balance: a plain sentence as (template,
        amounts), e.g. ``("Your balance went from {0} to {1}.", ("664.77", "654.77"))``; see
        :func:`~traitel_desktop.core.did_purchase.balance.balance_change_words`."""
        return balance_change_words(self._state.balance.value, self._state.balance_after)

    @property
    def confirmed(self) -> bool:
        """True once the user explicitly accepted the charges on the review page."""
        return self._state.confirmed

    @property
    def cancelled(self) -> bool:
        """True after :meth:`cancel`; every action is then a no-op."""
        return self._state.cancelled

    @property
    def chosen(self) -> tuple[DidOffer, ...]:
        """The chosen offers, in the order they were chosen."""
        return tuple(self._state.chosen.values())

    def is_chosen(self, did: str) -> bool:
        """True if ``did`` is among the chosen offers."""
        return did in self._state.chosen

    @property
    def to_buy(self) -> tuple[DidOffer, ...]:
        """The chosen offers not subscribed yet (what the review page asks to confirm)."""
        return self._state.to_buy

    @property
    def results(self) -> tuple[DidResult, ...]:
        """One result per number tried, in order (numbers taken by others stay listed)."""
        return tuple(self._state.results.values())

    def result(self, did: str) -> DidResult | None:
        """The result for ``did``, or None if it was never sent."""
        return self._state.results.get(did)

    def status(self, did: str) -> DidStatus | None:
        """The status of ``did``, or None if it was never sent."""
        return self._state.status(did)

    @property
    def subscribed_numbers(self) -> tuple[str, ...]:
        """The numbers bought in this run (for "Assign these numbers now")."""
        return self._state.subscribed_numbers

    @property
    def taken_numbers(self) -> tuple[str, ...]:
        """Chosen numbers someone else took meanwhile (Error 114)."""
        return self._state.taken_numbers

    @property
    def can_refresh_offers(self) -> bool:
        """On the done page: some numbers were taken, so fresh offers can replace them."""
        return self._state.permits(Action.REFRESH_OFFERS)

    @property
    def can_retry(self) -> bool:
        """On the done page: some numbers failed or have an unclear outcome."""
        return self._state.step is Step.DONE and self._state.permits(Action.SUBSCRIBE)

    def allows(self, action: Action) -> bool:
        """True if ``action`` would move now: the table allows it here and its guard holds."""
        return self._state.permits(action)

    def can_go_back(self) -> bool:
        """True if Back is allowed on the current page."""
        return self._state.permits(Action.BACK)

    def can_go_next(self) -> bool:
        """True if the current page has what it needs to move on."""
        return self._state.can_go_next()


__all__ = [
    "ApiCall",
    "DidPurchase",
    "DidResult",
    "DidStatus",
    "ListState",
    "Step",
    "WizardStateError",
]
