"""What an owner can read on screen: every visible text of a widget tree (labels, buttons,
titles, headers, tooltips, accessible names, combo items, placeholder texts, menu items and
the first rows of each table), and the jargon in it that stands outside brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QWidget,
    QWizard,
)

from traitel_desktop.ui.widgets.terms import JARGON

#: Rows of each table read (the texts repeat; the first rows show every kind of cell).
ROWS = 40

_BRACKETS = re.compile(r"\([^()]*\)")
#: A word in curly quotes is mentioned, not used ("Search help, e.g. “SIP”").
_QUOTED = re.compile(r"“[^“”]*”")
_JARGON = [re.compile(rf"(?<![\w-]){pattern}(?![\w-])") for pattern in JARGON]


def plain_text(text: str) -> str:
    """``text`` without rich-text markup or mnemonic ampersands."""
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _columns(view: QAbstractItemView) -> int:
    """The columns of a view's model (a list's model hides ``columnCount``)."""
    return 1 if isinstance(view, QListView) else view.model().columnCount()


def _widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if widget.isWindow():
        yield widget.windowTitle()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QPlainTextEdit):
        yield widget.placeholderText()
        yield widget.toPlainText()
    elif isinstance(widget, QProgressBar):
        yield widget.text()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    elif isinstance(widget, QWizard):
        page = widget.currentPage()
        if page is not None:
            yield page.title()
            yield page.subTitle()
    if isinstance(widget, QMainWindow):
        for menu in widget.menuBar().findChildren(QMenu):
            yield menu.title()
            for action in menu.actions():
                yield action.text()
                yield action.toolTip() if action.toolTip() != action.text() else ""
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for column in range(_columns(widget)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
            for row in range(min(model.rowCount(), ROWS)):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.index(row, column).data(role)
                    yield value if isinstance(value, str) else ""


#: Widgets that show TraiTel's or the program's own technical words on purpose, behind a
#: disclosure the owner opens for support: the message bar's "Details" (error code, server
#: text, error name), like the Activity details pane's hidden "As sent by TraiTel" lines.
TECHNICAL_ON_PURPOSE = frozenset({"messageBarDetails"})


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for each non-empty text of ``root`` and its visible descendants."""
    for widget in (root, *root.findChildren(QWidget)):
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if widget.objectName() in TECHNICAL_ON_PURPOSE:
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        for text in _widget_texts(widget):
            if text and text.strip():
                yield where, plain_text(text)


def bare_jargon(text: str) -> list[str]:
    """The jargon words of ``text`` that are not inside brackets (or quoted)."""
    outside = _QUOTED.sub("", text)
    while True:
        stripped = _BRACKETS.sub("", outside)
        if stripped == outside:
            break
        outside = stripped
    return [m.group(0) for pattern in _JARGON for m in pattern.finditer(outside)]


def jargon_found(root: QWidget) -> list[tuple[str, str, str]]:
    """(where, word, text) for every bare jargon word visible in ``root``."""
    return [
        (where, word, text)
        for where, text in visible_texts(root)
        for word in bare_jargon(text)
    ]
