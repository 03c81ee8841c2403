"""The Keyboard shortcuts page, built from the real actions at the moment it is shown, so it
never goes stale: every menu of the main window's menu bar with its actions' shortcuts, then
every tab's actions and buttons that have one, then the keys that work everywhere (Qt's own,
which no action lists).

Keys are written as the system writes them (``Ctrl+H``, ``⌘H`` on macOS).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QMenuBar, QWidget

__all__ = ["Area", "action_words", "keys_text", "shortcuts_markdown"]

#: A part of the window whose shortcuts are listed together: its title and its widget.
Area = tuple[str, QWidget]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def action_words(text: str) -> str:
    """Menu text as read: no ``&`` mnemonic marks (``&&`` is a real ``&``), no ``…``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _on_most_keyboards(key: QKeySequence) -> bool:
    """False for the Help key and the media keys (Refresh, Back ...) that Qt's standard
    bindings add on some systems but most keyboards lack."""
    if key.isEmpty():
        return False
    code = key[0].key()  # type: ignore[index]  # the stubs lack QKeySequence.__getitem__
    return code != Qt.Key.Key_Help and not (Qt.Key.Key_Back <= code < Qt.Key.Key_unknown)


def keys_text(keys: Iterable[QKeySequence]) -> str:
    """``F5, Ctrl+R`` (each key once, in order, as the system writes it; keys most
    keyboards lack are left out)."""
    native = QKeySequence.SequenceFormat.NativeText
    seen: list[str] = []
    for key in filter(_on_most_keyboards, keys):
        text = key.toString(native)
        if text and text not in seen:
            seen.append(text)
    return ", ".join(seen)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(rows: Sequence[tuple[str, str]]) -> list[str]:
    lines = [f"| {_tr('Action')} | {_tr('Keys')} |", "|---|---|"]
    lines += [f"| {_cell(what)} | {_cell(keys)} |" for what, keys in rows]
    return lines


def menu_rows(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each menu's title and its (action, keys) rows, for actions that have keys."""
    out = []
    for entry in bar.actions():
        menu = entry.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [
            (action_words(action.text()), keys_text(action.shortcuts()))
            for action in menu.actions()
            if not action.isSeparator() and action.shortcuts()
        ]
        if rows:
            out.append((action_words(entry.text()), rows))
    return out


def widget_rows(widget: QWidget) -> list[tuple[str, str]]:
    """The (action, keys) rows of ``widget``'s actions and buttons that have keys.

    A button's key that only repeats its underlined letter (Alt+letter) is not listed."""
    rows: list[tuple[str, str]] = []
    for action in widget.findChildren(QAction):
        keys = keys_text(action.shortcuts())
        if keys and action.text():
            rows.append((action_words(action.text()), keys))
    for button in widget.findChildren(QAbstractButton):
        key = button.shortcut()
        if key.isEmpty() or key == QKeySequence.mnemonic(button.text()):
            continue
        name = action_words(button.text()) or button.accessibleName() or button.toolTip()
        rows.append((name, keys_text([key])))
    return sorted(set(rows), key=lambda row: row[0].casefold())


def everywhere_rows() -> list[tuple[str, str]]:
    """Keys Qt gives every window and list (no action of the app lists them)."""
    return [
        (_tr("Move to the next or previous field"), _tr("Tab, Shift+Tab")),
        (_tr("Press a button or menu item by its underlined letter"), _tr("Alt+letter")),
        (_tr("Open the menus"), _tr("Alt or F10")),
        (_tr("Move in a list or table"), _tr("Arrow keys, Page Up, Page Down, Home, End")),
        (_tr("Sort a table"), _tr("Click a column title")),
        (_tr("Close a dialog without changing anything"), _tr("Esc")),
    ]


def shortcuts_markdown(bar: QMenuBar, areas: Sequence[Area]) -> str:
    """The whole page (see the module docstring)."""
    lines = [
        f"# {_tr('Keyboard shortcuts')}",
        "",
        _tr("Every action of TraiTel Desktop can be reached from the keyboard. This list is "
            "made from the app itself, so it always matches what the keys do."),
    ]
    for title, rows in menu_rows(bar):
        lines += ["", f"## {_tr('Menu: {0}').format(title)}", "", *_table(rows)]
    for title, widget in areas:
        rows = widget_rows(widget)
        if rows:
            heading = _tr("Tab: {0}").format(action_words(title))
            lines += ["", f"## {heading}", "", *_table(rows)]
    lines += ["", f"## {_tr('Everywhere')}", "", *_table(everywhere_rows())]
    return "\n".join(lines) + "\n"
