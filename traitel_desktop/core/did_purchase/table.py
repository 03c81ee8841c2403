"""The DID purchase flow's transition table: what each step allows and where each action leads.

Plain data, read by :class:`~traitel_desktop.core.did_purchase.flow.DidPurchase` before every
action and by the tests. ``TABLE[step][action]`` is a :class:`Move`: the step the action leads
to, what it loads there (:data:`STEP_LISTS` says which list each step shows) and the condition
it needs besides the step (:class:`Guard`). An action missing from a step's row is refused with
:class:`WizardStateError`; so is one whose guard does not hold, except the quiet guards (a late
click that finds nothing left to do) and ``back()``, which answers False instead.

After ``cancel()`` every action is a no-op (the run is over, whatever its step).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from traitel_desktop.core.did_purchase.state import Step


class WizardStateError(RuntimeError):
    """The caller asked for something the current step does not allow (a UI bug, not a user
    error: the pages disable such actions)."""


class Action(enum.Enum):
    """What can happen to a run. The value is the :class:`DidPurchase` method that does it,
    except :attr:`END_PASS`, which is a buying pass ending by itself."""

    CHOOSE_SERVICE = "choose_service"
    CHOOSE_COUNTRY = "choose_country"
    CHOOSE_CITY = "choose_city"
    LOAD_OFFERS = "load_offers"
    TOGGLE_OFFER = "toggle_offer"
    GO_TO_REVIEW = "go_to_review"
    RELOAD_BALANCE = "reload_balance"
    CONFIRM = "confirm"
    SUBSCRIBE = "subscribe"
    END_PASS = "end_pass"
    REFRESH_OFFERS = "refresh_offers_after_taken"
    RETRY_LOAD = "retry_load"
    BACK = "back"
    CANCEL = "cancel"


#: Actions no caller asks for: they happen on their own.
INTERNAL: Final = frozenset({Action.END_PASS})


class Listing(enum.Enum):
    """What a step shows from the gateway."""

    COUNTRIES = "countries"
    CITIES = "cities"
    OFFERS = "offers"
    BALANCE = "balance"


#: The list each step loads on entering it (how: :attr:`Move.load`).
STEP_LISTS: Final[Mapping[Step, Listing]] = {
    Step.COUNTRY: Listing.COUNTRIES,
    Step.CITY: Listing.CITIES,
    Step.OFFERS: Listing.OFFERS,
    Step.REVIEW: Listing.BALANCE,
}


class Load(enum.Enum):
    """What a move does with the target step's list."""

    NONE = "none"  # leaves it as it is (Back keeps every choice and every list)
    KEEP = "keep"  # loads it, unless it is loaded or loading for the same choices already
    FRESH = "fresh"  # asks the gateway again (an answer still on its way is dropped)


class Guard(enum.Enum):
    """A condition a move needs besides the step; the value says why it was refused."""

    NOTHING_SENT = "numbers were already sent for this city"
    SOMETHING_TO_BUY = "choose at least one number first"
    CONFIRMED = "the charges were not confirmed"
    SOMETHING_TO_RETRY = "nothing is left to try again"
    SOMETHING_TAKEN = "no number was taken meanwhile"

    @property
    def quiet(self) -> bool:
        """True if failing it means "nothing to do" (a no-op), not a refusal."""
        return self is Guard.SOMETHING_TO_RETRY


@dataclass(frozen=True, slots=True)
class Move:
    """Where an action leads (``to``), what it loads there, and what it needs (``guard``)."""

    to: Step
    load: Load = Load.NONE
    guard: Guard | None = None


_KEEP, _FRESH = Load.KEEP, Load.FRESH

#: The purchase flow. Every row allows CANCEL, which stops the run where it stands.
TABLE: Final[Mapping[Step, Mapping[Action, Move]]] = {
    Step.SERVICE: {
        Action.CHOOSE_SERVICE: Move(Step.COUNTRY, _KEEP),
        Action.CANCEL: Move(Step.SERVICE),
    },
    Step.COUNTRY: {
        Action.CHOOSE_COUNTRY: Move(Step.CITY, _KEEP),
        Action.RETRY_LOAD: Move(Step.COUNTRY, _FRESH),
        Action.BACK: Move(Step.SERVICE),
        Action.CANCEL: Move(Step.COUNTRY),
    },
    Step.CITY: {
        Action.CHOOSE_CITY: Move(Step.OFFERS, _KEEP),
        Action.RETRY_LOAD: Move(Step.CITY, _FRESH),
        Action.BACK: Move(Step.COUNTRY),
        Action.CANCEL: Move(Step.CITY),
    },
    Step.OFFERS: {
        Action.LOAD_OFFERS: Move(Step.OFFERS, _FRESH),
        Action.TOGGLE_OFFER: Move(Step.OFFERS),
        Action.GO_TO_REVIEW: Move(Step.REVIEW, _FRESH, Guard.SOMETHING_TO_BUY),
        Action.RETRY_LOAD: Move(Step.OFFERS, _FRESH),
        Action.BACK: Move(Step.CITY, guard=Guard.NOTHING_SENT),
        Action.CANCEL: Move(Step.OFFERS),
    },
    Step.REVIEW: {
        Action.CONFIRM: Move(Step.REVIEW),
        Action.RELOAD_BALANCE: Move(Step.REVIEW, _FRESH),
        Action.RETRY_LOAD: Move(Step.REVIEW, _FRESH),
        Action.SUBSCRIBE: Move(Step.SUBSCRIBING, guard=Guard.CONFIRMED),
        Action.BACK: Move(Step.OFFERS),
        Action.CANCEL: Move(Step.REVIEW),
    },
    Step.SUBSCRIBING: {
        Action.SUBSCRIBE: Move(Step.SUBSCRIBING),  # joins the pass that is running
        Action.END_PASS: Move(Step.DONE),
        Action.CANCEL: Move(Step.SUBSCRIBING),  # no further number is sent
    },
    Step.DONE: {
        Action.SUBSCRIBE: Move(Step.SUBSCRIBING, guard=Guard.SOMETHING_TO_RETRY),
        Action.REFRESH_OFFERS: Move(Step.OFFERS, _FRESH, Guard.SOMETHING_TAKEN),
        Action.CANCEL: Move(Step.DONE),
    },
}

#: The action behind each page's Next (or Buy) button.
NEXT: Final[Mapping[Step, Action]] = {
    Step.SERVICE: Action.CHOOSE_SERVICE,
    Step.COUNTRY: Action.CHOOSE_COUNTRY,
    Step.CITY: Action.CHOOSE_CITY,
    Step.OFFERS: Action.GO_TO_REVIEW,
    Step.REVIEW: Action.SUBSCRIBE,
}


def move_for(step: Step, action: Action) -> Move | None:
    """The table's move for ``action`` on ``step``, or None if the step does not allow it."""
    return TABLE[step].get(action)


def reachable(start: Step = Step.SERVICE) -> set[Step]:
    """Every step some sequence of moves leads to from ``start`` (guards aside)."""
    seen = {start}
    todo = [start]
    while todo:
        for move in TABLE[todo.pop()].values():
            if move.to not in seen:
                seen.add(move.to)
                todo.append(move.to)
    return seen
