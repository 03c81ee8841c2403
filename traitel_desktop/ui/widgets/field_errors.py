"""Errors shown on the form field that caused them (``exc.field``), every one at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLayout, QLineEdit, QWidget

from traitel_desktop.ui.widgets.errors import plain_message

INVALID_PROPERTY = "invalid"


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class FieldErrors:
    """Maps request parameter names (``exc.field``) to the widgets that edit them.

    ``show(exc)`` marks the bound widget of every problem ``exc`` carries (``exc.problems``,
    else ``exc`` alone): a red frame via the ``invalid`` dynamic property and the app style
    sheet, and the whole message in a word-wrapped label right under it; the first marked
    field gets the focus. Editing a marked field clears its mark at once. ``on_change`` (set
    by the dialog) is called whenever messages appear or go, so the dialog can grow to show
    them whole.
    """

    def __init__(self) -> None:
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._marked: list[str] = []
        self.on_change: Callable[[], None] | None = None

    def bind(self, field: str, widget: QWidget) -> None:
        """Bind a request parameter name to its editing widget. The message label is inserted
        right under the widget in its layout (or floats under it when there is no layout)."""
        self._widgets[field] = widget
        label = QLabel(widget.parentWidget())
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            self._insert_under(layout, widget, label)
        self._labels[field] = label
        for signal in _edited_signals(widget):
            signal.connect(lambda *_args, field=field: self.clear_field(field))

    @staticmethod
    def _insert_under(layout: QLayout, widget: QWidget, label: QLabel) -> bool:
        from PySide6.QtWidgets import QBoxLayout, QFormLayout, QGridLayout

        if isinstance(layout, QFormLayout):
            position: Any = layout.getWidgetPosition(widget)
            row = int(position[0])
            if row >= 0:
                layout.insertRow(row + 1, "", label)
                return True
        elif isinstance(layout, QBoxLayout):
            index = layout.indexOf(widget)
            if index >= 0:
                layout.insertWidget(index + 1, label)
                return True
        elif isinstance(layout, QGridLayout):
            index = layout.indexOf(widget)
            if index >= 0:
                grid: Any = layout.getItemPosition(index)
                layout.addWidget(label, int(grid[0]) + 1, int(grid[1]), 1, int(grid[3]))
                return True
        # Look one level down (forms inside a box layout, ...).
        for i in range(layout.count()):
            item = layout.itemAt(i)
            child = item.layout() if item is not None else None
            if child is not None and FieldErrors._insert_under(child, widget, label):
                return True
        return False

    def widget(self, field: str) -> QWidget | None:
        """The widget bound to ``field``."""
        return self._widgets.get(field)

    def label(self, field: str) -> QLabel | None:
        """The label showing ``field``'s message (hidden when there is none)."""
        return self._labels.get(field)

    def message(self, field: str) -> str:
        """The message shown under ``field`` ("" when none)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def marked(self) -> list[str]:
        """The fields marked now, in the order they were marked."""
        return list(self._marked)

    def show(self, exc: BaseException) -> bool:
        """Show every problem of ``exc`` on its field; True when each had a bound field."""
        return not self.show_all(exc)

    def show_all(self, exc: BaseException) -> list[BaseException]:
        """Show every problem of ``exc`` whose field is bound; returns those not shown."""
        problems = getattr(exc, "problems", None) or (exc,)
        unshown: list[BaseException] = []
        for problem in problems:
            field = getattr(problem, "field", None)
            if not (isinstance(field, str) and self.show_text(field, plain_message(problem))):
                unshown.append(problem)
        return unshown

    def show_text(self, field: str, text: str) -> bool:
        """Mark ``field`` with ``text`` besides any other marked field (for checks made before
        sending); the first field marked gets the focus. True when ``field`` is bound."""
        if field not in self._widgets:
            return False
        widget = self._widgets[field]
        widget.setProperty(INVALID_PROPERTY, True)
        _repolish(widget)
        label = self._labels[field]
        label.setText(text)
        label.show()
        if field not in self._marked:
            if not self._marked:
                widget.setFocus()
            self._marked.append(field)
        self._changed()
        return True

    def clear_field(self, field: str) -> None:
        """Remove ``field``'s mark and message (it is being edited)."""
        if field not in self._marked:
            return
        self._marked.remove(field)
        self._unmark(field)
        self._changed()

    def clear(self) -> None:
        """Remove every mark and message."""
        marked, self._marked = self._marked, []
        for field in marked:
            self._unmark(field)
        if marked:
            self._changed()

    def _unmark(self, field: str) -> None:
        widget = self._widgets.get(field)
        if widget is not None:
            widget.setProperty(INVALID_PROPERTY, False)
            _repolish(widget)
        label = self._labels.get(field)
        if label is not None:
            label.clear()
            label.hide()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


def _edited_signals(widget: QWidget) -> list[Any]:
    """The signals telling that the owner changed what ``widget`` (or a choice in it) holds."""
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QComboBox):
        return [widget.activated] + ([widget.editTextChanged] if widget.isEditable() else [])
    return [button.toggled for button in widget.findChildren(QAbstractButton)]
