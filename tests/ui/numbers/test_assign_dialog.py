"""The Assign dialog, driven through the Numbers tab against a fresh demo sandbox: every path
(fax, IVR, IVML, SIP to the main account and to a sub-account) checked on the sandbox
afterwards; every refusal (105, 107, 108, 109, 110, 113) explained in plain words with the
dialog kept open, the choices kept and the sandbox unchanged; no double submit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.numbers_fixtures import (
    cell,
    click_assign,
    client,
    first,
    fresh_sandbox,
    number,
    numbers_tab,
    open_assign,
    sign_in_request,
    tick,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.records import Number
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.numbers import AssignChoice, Numbers
from traitel_desktop.ui.numbers.assign_dialog import AssignDialog
from traitel_desktop.ui.numbers.model import Column
from traitel_desktop.ui.numbers.tab import NumbersTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["client", "fresh_sandbox", "numbers_tab", "sign_in_request"]  # fixtures used here

Run = Callable[..., Any]


def choose(qtbot: Any, dialog: AssignDialog, choice: AssignChoice) -> None:
    """Pick ``choice`` with the mouse and the keyboard, as a user would."""
    tick(qtbot, dialog.fax_radio if choice.service == "fax" else dialog.voice_radio)
    if choice.kind is not None:
        tick(qtbot, dialog.kind_radios[choice.kind])
        position = dialog.target.findData(choice.target_id)
        assert position >= 0, choice
        dialog.target.setCurrentIndex(position)
    assert dialog.choice() == choice


@pytest.mark.parametrize(
    ("start", "choice", "expected", "words"),
    [
        (dict(service="voice", assigned_service=""), AssignChoice("fax"),
         Number("", "fax", "", None), "Receives faxes"),
        (dict(service="voice", assigned_service="SIP"), AssignChoice("voice", "IVR", 12),
         Number("", "voice", "IVR", 12), "Voice menu: After hours (#12)"),
        (dict(service="voice", assigned_service="IVR"), AssignChoice("voice", "IVML", 302),
         Number("", "voice", "IVML", 302), "Call flow: Support line (#302)"),
        (dict(service="voice", assigned_service="IVML"), AssignChoice("voice", "SIP", 0),
         Number("", "voice", "SIP", 0), "Internet phone: main account"),
        (dict(service="voice", assigned_service="IVR"), AssignChoice("voice", "SIP", 1003),
         Number("", "voice", "SIP", 1003), "Internet phone: sub-account Lucas Chen"),
    ],
    ids=["fax", "ivr", "ivml", "sip-main", "sip-sub"],
)
def test_every_assign_path_lands_on_the_sandbox(
    qtbot: Any,
    numbers_tab: NumbersTab,
    session: Session,
    client: TraiTelClient,
    run: Run,
    start: dict[str, object],
    choice: AssignChoice,
    expected: Number,
    words: str,
) -> None:
    tab = numbers_tab
    topics: list[str] = []
    session.data_changed.connect(topics.append)
    balances: list[object] = []
    session.balance_changed.connect(balances.append)
    session.balance = None  # forget it, so the read after the change is seen
    digits = first(client, **start)
    dialog = open_assign(qtbot, tab, run, digits)
    choose(qtbot, dialog, choice)
    click_assign(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)
    run(until(lambda: bool(balances)))  # the header's balance is read again
    assert tab.dialog is None
    got = number(client, digits)
    assert (got.service, got.assigned_service, got.assigned_id) == (
        expected.service, expected.assigned_service, expected.assigned_id
    )
    assert cell(tab, digits, Column.ASSIGNMENT) == words  # the table was read again
    selected = tab.selected()
    assert selected is not None and selected.digits == digits
    assert "numbers" in topics
    (change,) = record_for(session).changes()
    assert (change.area, change.action, change.result) == ("numbers", "assign", "ok")
    assert change.target == dialog.row.formatted


def assert_kept(dialog: AssignDialog, choice: AssignChoice, field: str | None) -> None:
    """Still open, nothing lost, ready to try again; ``field``'s widget marked."""
    assert dialog.isVisible() and dialog.result() == 0
    assert not dialog.busy and dialog.assign_button.isEnabled()
    assert dialog.choice() == choice
    if field is not None:
        widget = dialog.field_errors.widget(field)
        assert widget is not None and widget.property(INVALID_PROPERTY) is True
        assert dialog.field_errors.message(field)


def refuse(
    qtbot: Any, tab: NumbersTab, sandbox: Any, run: Run, digits: str, choice: AssignChoice,
    behind_the_back: Callable[[], object] = lambda: None,
) -> AssignDialog:
    """Open the dialog, choose, let someone else change things, click Assign: refused, and
    the sandbox unchanged by the attempt."""
    dialog = open_assign(qtbot, tab, run, digits)
    choose(qtbot, dialog, choice)
    behind_the_back()
    before = sandbox.dump()
    click_assign(qtbot, dialog, run)
    assert sandbox.dump() == before
    return dialog


def test_105_sub_account_deleted_behind_the_dialogs_back(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run,
    session: Session,
) -> None:
    digits = first(client, assigned_service="IVR")
    choice = AssignChoice("voice", "SIP", 1005)
    dialog = refuse(qtbot, numbers_tab, fresh_sandbox, run, digits, choice,
                    lambda: client.del_sub_account(1005))
    assert_kept(dialog, choice, "serviceid")
    assert "sub-account chosen to receive the calls does not exist" in (
        dialog.field_errors.message("serviceid")
    )
    (change,) = record_for(session).changes()
    assert change.result.startswith("The sub-account chosen")
    dialog.reject()  # the lists are read again, without the deleted sub-account
    run(until(lambda: numbers_tab.dialog is None and numbers_tab.task is not None))
    run(numbers_tab.task)
    assert 1005 not in [s.sub_id for s in numbers_tab.data.subs]


def test_107_explained_when_a_service_type_bypasses_the_pick_list(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient,
    session: Session, run: Run,
) -> None:
    # The pick lists only offer fax, IVR, IVML and SIP: 107 needs a request built around them.
    tab = numbers_tab
    digits = first(client, assigned_service="IVR")
    row = tab.model.rows()[tab.model.row_of(digits)]
    service = Numbers(session)

    async def bypass(choice: AssignChoice) -> None:
        await service.assign(row, AssignChoice("voice", "PSTN", choice.target_id), tab.data)

    dialog = AssignDialog(row, tab.data, bypass, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    choice = AssignChoice("voice", "IVR", 11)
    choose(qtbot, dialog, choice)
    before = fresh_sandbox.dump()
    click_assign(qtbot, dialog, run)
    assert fresh_sandbox.dump() == before
    assert_kept(dialog, choice, "servicetype")
    assert dialog.field_errors.message("servicetype").startswith(
        "TraiTel does not offer that service for numbers."
    )
    assert getattr(dialog.last_error, "code", None) == 107


@pytest.mark.parametrize(
    ("start", "choice", "what"),
    [
        (dict(service="sms"), AssignChoice("fax"), "faxes"),
        (dict(service="sms"), AssignChoice("voice", "IVR", 11), "voice calls"),
        (dict(service="fax"), AssignChoice("voice", "SIP", 0), "voice calls"),
    ],
    ids=["sms-to-fax", "sms-to-voice", "fax-only-to-voice"],
)
def test_108_this_number_cannot_carry_that_service(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run,
    start: dict[str, object], choice: AssignChoice, what: str,
) -> None:
    with fresh_sandbox.db.lock:  # a number that can carry only the service it was bought for
        (digits,) = fresh_sandbox.db.conn.execute(
            "SELECT number FROM dids WHERE account_id = 1 AND service = ? AND capable = ?"
            " ORDER BY number LIMIT 1", (start["service"], start["service"])
        ).fetchone()
    dialog = refuse(qtbot, numbers_tab, fresh_sandbox, run, digits, choice)
    assert_kept(dialog, choice, "service")
    assert dialog.field_errors.message("service").startswith(
        f"This number cannot carry {what}:"
    )
    if start["service"] == "sms":
        assert dialog.note.isVisible() and "text messages" in dialog.note.text()
    label = dialog.field_errors.label("service")  # shown whole, however long
    assert label is not None and label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())
    # Choosing the other service clears the error at once.
    tick(qtbot, dialog.voice_radio if choice.service == "fax" else dialog.fax_radio)
    assert not dialog.field_errors.message("service")
    assert dialog.field_errors.widget("service").property(INVALID_PROPERTY) is False  # type: ignore[union-attr]


def test_109_ivr_menu_removed_behind_the_dialogs_back(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run
) -> None:
    digits = first(client, assigned_service="SIP")
    choice = AssignChoice("voice", "IVR", 12)

    def remove_menu() -> None:  # TraiTel removes menus itself (there is no API for it)
        with fresh_sandbox.db.transaction() as conn:
            conn.execute("UPDATE dids SET assigned_service = '', assigned_id = NULL"
                         " WHERE assigned_service = 'IVR' AND assigned_id = 12")
            conn.execute("DELETE FROM ivr WHERE id = 12")

    dialog = refuse(qtbot, numbers_tab, fresh_sandbox, run, digits, choice, remove_menu)
    assert_kept(dialog, choice, "serviceid")
    assert "voice menu chosen does not exist" in dialog.field_errors.message("serviceid")


def test_110_ivml_deleted_by_another_client(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run
) -> None:
    digits = first(client, assigned_service="IVR")
    choice = AssignChoice("voice", "IVML", 302)
    dialog = refuse(qtbot, numbers_tab, fresh_sandbox, run, digits, choice,
                    lambda: client.delete_ivml(302))
    assert_kept(dialog, choice, "serviceid")
    assert "call flow does not exist" in dialog.field_errors.message("serviceid")


def test_113_number_released_behind_the_dialogs_back(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run
) -> None:
    digits = first(client, service="fax")
    choice = AssignChoice("fax")

    def release() -> None:  # the number left the account (released at TraiTel)
        with fresh_sandbox.db.transaction() as conn:
            conn.execute("DELETE FROM dids WHERE number = ?", (digits,))

    dialog = refuse(qtbot, numbers_tab, fresh_sandbox, run, digits, choice, release)
    assert_kept(dialog, choice, None)
    assert dialog.message_bar.text.startswith("This phone number is not valid or does not "
                                              "belong to your account.")
    dialog.reject()
    run(until(lambda: numbers_tab.dialog is None and numbers_tab.task is not None))
    run(numbers_tab.task)
    assert numbers_tab.model.row_of(digits) == -1  # read again: it is gone


def test_double_click_sends_once_and_cancel_is_off_while_sending(
    qtbot: Any, numbers_tab: NumbersTab, fresh_sandbox: Any, client: TraiTelClient, run: Run,
    session: Session,
) -> None:
    digits = first(client, assigned_service="IVR")
    dialog = open_assign(qtbot, numbers_tab, run, digits)
    choose(qtbot, dialog, AssignChoice("voice", "SIP", 0))
    fresh_sandbox.faults.latency = 0.3
    before = fresh_sandbox.request_count["total"]
    qtbot.mouseDClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.busy and not dialog.assign_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # ignored while sending
    assert dialog.isVisible()
    assert dialog.task is not None
    run(dialog.task)
    assert fresh_sandbox.request_count["total"] - before == 1
    assert numbers_tab.task is not None
    run(numbers_tab.task)  # the list and the balance read again
    fresh_sandbox.faults.latency = 0.0
    assert number(client, digits).assigned_service == "SIP"
    assert len(record_for(session).changes()) == 1
