"""The add/edit sub-account dialog, driven through the tab against a fresh demo sandbox:
success, every refusal (101, 102, 104 local and server-side, 105) with the dialog kept open,
the field marked, everything typed kept and the sandbox unchanged; edits send only what
changed; a request in flight cannot be sent twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.helpers.fresh_sandbox import click_and_wait, closed, open_dialog
from tests.helpers.subaccount_fixtures import (
    client,
    demo_subs,
    fresh_sandbox,
    reactivate,
    shown_ids,
    sign_in_request,
    tab,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.subaccounts import SubAccountDraft, email_is_valid
from traitel_desktop.ui.subaccounts.dialog import PARAMS, SubAccountDialog
from traitel_desktop.ui.subaccounts.model import Column
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["client", "fresh_sandbox", "sign_in_request", "tab"]  # fixtures used here

#: Valid for email-validator but longer than the 200 characters a gateway takes in an e-mail
#: address (contract.limits): refused on the field before sending.
LONG_EMAIL = "a" * 60 + "@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".com"

TYPED = SubAccountDraft(
    alias="night-shift",
    email="night.shift@example.com",
    first_name="Noa",
    last_name="Okafor",
    company="Okafor & Daughters",
    fax_headline="Okafor - Night shift",
)


def open_add(qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any]) -> SubAccountDialog:
    return open_dialog(
        qtbot, tab, run, SubAccountDialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )


def open_edit(
    qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any], sub_id: int
) -> SubAccountDialog:
    tab.select_sub(sub_id)
    dialog = open_dialog(qtbot, tab, run, SubAccountDialog, Qt.Key.Key_F2)
    assert dialog.row is not None
    assert dialog.row.sub_id == sub_id
    return dialog


def type_draft(qtbot: Any, dialog: SubAccountDialog, draft: SubAccountDraft) -> None:
    """Type every field as a user would (select all, then type; QTest types ASCII only, so
    other text, such as names from the demo data, is inserted as if pasted)."""
    for name, value in draft.as_dict().items():
        edit: QLineEdit = getattr(dialog, name)
        edit.selectAll()
        edit.del_()
        if value.isascii():
            qtbot.keyClicks(edit, value)
        else:
            edit.insert(value)


def save(qtbot: Any, dialog: SubAccountDialog, run: Callable[..., Any]) -> None:
    """Click Save/Add and wait for the answer."""
    click_and_wait(qtbot, dialog, dialog.save_button, run)


def assert_refused(dialog: SubAccountDialog, field: str, typed: SubAccountDraft) -> None:
    """Still open, ``field`` (the request parameter) marked, nothing typed lost."""
    assert dialog.isVisible() and dialog.result() == 0
    assert not dialog.busy and dialog.save_button.isEnabled()
    widget = dialog.field_errors.widget(field)
    assert widget is not None and widget.property(INVALID_PROPERTY) is True
    assert dialog.field_errors.message(field)
    others = [p for p in (*PARAMS.values(), "subid") if p != field]
    assert all(not dialog.field_errors.message(p) for p in others)
    assert dialog.draft() == typed


def test_add_success_shows_row_with_alias_and_logs_it(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
) -> None:
    topics: list[str] = []
    session.data_changed.connect(topics.append)
    tab.search.setText("something that hides every row")
    dialog = open_add(qtbot, tab, run)
    assert dialog.alias.accessibleName() == "Alias"
    type_draft(qtbot, dialog, TYPED)
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)

    assert closed(tab, dialog)
    (new_id, alias, email) = demo_subs(fresh_sandbox)[-1]
    assert (alias, email) == (TYPED.alias, TYPED.email)
    assert tab.search.text() == ""  # cleared so the new row shows
    assert new_id in shown_ids(tab)
    selected = tab.selected()
    assert selected is not None and selected.sub_id == new_id
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(new_id), 0)).row()
    assert tab.proxy.index(row, Column.ALIAS).data() == "night-shift"
    assert tab.proxy.index(row, Column.NAME).data() == "Noa Okafor"
    (change,) = record_for(session).changes()
    assert (change.area, change.action, change.target, change.result) == (
        "sub-accounts", "add", "night-shift", "ok"
    )
    assert TYPED.email in change.detail
    assert record_for(session).alias(new_id) == "night-shift"
    assert topics.count("subaccounts") == 1


@pytest.mark.parametrize(
    ("case", "field"),
    [("email-101", "email"), ("alias-102", "alias")],
)
def test_add_refused_keeps_dialog_open_marks_field_and_changes_nothing(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
    case: str,
    field: str,
) -> None:
    existing_alias = demo_subs(fresh_sandbox)[0][1]
    typed = {
        "email-101": SubAccountDraft(**{**TYPED.as_dict(), "email": OTHER_ACCOUNT_EMAIL}),
        "alias-102": SubAccountDraft(**{**TYPED.as_dict(), "alias": existing_alias.upper()}),
    }[case]
    assert email_is_valid(typed.email)  # so it is the server that refuses
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, typed)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)

    assert fresh_sandbox.request_count["total"] == requests + 1  # it was sent, and refused
    assert_refused(dialog, field, typed)
    assert fresh_sandbox.dump() == before
    assert tab.dialog is dialog
    (change,) = record_for(session).changes()
    assert change.action == "add" and change.result == dialog.field_errors.message(field)
    # Fixing the field and saving again works, from the same dialog.
    fixed = SubAccountDraft(**{**typed.as_dict(), field: "fixed-" + field + "@example.com"})
    if field == "alias":
        fixed = SubAccountDraft(**{**typed.as_dict(), "alias": "fixed-alias"})
    type_draft(qtbot, dialog, fixed)
    save(qtbot, dialog, run)
    assert closed(tab, dialog)
    assert demo_subs(fresh_sandbox)[-1][1] in (fixed.alias,)


def test_server_side_104_marks_the_email_field(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app and the client share email-validator with the sandbox, so no address passes
    them and fails there: bypass both (the dialog's check, and the client's through its raw
    ``request``) to see the dialog handle the server's own 104."""
    typed = SubAccountDraft(**{**TYPED.as_dict(), "email": "night shift@example"})
    dialog = open_add(qtbot, tab, run)
    monkeypatch.setattr(dialog, "check", lambda draft: True)

    async def raw_add(draft: SubAccountDraft) -> Any:
        return await session.call(
            lambda c: c.request("addsubaccount", alias=draft.alias, email=draft.email)
        )

    dialog.submit = raw_add
    type_draft(qtbot, dialog, typed)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert fresh_sandbox.request_count["total"] == requests + 1
    assert_refused(dialog, "email", typed)
    assert "not valid" in dialog.field_errors.message("email")
    assert fresh_sandbox.dump() == before


def test_too_long_email_is_refused_on_its_field_before_sending(
    qtbot: Any, tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    typed = SubAccountDraft(**{**TYPED.as_dict(), "email": LONG_EMAIL})
    assert email_is_valid(LONG_EMAIL)
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, typed)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert dialog.task is None and fresh_sandbox.request_count["total"] == requests
    assert_refused(dialog, "email", typed)
    assert "at most 200 characters long; this one is 247" in dialog.field_errors.message("email")
    assert not dialog.message_bar.text
    assert fresh_sandbox.dump() == before


def test_bad_email_is_caught_locally_and_nothing_is_sent(
    qtbot: Any, tab: SubAccountsTab, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    typed = SubAccountDraft(**{**TYPED.as_dict(), "email": "night shift@example"})
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, typed)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert dialog.task is None  # checked locally: no request started
    assert fresh_sandbox.request_count["total"] == requests
    assert_refused(dialog, "email", typed)
    assert "not valid" in dialog.field_errors.message("email")
    assert fresh_sandbox.dump() == before
    assert record_for(session).changes() == []
    # An empty alias is caught locally too.
    type_draft(qtbot, dialog, SubAccountDraft(**{**TYPED.as_dict(), "alias": "  "}))
    save(qtbot, dialog, run)
    assert "alias" in dialog.field_errors.message("alias")
    assert fresh_sandbox.request_count["total"] == requests


def test_edit_of_a_sub_account_deleted_meanwhile_105(
    qtbot: Any,
    tab: SubAccountsTab,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    target = shown_ids(tab)[1]
    dialog = open_edit(qtbot, tab, run, target)
    client.del_sub_account(target)  # someone else deletes it while the dialog is open
    typed = SubAccountDraft(**{**dialog.draft().as_dict(), "first_name": "Changed", "company": "X"})
    type_draft(qtbot, dialog, typed)
    before = fresh_sandbox.dump()
    save(qtbot, dialog, run)
    assert_refused(dialog, "subid", typed)
    assert "does not exist" in dialog.field_errors.message("subid")
    assert fresh_sandbox.dump() == before
    # Cancelling refreshes the list: the row is gone.
    dialog.reject()
    assert tab.task is not None
    run(tab.task)
    assert target not in shown_ids(tab)


def test_edit_refused_101_in_edit_mode(
    qtbot: Any, tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_edit(qtbot, tab, run, shown_ids(tab)[0])
    typed = SubAccountDraft(**{**dialog.draft().as_dict(), "email": OTHER_ACCOUNT_EMAIL})
    type_draft(qtbot, dialog, typed)
    before = fresh_sandbox.dump()
    save(qtbot, dialog, run)
    assert_refused(dialog, "email", typed)
    assert fresh_sandbox.dump() == before


def test_edit_sends_only_the_changed_fields(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    target = shown_ids(tab)[0]
    original = next(s for s in client.query_sub_accounts() if s.sub_id == target)
    dialog = open_edit(qtbot, tab, run, target)
    assert dialog.draft().first_name == original.first_name
    # Someone else changes the company and e-mail while the dialog shows the old ones...
    client.update_sub_account(target, company="Changed Elsewhere Ltd", email="new@example.net")
    # ...and here only the first name is changed.
    dialog.first_name.selectAll()
    qtbot.keyClicks(dialog.first_name, "Renamed")
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)

    after = next(s for s in client.query_sub_accounts() if s.sub_id == target)
    assert after.first_name == "Renamed"
    # Not sent, so not overwritten with what the dialog showed:
    assert after.company == "Changed Elsewhere Ltd"
    assert after.email == "new@example.net"
    assert (after.last_name, after.fax_headline) == (original.last_name, original.fax_headline)
    with fresh_sandbox.db.lock:
        (alias,) = fresh_sandbox.db.conn.execute(
            "SELECT alias FROM subaccounts WHERE id = ?", (target,)
        ).fetchone()
    assert alias == demo_subs(fresh_sandbox)[0][1]  # the unknown alias was left alone
    (change,) = record_for(session).changes()
    assert change.action == "change" and change.result == "ok"
    assert change.detail == "first name → 'Renamed'"
    row = tab.model.row_of(target)
    assert tab.model.index(row, Column.NAME).data() == f"Renamed {original.last_name}"
    assert tab.model.index(row, Column.COMPANY).data() == "Changed Elsewhere Ltd"  # refreshed


def test_unchanged_edit_sends_nothing(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
) -> None:
    dialog = open_edit(qtbot, tab, run, shown_ids(tab)[2])
    # Typing the same text again (with stray spaces) is not a change either.
    dialog.company.setText(dialog.company.text() + "  ")
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)
    assert closed(tab, dialog)
    assert fresh_sandbox.request_count["total"] == requests
    assert fresh_sandbox.dump() == before
    assert record_for(session).changes() == []


def test_alias_typed_in_edit_is_sent_and_remembered(
    qtbot: Any, tab: SubAccountsTab, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    target = shown_ids(tab)[3]
    dialog = open_edit(qtbot, tab, run, target)
    assert dialog.alias.text() == ""
    assert "Not known to this app" in dialog.alias.placeholderText()
    qtbot.keyClicks(dialog.alias, "evening-desk")
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)
    with fresh_sandbox.db.lock:
        (alias,) = fresh_sandbox.db.conn.execute(
            "SELECT alias FROM subaccounts WHERE id = ?", (target,)
        ).fetchone()
    assert alias == "evening-desk"
    assert record_for(session).alias(target) == "evening-desk"
    row = tab.model.row_of(target)
    assert tab.model.index(row, Column.ALIAS).data() == "evening-desk"
    # Now known, it cannot be emptied (a sub-account always has an alias).
    reactivate(tab)
    dialog = open_edit(qtbot, tab, run, target)
    assert dialog.alias.text() == "evening-desk"
    type_draft(qtbot, dialog, SubAccountDraft(**{**dialog.draft().as_dict(), "alias": ""}))
    requests = fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert dialog.field_errors.message("alias")
    assert fresh_sandbox.request_count["total"] == requests


def test_request_in_flight_shows_working_and_cannot_be_sent_twice(
    qtbot: Any, tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, TYPED)
    count = len(demo_subs(fresh_sandbox))
    fresh_sandbox.faults.latency = 0.5
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    first = dialog.task
    assert dialog.busy
    assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.progress.isVisible() and dialog.status.text() == "Sending to TraiTel…"
    assert all(getattr(dialog, name).isReadOnly() for name in PARAMS)
    assert not tab.add_button.isEnabled()
    # Enter, the Add button's signal and Esc do nothing while it is in flight.
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    dialog.buttons.accepted.emit()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.task is first and dialog.isVisible()
    assert first is not None
    run(first)
    fresh_sandbox.faults.latency = 0.0
    assert tab.task is not None
    run(tab.task)
    assert closed(tab, dialog)
    assert len(demo_subs(fresh_sandbox)) == count + 1
    assert tab.add_button.isEnabled()
