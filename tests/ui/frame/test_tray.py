"""Living in the tray (issue 15, part 4): the tray icon's tooltip and menu; "keep running in
the tray when the window is closed"; and, where there is no tray (offscreen), everything but
the icon works: closing the window quits as before."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QSystemTrayIcon

from traitel_desktop.core.money import format_amount
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.frame.tray import AppTray, make_tray, tray_available


def menu_texts(tray: AppTray) -> list[str]:
    return [a.text().replace("&", "") for a in tray.contextMenu().actions() if a.text()]


def windowed(qtbot: Any, session: Session, *, tray: bool, keep: bool) -> MainWindow:
    assert session.settings is not None
    session.settings.keep_in_tray = keep
    window = MainWindow(session)
    qtbot.addWidget(window)
    if tray:  # offscreen has no tray: attach one made by hand, as make_tray would
        window.attach_tray(AppTray(window))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_tray_menu_and_tooltip(qtbot: Any) -> None:
    tray = AppTray()
    try:
        assert menu_texts(tray) == ["Open TraiTel Desktop", "Refresh", "Pause alerts", "Quit"]
        assert tray.toolTip() == "TraiTel Desktop\nBalance: not read yet"
        tray.show_balance(Decimal("1234.565"))
        assert tray.toolTip() == f"TraiTel Desktop\nBalance: {format_amount(Decimal('1234.565'))}"
        assert "1,234.57" in tray.toolTip()

        with qtbot.waitSignal(tray.open_requested):
            tray.open_action.trigger()
        with qtbot.waitSignal(tray.refresh_requested):
            tray.refresh_action.trigger()
        with qtbot.waitSignal(tray.pause_toggled) as paused:
            tray.pause_action.trigger()
        assert paused.args == [True] and tray.paused
        with qtbot.waitSignal(tray.pause_toggled) as resumed:
            tray.pause_action.trigger()
        assert resumed.args == [False] and not tray.paused
        with qtbot.waitSignal(tray.quit_requested):
            tray.quit_action.trigger()
        with qtbot.waitSignal(tray.open_requested):  # a click on the icon
            tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
        with qtbot.assertNotEmitted(tray.open_requested):  # the right click shows the menu
            tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)
    finally:
        tray.dispose()


def test_offscreen_has_no_tray_and_closing_the_window_still_quits(
    qtbot: Any, session: Session,
) -> None:
    assert not tray_available()
    assert make_tray() is None
    window = windowed(qtbot, session, tray=False, keep=True)  # the option set, but no tray
    assert window.tray is None and not window.keeps_running_in_tray()
    with qtbot.waitSignal(window.quit_requested):
        window.close()
    assert not window.isVisible()


def test_closing_the_window_keeps_the_app_in_the_tray(
    qtbot: Any, session: Session, run: Any,
) -> None:
    window = windowed(qtbot, session, tray=True, keep=True)
    tray = window.tray
    assert tray is not None
    assert tray.toolTip().endswith(format_amount(Decimal(str(session.balance))))
    with qtbot.assertNotEmitted(window.quit_requested):
        assert not window.close()  # the title bar's close button: only hidden
    assert not window.isVisible() and window.tray is tray

    run(window.refresh_balance())  # the tooltip follows the balance read while hidden
    assert session.balance is not None
    assert tray.toolTip().endswith(format_amount(session.balance))
    tray.open_action.trigger()
    assert window.isVisible()

    with qtbot.waitSignal(window.alerts_paused) as paused:
        tray.pause_action.trigger()
    assert paused.args == [True]
    window.hide()
    with qtbot.waitSignal(window.quit_requested):  # Quit in the tray menu quits
        tray.quit_action.trigger()
    assert window.tray is None


def test_without_the_option_closing_quits_even_with_a_tray(qtbot: Any, session: Session) -> None:
    window = windowed(qtbot, session, tray=True, keep=False)
    with qtbot.waitSignal(window.quit_requested):
        assert window.close()
    assert window.tray is None  # the icon went with the window
