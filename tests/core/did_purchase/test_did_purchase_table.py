"""The DID purchase transition table: its shape as data, then every (step, action) pair played
against the real sandbox over loopback HTTP (no GUI).

An allowed action moves to the table's target step and loads what the move says; a refused one
raises :class:`WizardStateError` (``back()`` answers False) and changes nothing: no state, no
request to the gateway.
"""

from __future__ import annotations

import asyncio
import inspect
from collections import Counter
from collections.abc import Awaitable
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import (
    CITY,
    COUNTRY,
    Api,
    run,
    to_offers,
    to_review,
    wait_until,
)
from traitel_desktop.core.did_purchase.flow import DidPurchase, WizardStateError
from traitel_desktop.core.did_purchase.state import DidStatus, Step
from traitel_desktop.core.did_purchase.table import (
    INTERNAL,
    NEXT,
    STEP_LISTS,
    TABLE,
    Action,
    Guard,
    Listing,
    Load,
    move_for,
    reachable,
)

PUBLIC = [a for a in Action if a not in INTERNAL]
#: The request each list is loaded with.
MODES = {
    Listing.COUNTRIES: "querydidcountries",
    Listing.CITIES: "querydidcities",
    Listing.OFFERS: "querydids",
    Listing.BALANCE: "querybalance",
}
#: One step back, on the pages that have a Back.
BACK = {Step.COUNTRY: Step.SERVICE, Step.CITY: Step.COUNTRY, Step.OFFERS: Step.CITY,
        Step.REVIEW: Step.OFFERS}


# -- the table as data ------------------------------------------------------------------------


def test_every_step_has_a_row_and_is_reachable_from_service() -> None:
    assert set(TABLE) == set(Step)
    assert reachable(Step.SERVICE) == set(Step)


def test_each_step_allows_what_its_page_offers() -> None:
    """The table, read as a spec: a change to it has to change this test too."""
    a = Action
    expected = {
        Step.SERVICE: {a.CHOOSE_SERVICE},
        Step.COUNTRY: {a.CHOOSE_COUNTRY, a.RETRY_LOAD, a.BACK},
        Step.CITY: {a.CHOOSE_CITY, a.RETRY_LOAD, a.BACK},
        Step.OFFERS: {a.LOAD_OFFERS, a.TOGGLE_OFFER, a.GO_TO_REVIEW, a.RETRY_LOAD, a.BACK},
        Step.REVIEW: {a.CONFIRM, a.RELOAD_BALANCE, a.RETRY_LOAD, a.SUBSCRIBE, a.BACK},
        Step.SUBSCRIBING: {a.SUBSCRIBE, a.END_PASS},
        Step.DONE: {a.SUBSCRIBE, a.REFRESH_OFFERS},
    }
    assert {step: set(row) - {a.CANCEL} for step, row in TABLE.items()} == expected


def test_cancel_is_allowed_everywhere_and_stays_put() -> None:
    for step, row in TABLE.items():
        move = row[Action.CANCEL]
        assert (move.to, move.load, move.guard) == (step, Load.NONE, None)


def test_back_is_defined_exactly_one_step_back_on_the_choosing_pages() -> None:
    backs = {step: row[Action.BACK].to for step, row in TABLE.items() if Action.BACK in row}
    assert backs == BACK
    assert all(TABLE[step][Action.BACK].load is Load.NONE for step in backs)
    # Back from the offers page is closed once numbers were sent for the city.
    assert TABLE[Step.OFFERS][Action.BACK].guard is Guard.NOTHING_SENT


def test_done_is_terminal_but_for_guarded_retries() -> None:
    row = TABLE[Step.DONE]
    assert Action.BACK not in row
    unguarded = {action for action, move in row.items() if move.guard is None}
    assert unguarded == {Action.CANCEL}
    assert row[Action.SUBSCRIBE].guard is Guard.SOMETHING_TO_RETRY
    assert row[Action.REFRESH_OFFERS].to is Step.OFFERS
    # Only the end of the pass leaves the subscribing step; a second subscribe joins it.
    leaving = {a for a, m in TABLE[Step.SUBSCRIBING].items() if m.to is not Step.SUBSCRIBING}
    assert leaving == {Action.END_PASS}
    assert TABLE[Step.SUBSCRIBING][Action.END_PASS].to is Step.DONE


def test_next_walks_service_to_done() -> None:
    step, path = Step.SERVICE, [Step.SERVICE]
    while step in NEXT:
        move = TABLE[step][NEXT[step]]
        assert move.to.value == step.value + 1
        step = move.to
        path.append(step)
    step = TABLE[step][Action.END_PASS].to
    path.append(step)
    assert path == list(Step)


def test_loads_go_with_the_steps_that_show_a_list() -> None:
    assert set(STEP_LISTS) == {Step.COUNTRY, Step.CITY, Step.OFFERS, Step.REVIEW}
    for step, row in TABLE.items():
        for action, move in row.items():
            if move.load is not Load.NONE:
                assert move.to in STEP_LISTS, (step, action)
            if move.to is not step and move.to in STEP_LISTS and action is not Action.BACK:
                assert move.load is not Load.NONE, f"{step} --{action}--> {move.to} loads"
    assert {s for s, row in TABLE.items() if Action.RETRY_LOAD in row} == set(STEP_LISTS)


def test_every_public_action_is_a_method_of_the_flow() -> None:
    for action in PUBLIC:
        assert callable(getattr(DidPurchase, action.value)), action


# -- every (step, action) pair against the sandbox -------------------------------------------


async def arrange(
    sandbox: Any, wizard: DidPurchase, step: Step, action: Action, counts: Counter[str]
) -> Any:
    """Walk ``wizard`` to ``step`` so the guards of ``TABLE[step][action]`` hold.

    Returns the subscribe task running on the subscribing step (None elsewhere).
    """
    if step is Step.SERVICE:
        return None
    await wizard.choose_service("fax")
    if step is Step.COUNTRY:
        return None
    await wizard.choose_country(COUNTRY)
    if step is Step.CITY:
        return None
    await wizard.choose_city(CITY)
    wizard.toggle_offer(wizard.offers.items[0])
    if step is Step.OFFERS:
        return None
    if step is Step.DONE and action is not Action.SUBSCRIBE:
        wizard.toggle_offer(wizard.offers.items[1])
    await wizard.go_to_review()
    wizard.confirm(True)
    if step is Step.REVIEW:
        return None
    if step is Step.DONE and action is Action.SUBSCRIBE:
        sandbox.faults.error001_rate = 1.0  # a refused number, to try again
        await wizard.subscribe()
        sandbox.faults.error001_rate = 0.0
        assert wizard.can_retry
        return None
    if step is Step.DONE:
        sandbox.take_did(wizard.chosen[0].did)  # one taken meanwhile, one bought
        await wizard.subscribe()
        assert wizard.can_refresh_offers
        return None
    sandbox.faults.latency = 0.5  # Step.SUBSCRIBING: a pass with its request in flight
    task = asyncio.ensure_future(wizard.subscribe())
    await wait_until(lambda: wizard.status(wizard.chosen[0].did) is DidStatus.SENDING)
    await wait_until(lambda: counts["subscribedid"] == 1)  # the client sent it
    return task


def perform(wizard: DidPurchase, action: Action) -> Any:
    """Call the method behind ``action`` with arguments valid on its own page."""
    args: dict[Action, tuple[Any, ...]] = {
        Action.CHOOSE_SERVICE: ("fax",),
        Action.CHOOSE_COUNTRY: (COUNTRY,),
        Action.CHOOSE_CITY: (CITY,),
        Action.LOAD_OFFERS: (3,),
        Action.TOGGLE_OFFER: (unchosen(wizard),),
        Action.CONFIRM: (True,),
    }
    return getattr(wizard, action.value)(*args.get(action, ()))


def unchosen(wizard: DidPurchase) -> str:
    """An offered number not chosen yet (any number where nothing is offered)."""
    offered = [o.did for o in wizard.offers.items if not wizard.is_chosen(o.did)]
    return offered[0] if offered else "61299990000"


def snapshot(wizard: DidPurchase) -> tuple[Any, ...]:
    """Everything the pages can read."""
    lists = tuple(
        (s.key, s.items, s.loading, s.loaded, s.error, s.empty_message)
        for s in (wizard.countries, wizard.cities, wizard.offers)
    )
    return (
        wizard.step, wizard.service, wizard.country, wizard.city, wizard.quantity,
        wizard.confirmed, wizard.cancelled, wizard.chosen, wizard.results, wizard.balance,
        wizard.balance_loading, wizard.balance_error, lists,
    )


async def finish(sandbox: Any, task: Any) -> None:
    """Let a pass left running by ``arrange`` end."""
    sandbox.faults.latency = 0.0
    if task is not None:
        await task


PAIRS = [(step, action) for step in Step for action in PUBLIC]


@pytest.mark.parametrize(("step", "action"), PAIRS, ids=[f"{s.name}-{a.name}" for s, a in PAIRS])
def test_each_step_and_action(sandbox: Any, api: Api, step: Step, action: Action) -> None:
    move = move_for(step, action)

    async def scenario() -> None:
        wizard = DidPurchase(api)
        task = await arrange(sandbox, wizard, step, action, api.counts)
        assert wizard.step is step
        before, requests = snapshot(wizard), Counter(api.counts)
        if move is None:
            if action is Action.BACK:
                assert wizard.back() is False
            else:
                with pytest.raises(WizardStateError):
                    outcome = perform(wizard, action)
                    if inspect.isawaitable(outcome):
                        await outcome
            assert snapshot(wizard) == before, "a refused action changed the state"
            assert api.counts == requests, "a refused action reached the gateway"
            await finish(sandbox, task)
            return
        steps: list[Step] = []
        wizard.add_listener(lambda: steps.append(wizard.step))
        outcome = perform(wizard, action)
        if step is Step.SUBSCRIBING and action is Action.SUBSCRIBE:
            joined = asyncio.ensure_future(outcome)
            await asyncio.sleep(0)  # it starts, and waits for the pass in flight
            assert wizard.step is Step.SUBSCRIBING and not joined.done(), "it joins the pass"
            await finish(sandbox, task)
            await joined
            assert wizard.step is Step.DONE and api.counts["subscribedid"] == 1
            return
        if isinstance(outcome, Awaitable):
            await outcome
        moved = [s for s in steps if s is not step]
        assert moved[:1] == ([] if move.to is step else [move.to])
        if action is Action.SUBSCRIBE:
            assert wizard.step is Step.DONE, "the pass ended (END_PASS)"
        else:
            assert wizard.step is move.to
        if action is Action.CANCEL:
            assert wizard.cancelled
        loaded = {mode for mode in MODES.values() if api.counts[mode] != requests[mode]}
        if move.load is Load.NONE:
            assert not loaded, "nothing is loaded"
        else:
            listing = STEP_LISTS[move.to]
            if move.load is Load.FRESH:
                assert api.counts[MODES[listing]] == requests[MODES[listing]] + 1
            lists = {Listing.COUNTRIES: wizard.countries, Listing.CITIES: wizard.cities,
                     Listing.OFFERS: wizard.offers}
            if listing in lists:
                assert lists[listing].ready and lists[listing].items
            assert loaded <= {MODES[listing]}, "only the target step's list is loaded"
        await finish(sandbox, task)

    run(scenario())


# -- guards, back, cancel ---------------------------------------------------------------------


def test_each_guard_refuses_and_changes_nothing(sandbox: Any, api: Api) -> None:
    checked: set[Guard] = set()

    async def refused(wizard: DidPurchase, action: Action, guard: Guard) -> None:
        move = move_for(wizard.step, action)
        assert move is not None and move.guard is guard
        before, requests = snapshot(wizard), Counter(api.counts)
        if action is Action.BACK:
            assert wizard.back() is False
        elif guard.quiet:
            await perform(wizard, action)  # a late click: nothing to do
        else:
            with pytest.raises(WizardStateError, match=guard.value):
                outcome = perform(wizard, action)
                if inspect.isawaitable(outcome):
                    await outcome
        assert snapshot(wizard) == before and api.counts == requests
        checked.add(guard)

    async def scenario() -> None:
        wizard = DidPurchase(api)
        await to_offers(wizard)
        await refused(wizard, Action.GO_TO_REVIEW, Guard.SOMETHING_TO_BUY)
        wizard.toggle_offer(wizard.offers.items[0])
        await wizard.go_to_review()
        await refused(wizard, Action.SUBSCRIBE, Guard.CONFIRMED)
        wizard.confirm(True)
        await wizard.subscribe()
        assert wizard.step is Step.DONE and wizard.subscribed_numbers
        await refused(wizard, Action.SUBSCRIBE, Guard.SOMETHING_TO_RETRY)
        await refused(wizard, Action.REFRESH_OFFERS, Guard.SOMETHING_TAKEN)
        # Fresh offers after a taken number: the city is fixed now.
        wizard = DidPurchase(api)
        (did,) = await to_review(wizard, 1)
        wizard.confirm(True)
        sandbox.take_did(did)
        await wizard.subscribe()
        await wizard.refresh_offers_after_taken()
        assert wizard.step is Step.OFFERS
        await refused(wizard, Action.BACK, Guard.NOTHING_SENT)

    run(scenario())
    assert checked == set(Guard)


@pytest.mark.parametrize("step", list(Step))
def test_back_from_each_step(sandbox: Any, api: Api, step: Step) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        task = await arrange(sandbox, wizard, step, Action.BACK, api.counts)
        choices = (wizard.service, wizard.country, wizard.city, wizard.chosen)
        requests = Counter(api.counts)
        assert wizard.can_go_back() is (step in BACK)
        assert wizard.back() is (step in BACK)
        assert wizard.step is BACK.get(step, step)
        assert (wizard.service, wizard.country, wizard.city, wizard.chosen) == choices
        if step in BACK:
            assert not wizard.confirmed, "the charges are confirmed again on the review page"
        if step is not Step.SUBSCRIBING:
            assert api.counts == requests, "Back reloads nothing"
        await finish(sandbox, task)

    run(scenario())


def test_the_whole_walk_follows_the_table(api: Api) -> None:
    async def scenario() -> tuple[list[Step], DidPurchase]:
        wizard = DidPurchase(api)
        steps = [wizard.step]

        def seen() -> None:
            if steps[-1] is not wizard.step:
                steps.append(wizard.step)

        wizard.add_listener(seen)
        await wizard.choose_service("fax")
        await wizard.choose_country(COUNTRY)
        await wizard.choose_city(CITY)
        wizard.toggle_offer(wizard.offers.items[0])
        wizard.toggle_offer(wizard.offers.items[1])
        await wizard.go_to_review()
        wizard.confirm(True)
        assert wizard.can_go_next()
        await wizard.subscribe()
        return steps, wizard

    steps, wizard = run(scenario())
    assert steps == list(Step)
    assert [r.status for r in wizard.results] == [DidStatus.SUBSCRIBED] * 2
    assert api.counts["subscribedid"] == 2
    left = [a for a in PUBLIC if wizard.allows(a)]
    assert left == [Action.CANCEL], "done, everything bought: nothing left but closing"


def test_after_cancel_every_action_is_a_no_op(api: Api) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        await to_review(wizard, 1)
        wizard.cancel()
        before, requests = snapshot(wizard), Counter(api.counts)
        for action in PUBLIC:
            outcome = perform(wizard, action)
            if inspect.isawaitable(outcome):
                await outcome
            assert snapshot(wizard) == before, action
        assert api.counts == requests

    run(scenario())
