"""The main window: header (balance, low-balance highlight, gateway), tabs, geometry and last
tab remembered, menus and unexpected errors."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

from tests.helpers.fresh_sandbox import until
from traitel_desktop.core.money import exact_money, format_amount, format_money
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.crash import install_exception_hooks
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.widgets.async_tools import spawn, wait_dialog
from traitel_desktop.ui.widgets.placeholder import PlaceholderTab

TAB_NAMES = ["subaccounts", "numbers", "ivr-ivml", "activity", "spend", "costs", "alerts"]


def make_window(qtbot: Any, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window


def test_money_format() -> None:
    assert format_money(Decimal("1234.5")) == "1,234.50"
    assert format_money(Decimal("12.3450")) == "12.345"
    assert format_money(Decimal("0")) == "0.00"
    assert format_money(Decimal("-3.1")) == "-3.10"


def test_amounts_to_the_cent_with_separators() -> None:
    assert format_amount(Decimal("664.7674")) == "664.77"
    assert format_amount(Decimal("12345.6")) == "12,345.60"
    assert format_amount(Decimal("0.005")) == "0.01"  # half a cent rounds up
    assert format_amount(Decimal("-0.004")) == "0.00"
    assert format_amount(Decimal("-1234.565")) == "-1,234.57"
    assert format_amount(Decimal("5")) == "5.00"
    assert exact_money(Decimal("664.7674")) == "664.7674"
    assert exact_money(Decimal("1E+3")) == "1,000.00"
    assert exact_money(Decimal("12345.6789")) == "12,345.6789"


@given(st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False))
def test_amount_reads_back_as_the_rounded_decimal(value: Decimal) -> None:
    text = format_amount(value)
    assert text.count(".") == 1 and len(text.split(".")[1]) == 2
    rounded = abs(value).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert Decimal(text.replace(",", "")) == (rounded if value >= 0 else -rounded)
    assert Decimal(exact_money(value).replace(",", "")) == value


def test_header_balance_to_the_cent_with_the_exact_one_in_a_tooltip(
    qtbot: Any, session: Session
) -> None:
    window = make_window(qtbot, session)
    header = window.header
    session.set_balance(Decimal("664.7674"))  # the sandbox sends four decimals
    assert header.balance_label.text() == "A$664.77"  # the demo is in AUD, en_US writes A$
    assert header.balance_label.toolTip() == "Exact balance: A$664.7674"
    session.set_balance(Decimal("12345.6"))
    assert header.balance_label.text() == "A$12,345.60"
    assert header.balance_label.toolTip() == "Exact balance: A$12,345.60"


def test_tabs_in_order_with_friendly_placeholders(qtbot: Any, session: Session) -> None:
    window = make_window(qtbot, session)
    assert [spec.name for spec in window.specs] == TAB_NAMES
    titles = [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())]
    assert titles == ["Sub-accounts", "Numbers", "Menus & flows", "Activity", "Spend", "Costs",
                      "Alerts"]
    numbers = window.tab("numbers")
    if isinstance(numbers, PlaceholderTab):
        assert numbers.title_label.text() == "Numbers"
        assert len(numbers.text_label.text()) > 40


def test_header_shows_account_and_balance(qtbot: Any, session: Session, run: Any) -> None:
    window = make_window(qtbot, session)
    window.show()
    header = window.header
    assert header.name_label.text() == "demo"
    assert session.balance is not None
    assert header.balance_label.text() == format_amount(session.balance)
    assert session.time_zone in header.zone_label.text()
    assert "Online" in header.connection_label.text()
    # The refresh button asks TraiTel again.
    session.balance = None
    header.balance_label.setText("—")
    qtbot.mouseClick(header.refresh_button, Qt.MouseButton.LeftButton)
    run(until(lambda: session.balance is not None))
    assert header.balance_label.text() == format_amount(session.balance)


def test_low_balance_highlight(qtbot: Any, session: Session, app_settings: Any) -> None:
    assert session.balance is not None
    app_settings.low_balance_threshold = session.balance + Decimal("0.01")
    window = make_window(qtbot, session)
    window.show()
    assert window.header.is_low
    assert window.header.low_note.isVisible()
    window.header.set_threshold(session.balance)  # equal is not below
    assert not window.header.is_low
    assert not window.header.low_note.isVisible()


def test_refresh_interval_from_settings(qtbot: Any, session: Session, app_settings: Any) -> None:
    app_settings.refresh_minutes = 3
    window = make_window(qtbot, session)
    assert window.header.timer.isActive()
    assert window.header.timer.interval() == 3 * 60_000
    window.header.set_refresh_minutes(0)
    assert not window.header.timer.isActive()


def test_geometry_and_last_tab_restored(qtbot: Any, session: Session) -> None:
    first = make_window(qtbot, session)
    first.show()
    first.setGeometry(QRect(30, 40, 760, 540))
    first.tabs.setCurrentIndex(TAB_NAMES.index("activity"))
    first.save_state()
    assert session.settings is not None
    assert session.settings.last_tab == "activity"

    second = make_window(qtbot, session)
    second.show()
    assert second.current_spec().name == "activity"
    assert second.size() == first.size()


def test_f5_refreshes_balance_and_tab(qtbot: Any, session: Session, run: Any) -> None:
    window = make_window(qtbot, session)
    window.show()
    assert QKeySequence("F5") in window.refresh_action.shortcuts()
    seen: list[object] = []
    session.balance_changed.connect(seen.append)
    session.balance = None
    reloads_before = dict(window._reloads)
    window.refresh_action.trigger()
    run(until(lambda: bool(seen)))
    assert len(seen) == 1
    current = window.tabs.currentIndex()
    assert window._reloads[current] is not reloads_before.get(current)


def test_sign_out_and_quit_signals(qtbot: Any, session: Session) -> None:
    window = make_window(qtbot, session)
    window.show()
    with qtbot.waitSignal(window.sign_out_requested, timeout=1000):
        window.sign_out_action.trigger()
    window2 = make_window(qtbot, session)
    window2.show()
    with qtbot.waitSignal(window2.quit_requested, timeout=1000):
        window2.quit_action.trigger()
    for action in (
        window2.refresh_action,
        window2.settings_action,
        window2.sign_out_action,
        window2.quit_action,
    ):
        assert not action.shortcut().isEmpty()


def _error_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox)
        and w.objectName() == "unexpectedErrorDialog"
        and w.isVisible()
    ]


def test_a_dialog_deleted_with_its_window_ends_the_wait(qtbot: Any, run: Any) -> None:
    """Sign-out deletes the main window with any dialog still open on it: the task waiting
    for that dialog gets Rejected instead of waiting for the rest of the app's life."""
    window = QWidget()  # not given to qtbot: the test deletes it
    window.show()
    dialog = QDialog(window)

    async def scenario() -> int:
        waiting = asyncio.ensure_future(wait_dialog(dialog))
        await asyncio.sleep(0)
        assert dialog.isVisible() and not waiting.done()
        window.deleteLater()
        return await waiting

    assert run(scenario(), timeout=5) == QDialog.DialogCode.Rejected.value


def test_unexpected_exception_reaches_a_dialog(qtbot: Any, qloop: Any, run: Any) -> None:
    uninstall = install_exception_hooks(qloop)
    try:

        async def broken() -> None:
            await asyncio.sleep(0)
            raise ZeroDivisionError("sample failure")

        spawn(broken())
        run(until(lambda: bool(_error_dialogs())))
        dialogs = _error_dialogs()
        assert len(dialogs) == 1
        assert "ZeroDivisionError: sample failure" in dialogs[0].detailedText()
        dialogs[0].close()
    finally:
        uninstall()


def test_unexpected_exception_in_async_slot_reaches_a_dialog(
    qtbot: Any, qloop: Any, run: Any
) -> None:
    import qasync

    uninstall = install_exception_hooks(qloop)
    try:
        # qasync 0.28's asyncSlot needs at least one argument to start the coroutine.
        @qasync.asyncSlot(bool)
        async def slot(checked: bool = False) -> None:
            raise KeyError("from a slot")

        slot(False)
        run(until(lambda: bool(_error_dialogs())))
        dialogs = _error_dialogs()
        assert len(dialogs) == 1
        assert "from a slot" in dialogs[0].detailedText()
        dialogs[0].close()
    finally:
        uninstall()


def test_change_history_from_the_view_menu_and_ctrl_h(
    qtbot: Any, session: Session, run: Any
) -> None:
    from PySide6.QtTest import QTest

    from traitel_desktop.services.changes import ChangeLog
    from traitel_desktop.ui.change_history.window import ChangeHistoryDialog

    ChangeLog(session).log("numbers", "assign", "+61 2 9999 1234", "to fax", "ok")
    window = make_window(qtbot, session)
    window.show()
    view = next(
        menu for menu in window.menuBar().findChildren(QMenu)
        if menu.title().replace("&", "") == "View"
    )
    assert window.history_action in view.actions()
    assert window.history_action.shortcut() == QKeySequence("Ctrl+H")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialogs = [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, ChangeHistoryDialog) and w.isVisible()
    ]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.session is session and dialog.parent() is window
    assert [c.target for c in dialog.shown_changes()] == ["+61 2 9999 1234"]
    # Asking again raises the same window (one per session).
    window.history_action.trigger()
    assert window.show_change_history() is dialog
    dialog.close()


def test_search_boxes_show_their_whole_hint_and_line_up(qtbot: Any, session: Session) -> None:
    from PySide6.QtWidgets import QLineEdit

    window = make_window(qtbot, session)
    window.resize(1100, 720)
    window.show()
    widths = set()
    for name in ("subaccounts", "numbers", "ivr-ivml"):
        window.tabs.setCurrentIndex([s.name for s in window.specs].index(name))
        edits = [e for e in window.tab(name).findChildren(QLineEdit) if e.placeholderText()]
        search = next(e for e in edits if e.placeholderText().startswith("Search"))
        qtbot.waitUntil(search.isVisible)
        hint = search.fontMetrics().horizontalAdvance(search.placeholderText())
        # Room for the hint, the frame and the clear button.
        assert hint + 40 <= search.width(), (name, hint, search.width())
        widths.add(search.width())
    assert len(widths) == 1


def test_window_title_names_the_account_before_the_app(qtbot: Any, session: Session) -> None:
    # Qt appends the display name unless the title already ends with it: the title must, so
    # the bar does not read "TraiTel Desktop — demo — TraiTel Desktop".
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"{session.username} — TraiTel Desktop"
