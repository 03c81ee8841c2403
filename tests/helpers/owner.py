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

The offscreen platform does not give activation back to a window when a dialog closes (a
desktop's window manager does); :meth:`Owner.ensure_active` plays that part before each input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QMenu,
    QTabBar,
    QWidget,
)

from tests.helpers.fresh_sandbox import until
from traitel_desktop.core.money import format_amount

W = TypeVar("W", bound=QWidget)

#: The two sizes every task runs at: a small laptop screen and a roomy desktop one.
SIZES = ((1024, 700), (1600, 1000))
MODES = ("mouse", "keyboard")
#: Tab presses allowed to reach a control before the test says it cannot be reached.
MAX_TABS = 60
#: The folder screenshots go to when TRAITEL_TASK_SHOTS is set (one size only: the small one).
SHOTS_ENV = "TRAITEL_TASK_SHOTS"
#: Coroutines that wait for the owner (an open dialog) or are the owner's own waiting.
WAITING = frozenset({"wait_dialog", "until"})

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def describe(widget: QWidget | None) -> str:
    """A widget in words for a failure message: its class, object and accessible names."""
    if widget is None:
        return "nothing"
    parts = [type(widget).__name__]
    for name in (widget.objectName(), widget.accessibleName()):
        if name:
            parts.append(f"“{name}”")
    text = getattr(widget, "text", None)
    if callable(text):
        try:
            shown = text()
        except TypeError:
            shown = ""
        if isinstance(shown, str) and shown:
            parts.append(f"showing “{shown[:40]}”")
    return " ".join(parts)


def amounts_in(text: str) -> set[Decimal]:
    """Every amount written in ``text`` ("A$1,234.50 (was 9.1)" -> {1234.50, 9.1})."""
    return {Decimal(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def shows_amount(text: str, amount: Decimal, *, to_the_cent: bool = False) -> bool:
    """True when ``text`` shows ``amount``: as core.money writes it, or (whatever currency
    sign or code sits beside it) the same number, to the cent when ``to_the_cent``."""
    if format_amount(amount) in text:
        return True
    wanted = amount.quantize(Decimal("0.01")) if to_the_cent else amount
    return any(found == wanted for found in amounts_in(text))


class Owner:
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

    def text_of(self, *widgets: QWidget) -> str:
        """What ``widgets`` show, one per line (labels, buttons, line edits, text views)."""
        out = []
        for widget in widgets:
            for getter in ("text", "toPlainText", "currentText"):
                value = getattr(widget, getter, None)
                if callable(value):
                    out.append(str(value()))
                    break
        return "\n".join(out)

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
        self.unfocused.append(describe(window))
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
        combo = sequence[0]
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
        if group is not None and focused in group.buttons():
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
        if not button.isChecked() or button.isCheckable() and not button.autoExclusive():
            if not button.isChecked():
                self.press(Key.Key_Space)

    def fill(self, field: QWidget, text: str) -> None:
        """Put ``text`` in a text field: click into it (or Tab to it), select what it holds
        and type over it."""
        if self.by_keyboard:
            self.tab_to(field)
        else:
            self.click(field)
        self.clear_and_type(text)

    def open_menu(self, title: str) -> QMenu:
        """Open the main window's menu ``title`` (as shown, without the &): a click on its
        title in the menu bar, or Alt+its mnemonic. Returns the open menu."""
        bar = self.window.menuBar()  # type: ignore[attr-defined]
        menu = self._menu_named(bar.actions(), title)
        self.ensure_active(self.window)
        if self.by_keyboard:
            letter = _mnemonic(menu.title())
            assert letter, f"the menu “{title}” has no mnemonic: no key opens it"
            before = QApplication.focusWidget()
            self.press(_letter_key(letter), Mod.AltModifier)
            assert menu.isVisible(), (
                f"Alt+{letter.upper()} does not open the menu “{title}” (the focus went from "
                f"{describe(before)} to {describe(QApplication.focusWidget())}): another "
                f"control of the window uses the same mnemonic")
        else:
            self.click(bar, bar.actionGeometry(menu.menuAction()).center())
        self.wait_for(lambda: menu.isVisible(), f"the menu “{title}” to open")
        return menu

    def close_menu(self) -> None:
        """Close the open menu (Esc; a second Esc leaves the menu bar)."""
        for _ in range(2):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            QTest.keyClick(popup, Key.Key_Escape)
        self.wait_for(lambda: QApplication.activePopupWidget() is None, "the menu to close")
        focused = QApplication.focusWidget()
        if focused is self.window.menuBar():  # type: ignore[attr-defined]
            QTest.keyClick(focused, Key.Key_Escape)

    def menu(self, path: str) -> None:
        """Open a menu item of the main window's menu bar, "Account/Settings…" (titles as
        shown, without the & of their mnemonics): clicking the menu title and the item, or
        Alt+mnemonic for the menu and the item's mnemonic (arrows and Enter without one)."""
        title, *rest = path.split("/")
        menu = self.open_menu(title)
        for name in rest:
            action = next((a for a in menu.actions()
                           if a.text().replace("&", "") == name), None)
            self.pick(menu, name)
            sub = action.menu() if action is not None else None
            if isinstance(sub, QMenu):
                menu = sub
        self.wait_for(lambda: QApplication.activePopupWidget() is None, "the menu to close")

    def pick(self, menu: QMenu, text: str) -> None:
        """Pick the item ``text`` (as shown, without the & of its mnemonic) of the open
        ``menu``: a click on it, or its mnemonic (else the arrow keys and Enter)."""
        self.wait_for(lambda: menu.isVisible(), "the menu to open")
        action = next((a for a in menu.actions() if a.text().replace("&", "") == text), None)
        assert action is not None, f"the menu has no item “{text}”"
        assert action.isEnabled(), f"“{text}” is disabled"
        if self.by_keyboard:
            self._keyboard_pick(menu, action)
        else:
            if menu.windowType() == Qt.WindowType.Popup:
                QTest.qWait(QApplication.doubleClickInterval() + 50)
            QTest.mouseClick(menu, LEFT, NO_MOD, menu.actionGeometry(action).center())

    def _menu_named(self, actions: Iterable[Any], title: str) -> QMenu:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu) and menu.title().replace("&", "") == title:
                return menu
        raise AssertionError(f"the menu bar has no menu “{title}”")

    def _keyboard_pick(self, menu: QMenu, action: Any) -> None:
        """Pick ``action`` in the open ``menu`` with the keyboard: its mnemonic when only it
        has that letter, else Down until it is highlighted, then Enter."""
        letter = _mnemonic(action.text())
        same = [a for a in menu.actions() if a.isVisible() and _mnemonic(a.text()) == letter]
        if letter and len(same) == 1:
            self.press(_letter_key(letter))
            return
        for _ in range(len(menu.actions()) + 1):
            if menu.activeAction() is action:
                break
            self.press(Key.Key_Down)
        assert menu.activeAction() is action, f"the arrow keys never reach “{action.text()}”"
        self.press(Key.Key_Return)

    def tab(self, name: str) -> None:
        """Show the main window's tab titled ``name``: a click on its tab, or (Tab into the
        tabs first when the focus is elsewhere, e.g. in the header) Ctrl+Tab until it
        shows."""
        tabs = self.window.tabs  # type: ignore[attr-defined]
        titles = [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]
        assert name in titles, f"there is no tab “{name}” (tabs: {titles})"
        wanted = titles.index(name)
        bar: QTabBar = tabs.tabBar()
        if self.by_keyboard:
            focused = QApplication.focusWidget()
            if focused is None or not tabs.isAncestorOf(focused):
                self.tab_to(tabs)  # Ctrl+Tab works from inside the tabs
            for _ in range(tabs.count()):
                if tabs.currentIndex() == wanted:
                    break
                self.press(Key.Key_Tab, Mod.ControlModifier)
            assert tabs.currentIndex() == wanted, (
                f"Ctrl+Tab does not reach the tab “{name}” from {describe(self.focus())}")
        else:
            self.click(bar, bar.tabRect(wanted).center())
        assert tabs.currentIndex() == wanted

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
                        if not t.done() and not _waits_for_owner(t)]

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


def _waits_for_owner(task: Any) -> bool:
    """True when ``task`` is suspended in a coroutine of :data:`WAITING` (following what
    each coroutine awaits)."""
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None)
    if code is not None and code.co_name == "wait_for" and "asyncio" in code.co_filename:
        return True  # the test's own ``run``: asyncio.wait_for around the owner's waiting
    while coro is not None:
        name = getattr(coro, "__qualname__", "")
        if name.split(".")[-1] in WAITING:
            return True
        coro = getattr(coro, "cr_await", None)
    return False


def _mnemonic(text: str) -> str:
    """The letter after a single & in ``text`` (lower case), or ""."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def _letter_key(letter: str) -> Qt.Key:
    return Qt.Key(ord(letter.upper()))


def shots_folder(size: tuple[int, int], mode: str) -> Path | None:
    """Where a task's screenshots go: ``$TRAITEL_TASK_SHOTS/<mode>`` for the small size,
    None (no screenshots) otherwise or when the variable is not set."""
    root = os.environ.get(SHOTS_ENV)
    if not root or size != SIZES[0]:
        return None
    return Path(root) / mode
