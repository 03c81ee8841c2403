"""Help inside the app, driven on the real main window signed in to the sandbox: F1 opens the
Help window, the search finds a glossary term and shows it, the shortcuts page lists the real
actions' keys, and the window remembers its place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.help.pages import GLOSSARY, SHORTCUTS, START
from traitel_desktop.ui.help.window import HelpWindow

NATIVE = QKeySequence.SequenceFormat.NativeText



def help_windows() -> list[HelpWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, HelpWindow) and w.isVisible()]


def help_menu(window: MainWindow) -> QMenu:
    return next(menu for menu in window.menuBar().findChildren(QMenu)
                if menu.title().replace("&", "") == "Help")


def test_f1_opens_help_on_getting_started(
    qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    assert help_windows() == []
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = help_windows()
    assert len(shown) == 1
    help_window = shown[0]
    assert help_window.current_key() == START
    assert help_window.browser.toPlainText().startswith("Getting started")
    assert not help_window.isModal() and help_window.parent() is window
    # Asked again (from the menu), the same window comes forward on the page asked for.
    window.help.glossary_action.trigger()
    assert help_windows() == [help_window]
    assert help_window.current_key() == GLOSSARY


def test_the_help_menu_items_have_distinct_letters_and_keys(
    qtbot: Any, main_window: MainWindow
) -> None:
    window = main_window
    menu = help_menu(window)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert [t.replace("&", "") for t in texts] == [
        "Getting started", "Glossary", "Keyboard shortcuts", "Report a problem…",
        "About TraiTel Desktop"]
    letters = [t[t.index("&") + 1].lower() for t in texts]
    assert len(set(letters)) == len(letters)
    bar_letters = [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions()]
    assert len(set(bar_letters)) == len(bar_letters)
    assert QKeySequence("F1") in window.help.contents_action.shortcuts()
    # No key does two things in the main window.
    keys = [k.toString() for a in window.actions() for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(keys)


def test_search_finds_sip_in_the_glossary_and_shows_it(
    qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    help_window = window.help.show_page(START)
    qtbot.waitExposed(help_window)
    qtbot.keyClicks(help_window.search, "SIP")

    assert help_window.current_key() == GLOSSARY
    matches = help_window.matches()
    assert matches and all(m.selectedText().casefold() == "sip" for m in matches)
    assert len(help_window.browser.extraSelections()) == len(matches)
    assert help_window.browser.textCursor().selectedText().casefold() == "sip"
    # The match is scrolled into view.
    viewport = help_window.browser.viewport().rect()
    assert viewport.contains(help_window.browser.cursorRect())
    # Only pages with the word stay in the list, each with its count.
    listed = [help_window.page_list.item(i) for i in range(help_window.page_list.count())]
    visible = [item.text() for item in listed if not item.isHidden()]
    assert any(text.startswith("Glossary (") for text in visible)
    assert not any(text.startswith("About") for text in visible)
    assert "Glossary" in help_window.result_label.text()
    # Enter goes on to the next match.
    first = help_window.browser.textCursor().selectionStart()
    qtbot.keyClick(help_window.search, Qt.Key.Key_Return)
    assert help_window.browser.textCursor().selectionStart() > first


def test_a_search_with_no_match_says_so_and_clearing_it_shows_every_page(
    qtbot: Any, main_window: MainWindow
) -> None:
    window = main_window
    help_window = window.help.show_page(START)
    qtbot.keyClicks(help_window.search, "zebra crossing")
    assert "Nothing in Help matches “zebra crossing”" in help_window.result_label.text()
    assert help_window.matches() == []
    help_window.search.clear()
    hidden = [help_window.page_list.item(i).isHidden()
              for i in range(help_window.page_list.count())]
    assert hidden == [False] * 4
    assert help_window.result_label.text() == ""


def test_escape_clears_the_search_then_closes_help(
    qtbot: Any, main_window: MainWindow
) -> None:
    help_window = main_window.help.show_page(START)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window)
    qtbot.keyClicks(help_window.search, "fax")
    qtbot.keyClick(help_window.search, Qt.Key.Key_Escape)
    assert help_window.search.text() == "" and help_window.isVisible()
    qtbot.keyClick(help_window.search, Qt.Key.Key_Escape)
    assert not help_window.isVisible()


def test_help_links_move_between_pages(
    qtbot: Any, main_window: MainWindow) -> None:
    from PySide6.QtCore import QUrl

    window = main_window
    help_window = window.help.show_page(START)
    assert "help:glossary" in help_window.markdown(START)
    help_window.browser.anchorClicked.emit(QUrl("help:glossary"))
    assert help_window.current_key() == GLOSSARY


def test_the_shortcuts_page_lists_the_real_actions(
    qtbot: Any, main_window: MainWindow) -> None:
    window = main_window
    help_window = window.help.show_page(SHORTCUTS)
    text = help_window.browser.toPlainText()
    history_keys = window.history_action.shortcut().toString(NATIVE)
    assert history_keys and f"Change history\n{history_keys}" in text
    assert f"Refresh\n{window.refresh_action.shortcut().toString(NATIVE)}" in text
    assert "Getting started\nF1" in text
    # The tabs' own keys are listed under each tab (here: the Numbers tab's Buy numbers).
    numbers = window.tab("numbers")
    buy = numbers.buy_action  # type: ignore[attr-defined]
    assert f"Buy numbers\n{buy.shortcut().toString(NATIVE)}" in text
    assert "Tab: Numbers" in text

    # Built from the actions when shown: a key added later is listed the next time.
    view = next(m for m in window.menuBar().findChildren(QMenu)
                if m.title().replace("&", "") == "View")
    extra = QAction("Count the &sheep", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    view.addAction(extra)
    window.help.shortcuts_action.trigger()
    expected = QKeySequence("Ctrl+Alt+J").toString(NATIVE)
    assert f"Count the sheep\n{expected}" in help_window.browser.toPlainText()


def test_the_help_window_remembers_its_size(
    qtbot: Any, main_window: MainWindow, app_settings: Any
) -> None:
    window = main_window
    help_window = window.help.show_page(START)
    qtbot.waitExposed(help_window)
    help_window.resize(700, 520)
    help_window.close()
    assert not app_settings.help_geometry.isEmpty()
    again = HelpWindow(lambda: "", app_settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == help_window.size()
