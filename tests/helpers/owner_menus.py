"""The menu bar and the tabs of the main window, as the owner of the task tests uses them: a
click on a menu's title or a tab, or Alt+mnemonic, the arrow keys and Ctrl+Tab (a mixin of
:class:`tests.helpers.owner.Owner`; no tests here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTabBar, QWidget

from tests.helpers.owner_sight import describe

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


class MenuBarUse:
    """Menus and tabs; the owner's hands (:meth:`press`, :meth:`click` ...) are the
    :class:`~tests.helpers.owner.Owner`'s."""

    window: QWidget

    @property
    def by_keyboard(self) -> bool:
        """True when the owner works with the keyboard only."""
        raise NotImplementedError

    def ensure_active(self, window: QWidget | None = None) -> None:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

    def click(self, widget: QWidget, point: QPoint | None = None, *,
              double: bool = False) -> None:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD,
              times: int = 1) -> None:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

    def focus(self) -> QWidget:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

    def tab_to(self, widget: QWidget, *, backwards: bool = False, limit: int = 60) -> None:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

    def wait_for(self, condition: Callable[[], object], what: str = "",
                 timeout: float = 20.0) -> None:
        """See :class:`~tests.helpers.owner.Owner`."""
        raise NotImplementedError

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


def _mnemonic(text: str) -> str:
    """The letter after a single & in ``text`` (lower case), or ""."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def _letter_key(letter: str) -> Qt.Key:
    return Qt.Key(ord(letter.upper()))
