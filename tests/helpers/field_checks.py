"""Helpers of the field-error tests of the record dialogs: paste as Ctrl+V does, and check a
field's message is shown whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit


def paste(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Replace ``edit``'s text with ``text`` through the clipboard, as Ctrl+V does."""
    QApplication.clipboard().setText(text)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def assert_whole(dialog: QDialog, param: str) -> None:
    """``param``'s message is visible, inside the dialog and tall enough for all its lines."""
    label = dialog.field_errors.label(param)  # type: ignore[attr-defined]
    assert isinstance(label, QLabel) and label.isVisible() and label.wordWrap()
    assert label.text()
    assert label.height() >= label.heightForWidth(label.width())
    bottom = label.mapTo(dialog, label.rect().bottomLeft()).y()
    assert bottom <= dialog.height()
