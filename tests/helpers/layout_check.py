"""What a layout test looks for on a shown window (no tests here).

:func:`layout_problems` walks every visible widget of a window and names, by its object path,

- a label whose text does not fit (non-wrapping: the text's advance against the contents
  width, and its lines against the height; word-wrapped: ``heightForWidth`` against the height),
  unless the label elides on purpose and its tooltip holds the whole text;
- a button, check box or radio button whose text does not fit its contents rectangle;
- a group box whose title does not fit;
- a line edit, combo box, spin box or button squashed below the height its text needs;
- two visible sibling widgets whose geometries intersect;
- a widget that reaches outside its parent (cut off), unless its parent scrolls it.

:func:`mnemonics` lists the Alt+letter keys reachable at once on a window (menu bar titles and
the visible widgets' buttons, labels with buddies, group boxes), for duplicate checks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QToolButton,
    QWidget,
)

__all__ = ["app_look", "layout_problems", "mnemonics", "object_path", "visible_text"]

#: Pixels of slack: anti-aliasing and rounding, never a whole character.
SLACK = 1

_MNEMONIC = re.compile(r"&(.)")


def visible_text(text: str) -> str:
    """``text`` as shown: mnemonic ampersands removed, ``&&`` as ``&``."""
    return _MNEMONIC.sub(lambda m: m.group(1), text)


def _name(widget: QWidget) -> str:
    label = type(widget).__name__
    if widget.objectName():
        label += f"#{widget.objectName()}"
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    text = visible_text(text).replace("\n", " ")
    if text:
        label += repr(text[:30] + ("…" if len(text) > 30 else ""))
    return label


def object_path(widget: QWidget) -> str:
    """``MainWindow#mainWindow/…/QPushButton'Export'``: the chain of parents down to it."""
    parts = []
    node: QWidget | None = widget
    while node is not None:
        parts.append(_name(node))
        if node.isWindow():
            break
        node = node.parentWidget()
    return "/".join(reversed(parts))


def _scrolled(widget: QWidget) -> bool:
    """Whether ``widget`` lives inside a scroll area's viewport (it may extend past it)."""
    node = widget.parentWidget()
    while node is not None and not node.isWindow():
        parent = node.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is node:
            return True
        node = parent
    return False


def _inside_item_view(widget: QWidget) -> bool:
    """Editors and index widgets of item views, and the views' own parts, are the views'
    business (cells are checked by each table's own tests)."""
    node = widget.parentWidget()
    while node is not None and not node.isWindow():
        if isinstance(node, QAbstractScrollArea) and not _is_plain_scroll_area(node):
            return True
        node = node.parentWidget()
    return False


def _is_plain_scroll_area(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QScrollArea

    return isinstance(widget, QScrollArea)


def _label_problem(label: QLabel) -> str | None:
    if label.pixmap() is not None and not label.pixmap().isNull():
        return None
    text = label.text()
    if not text.strip():
        return None
    room = label.contentsRect()
    room.adjust(label.margin(), label.margin(), -label.margin(), -label.margin())
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return f"wrapped text needs {need} px of height, has {label.height()}"
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        width, height = int(document.idealWidth() + 0.999), int(document.size().height())
    else:
        shown = visible_text(text) if label.buddy() is not None else text
        lines = shown.split("\n")
        metrics = label.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() + (len(lines) - 1) * metrics.lineSpacing()
    if width > room.width() + SLACK:
        if label.toolTip() and _elided(label):
            return None
        return f"text needs {width} px, has {room.width()}"
    if height > room.height() + SLACK:
        return f"text needs {height} px of height, has {room.height()}"
    return None


def _elided(label: QLabel) -> bool:
    """A label that elides on purpose marks itself with the ``elided`` property."""
    return bool(label.property("elided"))


def _button_problem(button: QAbstractButton) -> str | None:
    text = visible_text(button.text())
    if not text:
        return None
    metrics = button.fontMetrics()
    width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    style = button.style()
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    if isinstance(button, (QCheckBox, QRadioButton)):
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = style.subElementRect(element, option, button).width()
    elif isinstance(button, QToolButton):
        room = button.contentsRect().width() - 4
        if not button.icon().isNull() and button.toolButtonStyle() != (
            Qt.ToolButtonStyle.ToolButtonTextOnly
        ):
            if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                return None
            room -= button.iconSize().width() + 4
    else:
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()
        if not button.icon().isNull():
            room -= button.iconSize().width() + 4
        if isinstance(button, QPushButton) and button.menu() is not None:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    if width > room + SLACK:
        return f"text needs {width} px, has {room}"
    if button.height() < metrics.height():
        return f"squashed to {button.height()} px high, its text needs {metrics.height()}"
    return None


def _group_problem(box: QGroupBox) -> str | None:
    title = visible_text(box.title())
    if not title:
        return None
    option = QStyleOptionGroupBox()
    option.initFrom(box)
    option.text = box.title()
    option.subControls = QStyle.SubControl.SC_GroupBoxLabel
    if box.isCheckable():
        option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    width = box.fontMetrics().horizontalAdvance(title)
    room = min(label.right(), box.width() - 1) - label.left() + 1
    if width > room + SLACK:
        return f"title needs {width} px, has {room}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    """The choice shown by a closed, non-editable combo box must fit its text field."""
    if combo.isEditable() or not combo.currentText():
        return None
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = combo.currentText()
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    width = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        width += combo.iconSize().width() + 4
    if width > field.width() + SLACK:
        return f"choice {combo.currentText()!r} needs {width} px, has {field.width()}"
    return None


def _part_of_a_control(widget: QWidget) -> bool:
    """The line edit inside a combo or spin box is checked as the whole control."""
    return isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))


def _squashed(widget: QWidget) -> str | None:
    if _part_of_a_control(widget):
        return None
    if isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox)):
        need = widget.minimumSizeHint().height()
        if widget.height() < need:
            return f"squashed to {widget.height()} px high, needs {need}"
    return None


def _overlaps(parent: QWidget) -> list[str]:
    kids = [
        w
        for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible() and not w.isWindow() and not w.property("overlay")
    ]
    found = []
    for i, first in enumerate(kids):
        for second in kids[i + 1 :]:
            shared: QRect = first.geometry().intersected(second.geometry())
            if not shared.isEmpty():
                found.append(
                    f"{object_path(first)} overlaps {_name(second)} by "
                    f"{shared.width()}x{shared.height()} px"
                )
    return found


def _cut_off(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or _scrolled(widget) or widget.property("overlay"):
        return None
    if not parent.rect().contains(widget.geometry()):
        return f"reaches outside its parent ({widget.geometry()} in {parent.rect()})"
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Every text that does not fit and every overlap among the visible widgets of
    ``window``, one line each, with the widget's object path."""
    problems: list[str] = []
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if widget is not window and (widget.isWindow() or not widget.isVisible()):
            continue
        if widget is not window and _inside_item_view(widget):
            continue
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        problem = problem or _squashed(widget) or _cut_off(widget)
        if problem:
            problems.append(f"{object_path(widget)}: {problem}")
        if not isinstance(widget, (QAbstractScrollArea, QComboBox, QAbstractSpinBox)):
            problems.extend(_overlaps(widget))
    return problems


def _keys_of(widget: QWidget) -> list[str]:
    text = ""
    if isinstance(widget, QAbstractButton) or (
        isinstance(widget, QLabel) and widget.buddy() is not None
    ):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    return [m.lower() for m in _MNEMONIC.findall(text) if m != "&"]


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+key reachable at once on ``window``: its menu bar titles and its visible,
    enabled-or-not widgets' mnemonics, as key -> the paths of what uses it."""
    found: dict[str, list[str]] = defaultdict(list)
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            for key in _MNEMONIC.findall(action.text()):
                if key != "&":
                    found[key.lower()].append(f"menu {visible_text(action.text())!r}")
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, QMenu) or not widget.isVisible():
            continue
        if widget is not window and widget.isWindow():
            continue
        for key in _keys_of(widget):
            found[key].append(object_path(widget))
    return dict(found)


@pytest.fixture
def app_look(qapp: Any) -> Iterator[None]:
    """The app's style, palette and style sheet, as the app applies them; restored after."""
    from traitel_desktop.ui.frame.look import apply_look

    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_look(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
