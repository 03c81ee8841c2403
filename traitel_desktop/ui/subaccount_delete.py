"""The "delete this sub-account?" confirmation, listing the numbers that go back to the main
account. Shown with ``open()``; Cancel is the default button, so Enter does not delete."""

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

from traitel_desktop.services.subaccounts import SubAccountRow, format_number

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number


class DeleteSubAccountDialog(QDialog):
    """Asks, in plain words, before a sub-account is deleted. ``Accepted`` means delete."""

    def __init__(
        self, row: SubAccountRow, numbers: list[Number], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.numbers = numbers
        self.setObjectName("deleteSubAccountDialog")
        self.setWindowTitle(self.tr("Delete sub-account"))
        self.setMinimumWidth(460)

        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAccessibleName(self.tr("Warning"))
        self.question = QLabel(
            self.tr("Delete the sub-account “{0}”?").format(row.label()), self
        )
        self.question.setObjectName("deleteQuestion")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)
        count = len(numbers)
        if count == 1:
            text = self.tr(
                "Its number will go back to your main account, unassigned: it will not receive "
                "calls, faxes or messages until you assign it again."
            )
        elif count:
            text = self.tr(
                "Its {0} numbers will go back to your main account, unassigned: they will not "
                "receive calls, faxes or messages until you assign them again."
            ).format(count)
        else:
            text = self.tr("It has no numbers, so none of your numbers is affected.")
        self.explanation = QLabel(text, self)
        self.explanation.setWordWrap(True)
        self.number_list = QListWidget(self)
        self.number_list.setAccessibleName(self.tr("Numbers that go back to the main account"))
        services = {"fax": self.tr("fax"), "voice": self.tr("voice"), "sms": self.tr("SMS")}
        for number in numbers:
            kind = services.get(number.service, number.service)
            self.number_list.addItem(f"{format_number(number.number)}   ({kind})")
        self.number_list.setVisible(bool(count))
        self.number_list.setMaximumHeight(min(40 + 22 * count, 220))
        self.warning = QLabel(self.tr("This cannot be undone."), self)
        self.warning.setObjectName("fieldError")

        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(self.tr("&Delete sub-account"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the sub-account"))
        self.delete_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Keep it"))
        self.cancel_button.setAccessibleName(self.tr("Keep the sub-account"))
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
