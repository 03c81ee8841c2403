"""The sign-in dialog: username, password, gateway profile, "Remember me", "Try the demo".

Signing in runs on the Qt loop (qasync); the dialog stays responsive and, on a wrong password
(Error 002), shows the plain meaning and keeps what was typed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services import credentials
from traitel_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, LocalSandbox
from traitel_desktop.services.signin import (
    PROFILE_CUSTOM,
    PROFILE_SANDBOX,
    PROFILE_TRAITEL,
    SignInRequest,
    sign_in,
    traitel_gateways,
)
from traitel_desktop.ui.frame.look import app_icon
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.field_errors import FieldErrors
from traitel_desktop.ui.widgets.grow import keep_fitting
from traitel_desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    import asyncio
    from pathlib import Path

    from traitel_desktop.services import Session
    from traitel_desktop.services.settings import AppSettings

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Collects credentials and signs in; after ``accepted`` the new :class:`Session` is in
    ``self.session`` and ``self.notice`` holds anything to tell the user afterwards (e.g. the
    password could not be remembered)."""

    def __init__(
        self,
        settings: AppSettings,
        sandbox: LocalSandbox,
        *,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.sandbox = sandbox
        self.data_dir = data_dir
        self.session: Session | None = None
        self.notice = ""
        self.task: asyncio.Task[None] | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — TraiTel Desktop"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(440)

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(48, 48))
        logo.setAccessibleName(self.tr("TraiTel Desktop logo"))
        title = QLabel(self.tr("Sign in to TraiTel"), self)
        title.setObjectName("signinTitle")
        subtitle = QLabel(self.tr("Use the user name and password of your TraiTel account."), self)
        subtitle.setObjectName("signinSubtitle")
        subtitle.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(titles, 1)

        self.message_bar = MessageBar(self)

        self.username = QLineEdit(self)
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setPlaceholderText(self.tr("Your TraiTel user name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.profile = QComboBox(self)
        self.profile.setAccessibleName(self.tr("Server"))
        self.profile.addItem(self.tr("TraiTel (secure, with a backup server)"), PROFILE_TRAITEL)
        self.profile.addItem(self.tr("Practice data on this computer (sandbox)"), PROFILE_SANDBOX)
        self.profile.addItem(self.tr("Other server addresses"), PROFILE_CUSTOM)
        self.primary_url = QLineEdit(self)
        self.primary_url.setAccessibleName(self.tr("Main server address"))
        self.primary_url.setPlaceholderText("https://…/accountmanager.pl")
        self.alternate_url = QLineEdit(self)
        self.alternate_url.setAccessibleName(self.tr("Backup server address"))
        self.alternate_url.setPlaceholderText(self.tr("optional"))
        self.remember = QCheckBox(self.tr("&Remember me on this computer"), self)
        self.remember.setAccessibleName(self.tr("Remember me"))
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("Ser&ver"), self.profile)
        self.primary_label = QLabel(self.tr("&Main server"), self)
        self.primary_label.setBuddy(self.primary_url)
        self.alternate_label = QLabel(self.tr("&Backup server"), self)
        self.alternate_label.setBuddy(self.alternate_url)
        form.addRow(self.primary_label, self.primary_url)
        form.addRow(self.alternate_label, self.alternate_url)
        form.addRow("", self.remember)
        self.form = form

        self.demo_button = QPushButton(self.tr("Try the &demo"), self)
        self.demo_button.setAccessibleName(self.tr("Try the demo"))
        self.demo_button.setToolTip(self.tr("Explore the app with practice data on this computer"))
        self.cancel_button = QPushButton(self.tr("Quit"), self)
        self.cancel_button.setAccessibleName(self.tr("Quit"))
        self.sign_in_button = QPushButton(self.tr("&Sign in"), self)
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.field_errors = FieldErrors()
        self.field_errors.bind("user", self.username)
        self.field_errors.bind("pass", self.password)

        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.sign_in_button.clicked.connect(self.start_sign_in)
        self.demo_button.clicked.connect(self.start_demo)
        self.cancel_button.clicked.connect(self.reject)
        keep_fitting(self)  # an error shown makes the dialog taller, never the fields smaller
        self._load_settings()

    # --- settings -----------------------------------------------------------------------
    def _load_settings(self) -> None:
        settings = self.settings
        index = self.profile.findData(settings.profile)
        self.profile.setCurrentIndex(max(index, 0))
        primary, alternate = settings.custom_urls
        self.primary_url.setText(primary)
        self.alternate_url.setText(alternate)
        self.username.setText(settings.last_username)
        if not credentials.keyring_available():
            self._no_keyring()
        elif settings.remember_me and settings.last_username:
            self.remember.setChecked(True)
            remembered = credentials.load_password(settings.last_username, self.profile_id)
            if remembered:
                self.password.setText(remembered)
        self._profile_changed()
        (self.password if self.username.text() else self.username).setFocus()

    def _no_keyring(self) -> None:
        self.remember.setChecked(False)
        self.remember.setEnabled(False)
        self.keyring_note.setText(
            self.tr(
                "This computer has no password keyring, so TraiTel Desktop cannot remember "
                "your password. You can still sign in; you will be asked for it next time."
            )
        )
        self.keyring_note.show()

    @property
    def profile_id(self) -> str:
        """The chosen gateway profile."""
        return str(self.profile.currentData())

    def _profile_changed(self) -> None:
        custom = self.profile_id == PROFILE_CUSTOM
        for widget in (
            self.primary_label,
            self.primary_url,
            self.alternate_label,
            self.alternate_url,
        ):
            widget.setVisible(custom)

    # --- signing in ---------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        """Disable the inputs while a sign-in is under way."""
        for widget in (
            self.sign_in_button,
            self.demo_button,
            self.username,
            self.password,
            self.profile,
            self.primary_url,
            self.alternate_url,
        ):
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and credentials.keyring_available())
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("&Sign in"))

    def start_sign_in(self) -> None:
        """Sign in with what was typed."""
        if self.task is None or self.task.done():
            self.task = spawn(self._sign_in(demo=False), name="sign-in")

    def start_demo(self) -> None:
        """Sign in to the demo account on the sandbox (as ``--demo`` does)."""
        if self.task is None or self.task.done():
            self.task = spawn(self._sign_in(demo=True), name="sign-in-demo")

    async def _gateways(self, profile: str) -> tuple[str, str] | None:
        if profile == PROFILE_SANDBOX:
            return await self.sandbox.urls()
        if profile == PROFILE_TRAITEL:
            return traitel_gateways()
        primary = self.primary_url.text().strip()
        alternate = self.alternate_url.text().strip() or primary
        if not primary.lower().startswith(("https://", "http://")):
            self.field_errors.clear()
            self.message_bar.show_info(
                self.tr("Enter the main server address TraiTel gave you, starting with https://")
            )
            self.primary_url.setFocus()
            return None
        return primary, alternate

    async def _sign_in(self, *, demo: bool) -> None:
        from traitel_desktop.api.errors import TraiTelError

        self.message_bar.clear()
        self.field_errors.clear()
        if demo:
            username, password, profile = DEMO_USERNAME, DEMO_PASSWORD, PROFILE_SANDBOX
        else:
            username, password, profile = (
                self.username.text().strip(),
                self.password.text(),
                (self.profile_id),
            )
            if not username or not password:
                self.message_bar.show_info(self.tr("Enter your user name and password."))
                (self.username if not username else self.password).setFocus()
                return
        self.set_busy(True)
        try:
            gateways = await self._gateways(profile)
            if gateways is None:
                return
            request = SignInRequest(
                username, password, profile, gateways, remember=self.remember.isChecked()
            )
            data_dir = self.data_dir
            if data_dir is None and profile == PROFILE_SANDBOX:  # one folder per practice user
                data_dir = self.sandbox.records_dir(username)
            session = await sign_in(request, settings=self.settings, data_dir=data_dir)
        except TraiTelError as exc:
            if not self.field_errors.show(exc):
                self.message_bar.show_error(exc)
            self.password.setFocus()
            return
        finally:
            self.set_busy(False)
        if not demo:
            self._remember(request)
        self.session = session
        self.accept()

    def _remember(self, request: SignInRequest) -> None:
        settings = self.settings
        settings.last_username = request.username
        settings.profile = request.profile
        if request.profile == PROFILE_CUSTOM:
            settings.custom_urls = (
                self.primary_url.text().strip(),
                self.alternate_url.text().strip(),
            )
        if request.remember:
            try:
                credentials.save_password(request.username, request.profile, request.password)
                settings.remember_me = True
            except credentials.KeyringUnavailable:
                settings.remember_me = False
                self._no_keyring()
                self.notice = self.keyring_note.text()
        else:
            settings.remember_me = False
            credentials.forget_password(request.username, request.profile)
        settings.sync()

    def reject(self) -> None:
        """Cancel a sign-in under way, then close."""
        if self.task is not None and not self.task.done():
            self.task.cancel()
        super().reject()
