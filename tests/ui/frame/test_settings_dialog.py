"""Settings: time zone round trip with the sandbox (querytimezone/settimezone), threshold as
Decimal from a validated line edit, refresh interval."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from traitel_desktop.core.zones import canonical_zones, is_valid_zone
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog, computer_zone


def make_dialog(qtbot: Any, session: Session, run: Any) -> SettingsDialog:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    run(dialog.load_task)
    return dialog


def test_zone_list() -> None:
    zones = canonical_zones()
    assert "Europe/London" in zones and "Australia/Sydney" in zones
    assert "Australia/NSW" not in zones  # a link, not canonical...
    assert is_valid_zone("Australia/NSW")  # ...but accepted
    assert not is_valid_zone("Mars/Olympus")
    assert not is_valid_zone("../etc/passwd")


def test_time_zone_round_trip(qtbot: Any, session: Session, run: Any, app_settings: Any) -> None:
    original = run(session.call(lambda c: c.query_time_zone()))
    target = "Australia/Sydney" if original != "Australia/Sydney" else "Europe/Berlin"
    dialog = make_dialog(qtbot, session, run)
    assert dialog.zone_text == original
    try:
        dialog.zone.setEditText(target)
        dialog.threshold.clear()
        qtbot.keyClicks(dialog.threshold, "12.50")
        dialog.refresh.setValue(15)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.task is not None
        run(dialog.task)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert run(session.call(lambda c: c.query_time_zone())) == target
        assert session.time_zone == target
        assert app_settings.low_balance_threshold == Decimal("12.50")
        assert app_settings.refresh_minutes == 15
        reopened = make_dialog(qtbot, session, run)
        assert reopened.zone_text == target
    finally:
        run(session.set_time_zone(original))


def test_invalid_zone_is_marked_and_nothing_is_sent(qtbot: Any, session: Session, run: Any) -> None:
    before = session.time_zone
    dialog = make_dialog(qtbot, session, run)
    dialog.zone.setEditText("Mars/Olympus")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)
    assert dialog.isVisible()
    assert dialog.zone.property("invalid") is True
    assert dialog.field_errors.message("timezone")
    assert run(session.call(lambda c: c.query_time_zone())) == before


def test_threshold_rejects_non_money(qtbot: Any, session: Session, run: Any) -> None:
    dialog = make_dialog(qtbot, session, run)
    dialog.threshold.clear()
    qtbot.keyClicks(dialog.threshold, "1e5abc")  # the validator drops what is not money
    assert dialog.threshold.text() in ("1", "15")
    dialog.threshold.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)
    assert dialog.threshold.property("invalid") is True
    assert dialog.isVisible()


def test_note_when_zone_differs_from_computer(qtbot: Any, session: Session, run: Any) -> None:
    dialog = make_dialog(qtbot, session, run)
    here = computer_zone()
    other = "Pacific/Chatham" if here != "Pacific/Chatham" else "Europe/London"
    dialog.zone.setEditText(other)
    assert dialog.zone_note.isVisible() or not here
    if is_valid_zone(here):
        dialog.zone.setEditText(here)
        assert not dialog.zone_note.isVisible()
