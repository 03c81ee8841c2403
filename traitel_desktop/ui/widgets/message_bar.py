"""A slim message bar above a view: errors in plain words with a Details toggle, or info."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.ui.widgets.errors import details, plain_message


class MessageBar(QWidget):
    """Shows one message at a time; hidden when there is none.

    ``show_error(exc)`` shows :func:`plain_message` and a "Details" toggle revealing the code
    and the server's text; ``show_info(text)`` shows a neutral note; ``clear()`` hides it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("kind", "info")
        self.text_label = QLabel(self)
        self.text_label.setObjectName("messageBarText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton(self)
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(self.tr("Show error details"))
        self.details_button.toggled.connect(self._toggle_details)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.clicked.connect(self.clear)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("messageBarDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details_label.setAccessibleName(self.tr("Error details"))
        self.details_label.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.text_label, 1)
        top.addWidget(self.details_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.details_label)
        self.hide()

    def _set_kind(self, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)

    def _toggle_details(self, on: bool) -> None:
        self.details_label.setVisible(on)
        self.details_button.setText(self.tr("Hide details") if on else self.tr("Details"))

    def show_error(self, exc: BaseException) -> None:
        """Show ``exc`` in plain words, with its code and server text under "Details"."""
        self._set_kind("error")
        self.text_label.setText(plain_message(exc))
        self.details_label.setText(details(exc))
        self.details_button.setChecked(False)
        self.details_button.show()
        self.setAccessibleName(self.tr("Error message"))
        self.show()

    def show_info(self, text: str) -> None:
        """Show a neutral note (no details)."""
        self._set_kind("info")
        self.text_label.setText(text)
        self.details_label.clear()
        self.details_button.setChecked(False)
        self.details_button.hide()
        self.setAccessibleName(self.tr("Information"))
        self.show()

    def clear(self) -> None:
        """Hide the bar."""
        self.text_label.clear()
        self.details_label.clear()
        self.details_button.setChecked(False)
        self.hide()

    @property
    def text(self) -> str:
        """The message shown now ("" when hidden)."""
        return self.text_label.text() if not self.isHidden() else ""
