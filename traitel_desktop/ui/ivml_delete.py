"""The confirmation asked before an IVML configuration is deleted: in plain words, with the
numbers that will be left unassigned. Cancel ("Keep it") is the default button."""

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

from traitel_desktop.services.ivml import label
from traitel_desktop.services.subaccounts import format_number

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig, Number


class DeleteIvmlDialog(QDialog):
    """Asks, in plain words, before an IVML configuration is deleted, listing the numbers
    that are left unassigned. ``Accepted`` means delete; Cancel is the default button."""

    def __init__(
        self, config: IvmlConfig, numbers: list[Number], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.numbers = numbers
        self.setObjectName("deleteIvmlDialog")
        self.setWindowTitle(self.tr("Delete IVML configuration"))
        self.setMinimumWidth(480)

        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAccessibleName(self.tr("Warning"))
        self.question = QLabel(
            self.tr("Delete the IVML configuration “{0}”?").format(label(config)), self
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
                "Its number will be left unassigned on your main account: calls to it will not "
                "be answered until you assign it again."
            )
        elif count:
            text = self.tr(
                "Its {0} numbers will be left unassigned on your main account: calls to them "
                "will not be answered until you assign them again."
            ).format(count)
        elif config.outbound:
            text = self.tr(
                "It is used for calls TraiTel places for you, so none of your numbers is "
                "affected. Calls placed with it will stop working."
            )
        else:
            text = self.tr("No number uses it, so none of your numbers is affected.")
        self.explanation = QLabel(text, self)
        self.explanation.setWordWrap(True)
        self.number_list = QListWidget(self)
        self.number_list.setAccessibleName(self.tr("Numbers that will be left unassigned"))
        for number in numbers:
            self.number_list.addItem(format_number(number.number))
        self.number_list.setVisible(bool(count))
        self.number_list.setMaximumHeight(min(40 + 22 * count, 220))
        self.warning = QLabel(self.tr("This cannot be undone."), self)
        self.warning.setObjectName("fieldError")

        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(self.tr("&Delete configuration"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the configuration"))
        self.delete_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Keep it"))
        self.cancel_button.setAccessibleName(self.tr("Keep the configuration"))
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
