"""Errors shown on the form field that caused them (``exc.field``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLayout, QWidget

from traitel_desktop.ui.widgets.errors import plain_message

INVALID_PROPERTY = "invalid"


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class FieldErrors:
    """Maps request parameter names (``exc.field``) to the widgets that edit them.

    ``show(exc)`` marks the bound widget (red frame via the ``invalid`` dynamic property and the
    app style sheet), puts the message in a label right under it, focuses it, and returns True;
    it returns False when the error concerns no bound field (show it in a message bar then).
    """

    def __init__(self) -> None:
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._marked: list[str] = []

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

    def message(self, field: str) -> str:
        """The message shown under ``field`` ("" when none)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def show(self, exc: BaseException) -> bool:
        """Show ``exc`` on its field if that field is bound; True when shown."""
        field = getattr(exc, "field", None)
        if not isinstance(field, str) or field not in self._widgets:
            return False
        return self.show_text(field, plain_message(exc))

    def show_text(self, field: str, text: str) -> bool:
        """Mark ``field`` with ``text`` (for checks made before sending); True when bound."""
        if field not in self._widgets:
            return False
        self.clear()
        widget = self._widgets[field]
        widget.setProperty(INVALID_PROPERTY, True)
        _repolish(widget)
        label = self._labels[field]
        label.setText(text)
        label.show()
        widget.setFocus()
        self._marked.append(field)
        return True

    def clear(self) -> None:
        """Remove every mark and message."""
        for field in self._marked:
            widget = self._widgets.get(field)
            if widget is not None:
                widget.setProperty(INVALID_PROPERTY, False)
                _repolish(widget)
            label = self._labels.get(field)
            if label is not None:
                label.clear()
                label.hide()
        self._marked.clear()
