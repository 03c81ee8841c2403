"""The Alerts tab in the main window, against a real sandbox over HTTP and the account's
real record (SQLite in ``tmp_path``): a check after a new sandbox row shows the alert and the
unread count on the tab; mark read, mark all and clear (with its confirmation) change the
count and stay so in a new window on the same data folder; a real double-click on an alert
opens its row in Activity; the header shows the watcher's status. Checks are driven with
``watcher.poll()`` (no timer, no sleeping)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from traitel_desktop.core.alerts import AlertConfig, AlertKind
from traitel_desktop.core.dates import now_utc
from traitel_desktop.services import Session
from traitel_desktop.ui.alerts.model import AlertsModel
from traitel_desktop.ui.alerts.tab import AlertsTab
from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here


def add_text(sb: Any, ident: int, text: str) -> None:
    """A text message that arrived an hour ago (the watcher syncs today and yesterday)."""
    ts = int(now_utc().timestamp()) - 3600
    with sb.db.transaction() as conn:
        conn.execute("INSERT INTO log_smsin VALUES (?, 1, ?, 0, '61400111222', '61290002222',"
                     " 'text', ?)", (ident, ts, text))


def window_for(qtbot: Any, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    assert window.watcher is not None
    # Only new texts: the demo's balance and spend may raise other alerts on some days.
    window.watcher._config = lambda: AlertConfig(enabled=frozenset({AlertKind.NEW_TEXT}))
    return window


def alerts_index(window: MainWindow) -> int:
    return [spec.name for spec in window.specs].index("alerts")


def alerts_tab(window: MainWindow, run: Callable[..., Any]) -> AlertsTab:
    window.tabs.setCurrentIndex(alerts_index(window))
    tab = window.tab("alerts")
    assert isinstance(tab, AlertsTab)
    run(tab.reload())
    return tab


def texts_arrive(window: MainWindow, sb: Any, run: Callable[..., Any], count: int) -> None:
    watcher = window.watcher
    assert watcher is not None
    run(watcher.poll(), 60)  # the first check only takes note of what is there
    for i in range(count):
        add_text(sb, 9_000_001 + i, f"Is the office open on Saturday? ({i})")
    assert len(run(watcher.poll(), 60)) == count


def test_a_new_row_shows_in_the_list_with_the_unread_count(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any],
) -> None:
    window = window_for(qtbot, session)
    tab = alerts_tab(window, run)
    assert window.tabs.tabText(alerts_index(window)) == "Alerts"
    assert tab.stack.currentWidget() is tab.empty
    assert "checks your account every 5 minutes" in tab.empty.text()
    texts_arrive(window, fresh_sandbox, run, 1)
    assert window.tabs.tabText(alerts_index(window)) == "Alerts (1)"
    assert tab.stack.currentWidget() is tab.view
    assert tab.proxy.rowCount() == 1
    title = tab.proxy.index(0, 2).data()
    assert title.startswith("New text from")
    assert "Is the office open on Saturday? (0)" in tab.proxy.index(0, 3).data()
    assert tab.proxy.index(0, 2).data(Qt.ItemDataRole.FontRole).bold()


def test_mark_read_mark_all_and_clear_persist_in_a_new_window(
    qtbot: Any, session: Session, fresh_sandbox: Any, sign_in_request: Any,
    app_settings: Any, tmp_path: Path, run: Callable[..., Any],
) -> None:
    from traitel_desktop.services.signin import sign_in

    window = window_for(qtbot, session)
    tab = alerts_tab(window, run)
    texts_arrive(window, fresh_sandbox, run, 3)
    index = alerts_index(window)
    assert window.tabs.tabText(index) == "Alerts (3)"
    tab.select_row(0)
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # Mark as read
    assert window.tabs.tabText(index) == "Alerts (2)"
    assert not tab.proxy.index(0, 2).data(Qt.ItemDataRole.FontRole)

    dialog = tab.ask_clear()
    assert dialog is not None and "3 alerts" in dialog.question.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # Keep them
    assert tab.proxy.rowCount() == 3 and window.tabs.tabText(index) == "Alerts (2)"

    window.close()
    again_session = run(sign_in(sign_in_request, settings=app_settings,
                                data_dir=tmp_path / "data"))
    try:
        again = window_for(qtbot, again_session)
        assert again.tabs.tabText(index) == "Alerts (2)"
        tab2 = alerts_tab(again, run)
        qtbot.mouseClick(tab2.all_button, Qt.MouseButton.LeftButton)
        assert again.tabs.tabText(index) == "Alerts"
        assert tab2.proxy.rowCount() == 3
        dialog = tab2.ask_clear()
        assert dialog is not None
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert tab2.proxy.rowCount() == 0 and tab2.stack.currentWidget() is tab2.empty
        again.close()
        third = window_for(qtbot, again_session)
        assert alerts_tab(third, run).proxy.rowCount() == 0
        third.close()
    finally:
        again_session.close()


def test_a_double_click_opens_the_row_in_activity(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any],
) -> None:
    window = window_for(qtbot, session)
    tab = alerts_tab(window, run)
    texts_arrive(window, fresh_sandbox, run, 1)
    rect = tab.view.visualRect(tab.proxy.index(0, 2))
    opened: list[Any] = []
    window.tab("activity")  # built, so its reload can be awaited
    tab.open_requested.connect(opened.append)

    window.activateWindow()  # as a desktop would; the double-click goes to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    viewport = tab.view.viewport()
    # The pointer comes to the row and clicks it first (under offscreen Qt a first
    # double-click on a fresh window arrives as a lone press).
    QTest.mouseMove(viewport, rect.center())
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    assert opened == []  # a click only selects
    QTest.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    assert len(opened) == 1
    assert window.current_spec().name == "activity"
    task = window._reloads.get([s.name for s in window.specs].index("activity"))
    assert task is not None
    run(_wait_open(window), 60)
    activity: Any = window.tab("activity")
    assert activity.log == "logsmsin"
    assert activity.body.selected_table_row() is not None
    row = activity.model.table.raw(activity.body.selected_table_row())
    assert row[0] == 9_000_001
    assert window.tabs.tabText(alerts_index(window)) == "Alerts"  # opening it read it


async def _wait_open(window: MainWindow) -> None:
    import asyncio

    for task in [t for t in asyncio.all_tasks() if t.get_name() == "open-alert"]:
        await task


def test_the_header_shows_the_watchers_status(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any],
) -> None:
    window = window_for(qtbot, session)
    assert not window.header.watch_label.isVisibleTo(window)
    window.start_watching()
    try:
        assert window.header.watch_label.text() == "Watching your account"
        assert window.header.watch_label.isVisibleTo(window)
        assert window.watcher is not None
        window.watcher.pause()
        assert window.header.watch_label.text() == "Alerts paused"
    finally:
        window.close()


def test_the_model_passes_the_model_tester(qtmodeltester: Any, session: Session,
                                           run: Callable[..., Any], qtbot: Any,
                                           fresh_sandbox: Any) -> None:
    window = window_for(qtbot, session)
    texts_arrive(window, fresh_sandbox, run, 2)
    assert window.watcher is not None
    model = AlertsModel()
    model.set_alerts(window.watcher.alerts(), "Australia/Sydney")
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "When (Sydney time)"



def test_enter_on_a_money_alert_opens_the_balance_or_spend(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any],
) -> None:
    from traitel_desktop.core.alerts import Alert, Severity, Target

    window = window_for(qtbot, session)
    assert window.watcher is not None
    now = now_utc()
    window.watcher.book.add([
        Alert(AlertKind.UNUSUAL_SPEND, Severity.WARNING, "Unusual spending today",
              "Today you spent more than usual.", "spend:test", Target("spend"), now),
        Alert(AlertKind.LOW_BALANCE, Severity.CRITICAL, "Your balance is very low",
              "Top up your account.", "balance:test", Target("balance"), now),
    ])
    window.watcher.alerts_changed.emit()  # as the watcher does after a check
    tab = alerts_tab(window, run)
    assert window.tabs.tabText(alerts_index(window)) == "Alerts (2)"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.select_row(tab.proxy.rowCount() - 1)  # the spend alert (the older one)
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    assert window.current_spec().name == "spend"
    window.tabs.setCurrentIndex(alerts_index(window))
    tab.select_row(0)  # the balance
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    assert window.header.refresh_button.hasFocus()
    assert window.tabs.tabText(alerts_index(window)) == "Alerts"
