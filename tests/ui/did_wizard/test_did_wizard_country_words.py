"""The wizard's city page names the country as English does: "Cities in the United
Kingdom", "Cities in Australia" (the demo sandbox over real HTTP, driven as a user would)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from tests.helpers.did_wizard import click, next_ready, wizard
from tests.helpers.numbers_fixtures import tick
from traitel_desktop.core.did_purchase.flow import Step
from traitel_desktop.ui.did_wizard.pages import CountryPage, ServicePage
from traitel_desktop.ui.did_wizard.wizard import DidWizard

__all__ = ["wizard"]  # fixtures used here


@pytest.mark.parametrize(("country", "words"), [
    ("United Kingdom", "Cities in the United Kingdom with numbers for sale."),
    ("Australia", "Cities in Australia with numbers for sale."),
])
def test_city_page_names_the_country_as_english_does(
    qtbot: Any, wizard: DidWizard, run: Any, country: str, words: str
) -> None:
    page = wizard.currentPage()
    assert isinstance(page, ServicePage)
    tick(qtbot, page.radios["voice"])
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    next_ready(wizard, Step.COUNTRY.value, run)
    countries = wizard.currentPage()
    assert isinstance(countries, CountryPage)
    assert countries.picker.select(lambda data: data == country)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    next_ready(wizard, Step.CITY.value, run)
    assert wizard.currentPage().subTitle() == words
