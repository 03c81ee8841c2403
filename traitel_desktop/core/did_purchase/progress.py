"""Where one run of the DID purchase stands, and what the transition table allows from there.

Qt-free and I/O-free. :class:`Progress` holds the run's state (step, choices, lists, balance,
chosen numbers, one result per number sent) and tells its listeners about every change. It is
shared by the collaborators of :class:`~traitel_desktop.core.did_purchase.flow.DidPurchase`:
the loader fills its lists, the subscriber its results, the flow moves it from step to step,
asking :meth:`Progress.allow` (the table) first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from traitel_desktop.core.did_purchase.balance import BalanceAfter
from traitel_desktop.core.did_purchase.state import (
    RETRYABLE,
    BalanceState,
    DidResult,
    DidStatus,
    ListState,
    Step,
)
from traitel_desktop.core.did_purchase.table import (
    NEXT,
    TABLE,
    Action,
    Guard,
    Move,
    WizardStateError,
)

if TYPE_CHECKING:
    from traitel_desktop.api.errors import TraiTelError
    from traitel_desktop.api.records import DidCity, DidOffer

log = logging.getLogger(__name__)


class Progress:
    """The state of one run (every attribute is read by the pages through ``DidPurchase``)."""

    def __init__(self, quantity: int) -> None:
        self.step = Step.SERVICE
        self.service: str | None = None
        self.country: str | None = None
        self.city: str | None = None
        self.quantity = quantity
        self.countries: ListState[str] = ListState()
        self.cities: ListState[DidCity] = ListState()
        self.offers: ListState[DidOffer] = ListState()
        self.balance = BalanceState()
        #: The balance read again after the last buying pass.
        self.balance_after = BalanceAfter()
        self.confirmed = False
        self.cancelled = False
        #: The chosen offers by number, in the order they were chosen.
        self.chosen: dict[str, DidOffer] = {}
        #: One result per number sent (or about to be), in order.
        self.results: dict[str, DidResult] = {}
        self._listeners: list[Callable[[], None]] = []

    # -- the table -----------------------------------------------------------------------

    def holds(self, guard: Guard) -> bool:
        """Whether ``guard`` holds now."""
        if guard is Guard.NOTHING_SENT:
            return not self.sent_any
        if guard is Guard.SOMETHING_TO_BUY:
            return bool(self.to_buy)
        if guard is Guard.CONFIRMED:
            return self.confirmed and bool(self.to_buy)
        if guard is Guard.SOMETHING_TO_RETRY:
            return any(self.status(did) in RETRYABLE for did in self.chosen)
        if guard is Guard.SOMETHING_TAKEN:
            return bool(self.taken_numbers)
        raise ValueError(f"unknown guard {guard!r}")

    def permits(self, action: Action) -> bool:
        """True if ``action`` would move now (allowed on this step, its guard holds)."""
        move = TABLE[self.step].get(action)
        if self.cancelled or move is None:
            return False
        return move.guard is None or self.holds(move.guard)

    def allow(self, action: Action) -> Move | None:
        """The table's move for ``action`` now; None when there is nothing to do (the run was
        cancelled, or a quiet guard does not hold). Raises :class:`WizardStateError` when the
        step does not allow ``action`` or its guard does not hold. Changes nothing."""
        if self.cancelled:
            return None
        move = TABLE[self.step].get(action)
        if move is None:
            raise WizardStateError(
                f"{action.value} is not allowed on the {self.step.name.lower()} page"
            )
        if move.guard is not None and not self.holds(move.guard):
            if move.guard.quiet:
                return None
            raise WizardStateError(move.guard.value)
        return move

    def enter(self, move: Move) -> None:
        """Go to ``move.to`` (telling the listeners if the step changed)."""
        if self.step is not move.to:
            self.step = move.to
            self.changed()

    def follow(self, action: Action) -> None:
        """Take the move for an action nobody asked for (the end of a buying pass); it happens
        even after cancel, so the pages show how the pass ended."""
        move = TABLE[self.step].get(action)
        if move is None:
            raise WizardStateError(f"{action.value} on the {self.step.name.lower()} page")
        self.step = move.to
        self.changed()

    # -- what the pages read -------------------------------------------------------------

    @property
    def to_buy(self) -> tuple[DidOffer, ...]:
        """The chosen offers not subscribed yet."""
        bought = DidStatus.SUBSCRIBED
        return tuple(o for o in self.chosen.values() if self.status(o.did) is not bought)

    def status(self, did: str) -> DidStatus | None:
        """The status of ``did``, or None if it was never sent."""
        result = self.results.get(did)
        return result.status if result is not None else None

    @property
    def taken_numbers(self) -> tuple[str, ...]:
        """Chosen numbers someone else took meanwhile (Error 114)."""
        return tuple(did for did in self.chosen if self.status(did) is DidStatus.TAKEN)

    @property
    def subscribed_numbers(self) -> tuple[str, ...]:
        """The numbers bought in this run."""
        return tuple(r.did for r in self.results.values() if r.status is DidStatus.SUBSCRIBED)

    @property
    def sent_any(self) -> bool:
        """True once any number was sent for this city (a plain refusal does not count)."""
        return any(r.status is not DidStatus.FAILED for r in self.results.values())

    def can_go_next(self) -> bool:
        """True if the current page's Next (or Buy) would move on."""
        action = NEXT.get(self.step)
        if action is None or not self.permits(action):
            return False
        if self.step is Step.COUNTRY:
            return self.countries.ready and bool(self.countries.items)
        if self.step is Step.CITY:
            return self.cities.ready and bool(self.cities.items)
        if self.step is Step.REVIEW:
            return not self.balance.loading
        return True

    # -- changes -------------------------------------------------------------------------

    def reset_country(self) -> None:
        """Forget the country and everything chosen after it."""
        self.reset_city()
        self.country = None
        self.cities.clear()

    def reset_city(self) -> None:
        """Forget the city, its offers and the chosen numbers (never once any was sent)."""
        if self.sent_any:
            raise WizardStateError("numbers were already sent for this city")
        self.city = None
        self.offers.clear()
        self.chosen.clear()
        self.results.clear()
        self.confirmed = False

    def set_result(self, did: str, status: DidStatus, error: TraiTelError | None = None) -> None:
        """Record where ``did`` stands now."""
        self.results[did] = DidResult(did, status, error)
        self.changed()

    def cancel(self) -> None:
        """Stop: every answer still on its way is dropped; every action is a no-op from now."""
        self.cancelled = True
        for state in (self.countries, self.cities, self.offers):
            state.drop()
        self.balance.drop()
        self.changed()

    # -- listeners -----------------------------------------------------------------------

    def add_listener(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback()`` after every change; returns a function that removes it."""
        self._listeners.append(callback)

        def remove() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)

        return remove

    def changed(self) -> None:
        """Tell every listener (one that fails is logged, never breaks a purchase)."""
        for callback in list(self._listeners):
            try:
                callback()
            except Exception:
                log.exception("DID purchase listener failed")
