"""A friendly page for a tab that is not built yet: icon, title and what it will do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from traitel_desktop.services import Session


class PlaceholderTab(QWidget):
    """Follows the tab protocol; ``reload()`` has nothing to load and emits ``loaded``."""

    loaded = Signal()

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        title: str = "",
        text: str = "",
        icon: str = "SP_FileDialogInfoView",
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("placeholderTab")
        pixmap_kind = getattr(
            QStyle.StandardPixmap, icon, QStyle.StandardPixmap.SP_FileDialogInfoView
        )
        icon_label = QLabel(self)
        icon_label.setPixmap(self.style().standardIcon(pixmap_kind).pixmap(56, 56))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon_label.setAccessibleName(self.tr("Illustration"))
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("placeholderTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("placeholderText")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setFixedWidth(460)
        # A word-wrapped label in a stretchy layout gets one line's height otherwise.
        self.text_label.ensurePolished()
        self.text_label.setMinimumHeight(self.text_label.heightForWidth(460))
        soon = QLabel(self.tr("Coming in a future update."), self)
        soon.setObjectName("accountSub")
        soon.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(icon_label)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(soon)
        layout.addStretch(2)
        self.setAccessibleName(title)

    async def reload(self) -> None:
        """Nothing to load yet."""
        self.loaded.emit()
