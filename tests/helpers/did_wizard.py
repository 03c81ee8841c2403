"""Driving the DID purchase wizard in tests: the wizard fixture, its buttons, the way to
the offers and to the review page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.helpers.numbers_fixtures import (
    tick,
    until,
)
from traitel_desktop.core.did_purchase.flow import Step
from traitel_desktop.services import Session
from traitel_desktop.ui.did_wizard.finish import ReviewPage
from traitel_desktop.ui.did_wizard.pages import CityPage, CountryPage, OffersPage, ServicePage
from traitel_desktop.ui.did_wizard.wizard import DidWizard

Run = Callable[..., Any]


@pytest.fixture
def wizard(qtbot: Any, session: Session) -> DidWizard:
    w = DidWizard(session)
    qtbot.addWidget(w)
    w.show()
    return w


def click(qtbot: Any, w: DidWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(w.button(which), Qt.MouseButton.LeftButton)


def next_ready(w: DidWizard, page_id: int, run: Run) -> None:
    """Wait until page ``page_id`` is shown and its list (if any) has loaded."""
    run(until(lambda: w.currentId() == page_id and not w.purchase.offers.loading
              and not w.purchase.countries.loading and not w.purchase.cities.loading
              and not w.purchase.balance_loading))
    run(w.settled())


def to_offers(qtbot: Any, w: DidWizard, run: Run, service: str = "voice",
              country: str = "Australia", city: str = "Sydney") -> OffersPage:
    """Service → country (typed in the search box) → city → offers, as a user would."""
    page = w.currentPage()
    assert isinstance(page, ServicePage)
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing picked yet
    tick(qtbot, page.radios[service])
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.COUNTRY.value, run)
    countries = w.currentPage()
    assert isinstance(countries, CountryPage)
    qtbot.keyClicks(countries.picker.search, country[:4].lower())
    assert countries.picker.select(lambda data: data == country)
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.CITY.value, run)
    cities = w.currentPage()
    assert isinstance(cities, CityPage)
    assert cities.picker.select(lambda data: data == city)
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.OFFERS.value, run)
    offers = w.currentPage()
    assert isinstance(offers, OffersPage)
    return offers


def to_review(qtbot: Any, w: DidWizard, run: Run, count: int) -> tuple[ReviewPage, list[str]]:
    offers = to_offers(qtbot, w, run)
    dids = [o.did for o in w.purchase.offers.items[:count]]
    assert len(dids) == count
    for did in dids:
        offers.tick(did)
    assert offers.summary.text() == f"{count} numbers picked." if count > 1 else True
    click(qtbot, w, QWizard.WizardButton.NextButton)
    next_ready(w, Step.REVIEW.value, run)
    review = w.currentPage()
    assert isinstance(review, ReviewPage)
    return review, dids
