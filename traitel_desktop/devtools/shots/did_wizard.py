"""Screenshots (``--screenshots``) of the Assign dialog and of each DID purchase wizard page,
filled with demo data: ``assign.png``, ``wizard-service.png`` … ``wizard-done.png``.

The wizard is driven the way a user would (picks, then Next) on the demo sandbox, which runs
in-process: the subscribe and done shots really buy two numbers there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget, QWizard

from traitel_desktop.core.did_purchase.flow import Step

if TYPE_CHECKING:
    from traitel_desktop.ui.did_wizard.wizard import DidWizard
    from traitel_desktop.ui.numbers.tab import NumbersTab

SERVICE, COUNTRY, CITY = "voice", "Australia", "Sydney"
WIZARD_SIZE = (700, 560)


async def _until(condition: Callable[[], object], what: str) -> None:
    from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT

    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(f"screenshot: no {what}")
        await asyncio.sleep(0.05)


async def _tab(ctx: Any) -> NumbersTab:
    from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT
    from traitel_desktop.ui.numbers.tab import NumbersTab

    tab = ctx.window.tab("numbers")
    if not isinstance(tab, NumbersTab):
        raise TypeError("the numbers tab is not loaded")
    if not tab.model.rowCount():
        await asyncio.wait_for(tab.reload(), LOAD_TIMEOUT)
    return tab


async def assign_shot(ctx: Any) -> QWidget:
    """The Assign dialog on a voice number answered by an IVR menu."""
    from traitel_desktop.devtools.shot_kit import settle

    tab = await _tab(ctx)
    tab.search.clear()
    row = next((r for r in tab.model.rows() if r.kind == "IVR"), None)
    tab.select_number(row.digits if row is not None else None)
    tab.assign_selected()
    await _until(lambda: tab.dialog is not None, "Assign dialog")
    dialog = tab.dialog
    assert dialog is not None
    ctx.cleanup.append(dialog.reject)
    await settle()
    return dialog


async def _next(wizard: DidWizard, step: Step) -> None:
    wizard.next()
    await _until(lambda: wizard.currentId() == step.value, f"page {step.name}")
    await wizard.settled()


async def _wizard_at(ctx: Any, step: Step) -> QWidget:
    """A wizard opened from the Numbers tab and driven to ``step``."""
    from traitel_desktop.devtools.shot_kit import settle
    from traitel_desktop.ui.did_wizard.finish import ReviewPage
    from traitel_desktop.ui.did_wizard.pages import CityPage, CountryPage, OffersPage, ServicePage

    tab = await _tab(ctx)
    tab.buy()
    wizard = tab.wizard
    assert wizard is not None
    ctx.cleanup.append(wizard.reject)
    wizard.resize(*WIZARD_SIZE)
    service = wizard.page(Step.SERVICE.value)
    assert isinstance(service, ServicePage)
    service.radios[SERVICE].setChecked(True)
    if step.value > Step.SERVICE.value:
        await _next(wizard, Step.COUNTRY)
        countries = wizard.currentPage()
        assert isinstance(countries, CountryPage)
        countries.picker.select(lambda data: data == COUNTRY)
    if step.value > Step.COUNTRY.value:
        await _next(wizard, Step.CITY)
        cities = wizard.currentPage()
        assert isinstance(cities, CityPage)
        cities.picker.select(lambda data: data == CITY)
    if step.value > Step.CITY.value:
        await _next(wizard, Step.OFFERS)
        offers = wizard.currentPage()
        assert isinstance(offers, OffersPage)
        for offer in wizard.purchase.offers.items[:2]:
            offers.tick(offer.did)
        offers.list.setFocus()
    if step.value > Step.OFFERS.value:
        await _next(wizard, Step.REVIEW)
        review = wizard.currentPage()
        assert isinstance(review, ReviewPage)
        await _until(lambda: not wizard.purchase.balance_loading, "balance")
        review.confirm_box.setChecked(True)
    if step.value > Step.REVIEW.value:
        wizard.next()  # Buy (really, on the demo sandbox)
        await _until(lambda: wizard.purchase.step is Step.DONE, "purchase")
        await wizard.settled()
    if step is Step.DONE:
        wizard.button(QWizard.WizardButton.CommitButton).click()  # Continue
    await settle(0.3)
    return wizard


def wizard_shot(step: Step) -> Callable[[Any], Any]:
    """The shot of the wizard page of ``step``."""

    async def shot(ctx: Any) -> QWidget:
        return await _wizard_at(ctx, step)

    shot.__doc__ = f"The DID purchase wizard on its {step.name.lower()} page."
    return shot


SHOTS: list[tuple[str, Callable[[Any], Any]]] = [
    ("assign", assign_shot),
    ("wizard-service", wizard_shot(Step.SERVICE)),
    ("wizard-country", wizard_shot(Step.COUNTRY)),
    ("wizard-city", wizard_shot(Step.CITY)),
    ("wizard-offers", wizard_shot(Step.OFFERS)),
    ("wizard-review", wizard_shot(Step.REVIEW)),
    ("wizard-subscribe", wizard_shot(Step.SUBSCRIBING)),
    ("wizard-done", wizard_shot(Step.DONE)),
]
