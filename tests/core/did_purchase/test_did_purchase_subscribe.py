"""Subscribing in the DID purchase wizard: never twice, 114 races, unclear outcomes, cancel.

Against the real sandbox over loopback HTTP; the sandbox's request counter and the account's
numbers (``querynumbers``) are the referees, besides the clients' own per-mode counts.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import (
    CITY,
    COUNTRY,
    Api,
    MakeApi,
    numbers_of,
    run,
    to_offers,
    to_review,
    wait_until,
)
from traitel_desktop.api.errors import DidNotAvailable, ServiceUnavailable, UnknownOutcome
from traitel_desktop.core.did_purchase.flow import DidPurchase
from traitel_desktop.core.did_purchase.state import DidStatus, Step


def test_number_taken_meanwhile_offers_fresh_numbers_and_keeps_the_others(
    sandbox: Any, api: Api
) -> None:
    async def scenario() -> tuple[DidPurchase, list[str], str]:
        wizard = DidPurchase(api)
        first, second = await to_review(wizard, 2, quantity=3)
        wizard.confirm(True)
        sandbox.take_did(first)  # someone else is faster
        await wizard.subscribe()
        assert wizard.step is Step.DONE
        taken = wizard.result(first)
        assert taken is not None and taken.status is DidStatus.TAKEN
        assert isinstance(taken.error, DidNotAvailable)
        assert wizard.status(second) is DidStatus.SUBSCRIBED
        assert wizard.taken_numbers == (first,) and wizard.can_refresh_offers
        assert not wizard.can_go_back()

        await wizard.refresh_offers_after_taken()
        assert wizard.step is Step.OFFERS
        assert (wizard.service, wizard.country, wizard.city) == ("fax", COUNTRY, CITY)
        assert [o.did for o in wizard.chosen] == [second], "the other choice is kept"
        offered = [o.did for o in wizard.offers.items]
        assert first not in offered and second in offered
        fresh = next(d for d in offered if d != second)
        assert not wizard.can_go_back(), "the city is fixed once numbers were bought"
        assert wizard.toggle_offer(second) is True, "a bought number cannot be un-chosen"
        wizard.toggle_offer(fresh)
        await wizard.go_to_review()
        assert [o.did for o in wizard.to_buy] == [fresh]
        assert not wizard.confirmed
        wizard.confirm(True)
        await wizard.subscribe()
        return wizard, [first, second], fresh

    wizard, (first, second), fresh = run(scenario())
    assert wizard.status(fresh) is DidStatus.SUBSCRIBED
    assert wizard.status(first) is DidStatus.TAKEN, "the taken number stays in the results"
    assert wizard.subscribed_numbers == (second, fresh)
    mine = numbers_of(api)
    assert second in mine and fresh in mine and first not in mine
    # first (114), second, fresh: the bought number was not sent again.
    assert api.counts["subscribedid"] == 3


def test_two_concurrent_subscribes_on_a_slow_gateway_buy_each_number_once(
    sandbox: Any, api: Api
) -> None:
    async def scenario() -> tuple[DidPurchase, list[str]]:
        wizard = DidPurchase(api)
        dids = await to_review(wizard, 3)
        wizard.confirm(True)
        sandbox.faults.latency = 1.0
        # A double-click, and a third click while the pass is still running.
        first = asyncio.ensure_future(wizard.subscribe())
        second = asyncio.ensure_future(wizard.subscribe())
        await wait_until(lambda: wizard.status(dids[1]) is DidStatus.SENDING)
        await wizard.subscribe()
        await asyncio.gather(first, second)
        await wizard.subscribe()  # and one after the end: nothing left to do
        return wizard, dids

    wizard, dids = run(scenario())
    sandbox.faults.latency = 0.0
    assert all(wizard.status(d) is DidStatus.SUBSCRIBED for d in dids)
    assert api.counts["subscribedid"] == 3
    # The gateways saw exactly the requests the clients sent: no hidden repeats.
    assert sandbox.request_count["total"] == sum(api.counts.values())
    mine = Counter(numbers_of(api))
    assert all(mine[d] == 1 for d in dids)


@pytest.mark.parametrize("step", [Step.COUNTRY, Step.CITY, Step.OFFERS, Step.REVIEW])
def test_cancel_while_a_step_loads_drops_its_answer(sandbox: Any, api: Api, step: Step) -> None:
    async def scenario() -> tuple[DidPurchase, int]:
        wizard = DidPurchase(api)
        calls = 0

        def count() -> None:
            nonlocal calls
            calls += 1

        if step is not Step.COUNTRY:
            await wizard.choose_service("fax")
        if step in (Step.OFFERS, Step.REVIEW):
            await wizard.choose_country(COUNTRY)
        if step is Step.REVIEW:
            await wizard.choose_city(CITY)
            wizard.toggle_offer(wizard.offers.items[0])
        sandbox.faults.latency = 0.5
        action = {
            Step.COUNTRY: lambda: wizard.choose_service("fax"),
            Step.CITY: lambda: wizard.choose_country(COUNTRY),
            Step.OFFERS: lambda: wizard.choose_city(CITY),
            Step.REVIEW: wizard.go_to_review,
        }[step]
        task = asyncio.ensure_future(action())
        await wait_until(lambda: wizard.step is step)
        assert (
            wizard.countries.loading
            or wizard.cities.loading
            or wizard.offers.loading
            or (wizard.balance_loading)
        )
        wizard.cancel()
        wizard.add_listener(count)
        await task
        # Everything after cancel is a no-op.
        assert wizard.back() is False and not wizard.can_go_next()
        await wizard.choose_service("voice")
        return wizard, calls

    wizard, calls = run(scenario())
    assert wizard.cancelled and calls == 0, "no re-render after cancel"
    lists = (wizard.countries, wizard.cities, wizard.offers)
    assert not any(s.loading for s in lists) and not wizard.balance_loading
    assert wizard.service == "fax"
    if step is Step.COUNTRY:
        assert wizard.countries.items == ()
    if step is Step.CITY:
        assert wizard.cities.items == ()
    if step is Step.OFFERS:
        assert wizard.offers.items == ()
    if step is Step.REVIEW:
        assert wizard.balance is None
    assert api.counts["subscribedid"] == 0


def test_cancel_on_any_page_without_loading(api: Api) -> None:
    async def scenario() -> None:
        for stop_at in (Step.SERVICE, Step.COUNTRY, Step.CITY, Step.OFFERS, Step.REVIEW):
            wizard = DidPurchase(api)
            if stop_at is not Step.SERVICE:
                await wizard.choose_service("fax")
            if stop_at not in (Step.SERVICE, Step.COUNTRY):
                await wizard.choose_country(COUNTRY)
            if stop_at in (Step.OFFERS, Step.REVIEW):
                await wizard.choose_city(CITY)
                wizard.toggle_offer(wizard.offers.items[0])
            if stop_at is Step.REVIEW:
                await wizard.go_to_review()
                wizard.confirm(True)
            assert wizard.step is stop_at
            wizard.cancel()
            assert wizard.cancelled and not wizard.can_go_next() and not wizard.can_go_back()
            await wizard.subscribe()  # a click that arrives late does nothing

    run(scenario())
    assert api.counts["subscribedid"] == 0


def test_cancel_while_subscribing_stops_after_the_number_in_flight(sandbox: Any, api: Api) -> None:
    async def scenario() -> tuple[DidPurchase, list[str]]:
        wizard = DidPurchase(api)
        dids = await to_review(wizard, 3)
        wizard.confirm(True)
        sandbox.faults.latency = 0.5
        task = asyncio.ensure_future(wizard.subscribe())
        await wait_until(lambda: wizard.status(dids[0]) is DidStatus.SENDING)
        wizard.cancel()
        await task
        return wizard, dids

    wizard, dids = run(scenario())
    sandbox.faults.latency = 0.0
    assert wizard.status(dids[0]) is DidStatus.SUBSCRIBED, "the sent one is still reported"
    assert [wizard.status(d) for d in dids[1:]] == [DidStatus.PENDING] * 2
    mine = numbers_of(api)
    assert dids[0] in mine and not set(dids[1:]) & set(mine)
    assert api.counts["subscribedid"] == 1


def test_unclear_outcome_is_settled_by_reading_the_numbers_not_by_resending(
    sandbox: Any, make_api: MakeApi
) -> None:
    api = make_api(read_timeout=0.4)

    async def scenario() -> tuple[DidPurchase, str]:
        wizard = DidPurchase(api)
        (did,) = await to_review(wizard, 1)
        wizard.confirm(True)
        # Slower than the client waits, on both gateways: the request is sent, no answer comes,
        # and the check that follows cannot read the numbers either.
        sandbox.faults.latency = 1.0
        await wizard.subscribe()
        result = wizard.result(did)
        assert result is not None and result.status is DidStatus.UNKNOWN
        assert isinstance(result.error, UnknownOutcome) and "twice" in result.error.explanation
        assert wizard.step is Step.DONE and wizard.can_retry
        assert wizard.subscribed_numbers == ()
        sandbox.faults.latency = 0.0
        # Later, once the slow gateway has done the change nobody heard the answer to (its
        # state dump shows the number among the account's), the user clicks "Check again".
        row = f"INSERT INTO \"dids\" VALUES('{did}',"
        await wait_until(lambda: row in sandbox.dump())
        await wizard.subscribe()  # "Check again"
        return wizard, did

    wizard, did = run(scenario())
    assert wizard.status(did) is DidStatus.SUBSCRIBED
    assert wizard.subscribed_numbers == (did,)
    assert api.counts["subscribedid"] == 1, "an unclear request must never be sent again blindly"
    assert Counter(numbers_of(api))[did] == 1


def test_unclear_outcome_not_done_is_sent_again_only_after_checking(sandbox: Any, api: Api) -> None:
    async def scenario() -> tuple[DidPurchase, str]:
        wizard = DidPurchase(api)
        (did,) = await to_review(wizard, 1)
        wizard.confirm(True)
        # The gateway reads the request and hangs up without doing it (nor answering).
        sandbox.faults.drop_rate = 1.0
        await wizard.subscribe()
        assert wizard.status(did) is DidStatus.UNKNOWN
        sandbox.faults.drop_rate = 0.0
        numbers_before = api.counts["querynumbers"]
        await wizard.subscribe()
        assert api.counts["querynumbers"] == numbers_before + 1, "checked before resending"
        return wizard, did

    wizard, did = run(scenario())
    assert wizard.status(did) is DidStatus.SUBSCRIBED
    assert api.counts["subscribedid"] == 2
    assert Counter(numbers_of(api))[did] == 1


def test_a_refused_subscription_fails_plainly_and_can_be_tried_again(
    sandbox: Any, api: Api
) -> None:
    async def scenario() -> tuple[DidPurchase, list[str]]:
        wizard = DidPurchase(api)
        dids = await to_review(wizard, 2)
        wizard.confirm(True)
        sandbox.faults.error001_rate = 1.0
        await wizard.subscribe()
        for did in dids:
            result = wizard.result(did)
            assert result is not None and result.status is DidStatus.FAILED
            assert isinstance(result.error, ServiceUnavailable)
            assert result.error.explanation in result.message
        assert wizard.can_retry and not wizard.can_refresh_offers
        sandbox.faults.error001_rate = 0.0
        await wizard.subscribe()  # "Try again"
        return wizard, dids

    wizard, dids = run(scenario())
    assert wizard.subscribed_numbers == tuple(dids)
    assert not wizard.can_retry


def test_a_number_already_ours_answering_114_counts_as_bought(sandbox: Any, api: Api) -> None:
    """Another window of the app bought it first: 114, but it is ours, so it is not 'taken'."""

    async def scenario() -> tuple[DidPurchase, str]:
        wizard = DidPurchase(api)
        (did,) = await to_review(wizard, 1)
        wizard.confirm(True)
        await api(lambda c: c.subscribe_did("fax", COUNTRY, CITY, did))
        await wizard.subscribe()
        return wizard, did

    wizard, did = run(scenario())
    assert wizard.status(did) is DidStatus.SUBSCRIBED


def test_offers_reload_keeps_the_chosen_numbers(api: Api) -> None:
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await to_offers(wizard, quantity=5)
        last = wizard.offers.items[-1].did
        wizard.toggle_offer(last)
        await wizard.load_offers(2)
        assert wizard.is_chosen(last)
        assert wizard.offers.items[0].did == last, "chosen ones stay listed"
        assert len(wizard.offers.items) == 3
        return wizard

    run(scenario())
