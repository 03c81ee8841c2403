"""The IVR & IVML tab against a fresh demo sandbox over real HTTP: the IVR menus (read-only,
"Outbound calling", numbers formatted), the IVML list, search and empty states, keyboard and
context menu, deleting with its confirmation, reloading on other views' changes, and the tab in
the main window (with its screenshot shots)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import phonenumbers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from tests.helpers.fresh_sandbox import seen_while_loading
from tests.helpers.ivr_fixtures import (
    client,
    fresh_sandbox,
    ivml_rows,
    reactivate,
    shown_ids,
    sign_in_request,
    tab,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.ui.ivr.ivml_dialog import DeleteIvmlDialog, IvmlDialog
from traitel_desktop.ui.ivr.ivml_model import Column
from traitel_desktop.ui.ivr.ivr_model import IvrColumn
from traitel_desktop.ui.ivr.tab import IvrTab

__all__ = ["client", "fresh_sandbox", "sign_in_request", "tab"]  # fixtures used here


def international(digits: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse("+" + digits), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def test_ivr_menus_are_listed_read_only_with_outbound_calling(
    qtbot: Any, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = IvrTab(session)
    qtbot.addWidget(tab)
    assert "loaded when you open" in tab.menus.empty.text()
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    run(tab.reload())
    assert loaded == [True]
    menus = client.list_ivr()
    proxy = tab.menus.proxy
    assert proxy.rowCount() == len(menus) >= 2
    assert tab.menus.stack.currentWidget() is tab.menus.view
    shown = {
        int(proxy.index(r, IvrColumn.ID).data()): (
            proxy.index(r, IvrColumn.NAME).data(), proxy.index(r, IvrColumn.NUMBERS).data()
        )
        for r in range(proxy.rowCount())
    }
    outbound = [m for m in menus if m.outbound]
    assert outbound, "the demo has an outbound IVR menu"
    for menu in menus:
        name, numbers = shown[menu.id]
        assert name == menu.name
        if menu.outbound:
            assert numbers == "Outbound calling"
        else:
            assert numbers == ", ".join(international(d) for d in menu.dids)
            assert numbers.startswith("+") and " " in numbers
    assert tab.menus.status.text() == f"{len(menus)} menus"
    # Read-only: no editing, no menu actions on the IVR table.
    flags = proxy.index(0, IvrColumn.NAME).flags()
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert tab.menus.view.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu


def test_ivml_configurations_listed_with_type_numbers_and_addresses(
    tab: IvrTab, client: TraiTelClient
) -> None:
    configs = client.list_ivml()
    assert shown_ids(tab) == [c.id for c in configs]
    for row, config in enumerate(configs):
        cell = [tab.proxy.index(row, c).data() for c in Column]
        assert cell[Column.NAME] == config.name
        assert cell[Column.TYPE] == ("Outbound" if config.outbound else "Inbound")
        if config.outbound:
            assert cell[Column.NUMBERS] == "Outbound calling"
        elif config.dids:
            assert cell[Column.NUMBERS] == ", ".join(international(d) for d in config.dids)
        else:
            assert cell[Column.NUMBERS] == "—"
        assert cell[Column.LAUNCH_URL] == config.launch_url
        assert cell[Column.RESULT_URL] == (config.result_url or "—")
    assert tab.status.text() == f"{len(configs)} call flows"
    assert not tab.no_ivr and tab.no_ivr_note.isHidden()
    assert tab.selected() is not None and tab.selected().id == configs[0].id


def test_search_filters_and_says_when_nothing_matches(qtbot: Any, tab: IvrTab) -> None:
    total = len(shown_ids(tab))
    qtbot.keyClicks(tab.search, "SURVEY")
    assert len(shown_ids(tab)) == 1
    assert tab.status.text() == f"1 of {total} shown"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "no such flow")
    assert shown_ids(tab) == []
    assert tab.stack.currentWidget() is tab.empty
    assert "No call flow matches “no such flow”" in tab.empty.text()
    tab.search.clear()
    assert len(shown_ids(tab)) == total


def test_empty_account_says_how_to_add(
    tab: IvrTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    for config in client.list_ivml():
        client.delete_ivml(config.id)
    run(tab.reload())
    assert shown_ids(tab) == []
    assert tab.stack.currentWidget() is tab.empty
    assert "no call flows yet" in tab.empty.text()
    assert tab.add_button.isEnabled()
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()


def test_keyboard_and_context_menu_open_the_dialogs(
    qtbot: Any, tab: IvrTab, run: Callable[..., Any]
) -> None:
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    run(until(lambda: isinstance(tab.dialog, IvmlDialog)))
    assert tab.dialog is not None and tab.dialog.windowTitle() == "Add a call flow"
    qtbot.keyClick(tab.dialog, Qt.Key.Key_Escape)
    run(until(lambda: tab.dialog is None))
    reactivate(tab)
    second = shown_ids(tab)[1]
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    run(until(lambda: isinstance(tab.dialog, IvmlDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, IvmlDialog) and dialog.config is not None
    assert dialog.config.id == second and dialog.windowTitle() == "Change call flow"
    dialog.reject()
    run(until(lambda: tab.dialog is None))

    rect = tab.view.visualRect(tab.proxy.index(2, Column.NAME))
    tab.view.customContextMenuRequested.emit(rect.center())
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    assert [a.text() for a in menus[0].actions()] == [
        "Add call &flow…", "&Edit…", "&Delete…"
    ]
    assert tab.selected() is not None and tab.selected().id == shown_ids(tab)[2]
    menus[0].actions()[2].trigger()
    menus[0].close()
    run(until(lambda: isinstance(tab.dialog, DeleteIvmlDialog)))
    assert tab.dialog is not None
    tab.dialog.reject()
    run(until(lambda: tab.dialog is None))


def test_delete_confirms_lists_numbers_then_leaves_them_unassigned(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    config = next(c for c in client.list_ivml() if c.dids)
    assert not config.outbound
    tab.select_config(config.id)
    tab.view.setFocus()
    before = fresh_sandbox.dump()

    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    run(until(lambda: isinstance(tab.dialog, DeleteIvmlDialog)))
    dialog = tab.dialog
    assert isinstance(dialog, DeleteIvmlDialog)
    assert f"“{config.name} (ID {config.id})”" in dialog.question.text()
    expected = [international(d) for d in sorted(config.dids)]
    assert sorted(dialog.number_texts()) == sorted(expected)
    count = len(config.dids)
    assert ("Its number will be left unassigned" if count == 1
            else f"Its {count} numbers will be left unassigned") in dialog.explanation.text()
    assert dialog.warning.text() == "This cannot be undone."
    assert dialog.cancel_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter keeps it
    run(until(lambda: tab.dialog is None))
    assert fresh_sandbox.dump() == before
    assert record_for(session).changes() == []
    reactivate(tab)

    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    run(until(lambda: isinstance(tab.dialog, DeleteIvmlDialog)))
    assert isinstance(tab.dialog, DeleteIvmlDialog)
    qtbot.mouseClick(tab.dialog.delete_button, Qt.MouseButton.LeftButton)
    assert tab.task is not None
    run(tab.task)

    assert config.id not in [r[0] for r in ivml_rows(fresh_sandbox)]
    assert config.id not in shown_ids(tab)
    main = {n.number: n for n in client.query_numbers(sub_id=0)}
    everywhere = {n.number: n for n in client.query_numbers()}
    for did in config.dids:
        number = main.get(did) or everywhere[did]
        assert number.assigned_service == "" and number.assigned_id is None
    (change,) = record_for(session).changes()
    assert (change.area, change.action, change.result) == ("ivml", "delete", "ok")
    assert change.target == f"{config.name} (ID {config.id})"
    assert expected[0] in change.detail
    assert "Deleted" in tab.message_bar.text and "unassigned" in tab.message_bar.text


def test_delete_of_a_configuration_gone_meanwhile_is_shown_and_the_list_reloads(
    qtbot: Any, tab: IvrTab, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    config = next(c for c in client.list_ivml() if not c.dids)
    tab.select_config(config.id)
    tab.delete_selected()
    run(until(lambda: isinstance(tab.dialog, DeleteIvmlDialog)))
    assert isinstance(tab.dialog, DeleteIvmlDialog)
    assert tab.dialog.number_texts() == [] and not tab.dialog.number_list.isVisible()
    client.delete_ivml(config.id)  # someone else was quicker
    tab.dialog.accept()
    assert tab.task is not None
    run(tab.task)
    assert "does not exist" in tab.message_bar.text
    assert config.id not in shown_ids(tab)
    (change,) = record_for(session).changes()
    assert change.action == "delete" and change.result != "ok"


def test_reloads_when_another_view_changes_ivml_or_numbers(
    tab: IvrTab, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    new_id = client.add_ivml("Added elsewhere", "https://example.com/a.xml", "inbound")
    session.notify("subaccounts")  # another topic: nothing to do
    assert tab.task is None
    session.notify("ivml")
    assert tab.task is not None
    run(tab.task)
    assert new_id in shown_ids(tab)


def test_in_the_main_window_with_history_button_and_screenshot_shots(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    from types import SimpleNamespace

    from traitel_desktop.devtools.screenshots import REGISTRY
    from traitel_desktop.devtools.shots.change_history import history_shot
    from traitel_desktop.devtools.shots.ivr import ivml_edit_shot
    from traitel_desktop.ui.change_history.window import ChangeHistoryDialog
    from traitel_desktop.ui.frame.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    names = [spec.name for spec in window.specs]
    window.tabs.setCurrentIndex(names.index("ivr-ivml"))
    tab = window.tab("ivr-ivml")
    assert isinstance(tab, IvrTab)
    run(until(lambda: tab.model.rowCount() > 0))  # loaded when first shown

    qtbot.mouseClick(tab.history_button, Qt.MouseButton.LeftButton)
    history = tab.history
    assert isinstance(history, ChangeHistoryDialog) and history.isVisible()
    assert "No changes yet" in history.empty.text()
    history.close()

    registered = [name for name, _shot in REGISTRY]
    assert registered.count("ivml-edit") == 1 and registered.count("history") == 1
    ctx = SimpleNamespace(window=window, session=session, cleanup=[])
    edit = run(ivml_edit_shot(ctx))
    assert isinstance(edit, IvmlDialog) and edit.launch_url.text().startswith("https://")
    for step in reversed(ctx.cleanup):
        step()
    run(until(lambda: tab.dialog is None))
    ctx.cleanup.clear()
    shot = run(history_shot(ctx))
    assert isinstance(shot, ChangeHistoryDialog)
    results = [c.result for c in shot.shown_changes()]
    assert len(results) == 3 and results[0] == "ok" and results[1] != "ok"
    for step in reversed(ctx.cleanup):
        step()
    assert tab.task is not None
    run(tab.task)  # the tab reads its lists again after the shot's changes


def test_loading_is_visible_and_errors_go_to_the_message_bar(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:

    tab = IvrTab(session)
    qtbot.addWidget(tab)
    tab.show()
    fresh_sandbox.faults.latency = 0.4

    seen = run(seen_while_loading(tab, tab.menus.empty, requests=2))
    assert seen == ("Loading…", "Loading call flows…", "Loading voice menus…")
    assert tab.status.text() != "Loading…"
    fresh_sandbox.faults.latency = 0.0
    loaded = shown_ids(tab)
    fresh_sandbox.faults.error001_rate = 1.0  # both gateways answer "Service unavailable"
    run(tab.reload())  # no exception escapes: it is shown
    assert tab.message_bar.text and tab.message_bar.property("kind") == "error"
    assert shown_ids(tab) == loaded  # the rows loaded before are kept
    fresh_sandbox.faults.error001_rate = 0.0
    run(tab.reload())
    assert tab.message_bar.text == ""
