"""The DID purchase wizard's flow, driven against the real sandbox over loopback HTTP.

Every test runs one ``asyncio`` loop; the wizard calls the gateway through real clients in
worker threads (``conftest.Api``), exactly as it does through ``Session.call`` in the app.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import (
    CITY,
    COUNTRY,
    Api,
    numbers_of,
    run,
    to_offers,
    to_review,
    wait_until,
)
from traitel_desktop.api.errors import ServiceUnavailable
from traitel_desktop.core.did_purchase.flow import DidPurchase, WizardStateError
from traitel_desktop.core.did_purchase.state import DidStatus, Step, filtered

# -- the whole flow --------------------------------------------------------------------------


def test_whole_flow_buys_several_numbers(api: Api) -> None:
    before = set(numbers_of(api))
    balance = api.sync(lambda c: c.query_balance())

    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        assert wizard.step is Step.SERVICE and wizard.can_go_next()
        await wizard.choose_service("fax")
        assert wizard.step is Step.COUNTRY
        assert COUNTRY in wizard.countries.items and wizard.can_go_next()
        await wizard.choose_country(COUNTRY)
        assert wizard.step is Step.CITY
        assert CITY in [c.city for c in wizard.cities.items] and wizard.can_go_next()
        await wizard.choose_city(CITY)
        assert wizard.step is Step.OFFERS and not wizard.can_go_next()
        await wizard.load_offers(3)
        assert len(wizard.offers.items) == 3
        assert all(o.city == CITY and o.country == COUNTRY for o in wizard.offers.items)
        chosen = [o.did for o in wizard.offers.items[:2]]
        for did in chosen:
            wizard.toggle_offer(did)
        assert [o.did for o in wizard.chosen] == chosen and wizard.can_go_next()
        await wizard.go_to_review()
        assert wizard.step is Step.REVIEW
        assert wizard.balance == balance and isinstance(wizard.balance, Decimal)
        assert not wizard.can_go_next(), "must not go on without an explicit yes"
        wizard.confirm(True)
        assert wizard.can_go_next()
        await wizard.subscribe()
        assert wizard.step is Step.DONE
        assert [r.did for r in wizard.results] == chosen
        assert all(r.status is DidStatus.SUBSCRIBED for r in wizard.results)
        assert wizard.subscribed_numbers == tuple(chosen)
        assert not wizard.can_retry and not wizard.can_refresh_offers
        return wizard

    wizard = run(scenario())
    after = numbers_of(api)
    assert set(after) - before == set(wizard.subscribed_numbers)
    assert api.counts["subscribedid"] == 2


def test_each_step_shows_that_it_is_loading(api: Api) -> None:
    seen: list[tuple[Step, bool, bool, bool, bool]] = []

    async def scenario() -> None:
        wizard = DidPurchase(api)
        wizard.add_listener(
            lambda: seen.append(
                (
                    wizard.step,
                    wizard.countries.loading,
                    wizard.cities.loading,
                    wizard.offers.loading,
                    wizard.balance_loading,
                )
            )
        )
        await to_review(wizard, 1)

    run(scenario())
    for index, step in ((1, Step.COUNTRY), (2, Step.CITY), (3, Step.OFFERS)):
        states = [s[index] for s in seen if s[0] is step]
        assert True in states and states[-1] is False, (step, states)
    review = [s[4] for s in seen if s[0] is Step.REVIEW]
    assert True in review and review[-1] is False


def test_lists_are_searchable(api: Api) -> None:
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await wizard.choose_service("fax")
        await wizard.choose_country(COUNTRY)
        return wizard

    wizard = run(scenario())
    assert filtered(wizard.countries.items, "united") == ["United Kingdom", "United States"]
    assert [c.city for c in filtered(wizard.cities.items, "SYD", key=lambda c: c.city)] == [CITY]


def test_quantity_is_one_to_ten(api: Api) -> None:
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await to_offers(wizard)
        with pytest.raises(ValueError):
            await wizard.load_offers(11)
        with pytest.raises(ValueError):
            await wizard.load_offers(0)
        await wizard.load_offers(10)
        return wizard

    wizard = run(scenario())
    # The demo inventory has 8 fax numbers per city: all of them are offered.
    assert wizard.quantity == 10 and len(wizard.offers.items) == 8
    assert api.counts["querydids"] == 2, "the invalid quantities must not reach the gateway"


# -- back and forth --------------------------------------------------------------------------


def test_back_keeps_choices_and_does_not_reload(api: Api) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        await to_offers(wizard)
        did = wizard.offers.items[1].did
        wizard.toggle_offer(did)
        await wizard.go_to_review()
        wizard.confirm(True)
        loads = dict(api.counts)
        for expected in (Step.OFFERS, Step.CITY, Step.COUNTRY, Step.SERVICE):
            assert wizard.back() is True
            assert wizard.step is expected
        assert wizard.back() is False and wizard.step is Step.SERVICE
        assert (wizard.service, wizard.country, wizard.city) == ("fax", COUNTRY, CITY)
        assert wizard.is_chosen(did) and not wizard.confirmed
        await wizard.choose_service("fax")
        await wizard.choose_country(COUNTRY)
        await wizard.choose_city(CITY)
        assert wizard.step is Step.OFFERS and [o.did for o in wizard.chosen] == [did]
        assert wizard.can_go_next()
        for mode in ("querydidcountries", "querydidcities", "querydids"):
            assert api.counts[mode] == loads[mode], mode

    run(scenario())


def test_changing_an_earlier_choice_clears_what_depends_on_it(api: Api) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        await to_offers(wizard)
        wizard.toggle_offer(wizard.offers.items[0].did)
        wizard.back()
        wizard.back()
        assert wizard.step is Step.COUNTRY
        await wizard.choose_country("United Kingdom")
        assert wizard.city is None and not wizard.chosen and not wizard.offers.items
        assert {c.country for c in wizard.cities.items} == {"United Kingdom"}
        await wizard.choose_city("London")
        assert {offer.city for offer in wizard.offers.items} == {"London"}
        wizard.back()
        wizard.back()
        wizard.back()
        await wizard.choose_service("voice")
        assert wizard.country is None and wizard.cities.items == ()
        assert wizard.countries.key == ("voice",) and wizard.countries.items

    run(scenario())


def test_a_late_answer_for_an_old_choice_is_dropped(sandbox: Any, api: Api) -> None:
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await wizard.choose_service("fax")
        sandbox.faults.latency = 0.4
        first = asyncio.ensure_future(wizard.choose_country(COUNTRY))
        await wait_until(lambda: wizard.cities.loading)
        wizard.back()
        sandbox.faults.latency = 0.0
        await wizard.choose_country("Germany")
        await first
        return wizard

    wizard = run(scenario())
    assert wizard.country == "Germany"
    assert {c.country for c in wizard.cities.items} == {"Germany"}


# -- empty lists and errors ------------------------------------------------------------------


def test_no_offers_left_in_a_city_says_so(sandbox: Any, api: Api) -> None:
    offers = api.sync(lambda c: c.query_dids("fax", COUNTRY, CITY, 10))
    for offer in offers:
        sandbox.take_did(offer.did)

    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await to_offers(wizard)
        return wizard

    wizard = run(scenario())
    assert wizard.offers.loaded and wizard.offers.items == () and wizard.offers.error is None
    assert wizard.offers.empty_message is not None and CITY in wizard.offers.empty_message
    assert not wizard.can_go_next()


def test_no_cities_for_this_service_says_so(api: Api) -> None:
    # France has no SMS numbers in the demo inventory; the gateway answers Error 111.
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await wizard.choose_service("sms")
        assert "France" not in wizard.countries.items
        await wizard.choose_country("France")
        return wizard

    wizard = run(scenario())
    assert wizard.cities.items == () and wizard.cities.error is None
    assert wizard.cities.empty_message == "No cities in France offer new sms numbers right now."
    assert not wizard.can_go_next()


def test_no_countries_for_this_service_says_so(sandbox: Any, api: Api) -> None:
    # The sandbox has no hook to empty its inventory: remove the SMS offers in its database.
    with sandbox.db.transaction() as conn:
        conn.execute("DELETE FROM offers WHERE service = 'sms'")

    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await wizard.choose_service("sms")
        return wizard

    wizard = run(scenario())
    assert wizard.countries.loaded and wizard.countries.items == ()
    assert wizard.countries.empty_message == "No countries offer new sms numbers right now."
    assert not wizard.can_go_next()


def test_a_load_error_is_shown_in_plain_words_and_can_be_retried(sandbox: Any, api: Api) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        sandbox.faults.error001_rate = 1.0
        await wizard.choose_service("fax")
        error = wizard.countries.error
        assert isinstance(error, ServiceUnavailable) and error.explanation
        assert not wizard.countries.loading and not wizard.can_go_next()
        sandbox.faults.error001_rate = 0.0
        await wizard.retry_load()
        assert wizard.countries.error is None and COUNTRY in wizard.countries.items
        assert wizard.can_go_next()

    run(scenario())


def test_actions_out_of_step_are_refused(api: Api) -> None:
    async def scenario() -> None:
        wizard = DidPurchase(api)
        with pytest.raises(WizardStateError):
            await wizard.choose_country(COUNTRY)
        with pytest.raises(ValueError):
            await wizard.choose_service("telex")
        await to_offers(wizard)
        with pytest.raises(WizardStateError):
            wizard.confirm(True)
        with pytest.raises(WizardStateError):
            await wizard.go_to_review()  # nothing chosen
        with pytest.raises(ValueError):
            wizard.toggle_offer("99999999999")
        wizard.toggle_offer(wizard.offers.items[0])
        await wizard.go_to_review()
        with pytest.raises(WizardStateError):
            await wizard.subscribe()  # not confirmed
        assert wizard.step is Step.REVIEW

    run(scenario())
    assert api.counts["subscribedid"] == 0
