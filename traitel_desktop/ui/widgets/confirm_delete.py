"""The shared "delete this …?" confirmation: a warning icon, the question in bold, what
happens to the numbers that use the record (listed), and "This cannot be undone.". Shown with
``open()``; Cancel ("Keep it") is the default button, so Enter does not delete. The
sub-account and IVML confirmations (:mod:`~traitel_desktop.ui.subaccounts.delete`,
:mod:`~traitel_desktop.ui.ivr.ivml_delete`) are built on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number


def by_count(count: int, one: str, many: str, none: str) -> str:
    """``one`` for 1, ``many`` (``{0}``: the count) for more, ``none`` for 0."""
    if count == 1:
        return one
    return many.format(count) if count else none


class ConfirmDeleteDialog(QDialog):
    """Asks, in plain words, before a record is deleted, listing ``items`` (one line per
    number of ``numbers``). ``Accepted`` means delete; Cancel is the default button."""

    def __init__(
        self,
        numbers: list[Number],
        parent: QWidget | None,
        *,
        title: str,
        question: str,
        explanation: str,
        items: list[str],
        list_name: str,
        delete_text: str,
        delete_name: str,
        keep_name: str,
    ) -> None:
        super().__init__(parent)
        self.numbers = numbers
        self.setWindowTitle(title)

        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAccessibleName(self.tr("Warning"))
        self.question = QLabel(question, self)
        self.question.setObjectName("deleteQuestion")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)
        count = len(numbers)
        self.explanation = QLabel(explanation, self)
        self.explanation.setWordWrap(True)
        self.number_list = QListWidget(self)
        self.number_list.setAccessibleName(list_name)
        for item in items:
            self.number_list.addItem(item)
        self.number_list.setVisible(bool(count))
        self.number_list.setMaximumHeight(min(40 + 22 * count, 220))
        self.warning = QLabel(self.tr("This cannot be undone."), self)
        self.warning.setObjectName("fieldError")

        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(delete_text, self)
        self.delete_button.setAccessibleName(delete_name)
        self.delete_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Keep it"))
        self.cancel_button.setAccessibleName(keep_name)
        self.cancel_button.setDefault(True)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.question, 1)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.number_list)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.cancel_button.setFocus()

    def number_texts(self) -> list[str]:
        """The numbers as listed."""
        return [self.number_list.item(i).text() for i in range(self.number_list.count())]
