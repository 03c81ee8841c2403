"""Task c: "buy a UK number and send its calls to fax". The owner opens Numbers, Buy numbers…,
picks Voice, finds the United Kingdom and London by typing, ticks the first number offered,
reads the fee note and the balance, confirms and buys; the done page says how the balance
went (from the amount before to the amount after, both read from the sandbox), Cancel has
become Close; "Assign this number now…" routes it to fax, the done page and the Numbers tab
then say so, and the sandbox has it as a fax number. A fresh sandbox: the task buys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListWidget, QWizard

from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.owner import Key, Owner, shows_amount
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.did_purchase.flow import Step
from traitel_desktop.core.phones import format_number
from traitel_desktop.ui.did_wizard.finish import DonePage, ReviewPage
from traitel_desktop.ui.did_wizard.pages import CityPage, CountryPage, OffersPage, ServicePage
from traitel_desktop.ui.did_wizard.wizard import DidWizard
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.numbers.assign_dialog import AssignDialog
from traitel_desktop.ui.numbers.model import Column
from traitel_desktop.ui.numbers.tab import NumbersTab

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here

Button = QWizard.WizardButton
COUNTRY, CITY = "United Kingdom", "London"


def page_shown(owner: Owner, wizard: DidWizard, kind: type) -> Any:
    """Wait until the wizard shows a page of ``kind`` with nothing loading; returns it."""
    p = wizard.purchase
    owner.wait_for(
        lambda: isinstance(wizard.currentPage(), kind) and not p.countries.loading
        and not p.cities.loading and not p.offers.loading and not p.balance_loading,
        f"the wizard's {kind.__name__}")
    owner.wait_quiet()
    return wizard.currentPage()


def pick_from_list(owner: Owner, picker: Any, typed: str, wanted: str) -> None:
    """Find ``wanted`` in a searchable list by typing ``typed`` into its search box; then a
    click on it, or Enter in the search box (one match left)."""
    owner.fill(picker.search, typed)
    names = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert names == [wanted], names
    if owner.by_keyboard:
        owner.press(Key.Key_Return)
    else:
        owner.click_item(picker.list, 0)
        assert picker.current() == wanted


def tick_first(owner: Owner, offers: QListWidget) -> None:
    """Tick the first number offered: a click on its check box, or Tab to the list and
    Space on the current (first) number."""
    if owner.by_keyboard:
        owner.tab_to(offers)
        assert offers.currentRow() == 0
        owner.press(Key.Key_Space)
        return
    rect = offers.visualItemRect(offers.item(0))
    box = offers.style().pixelMetric(offers.style().PixelMetric.PM_IndicatorWidth)
    owner.click(offers.viewport(), QPoint(rect.left() + 4 + box // 2, rect.center().y()))


@task_params
def test_buy_a_uk_number_and_route_it_to_fax(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, size: Any, mode: str
) -> None:
    owner.tab("Numbers")
    tab = window.tab("numbers")
    assert isinstance(tab, NumbersTab)
    owner.wait_quiet()
    before = eyes.query_balance()

    owner.use(tab.buy_button)
    owner.wait_for(lambda: tab.wizard is not None and tab.wizard.isVisible(), "the wizard")
    wizard = tab.wizard
    assert isinstance(wizard, DidWizard)
    owner.ensure_active(wizard)

    service = page_shown(owner, wizard, ServicePage)
    owner.choose(service.radios["voice"])
    owner.use(wizard.button(Button.NextButton))
    countries = page_shown(owner, wizard, CountryPage)
    pick_from_list(owner, countries.picker, "united k", COUNTRY)
    if not owner.by_keyboard:
        owner.click(wizard.button(Button.NextButton))
    cities = page_shown(owner, wizard, CityPage)
    pick_from_list(owner, cities.picker, "lond", CITY)
    if not owner.by_keyboard:
        owner.click(wizard.button(Button.NextButton))
    offers = page_shown(owner, wizard, OffersPage)
    did = wizard.purchase.offers.items[0].did
    tick_first(owner, offers.list)
    assert offers.checked() == [did]
    owner.use(wizard.button(Button.NextButton))

    review = page_shown(owner, wizard, ReviewPage)
    assert format_number(did) in review.numbers.text()
    assert shows_amount(review.balance.text(), before, to_the_cent=True)
    assert review.charges.isVisible() and review.charges.text()  # the fee note
    assert not wizard.button(Button.CommitButton).isEnabled()  # not before the "yes"
    owner.choose(review.confirm_box)
    owner.shot("c-review")
    owner.use(wizard.button(Button.CommitButton))  # Buy
    owner.wait_for(lambda: wizard.purchase.step is Step.DONE and not wizard.subscribing,
                   "the number to be bought")
    owner.wait_quiet()
    owner.use(wizard.button(Button.CommitButton))  # Continue
    done = page_shown(owner, wizard, DonePage)

    after = eyes.query_balance()
    assert after < before
    assert shows_amount(done.balance_line.text(), before, to_the_cent=True)
    assert shows_amount(done.balance_line.text(), after, to_the_cent=True)
    assert did in [n.number for n in eyes.query_numbers()]
    unassigned = done.list.item(0).text()
    assert format_number(did) in unassigned
    owner.shot("c-bought")

    # Route it to fax, from the done page.
    owner.use(done.assign_button)
    owner.wait_for(lambda: isinstance(tab.dialog, AssignDialog) and tab.dialog.isVisible(),
                   "the Assign dialog")
    dialog = tab.dialog
    assert isinstance(dialog, AssignDialog) and dialog.row.digits == did
    owner.ensure_active(dialog)
    owner.choose(dialog.fax_radio)
    owner.use(dialog.assign_button)
    owner.wait_for(lambda: tab.dialog is None, "the Assign dialog to close")
    owner.wait_quiet()
    number = next(n for n in eyes.query_numbers() if n.number == did)
    assert number.service == "fax"
    # Every key went into a control: no page left the keyboard with nowhere to go (the
    # country and city pages used to, while their lists loaded).
    assert owner.unfocused == []
    # The done page and the Numbers tab both say what it does now, in the same words.
    row = tab.model.row_of(did)
    assert row >= 0
    used_for = str(tab.model.index(row, Column.ASSIGNMENT).data())
    owner.wait_for(lambda: done.routing_text(did) == used_for, "the done page to follow")
    assert done.list.item(0).text() != unassigned and used_for in done.list.item(0).text()
    owner.shot("c-routed", wizard)

    # Nothing is left to cancel: the wizard's last button closes it.
    assert wizard.button(Button.CancelButton).text() != "Cancel" or not \
        wizard.button(Button.CancelButton).isVisible()
    owner.use(wizard.button(Button.FinishButton))
    owner.wait_for(lambda: tab.wizard is None, "the wizard to close")
    owner.wait_quiet()
    shown = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(did), Column.NUMBER))
    assert shown.isValid() and shown.data(Qt.ItemDataRole.DisplayRole) == format_number(did)
    owner.shot("c-numbers", window)
