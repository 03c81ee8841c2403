"""The "This computer" page of Settings (issue 15): keep running in the tray when the window
is closed (disabled, with a plain note, where the system has no tray) and start when the
owner signs in to this computer (``services.autostart``)."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from traitel_desktop.ui.frame.tray import tray_available
from traitel_desktop.ui.widgets.field_errors import FieldErrors

if TYPE_CHECKING:
    from traitel_desktop.services.autostart import Autostart
    from traitel_desktop.services.settings import AppSettings


class ComputerPage(QWidget):
    """The tray and start-up options."""

    def __init__(self, autostart: Autostart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("computerPage")
        self.autostart = autostart
        self.field_errors = FieldErrors()

        closing = QGroupBox(self.tr("When you close the window"), self)
        self.keep_in_tray = QCheckBox(
            self.tr("&Keep running in the tray when the window is closed"), closing)
        self.tray_note = QLabel(closing)
        self.tray_note.setObjectName("trayNote")
        self.tray_note.setWordWrap(True)
        box = QVBoxLayout(closing)
        box.addWidget(self.keep_in_tray)
        box.addWidget(self.tray_note)
        self.set_tray_available(tray_available())

        start = QGroupBox(self.tr("Starting"), self)
        self.start_at_sign_in = QCheckBox(
            self.tr("&Start when I sign in to this computer"), start)
        self.start_at_sign_in.setChecked(self.autostart_on())
        hint = QLabel(self.tr(
            "TraiTel Desktop then opens by itself each time you sign in to this computer, so "
            "it can watch your account. Turn this off to remove it."), start)
        hint.setObjectName("accountSub")
        hint.setWordWrap(True)
        box = QVBoxLayout(start)
        box.addWidget(self.start_at_sign_in)
        box.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(closing)
        layout.addWidget(start)
        layout.addStretch(1)
        self.field_errors.bind("autostart", self.start_at_sign_in)

    def set_tray_available(self, available: bool) -> None:
        """Enable the tray option where there is a tray; elsewhere say why it is off."""
        self.keep_in_tray.setEnabled(available)
        if available:
            self.tray_note.clear()
            self.tray_note.hide()
        else:
            self.tray_note.setText(self.tr(
                "This computer shows no tray icons, so the app cannot stay there: closing the "
                "window quits it. Everything else works as usual."))
            self.tray_note.show()

    def autostart_on(self) -> bool:
        """Whether the app starts at sign-in now (False when the computer cannot say)."""
        try:
            return self.autostart.is_enabled()
        except OSError:
            return False

    def show_settings(self, settings: AppSettings) -> None:
        """Show the saved tray option."""
        self.keep_in_tray.setChecked(settings.keep_in_tray and self.keep_in_tray.isEnabled())

    def apply_autostart(self) -> bool:
        """Turn starting at sign-in on or off as the box says; False, with a plain error on
        the box (and nothing changed), when the computer refused."""
        self.field_errors.clear()
        wanted = self.start_at_sign_in.isChecked()
        if wanted == self.autostart_on():
            return True
        try:
            if wanted:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except OSError as exc:
            if wanted:
                with suppress(OSError):
                    self.autostart.disable()  # leave nothing half written
            self.field_errors.show_text("autostart", self.tr(
                "This computer did not let the app change how it starts ({0}). Check that "
                "you may write to {1}, then try again.").format(
                    exc.strerror or type(exc).__name__, self.autostart.where))
            return False
        return True

    def undo_autostart(self, was_on: bool) -> None:
        """Put starting at sign-in back as it was (a later step of saving failed)."""
        try:
            if was_on and not self.autostart_on():
                self.autostart.enable()
            elif not was_on and self.autostart_on():
                self.autostart.disable()
        except OSError:
            return
