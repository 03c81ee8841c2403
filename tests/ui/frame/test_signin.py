"""The sign-in dialog against the sandbox over real HTTP (keyring in memory, fresh settings)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from traitel_desktop.api.errors import AuthenticationFailed
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.services.signin import PROFILE_CUSTOM, PROFILE_SANDBOX
from traitel_desktop.ui.frame.signin_dialog import SignInDialog


class NoKeyring(KeyringBackend):
    """A backend that exists but cannot work (like Linux without a secret service)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise NoKeyringError("no secret service")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoKeyringError("no secret service")

    def delete_password(self, service: str, username: str) -> None:
        raise NoKeyringError("no secret service")


def make_dialog(qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path) -> SignInDialog:
    dialog = SignInDialog(app_settings, LocalSandbox(running=sandbox), data_dir=tmp_path / "d")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot: Any, dialog: SignInDialog, username: str, password: str, profile: str) -> None:
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    dialog.profile.setCurrentIndex(dialog.profile.findData(profile))


def sign_in(qtbot: Any, dialog: SignInDialog, run: Any, button: Any = None) -> None:
    qtbot.mouseClick(button or dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)
    if dialog.session is not None:
        dialog.session.close()


def test_sign_in_success(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    fill(qtbot, dialog, "demo", "demo", PROFILE_SANDBOX)
    sign_in(qtbot, dialog, run)
    assert dialog.result() == QDialog.DialogCode.Accepted
    session = dialog.session
    assert session is not None
    assert session.username == "demo"
    assert isinstance(session.balance, Decimal)
    assert session.time_zone
    assert session.data_dir == tmp_path / "d"
    assert app_settings.last_username == "demo"
    assert app_settings.profile == PROFILE_SANDBOX


def test_wrong_password_shows_plain_error_and_keeps_input(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    fill(qtbot, dialog, "demo", "not-the-password", PROFILE_SANDBOX)
    sign_in(qtbot, dialog, run)
    assert dialog.session is None
    assert dialog.isVisible()
    assert dialog.username.text() == "demo"
    assert dialog.password.text() == "not-the-password"
    expected = AuthenticationFailed(2, "Authentication failed.").explanation
    assert dialog.message_bar.text == expected
    assert "002" in dialog.message_bar.details_label.text()
    assert "not-the-password" not in dialog.message_bar.details_label.text()
    assert dialog.sign_in_button.isEnabled()


def test_custom_urls_profile(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    fill(qtbot, dialog, "demo", "demo", PROFILE_CUSTOM)
    assert dialog.primary_url.isVisible()
    qtbot.keyClicks(dialog.primary_url, sandbox.primary_url)
    qtbot.keyClicks(dialog.alternate_url, sandbox.alternate_url)
    sign_in(qtbot, dialog, run)
    assert dialog.session is not None
    assert app_settings.custom_urls == (sandbox.primary_url, sandbox.alternate_url)


def test_demo_button(qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any) -> None:
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    assert dialog.username.text() == ""
    sign_in(qtbot, dialog, run, button=dialog.demo_button)
    assert dialog.session is not None
    assert dialog.session.username == "demo"
    assert dialog.session.gateways == (sandbox.primary_url, sandbox.alternate_url)


def test_remember_me_uses_the_keyring_not_the_settings_file(
    qtbot: Any,
    app_settings: Any,
    sandbox: Any,
    tmp_path: Path,
    run: Any,
    keyring_backend: Any,
) -> None:
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    fill(qtbot, dialog, "demo", "demo", PROFILE_SANDBOX)
    assert dialog.remember.isEnabled()
    dialog.remember.setChecked(True)
    sign_in(qtbot, dialog, run)
    assert dialog.session is not None
    assert keyring_backend.passwords == {("TraiTel Desktop", "demo@sandbox"): "demo"}
    ini = Path(app_settings.qsettings.fileName()).read_text()
    # "demo" is also the user name: the only line holding it must be the user name's.
    assert [line for line in ini.splitlines() if "demo" in line] == ["username=demo"]
    assert "pass" not in ini.lower()

    # Next time the dialog fills the password in from the keyring.
    again = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    assert again.remember.isChecked()
    assert again.username.text() == "demo"
    assert again.password.text() == "demo"


def test_no_keyring_says_so_and_still_signs_in(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    keyring.set_keyring(NoKeyring())
    dialog = make_dialog(qtbot, app_settings, sandbox, tmp_path)
    assert dialog.keyring_note.isVisible()
    assert "no password keyring" in dialog.keyring_note.text()
    assert not dialog.remember.isEnabled()
    fill(qtbot, dialog, "demo", "demo", PROFILE_SANDBOX)
    sign_in(qtbot, dialog, run)
    assert dialog.session is not None
    assert app_settings.remember_me is False
