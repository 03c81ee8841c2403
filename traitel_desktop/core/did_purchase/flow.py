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

from collections.abc import Sequence
from typing import TYPE_CHECKING

from traitel_desktop.api.errors import (
    InvalidCity,
    InvalidCountry,
    TraiTelError,
)
from traitel_desktop.core.did_purchase.loading import (
    ApiCall,
    WizardStateError,
    as_traitel_error,
)
from traitel_desktop.core.did_purchase.state import (
    EDIT_STEPS,
    PURCHASE_SERVICES,
    DidResult,
    DidStatus,
    ListState,
    Step,
    check_quantity,
    empty_cities_message,
    empty_countries_message,
    empty_offers_message,
)
from traitel_desktop.core.did_purchase.subscribe import SubscribeMixin

if TYPE_CHECKING:
    from traitel_desktop.api.records import DidCity, DidOffer


class DidPurchase(SubscribeMixin):
    """One run of the DID purchase wizard: ``DidPurchase(session.call)``.

    Pages read the state (see :class:`WizardCore`) and call the actions: ``choose_service``,
    ``choose_country``, ``choose_city``, ``load_offers``, ``toggle_offer``, ``go_to_review``,
    ``confirm``, ``subscribe``, ``refresh_offers_after_taken``, ``back``, ``retry_load``,
    ``cancel``. Async actions never raise for gateway errors: they land in the state
    (``ListState.error``, ``balance_error``, per-number results) in plain words.
    """

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

    async def refresh_offers_after_taken(self) -> None:
        """After Error 114: back to the offers page with fresh offers for the same city.

        Taken numbers leave the choice (their result stays listed); every other choice and
        every number already bought is kept.
        """
        if self._cancelled:
            return
        if not self.can_refresh_offers:
            raise WizardStateError("no number was taken meanwhile")
        for did in self.taken_numbers:
            del self._chosen[did]
        self._confirmed = False
        self._step = Step.OFFERS
        self._changed()
        await self._load_offers(force=True)

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
                self.balance_error = as_traitel_error(exc, "querybalance")
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


__all__ = [
    "ApiCall",
    "DidPurchase",
    "DidResult",
    "DidStatus",
    "ListState",
    "Step",
    "WizardStateError",
]
