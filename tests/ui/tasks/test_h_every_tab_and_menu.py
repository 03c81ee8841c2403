"""Task h: "look around": every tab, every menu, and Help. The owner goes through the tabs in
order (a click on each, or Ctrl+Tab), each loads without an error; opens Help (Help ▸ Getting
started, or F1), searches it for "SIP" and finds it in the glossary, leaves it (Esc clears the
search, a second Esc closes); then, from every tab, opens each menu of the menu bar (a click
on its title, or Alt and its underlined letter) and sees its items. The shared sandbox."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from tests.helpers.owner import Key, Owner
from tests.helpers.owner_sight import task_params
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.help.pages import GLOSSARY
from traitel_desktop.ui.help.window import HelpWindow

MENUS = ("Account", "View", "Help")

def titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())]


def no_error(window: MainWindow, tab: Any) -> None:
    for bar in (window.message_bar, getattr(tab, "message_bar", None)):
        if bar is not None and bar.isVisible():
            assert bar.property("kind") != "error", bar.text


def look_at_help(owner: Owner, window: MainWindow) -> None:
    if owner.by_keyboard:
        owner.press(Key.Key_F1)
    else:
        owner.menu("Help/Getting started")
    owner.wait_for(lambda: isinstance(window.help.help_window, HelpWindow)
                   and window.help.help_window.isVisible(), "the Help window")
    help_window = window.help.help_window
    assert isinstance(help_window, HelpWindow)
    owner.ensure_active(help_window)
    owner.fill(help_window.search, "SIP")
    assert help_window.current_key() == GLOSSARY or any(
        help_window.page_list.item(r).data(0x0100) == GLOSSARY
        for r in range(help_window.page_list.count())
        if not help_window.page_list.item(r).isHidden())
    assert help_window.matches() and "SIP" in help_window.browser.toPlainText()
    owner.shot("h-help")
    owner.press(Key.Key_Escape)
    assert help_window.search.text() == "" and help_window.isVisible()
    owner.press(Key.Key_Escape)
    owner.wait_for(lambda: not help_window.isVisible(), "the Help window to close")


def look_around(owner: Owner, window: MainWindow) -> None:
    for title in titles(window):
        owner.tab(title)
        owner.wait_quiet(timeout=90)
        page = window.hosts[window.tabs.currentIndex()].content()
        assert page.isVisible()
        no_error(window, page)
        owner.shot(f"h-tab-{window.current_spec().name}", window)
    look_at_help(owner, window)
    for title in titles(window):
        owner.tab(title)
        for name in MENUS:
            menu = owner.open_menu(name)
            items = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
            assert items and all(items), name
            assert QApplication.activePopupWidget() is menu
            owner.close_menu()


@task_params
def test_every_tab_and_menu(owner: Owner, window: MainWindow, size: Any, mode: str) -> None:
    look_around(owner, window)
