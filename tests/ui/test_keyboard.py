"""The keyboard: no two things answer the same Alt+letter at once (the menu bar's titles and
the visible page's buttons, labels and boxes, on every tab and dialog of --screenshots), and
Tab leaves every table for the next control instead of walking its cells forever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.layout_check import mnemonics, object_path
from traitel_desktop.devtools.screenshots import ShotContext, all_shots, build_all_tabs
from traitel_desktop.services import Session
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here


def shown_window(qtbot: Any, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


@pytest.mark.slow
def test_no_two_mnemonics_alike_on_any_page(
    qtbot: Any,
    session: Session,
    app_settings: Any,
    fresh_sandbox: Any,
    tmp_path: Path,
    run: Callable[..., Any],
) -> None:
    window = shown_window(qtbot, session)
    ctx = ShotContext(window, session, app_settings, LocalSandbox(running=fresh_sandbox), tmp_path)
    build_all_tabs(window)
    clashes: list[str] = []
    for name, shot in all_shots(window):
        widget = run(shot(ctx), timeout=30.0)
        for key, users in sorted(mnemonics(widget.window()).items()):
            if len(users) > 1:
                clashes.append(f"[{name}] Alt+{key.upper()}: " + " | ".join(users))
        while ctx.cleanup:
            ctx.cleanup.pop()()
    assert not clashes, "mnemonics used twice:\n  " + "\n  ".join(clashes)


def _tables(window: QWidget) -> list[QAbstractItemView]:
    return [v for v in window.findChildren(QAbstractItemView) if v.isVisible()]


def test_tab_leaves_every_table(qtbot: Any, session: Session, run: Callable[..., Any]) -> None:
    """On each tab, Tab from a table moves the focus to another widget, Shift+Tab back out."""
    window = shown_window(qtbot, session)
    window.activateWindow()
    build_all_tabs(window)
    checked = []
    for index, spec in enumerate(window.specs):
        window.tabs.setCurrentIndex(index)
        task = window.reload_tab(index)
        if task is not None:
            run(task, timeout=30.0)
        for view in _tables(window.tab(spec.name)):
            if view.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            view.setFocus(Qt.FocusReason.TabFocusReason)
            assert QApplication.focusWidget() is view, object_path(view)
            qtbot.keyClick(view, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is not view, f"Tab stays in {object_path(view)}"
            view.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            assert QApplication.focusWidget() is not view, (
                f"Shift+Tab stays in {object_path(view)}"
            )
            checked.append(spec.name)
    # Every tab with a table (Costs shows its own only once something was priced).
    assert {"subaccounts", "numbers", "ivr-ivml", "activity"} <= set(checked), checked
