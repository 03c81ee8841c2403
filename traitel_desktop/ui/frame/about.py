"""The About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from traitel_desktop import __version__
from traitel_desktop.ui.frame.look import app_icon


def show_about(parent: QWidget | None) -> QMessageBox:
    """Show the About box with ``open()`` (non-blocking); returns it."""
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowTitle(box.tr("About TraiTel Desktop"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setText(box.tr("<b>TraiTel Desktop</b> {0}").format(__version__))
    box.setInformativeText(
        box.tr(
            "Manage your TraiTel fax, voice and SMS account: balance, sub-accounts, numbers, "
            "call flows, activity and costs.\n\nYour password is kept only in this computer's "
            "secure keyring, and only if you ask the app to remember it."
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
