"""Setting the account's time zone (Settings dialog -> Session.set_time_zone) leaves a line in
the change log, whether TraiTel takes it or not."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from traitel_desktop.api.errors import InvalidTimeZone
from traitel_desktop.services import Session
from traitel_desktop.services.changes import AREA_TIME_ZONE, RESULT_OK, record_for
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog


def test_settings_round_trip_is_in_the_change_log(
    qtbot: Any, session: Session, run: Any
) -> None:
    original = run(session.call(lambda c: c.query_time_zone()))
    target = "Australia/Sydney" if original != "Australia/Sydney" else "Europe/Berlin"
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    run(dialog.load_task)
    try:
        dialog.zone.setEditText(target)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.task is not None
        run(dialog.task)
        assert dialog.result() == QDialog.DialogCode.Accepted
        changes = record_for(session).changes()
        assert len(changes) == 1
        line = changes[0]
        assert (line.actor, line.area, line.action, line.target) == (
            "demo", AREA_TIME_ZONE, "set", "account"
        )
        assert line.detail == f"{original} → {target}"
        assert line.result == RESULT_OK
    finally:
        run(session.set_time_zone(original))
    back = record_for(session).changes(limit=1)[0]
    assert back.detail == f"{target} → {original}"


def test_a_refused_zone_is_logged_as_failed(session: Session, run: Any) -> None:
    before = session.time_zone
    try:
        # Not a zone name TraiTel knows: the gateway refuses it (Error 119).
        run(session.set_time_zone("Mars/Olympus"))
    except InvalidTimeZone:
        pass
    else:  # pragma: no cover - the sandbox must refuse it
        raise AssertionError("Mars/Olympus was accepted")
    assert session.time_zone == before
    line = record_for(session).changes(limit=1)[0]
    assert line.area == AREA_TIME_ZONE
    assert line.detail == f"{before} → Mars/Olympus"
    assert line.result != RESULT_OK and "time zone" in line.result.lower()
