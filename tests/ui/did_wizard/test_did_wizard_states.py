"""The DID purchase wizard's loading, error and empty states, against a fresh demo sandbox:
a list that fails to load says why and loads again with "Try again"; a city with nothing left
on offer says so; a failed purchase is explained per number and can be tried again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.helpers.did_wizard import click, next_ready, to_offers, wizard
from tests.helpers.numbers_fixtures import client, fresh_sandbox, sign_in_request, tick, until
from traitel_desktop.core.did_purchase.flow import DidStatus, Step
from traitel_desktop.core.money import format_amount
from traitel_desktop.sandbox.modes.dids import DID_SETUP_FEE
from traitel_desktop.ui.did_wizard.finish import DonePage, ReviewPage, SubscribePage
from traitel_desktop.ui.did_wizard.pages import CountryPage, OffersPage, ServicePage
from traitel_desktop.ui.did_wizard.wizard import DidWizard

__all__ = ["client", "fresh_sandbox", "sign_in_request", "wizard"]  # fixtures used here

Run = Callable[..., Any]


def test_a_failed_list_says_why_and_try_again_loads_it(
    qtbot: Any, wizard: DidWizard, fresh_sandbox: Any, run: Run
) -> None:
    w = wizard
    page = w.currentPage()
    assert isinstance(page, ServicePage)
    tick(qtbot, page.radios["fax"])
    fresh_sandbox.faults.error001_rate = 1.0  # both gateways: "Service unavailable"
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.COUNTRY.value, run)
    countries = w.currentPage()
    assert isinstance(countries, CountryPage)
    assert countries.load_state.retry_button.isVisible()
    assert "busy or under maintenance" in countries.load_state.text
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    fresh_sandbox.faults.error001_rate = 0.0
    qtbot.mouseClick(countries.load_state.retry_button, Qt.MouseButton.LeftButton)
    run(until(lambda: w.purchase.countries.ready))
    run(w.settled())
    assert countries.load_state.isHidden()
    assert "Australia" in [countries.picker.list.item(r).text()
                           for r in range(countries.picker.list.count())]


def test_nothing_left_on_offer_says_so(
    qtbot: Any, wizard: DidWizard, fresh_sandbox: Any, run: Run
) -> None:
    with fresh_sandbox.db.lock:
        left = [r[0] for r in fresh_sandbox.db.conn.execute(
            "SELECT number FROM offers WHERE service = 'fax' AND city = 'Perth' AND taken = 0"
        )]
    for did in left[1:]:
        fresh_sandbox.take_did(did)
    offers = to_offers(qtbot, wizard, run, service="fax", city="Perth")
    assert [o.did for o in wizard.purchase.offers.items] == left[:1]
    fresh_sandbox.take_did(left[0])  # the last one goes too
    qtbot.mouseClick(offers.more_button, Qt.MouseButton.LeftButton)
    next_ready(wizard, Step.OFFERS.value, run)
    assert offers.list.count() == 0
    assert offers.load_state.text == (
        "No numbers are available in Perth right now. Try again later or pick another city."
    )
    assert offers.summary.text() == "No number picked yet."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_failed_purchase_is_explained_and_can_be_tried_again(
    qtbot: Any, wizard: DidWizard, fresh_sandbox: Any, client: Any, run: Run
) -> None:
    w = wizard
    offers = to_offers(qtbot, w, run)
    did = w.purchase.offers.items[0].did
    offers.tick(did)
    assert isinstance(offers, OffersPage) and offers.checked() == [did]
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.REVIEW.value, run)
    review = w.currentPage()
    assert isinstance(review, ReviewPage)
    tick(qtbot, review.confirm_box)
    fresh_sandbox.faults.error001_rate = 1.0  # not processed: nothing bought
    click(qtbot, w, QWizard.WizardButton.CommitButton)
    run(until(lambda: w.purchase.step is Step.DONE))
    run(w.settled())
    page = w.currentPage()
    assert isinstance(page, SubscribePage)
    assert w.purchase.status(did) is DidStatus.FAILED
    assert page.status_texts()[0].endswith(
        "Not subscribed. TraiTel's server is busy or under maintenance and did not process "
        "the request, so nothing was changed. Please try again in a few minutes."
    )
    assert page.retry_button.isVisible() and not page.refresh_button.isVisible()
    # The balance could not be read again either (the gateway is still busy): said plainly.
    template, amounts = w.purchase.balance_change
    assert "could not be read again" in template and amounts == ()
    fresh_sandbox.faults.error001_rate = 0.0
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    run(until(lambda: w.purchase.step is Step.DONE and not w.subscribing))
    run(w.settled())
    assert w.purchase.status(did) is DidStatus.SUBSCRIBED
    assert did in {n.number for n in client.query_numbers()}
    assert not page.retry_button.isVisible()
    # From the balance on the review page to the balance now: one setup fee less.
    before, after = w.purchase.balance, client.query_balance()
    assert before is not None and after == before - DID_SETUP_FEE
    click(qtbot, w, QWizard.WizardButton.CommitButton)  # Continue
    done = w.currentPage()
    assert isinstance(done, DonePage)
    assert done.balance_line.text() == (
        f"Your balance went from {format_amount(before)} to {format_amount(after)}.")
