"""An owner at the keyboard and mouse: drives a real :class:`MainWindow` with real input only
(the task tests of tests/ui/tasks/; this module holds no tests).

:class:`Owner` knows two ways of working, ``mode``:

* ``"mouse"``: clicks on what the owner sees (a button's centre, a row's rectangle on the
  table's viewport, a tab's rectangle on the tab bar, a menu's title on the menu bar), and
  types text with the keyboard.
* ``"keyboard"``: reaches every control with Tab / Shift+Tab, shortcuts, mnemonics (Alt+letter)
  and the arrow keys, and acts with Enter or Space only. Nothing is clicked.

Every input goes where a person's would: keys to the focused widget (or to the open popup
menu), clicks to a widget that is visible, enabled and not covered by another one (a hidden,
disabled or covered control fails the test with a plain message). Waiting runs the app's
qasync loop (``run`` of tests/ui/conftest.py), never ``processEvents`` inside a coroutine.
Menus and tabs: :mod:`tests.helpers.owner_menus`; what the owner sees (in words, and the
amounts a text shows): :mod:`tests.helpers.owner_sight`.

The offscreen platform does not give activation back to a window when a dialog closes (a
desktop's window manager does); :meth:`Owner.ensure_active` plays that part before each input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QWidget,
    QWizard,
)

from tests.helpers.fresh_sandbox import until
from tests.helpers.owner_menus import LEFT, NO_MOD, Key, MenuBarUse, Mod
from tests.helpers.owner_sight import (
    MODES,
    SIZES,
    amounts_in,
    describe,
    shots_folder,
    shows_amount,
    waits_for_owner,
)

__all__ = ["MODES", "SIZES", "Key", "Mod", "Owner", "amounts_in", "shots_folder",
           "shows_amount"]

#: Tab presses allowed to reach a control before the test says it cannot be reached.
MAX_TABS = 60


class Owner(MenuBarUse):
    """Drives ``window`` as an owner would (see the module docstring)."""

    def __init__(self, window: QWidget, run: Callable[..., Any], mode: str,
                 shots: Path | None = None) -> None:
        assert mode in MODES, mode
        self.window = window
        self.run = run
        self.mode = mode
        self.shots = shots
        #: The windows in which a key was pressed while nothing had the focus (a keyboard
        #: user then has to press Tab before anything else works).
        self.unfocused: list[str] = []
        self._windows: list[QWidget] = [window]

    @property
    def by_keyboard(self) -> bool:
        """True when the owner works with the keyboard only."""
        return self.mode == "keyboard"

    # --- windows ------------------------------------------------------------------------
    def top_window(self) -> QWidget:
        """The window the owner works in now: the open modal dialog, else the active window,
        else (the offscreen platform gives activation back to nothing when a dialog closes)
        the last window the owner worked in that is still open, else the main window."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            return modal
        active = QApplication.activeWindow()
        if active is not None and active.isVisible():
            return active
        for earlier in reversed(self._windows):
            if shiboken6.isValid(earlier) and earlier.isVisible():
                return earlier
        return self.window

    def ensure_active(self, window: QWidget | None = None) -> None:
        """Give ``window`` (default: :meth:`top_window`) the activation a desktop would."""
        target = window or self.top_window()
        if target.windowType() == Qt.WindowType.Popup:
            return  # a popup (menu, list of a combo box) takes the input while it is open
        if window is not None:
            self._windows = [w for w in self._windows
                             if shiboken6.isValid(w) and w is not window] + [window]
        if QApplication.activeWindow() is target:
            return
        target.activateWindow()
        # (QTest.qWaitForWindowActive is no help: a dialog counts as active when its parent
        # window is.) Events are processed here, outside the loop's coroutines.
        for _ in range(100):
            if QApplication.activeWindow() is target:
                return
            QTest.qWait(10)
        raise AssertionError(
            f"{describe(target)} never became the active window (active: "
            f"{describe(QApplication.activeWindow())})")

    # --- looking ------------------------------------------------------------------------
    def check_usable(self, widget: QWidget, point: QPoint | None = None) -> QPoint:
        """Fail in plain words unless the owner can click ``widget`` (at ``point``, default
        its centre): shown, enabled, inside its window and not covered by another widget.
        Returns the point."""
        what = describe(widget)
        assert widget.isVisible(), f"the owner cannot see {what}: it is hidden"
        assert widget.isEnabled(), f"the owner cannot use {what}: it is disabled"
        point = point if point is not None else widget.rect().center()
        window = widget.window()
        at = widget.mapTo(window, point)
        assert window.rect().contains(at), (
            f"{what} is outside its window ({window.width()}x{window.height()}): the owner "
            "cannot reach it")
        found = window.childAt(at)
        assert found is not None and (found is widget or widget.isAncestorOf(found)), (
            f"{what} is covered by {describe(found)} where the owner would click")
        return point

    # --- mouse --------------------------------------------------------------------------
    def click(self, widget: QWidget, point: QPoint | None = None, *,
              double: bool = False) -> None:
        """A left click (or double-click) at ``point`` of ``widget`` (its centre), once it
        is usable."""
        self.ensure_active(widget.window())
        where = self.check_usable(widget, point)
        if double:
            QTest.mouseDClick(widget, LEFT, NO_MOD, where)
        else:
            QTest.mouseClick(widget, LEFT, NO_MOD, where)

    def tick(self, button: QAbstractButton) -> None:
        """Click a check box or radio button on its box (Qt counts only the box and its
        text, not the empty width of a stretched button)."""
        self.click(button, QPoint(8, button.height() // 2))

    def click_row(self, table: QAbstractItemView, row: int, column: int = 0, *,
                  double: bool = False) -> None:
        """Click (or double-click) the cell at ``row``, ``column`` of ``table`` on its
        viewport, scrolling it into view first as the owner would with the wheel."""
        index = table.model().index(row, column)
        assert index.isValid(), f"{describe(table)} has no row {row}"
        table.scrollTo(index)
        viewport = table.viewport()
        rect = table.visualRect(index).intersected(viewport.rect())
        assert not rect.isEmpty(), f"row {row} of {describe(table)} is not shown"
        self.ensure_active(table.window())
        point = self.check_usable(viewport, rect.center())
        if table.window().windowType() == Qt.WindowType.Popup:
            # A list that just popped up ignores a release that comes sooner than a double
            # click would (Qt's guard against press-drag-release); a person is slower.
            QTest.qWait(QApplication.doubleClickInterval() + 50)
            viewport = table.viewport()
            QTest.mouseMove(viewport, point)
        if double:
            QTest.mouseDClick(viewport, LEFT, NO_MOD, point)
        else:
            QTest.mouseClick(viewport, LEFT, NO_MOD, point)

    def click_item(self, view: QAbstractItemView, row: int) -> None:
        """Click row ``row`` of a list view on its viewport."""
        self.click_row(view, row, 0)

    # --- keyboard -----------------------------------------------------------------------
    def focus(self) -> QWidget:
        """Where a key press goes now: the open popup menu, else the focused widget, else
        (nothing focused) the active window itself, as Qt delivers it."""
        self.ensure_active()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return popup
        focused = QApplication.focusWidget()
        if focused is not None:
            return focused
        window = QApplication.activeWindow()
        assert window is not None, "no window is active: the owner's keys go nowhere"
        page = window.currentPage() if isinstance(window, QWizard) else None
        self.unfocused.append(describe(window) + (f" on {type(page).__name__}" if page else ""))
        return window

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD,
              times: int = 1) -> None:
        """Press ``key`` (with ``modifiers``) ``times`` times, into the focus."""
        for _ in range(times):
            QTest.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:
        """Type ``text`` into the focused widget."""
        QTest.keyClicks(self.focus(), text)

    def clear_and_type(self, text: str) -> None:
        """Select what the focused field holds (Ctrl+A), then type over it."""
        self.press(Key.Key_A, Mod.ControlModifier)
        self.press(Key.Key_Backspace)
        self.type(text)

    def shortcut(self, keys: str) -> None:
        """Press a key sequence written as Qt writes it ("Ctrl+N", "Alt+L", "F5")."""
        from PySide6.QtGui import QKeySequence

        sequence = QKeySequence(keys)
        assert sequence.count() == 1, keys
        combo = sequence[0]  # type: ignore[index]  # (PySide6's stubs miss __getitem__)
        self.press(combo.key(), combo.keyboardModifiers())

    def tab_to(self, widget: QWidget, *, backwards: bool = False,
               limit: int = MAX_TABS) -> None:
        """Press Tab (Shift+Tab when ``backwards``) until ``widget`` (or a child of it) has
        the focus; fail in plain words when it cannot be reached so."""
        key = Key.Key_Backtab if backwards else Key.Key_Tab
        mods = Mod.ShiftModifier if backwards else NO_MOD
        seen: list[str] = []
        for _ in range(limit):
            focused = QApplication.focusWidget()
            if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
                return
            seen.append(describe(focused))
            self.press(key, mods)
        focused = QApplication.focusWidget()
        if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
            return
        trail = " → ".join(dict.fromkeys(seen))
        raise AssertionError(
            f"{describe(widget)} cannot be reached with the Tab key ({limit} presses went "
            f"through: {trail})")

    # --- both ---------------------------------------------------------------------------
    def use(self, button: QAbstractButton) -> None:
        """Press ``button``: a click, or Tab to it and Space."""
        if self.by_keyboard:
            self.check_usable(button)
            self.tab_to(button)
            self.press(Key.Key_Space)
        else:
            self.click(button)

    def choose(self, button: QAbstractButton) -> None:
        """Pick a radio button or tick a check box: a click on its box, or Tab to it and
        Space (arrow keys inside a group of radio buttons)."""
        if not self.by_keyboard:
            self.tick(button)
            return
        self.check_usable(button)
        group = getattr(button, "group", lambda: None)()
        focused = QApplication.focusWidget()
        if group is not None and focused is not None and focused in group.buttons():
            # Arrow keys move between the buttons of a group, towards where the button is.
            there, here = button.mapToGlobal(QPoint(0, 0)), focused.mapToGlobal(QPoint(0, 0))
            if abs(there.y() - here.y()) >= abs(there.x() - here.x()):
                arrow = Key.Key_Down if there.y() > here.y() else Key.Key_Up
            else:
                arrow = Key.Key_Right if there.x() > here.x() else Key.Key_Left
            for _ in range(len(group.buttons())):
                if QApplication.focusWidget() is button:
                    break
                self.press(arrow)
            assert QApplication.focusWidget() is button, (
                f"the arrow keys do not reach {describe(button)}")
        else:
            self.tab_to(button)
        if not button.isChecked():
            self.press(Key.Key_Space)
        assert button.isChecked(), f"{describe(button)} is not checked after Space"

    def fill(self, field: QWidget, text: str) -> None:
        """Put ``text`` in a text field: click into it (or Tab to it), select what it holds
        and type over it."""
        if self.by_keyboard:
            self.tab_to(field)
        else:
            self.click(field)
        self.clear_and_type(text)

    # --- waiting and looking back -------------------------------------------------------
    def wait_for(self, condition: Callable[[], object], what: str = "",
                 timeout: float = 20.0) -> None:
        """Let the app run until ``condition()`` holds (fails after ``timeout`` seconds,
        saying what was awaited)."""
        if condition():
            return
        try:
            self.run(until(condition, timeout=timeout), timeout=timeout + 5)
        except (AssertionError, TimeoutError) as exc:
            raise AssertionError(f"timed out waiting for {what or condition}") from exc

    def wait_quiet(self, timeout: float = 30.0) -> None:
        """Let the app run until it has done what the owner asked: no task of the app is
        pending but those waiting for the owner (for a dialog to be answered)."""
        import asyncio

        def quiet() -> bool:
            loop = asyncio.get_event_loop()
            return not [t for t in asyncio.all_tasks(loop)
                        if not t.done() and not waits_for_owner(t)]

        self.wait_for(quiet, "the app to finish what it was doing", timeout)

    def settle(self, task: Any) -> None:
        """Let the app run until ``task`` (an asyncio task the owner's action started) ends."""
        if task is not None:
            self.run(task, timeout=60)

    def shot(self, name: str, widget: QWidget | None = None) -> Path | None:
        """Save what the owner sees (``widget``, default the top window) as a PNG in the
        shots folder, when there is one."""
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        (widget or self.top_window()).grab().save(str(path))
        return path


