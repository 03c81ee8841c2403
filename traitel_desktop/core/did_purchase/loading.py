"""Loading what the DID purchase pages show: countries, cities, offers and the balance.

Qt-free. :class:`Loader` fills the lists of a :class:`~.progress.Progress` through the injected
``call`` (the shape of ``Session.call``), one load per list at a time; an answer for an older
choice, or one that arrives after cancel, is dropped. Gateway errors land in the list's
``error`` (or the balance's), never raise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from traitel_desktop.api.errors import (
    GatewayUnreachable,
    InvalidCity,
    InvalidCountry,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.core.did_purchase.state import (
    DidStatus,
    ListState,
    empty_cities_message,
    empty_countries_message,
    empty_offers_message,
)
from traitel_desktop.core.did_purchase.table import Listing, WizardStateError

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.records import DidOffer
    from traitel_desktop.core.did_purchase.progress import Progress

T = TypeVar("T")


class ApiCall(Protocol):
    """Runs ``fn(client)`` without blocking the loop and returns its result (``Session.call``)."""

    def __call__(self, fn: Callable[[TraiTelClient], T], /) -> Awaitable[T]: ...


def as_traitel_error(exc: BaseException, mode: str) -> TraiTelError:
    """A plain-words error for a time-out seen above the client (e.g. ``Session.call``)."""
    if isinstance(exc, TraiTelError):
        return exc
    if mode == "subscribedid":
        return UnknownOutcome(mode, "current", "no answer in time")
    return GatewayUnreachable([("current", "no answer in time")])


def need(value: str | None, what: str) -> str:
    """``value``, or WizardStateError if the user has not chosen ``what`` yet."""
    if value is None:
        raise WizardStateError(f"choose the {what} first")
    return value


class Loader:
    """Loads one :class:`Listing` of ``progress`` for its current choices (see the module)."""

    def __init__(self, call: ApiCall, progress: Progress) -> None:
        self._call = call
        self._progress = progress
        self._loads: dict[int, asyncio.Future[None]] = {}

    async def load(self, listing: Listing, *, fresh: bool) -> None:
        """Load ``listing``; unless ``fresh``, a list loaded (or loading) for the same choices
        is kept (or waited for)."""
        p = self._progress
        if listing is Listing.BALANCE:
            await self._load_balance()
            return
        service = need(p.service, "service")
        if listing is Listing.COUNTRIES:
            await self._load_list(
                p.countries,
                (service,),
                lambda c: c.query_did_countries(service),
                empty_countries_message(service),
                fresh=fresh,
            )
            return
        country = need(p.country, "country")
        if listing is Listing.CITIES:
            await self._load_list(
                p.cities,
                (service, country),
                lambda c: c.query_did_cities(service, country),
                empty_cities_message(service, country),
                empty_on=(InvalidCountry,),
                fresh=fresh,
            )
            return
        city = need(p.city, "city")
        quantity = p.quantity
        await self._load_list(
            p.offers,
            (service, country, city, quantity),
            lambda c: c.query_dids(service, country, city, quantity),
            empty_offers_message(city),
            merge=self._merge_offers,
            empty_on=(InvalidCountry, InvalidCity),
            fresh=fresh,
        )

    def _merge_offers(self, fresh: Sequence[DidOffer]) -> list[DidOffer]:
        """Chosen offers first (so choices stay visible), then fresh ones not taken or chosen."""
        p = self._progress
        merged = list(p.chosen.values())
        for offer in fresh:
            if offer.did in p.chosen or p.status(offer.did) is DidStatus.TAKEN:
                continue
            merged.append(offer)
        return merged

    async def _load_list(
        self,
        state: ListState[Any],
        key: tuple[object, ...],
        fetch: Callable[[TraiTelClient], Sequence[Any]],
        empty_message: str,
        *,
        merge: Callable[[Sequence[Any]], Sequence[Any]] | None = None,
        empty_on: tuple[type[TraiTelError], ...] = (),
        fresh: bool,
    ) -> None:
        """Load ``state`` for ``key`` (see :meth:`load`).

        Errors in ``empty_on`` mean "nothing is offered there (any more)": the choice came from
        the gateway's own list a moment ago, so the page shows the empty message, not an error.
        """
        running = self._loads.get(id(state))
        if state.key == key and not fresh:
            if state.loading and running is not None and not running.done():
                await asyncio.shield(running)
                return
            if state.loaded and state.error is None:
                return
        state.clear()
        state.key = key
        state.loading = True
        self._progress.changed()
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
            return generation == state.generation and not self._progress.cancelled

        try:
            items: Sequence[Any] = await self._call(fetch)
        except empty_on:
            items = ()
        except (TraiTelError, TimeoutError) as exc:
            if current():
                state.loading = False
                state.error = as_traitel_error(exc, "query")
                self._progress.changed()
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
        self._progress.changed()

    async def _load_balance(self) -> None:
        """Load the balance again (an answer to an earlier request is dropped)."""
        p = self._progress
        balance = p.balance
        balance.generation += 1
        generation = balance.generation

        def current() -> bool:
            return generation == balance.generation and not p.cancelled

        balance.loading = True
        balance.error = None
        p.changed()
        try:
            value = await self._call(lambda c: c.query_balance())
        except (TraiTelError, TimeoutError) as exc:
            if current():
                balance.loading = False
                balance.error = as_traitel_error(exc, "querybalance")
                p.changed()
            return
        except BaseException:
            if generation == balance.generation:
                balance.loading = False
            raise
        if current():
            balance.value = value
            balance.loading = False
            p.changed()
