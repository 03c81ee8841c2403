"""The DID purchase wizard once numbers are bought, against a fresh demo sandbox over real
HTTP (which charges a setup fee per number): what the review page says of the price, Cancel
becoming Close, Esc leaving a finished purchase alone, and the done page agreeing with the
Assign dialog on what a new number is used for, also after assigning it from there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.helpers.did_wizard import Run, click, to_review, wizard
from tests.helpers.fresh_sandbox import click_and_wait
from tests.helpers.numbers_fixtures import (
    client,
    fresh_sandbox,
    numbers_tab,
    sign_in_request,
    tick,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.did_purchase.flow import Step
from traitel_desktop.core.money import format_amount
from traitel_desktop.core.phones import format_number
from traitel_desktop.sandbox.modes.dids import DID_SETUP_FEE
from traitel_desktop.ui.did_wizard.finish import DonePage, SubscribePage
from traitel_desktop.ui.did_wizard.wizard import DONE_PAGE, DidWizard
from traitel_desktop.ui.numbers.assign_dialog import AssignDialog
from traitel_desktop.ui.numbers.tab import NumbersTab

__all__ = ["client", "fresh_sandbox", "numbers_tab", "sign_in_request", "wizard"]

CANCEL = QWizard.WizardButton.CancelButton


def buy(qtbot: Any, w: DidWizard, run: Run, count: int = 1) -> list[str]:
    """From the start page: choose ``count`` voice numbers in Sydney, confirm, Buy, and wait
    until the pass and what follows it (balance, numbers' use) are over."""
    review, dids = to_review(qtbot, w, run, count)
    tick(qtbot, review.confirm_box)
    click(qtbot, w, QWizard.WizardButton.CommitButton)
    run(until(lambda: w.purchase.step is Step.DONE and not w.subscribing))
    run(w.settled())
    return dids


def test_review_says_what_is_known_of_the_price(
    qtbot: Any, wizard: DidWizard, run: Run
) -> None:
    review, _dids = to_review(qtbot, wizard, run, 1)
    assert review.charges.text() == (
        "TraiTel may charge a setup or monthly fee for this number; it will show in your "
        "balance.")
    assert review.charges.isVisible()
    assert review.confirm_box.text() == (
        "Yes, buy this number. I understand a setup or monthly fee may apply.")
    assert wizard.button(CANCEL).text() == "Cancel"  # nothing bought yet


def test_cancel_becomes_close_and_esc_leaves_a_finished_purchase(
    qtbot: Any, wizard: DidWizard, fresh_sandbox: Any, client: TraiTelClient, run: Run
) -> None:
    w = wizard
    review, dids = to_review(qtbot, w, run, 2)
    tick(qtbot, review.confirm_box)
    fresh_sandbox.faults.latency = 0.2
    click(qtbot, w, QWizard.WizardButton.CommitButton)
    run(until(lambda: w.purchase.step is Step.SUBSCRIBING))
    # While numbers are being bought, Cancel still stops the rest.
    assert w.button(CANCEL).text() == "Cancel"
    run(until(lambda: w.purchase.step is Step.DONE and not w.subscribing), timeout=10.0)
    run(w.settled())
    fresh_sandbox.faults.latency = 0.0
    assert isinstance(w.currentPage(), SubscribePage)
    assert w.button(CANCEL).text() == "Close"
    assert "numbers you bought are yours" in w.button(CANCEL).toolTip()
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert not w.isVisible()
    assert not w.purchase.cancelled  # closed, not cancelled
    assert w.purchase.subscribed_numbers == tuple(dids)
    assert set(dids) <= {n.number for n in client.query_numbers()}


def test_done_page_and_assign_dialog_agree_also_after_assigning(
    qtbot: Any, numbers_tab: NumbersTab, client: TraiTelClient, run: Run
) -> None:
    tab = numbers_tab
    before = client.query_balance()
    tab.buy()
    w = tab.wizard
    assert isinstance(w, DidWizard)
    (did,) = buy(qtbot, w, run)
    click(qtbot, w, QWizard.WizardButton.CommitButton)  # Continue
    assert w.currentId() == DONE_PAGE
    done = w.currentPage()
    assert isinstance(done, DonePage)
    after = client.query_balance()
    assert after == before - DID_SETUP_FEE
    assert done.balance_line.text() == (
        f"Your balance went from {format_amount(before)} to {format_amount(after)}.")

    def open_assign() -> AssignDialog:
        qtbot.mouseClick(done.assign_button, Qt.MouseButton.LeftButton)
        run(until(lambda: isinstance(tab.dialog, AssignDialog)))
        dialog = tab.dialog
        assert isinstance(dialog, AssignDialog) and dialog.row.digits == did
        return dialog

    dialog = open_assign()
    assert dialog.routing == done.routing_text(did) == "Unassigned"
    # Send its calls to a SIP phone on the main account, from the dialog, as an owner would.
    tick(qtbot, dialog.voice_radio)
    tick(qtbot, dialog.kind_radios["SIP"])
    assert dialog.target.currentText() == "Main account"
    click_and_wait(qtbot, dialog, dialog.assign_button, run)
    run(until(lambda: tab.dialog is None))
    assert next(n for n in client.query_numbers() if n.number == did).assigned_service == "SIP"
    # The done page read querynumbers again and shows the new use.
    run(until(lambda: done.routing_text(did) == "Internet phone: main account"))
    run(w.settled())
    assert done.list.item(0).text() == f"{format_number(did)} — Internet phone: main account"
    again = open_assign()
    assert again.routing == done.routing_text(did)
    again.reject()
    run(until(lambda: tab.dialog is None))
    click(qtbot, w, QWizard.WizardButton.FinishButton)
    run(until(lambda: tab.wizard is None))
