"""Sign-in and Settings grow to show an error whole: the fields around it keep their height
(they used to be squashed to a few pixels until the window was resized by hand)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.helpers.layout_check import layout_problems
from traitel_desktop.api.errors import GatewayUnreachable
from traitel_desktop.services import Session
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.services.signin import PROFILE_CUSTOM
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog
from traitel_desktop.ui.frame.signin_dialog import SignInDialog


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sign_in_grows_when_the_gateway_cannot_be_reached(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    dialog = SignInDialog(app_settings, LocalSandbox(running=sandbox), data_dir=tmp_path / "d")
    qtbot.addWidget(dialog)
    dialog.show()
    run(asyncio.sleep(0.05))
    height = dialog.height()
    dialog.profile.setCurrentIndex(dialog.profile.findData(PROFILE_CUSTOM))
    url = f"http://127.0.0.1:{closed_port()}/accountmanager.pl"
    qtbot.keyClicks(dialog.primary_url, url)
    dialog.username.setText("owner")
    dialog.password.setText("typed")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)
    run(asyncio.sleep(0.05))  # the dialog grows a turn of the loop after its layout
    assert dialog.message_bar.text  # the error is shown ...
    assert dialog.height() > height  # ... and the dialog grew for it
    assert layout_problems(dialog) == []
    for field in dialog.findChildren(QLineEdit):
        if field.isVisible():
            assert field.height() >= field.minimumSizeHint().height()
    assert (dialog.username.text(), dialog.password.text()) == ("owner", "typed")
    assert dialog.primary_url.text() == url

    dialog.message_bar.details_button.setChecked(True)  # the details too
    run(asyncio.sleep(0.05))
    assert layout_problems(dialog) == []


def test_settings_grow_for_a_field_error_and_a_message(
    qtbot: Any, session: Session, run: Any
) -> None:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    run(dialog.load_task)
    run(asyncio.sleep(0.05))
    dialog.zone.setEditText("Mars/Olympus_Mons")
    run(dialog.save())
    dialog.message_bar.show_error(
        GatewayUnreachable([("primary", "connection refused"), ("alternate", "timed out")])
    )
    run(asyncio.sleep(0.05))
    assert dialog.isVisible()  # the bad zone was refused: nothing saved, still open
    assert dialog.zone.currentText() == "Mars/Olympus_Mons"
    assert layout_problems(dialog) == []
