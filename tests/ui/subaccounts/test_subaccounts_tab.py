"""The Sub-accounts tab against a fresh demo sandbox over real HTTP: loading, search, empty,
loading and error states, keyboard and context menu, and deleting with its confirmation."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import phonenumbers
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from tests.helpers.fresh_sandbox import seen_while_loading
from tests.helpers.subaccount_fixtures import (
    client,
    demo_subs,
    fresh_sandbox,
    reactivate,
    shown_ids,
    sign_in_request,
    tab,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.ui.subaccounts.delete import DeleteSubAccountDialog
from traitel_desktop.ui.subaccounts.dialog import SubAccountDialog
from traitel_desktop.ui.subaccounts.model import UNKNOWN_ALIAS, Column
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab

__all__ = ["client", "fresh_sandbox", "sign_in_request", "tab"]  # fixtures used here


def test_list_loads_with_demo_data(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    tab = SubAccountsTab(session)
    qtbot.addWidget(tab)
    assert "loaded when you open" in tab.empty.text()
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    run(tab.reload())
    subs = demo_subs(fresh_sandbox)
    assert len(subs) >= 3
    assert shown_ids(tab) == [s[0] for s in subs]
    assert loaded == [True]
    assert tab.stack.currentWidget() is tab.view
    # The API gives no alias and the app set none yet: "—" with a tooltip.
    alias = tab.proxy.index(0, Column.ALIAS)
    assert alias.data() == UNKNOWN_ALIAS
    assert "never sends it back" in alias.data(Qt.ItemDataRole.ToolTipRole)
    emails = [tab.proxy.index(r, Column.EMAIL).data() for r in range(tab.proxy.rowCount())]
    assert emails == [s[2] for s in subs]
    assert tab.status.text() == f"{len(subs)} sub-accounts"
    assert tab.selected() is not None and tab.selected().sub_id == subs[0][0]


def test_search_filters_case_insensitively(
    qtbot: Any, tab: SubAccountsTab, fresh_sandbox: Any
) -> None:
    subs = demo_subs(fresh_sandbox)
    target = next(s for s in subs if s[2])
    qtbot.keyClicks(tab.search, target[2].split("@")[0].upper())
    assert shown_ids(tab) == [target[0]]
    assert f"1 of {len(subs)} shown" == tab.status.text()
    tab.search.clear()
    qtbot.keyClicks(tab.search, "no such person")
    assert shown_ids(tab) == []
    assert tab.stack.currentWidget() is tab.empty
    assert "No sub-account matches “no such person”" in tab.empty.text()
    tab.search.clear()
    assert len(shown_ids(tab)) == len(subs)
    assert tab.stack.currentWidget() is tab.view


def test_empty_account_says_so(
    tab: SubAccountsTab, fresh_sandbox: Any, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    for sub_id, _alias, _email in demo_subs(fresh_sandbox):
        client.del_sub_account(sub_id)
    run(tab.reload())
    assert shown_ids(tab) == []
    assert tab.stack.currentWidget() is tab.empty
    assert "no sub-accounts yet" in tab.empty.text()
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    assert tab.add_button.isEnabled()


def test_loading_is_visible_and_errors_go_to_the_message_bar(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    tab = SubAccountsTab(session)
    qtbot.addWidget(tab)
    tab.show()
    fresh_sandbox.faults.latency = 0.4

    status, empty = run(seen_while_loading(tab))
    assert status == "Loading…"
    assert empty == "Loading sub-accounts…"
    assert tab.status.text() != "Loading…"
    fresh_sandbox.faults.latency = 0.0

    fresh_sandbox.faults.error001_rate = 1.0  # both gateways answer "Service unavailable"
    run(tab.reload())  # no exception escapes: it is shown
    assert tab.message_bar.isVisible()
    assert tab.message_bar.text
    assert tab.message_bar.property("kind") == "error"
    assert shown_ids(tab)  # the rows loaded before are kept
    fresh_sandbox.faults.error001_rate = 0.0
    run(tab.reload())
    assert tab.message_bar.text == ""


def test_keyboard_opens_add_edit_and_delete(
    qtbot: Any, tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    def opened(kind: type) -> Any:
        run(until(lambda: isinstance(tab.dialog, kind)))
        return tab.dialog

    def close(dialog: Any) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        run(until(lambda: tab.dialog is None))
        reactivate(tab)

    tab.view.setFocus()
    for key, modifier in ((Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(tab.view, key, modifier)
        dialog = opened(SubAccountDialog)
        assert dialog.row is None and dialog.windowTitle() == "Add a sub-account"
        close(dialog)
    # Ctrl+N works from the search box too.
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    close(opened(SubAccountDialog))

    second = demo_subs(fresh_sandbox)[1][0]
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert tab.selected() is not None and tab.selected().sub_id == second
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        qtbot.keyClick(tab.view, key)
        dialog = opened(SubAccountDialog)
        assert dialog.row is not None and dialog.row.sub_id == second
        assert dialog.sub_id is not None and dialog.sub_id.text() == str(second)
        close(dialog)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    dialog = opened(DeleteSubAccountDialog)
    assert dialog.row.sub_id == second
    assert dialog.cancel_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter keeps it: Cancel is the default
    run(until(lambda: tab.dialog is None))
    reactivate(tab)
    assert second in [s[0] for s in demo_subs(fresh_sandbox)]
    # Delete in the search box edits the text, it deletes no sub-account.
    tab.search.setText("ab")
    tab.search.setFocus()
    tab.search.setCursorPosition(0)
    qtbot.keyClick(tab.search, Qt.Key.Key_Delete)
    run(asyncio.sleep(0.2))
    assert tab.search.text() == "b"
    assert tab.dialog is None


def test_double_click_and_context_menu(
    qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any]
) -> None:
    rect = tab.view.visualRect(tab.proxy.index(2, Column.NAME))
    viewport = tab.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    run(until(lambda: isinstance(tab.dialog, SubAccountDialog)))
    assert tab.dialog is not None
    assert tab.dialog.row.sub_id == shown_ids(tab)[2]  # type: ignore[attr-defined]
    tab.dialog.reject()
    run(until(lambda: tab.dialog is None))

    rect = tab.view.visualRect(tab.proxy.index(1, Column.EMAIL))
    tab.view.customContextMenuRequested.emit(rect.center())
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    texts = [a.text() for a in menus[0].actions()]
    assert texts == ["Add &sub-account…", "&Edit…", "&Delete…"]
    assert tab.selected() is not None and tab.selected().sub_id == shown_ids(tab)[1]
    menus[0].actions()[1].trigger()
    menus[0].close()
    run(until(lambda: isinstance(tab.dialog, SubAccountDialog)))
    assert tab.dialog.row.sub_id == shown_ids(tab)[1]  # type: ignore[union-attr]
    tab.dialog.reject()  # type: ignore[union-attr]
    run(until(lambda: tab.dialog is None))
    assert tab.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert QPoint  # the menu opens where the pointer is (position not asserted offscreen)


def test_delete_confirms_lists_numbers_cancel_does_nothing_confirm_deletes(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    ids = shown_ids(tab)
    target = next(i for i in ids if client.query_numbers(sub_id=i))
    numbers = client.query_numbers(sub_id=target)
    position = ids.index(target)
    record_for(session).set_alias(target, "to-go")  # as if the app had set it
    run(tab.reload())
    tab.select_sub(target)
    tab.view.setFocus()
    before = fresh_sandbox.dump()

    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    run(until(lambda: isinstance(tab.dialog, DeleteSubAccountDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, DeleteSubAccountDialog)
    assert f"“to-go (ID {target})”" in dialog.question.text()
    assert f"Its {len(numbers)} numbers will go back to your main account" in (
        dialog.explanation.text()
    )
    assert dialog.warning.text() == "This cannot be undone."
    expected = [
        phonenumbers.format_number(
            phonenumbers.parse("+" + n.number), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        for n in numbers
    ]
    listed = dialog.number_texts()
    assert len(listed) == len(numbers)
    for text, number in zip(listed, expected, strict=True):
        assert text.startswith(number + " ")
        assert number.startswith("+") and " " in number
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    run(until(lambda: tab.dialog is None))
    assert fresh_sandbox.dump() == before
    assert record_for(session).changes() == []
    reactivate(tab)

    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    run(until(lambda: isinstance(tab.dialog, DeleteSubAccountDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, DeleteSubAccountDialog)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert tab.task is not None
    run(tab.task)

    assert target not in [s[0] for s in demo_subs(fresh_sandbox)]
    assert target not in shown_ids(tab)
    main = {n.number: n for n in client.query_numbers(sub_id=0)}
    for number in numbers:
        assert number.number in main
        assert main[number.number].assigned_service == ""
        assert main[number.number].assigned_id is None
    (change,) = record_for(session).changes()
    assert (change.area, change.action, change.result) == ("sub-accounts", "delete", "ok")
    assert change.target == f"to-go (ID {target})"
    assert record_for(session).alias(target) is None  # forgotten with the sub-account
    assert expected[0] in change.detail
    assert "Deleted" in tab.message_bar.text
    # The row that took the deleted one's place is selected.
    selected = tab.selected()
    assert selected is not None
    assert selected.sub_id == shown_ids(tab)[min(position, len(shown_ids(tab)) - 1)]


def test_delete_of_a_sub_account_without_numbers(
    qtbot: Any, tab: SubAccountsTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    new_id = client.add_sub_account("no-numbers")
    run(tab.reload(select=new_id))
    assert tab.selected() is not None and tab.selected().sub_id == new_id
    tab.delete_selected()
    run(until(lambda: isinstance(tab.dialog, DeleteSubAccountDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, DeleteSubAccountDialog)
    assert "no numbers" in dialog.explanation.text()
    assert dialog.number_texts() == [] and not dialog.number_list.isVisible()
    dialog.accept()
    assert tab.task is not None
    run(tab.task)
    assert new_id not in shown_ids(tab)
    assert new_id not in [s.sub_id for s in client.query_sub_accounts()]


def test_reloads_when_another_view_changes_sub_accounts(
    tab: SubAccountsTab, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    new_id = client.add_sub_account("added-elsewhere")
    assert new_id not in shown_ids(tab)
    session.notify("numbers")  # another topic: nothing to do
    assert tab.task is None
    session.notify("subaccounts")
    assert tab.task is not None
    run(tab.task)
    assert new_id in shown_ids(tab)


def test_in_the_main_window_with_f5_and_screenshot_shots(
    qtbot: Any, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    from types import SimpleNamespace

    from traitel_desktop.devtools.screenshots import REGISTRY
    from traitel_desktop.devtools.shots.subaccounts import delete_dialog_shot, edit_dialog_shot
    from traitel_desktop.ui.frame.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("subaccounts")
    assert isinstance(tab, SubAccountsTab)
    run(until(lambda: tab.model.rowCount() > 0))  # loaded when first shown
    new_id = client.add_sub_account("after-f5")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    run(until(lambda: new_id in shown_ids(tab)))

    names = [name for name, _shot in REGISTRY]
    assert names.count("subaccount-edit") == 1 and names.count("subaccount-delete") == 1
    ctx = SimpleNamespace(window=window, cleanup=[])
    edit = run(edit_dialog_shot(ctx))
    assert isinstance(edit, SubAccountDialog) and edit.email.text()
    for step in reversed(ctx.cleanup):
        step()
    run(until(lambda: tab.dialog is None))
    ctx.cleanup.clear()
    confirm = run(delete_dialog_shot(ctx))
    assert isinstance(confirm, DeleteSubAccountDialog) and confirm.number_texts()
    for step in reversed(ctx.cleanup):
        step()
    run(until(lambda: tab.dialog is None))
    assert new_id in [s.sub_id for s in client.query_sub_accounts()]


def test_a_failed_delete_stays_on_screen_after_the_reload(
    qtbot: Any,
    tab: SubAccountsTab,
    session: Session,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    gone = client.add_sub_account("gone-meanwhile")
    run(tab.reload(select=gone))
    tab.delete_selected()
    run(until(lambda: isinstance(tab.dialog, DeleteSubAccountDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, DeleteSubAccountDialog)
    client.del_sub_account(gone)  # someone else deletes it while the question is open
    dialog.accept()
    assert tab.task is not None
    run(tab.task)  # the delete fails (105), then the list is read again
    assert gone not in shown_ids(tab)
    assert tab.message_bar.property("kind") == "error"
    assert "sub-account" in tab.message_bar.text.lower()
    (change,) = record_for(session).changes()
    assert change.result != "ok"
    assert "does not exist" in tab.message_bar.text
    run(tab.reload())  # F5 or another view's change: the delete's error is not a load's
    assert "does not exist" in tab.message_bar.text
