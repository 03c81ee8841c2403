"""The Help menu's actions, for the main window: Getting started (F1), Glossary, Keyboard
shortcuts (Ctrl+/), Report a problem…; the window adds About after them.

Each action is added to the main window too, so its keys work wherever the focus is. The Help
window is one per main window: asking again brings it to the front on the page asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.ui.help.pages import GLOSSARY, SHORTCUTS, START
from traitel_desktop.ui.help.report import ProblemReport
from traitel_desktop.ui.help.shortcuts import Area, shortcuts_markdown
from traitel_desktop.ui.help.window import HelpWindow

if TYPE_CHECKING:
    from traitel_desktop.services import Session

__all__ = ["HelpMenu"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def _help_keys() -> list[QKeySequence]:
    """F1, plus the system's own Help key where it has another one (Ctrl+? on macOS)."""
    keys = [QKeySequence("F1")]
    keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
             if k not in keys]
    return keys


class HelpMenu:
    """Fills ``menu`` for ``window``. ``areas`` gives the tabs whose keys the shortcuts page
    lists (title, widget), when that page is shown."""

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        menu: QMenu,
        areas: Callable[[], Sequence[Area]],
    ) -> None:
        self.window = window
        self.session = session
        self.areas = areas
        self.help_window: HelpWindow | None = None
        self.report = ProblemReport(session, window)
        self.contents_action = self._action(
            _tr("&Getting started"), _help_keys(), lambda: self.show_page(START))
        self.contents_action.setToolTip(_tr("What the app does and how to begin (F1)"))
        self.glossary_action = self._action(
            _tr("G&lossary"), [], lambda: self.show_page(GLOSSARY))
        self.shortcuts_action = self._action(
            _tr("&Keyboard shortcuts"), [QKeySequence("Ctrl+/")],
            lambda: self.show_page(SHORTCUTS))
        self.report_action = self._action(
            _tr("&Report a problem…"), [], self.report_problem)
        self.report_action.setToolTip(
            _tr("Save a file about this app's set-up to attach to an e-mail to TraiTel support"))
        for action in (self.contents_action, self.glossary_action, self.shortcuts_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.report_action)
        menu.addSeparator()

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _shortcuts(self) -> str:
        return shortcuts_markdown(self.window.menuBar(), self.areas())

    def show_page(self, key: str) -> HelpWindow:
        """Open the Help window (or bring it forward) on page ``key``; returns it."""
        window = self.help_window
        if window is None or not alive(window):
            window = HelpWindow(self._shortcuts, self.session.settings, self.window)
            self.help_window = window
        window.show_page(key)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def report_problem(self) -> QFileDialog:
        """Help ▸ Report a problem…: ask where to save the diagnostics file."""
        return self.report.choose_file()
