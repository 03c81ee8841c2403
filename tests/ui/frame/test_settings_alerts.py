"""Settings ▸ Alerts and Settings ▸ This computer (issue 15): every alert choice saved on
Save and shown again; each wrong field marked in plain words with what was typed kept and
nothing saved; the tray option disabled with a note where there is no tray (offscreen);
starting at sign-in writes and removes the XDG autostart entry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QDialog

from traitel_desktop.core.alert_settings import AlertSettings
from traitel_desktop.services import Session
from traitel_desktop.services.autostart import XdgAutostart
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog


@pytest.fixture
def starter(tmp_path: Path) -> XdgAutostart:
    return XdgAutostart(tmp_path / "config", ["/usr/bin/python3", "-m", "traitel_desktop"])


def open_dialog(qtbot: Any, session: Session, run: Any, starter: XdgAutostart) -> SettingsDialog:
    dialog = SettingsDialog(session, autostart=starter)
    qtbot.addWidget(dialog)
    dialog.show()
    run(dialog.load_task)
    return dialog


def type_into(qtbot: Any, field: Any, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def tick(qtbot: Any, box: Any) -> None:
    """Click a check box on its box (its far right, past the words, is not the button)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def save(qtbot: Any, dialog: SettingsDialog, run: Any) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)


def test_alert_choices_are_saved_and_shown_again(
    qtbot: Any, session: Session, run: Any, app_settings: Any, starter: XdgAutostart,
) -> None:
    dialog = open_dialog(qtbot, session, run, starter)
    page = dialog.alerts_page
    assert page.read() == AlertSettings()  # the defaults until the owner chooses
    dialog.pages.setCurrentWidget(page)
    page.poll.setValue(1)
    type_into(qtbot, page.warning_level, "20")
    type_into(qtbot, page.critical_level, "4.50")
    type_into(qtbot, page.spend_factor, "2.5")
    page.runway_days.setValue(14)
    tick(qtbot, page.switch["new_text"])
    tick(qtbot, page.switch["quiet_hours"])
    page.quiet_start.setTime(QTime(23, 0))
    page.quiet_end.setTime(QTime(6, 30))
    page.business_start.setTime(QTime(7, 0))
    save(qtbot, dialog, run)

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = AlertSettings(
        poll_minutes=1, warning_level=Decimal("20"), critical_level=Decimal("4.50"),
        spend_factor=Decimal("2.5"), runway_days=14, new_text=False, quiet_hours=True,
        quiet_start=dt.time(23, 0), quiet_end=dt.time(6, 30), business_start=dt.time(7, 0))
    assert app_settings.alert_settings == expected
    again = open_dialog(qtbot, session, run, starter)
    assert again.alerts_page.read() == expected
    assert again.alerts_page.critical_level.text() == "4.50"


@pytest.mark.parametrize(("field", "text", "words"), [
    ("critical_level", "25", "at or below the warning level"),  # warning is 10.00
    ("warning_level", "", "Enter an amount"),
    ("critical_level", "", "Enter an amount"),
    ("spend_factor", "1", "above 1 and at most 100"),
    ("spend_factor", "0.5", "above 1 and at most 100"),
    ("spend_factor", "101", "above 1 and at most 100"),
    ("spend_factor", "", "above 1 and at most 100"),
])
def test_a_wrong_field_is_marked_nothing_is_saved_and_the_text_stays(
    field: str, text: str, words: str, qtbot: Any, session: Session, run: Any,
    app_settings: Any, starter: XdgAutostart,
) -> None:
    before = app_settings.alert_settings
    zone_before = session.time_zone
    dialog = open_dialog(qtbot, session, run, starter)
    page = dialog.alerts_page
    widget = getattr(page, field)
    type_into(qtbot, widget, text)
    tick(qtbot, page.switch["quiet_hours"])  # another change
    dialog.zone.setEditText("Pacific/Auckland" if zone_before != "Pacific/Auckland"
                            else "Europe/Paris")
    starting_before = starter.is_enabled()
    dialog.computer_page.start_at_sign_in.setChecked(True)
    save(qtbot, dialog, run)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.pages.currentWidget() is page  # the owner sees the error
    assert widget.property("invalid") is True
    assert words in page.field_errors.message(field)
    assert widget.text() == text and page.switch["quiet_hours"].isChecked()  # nothing lost
    assert app_settings.alert_settings == before
    assert starter.is_enabled() == starting_before  # nothing changed on the computer
    assert run(session.call(lambda c: c.query_time_zone())) == zone_before  # nor at TraiTel


@pytest.mark.parametrize(("start", "end", "field"), [
    ("quiet_start", "quiet_end", "quiet_end"),
    ("business_start", "business_end", "business_end"),
])
def test_hours_that_start_when_they_end_are_refused(
    start: str, end: str, field: str, qtbot: Any, session: Session, run: Any,
    app_settings: Any, starter: XdgAutostart,
) -> None:
    dialog = open_dialog(qtbot, session, run, starter)
    page = dialog.alerts_page
    getattr(page, start).setTime(QTime(9, 0))
    getattr(page, end).setTime(QTime(9, 0))
    save(qtbot, dialog, run)
    assert dialog.isVisible()
    assert "would be empty" in page.field_errors.message(field)
    assert app_settings.alert_settings == AlertSettings()


def test_the_check_interval_never_goes_below_a_minute(
    qtbot: Any, session: Session, run: Any, starter: XdgAutostart,
) -> None:
    page = open_dialog(qtbot, session, run, starter).alerts_page
    assert page.poll.value() == 5
    page.poll.lineEdit().selectAll()
    qtbot.keyClicks(page.poll.lineEdit(), "0")
    page.poll.interpretText()
    assert page.poll.value() >= 1
    page.poll.setValue(0)
    assert page.poll.value() == 1


def test_without_a_tray_the_option_is_off_with_a_plain_note(
    qtbot: Any, session: Session, run: Any, app_settings: Any, starter: XdgAutostart,
) -> None:
    app_settings.keep_in_tray = True  # chosen on a computer with a tray, say
    dialog = open_dialog(qtbot, session, run, starter)
    page = dialog.computer_page
    dialog.pages.setCurrentWidget(page)
    assert not page.keep_in_tray.isEnabled() and not page.keep_in_tray.isChecked()
    assert page.tray_note.isVisible()
    assert "closing the window quits it" in page.tray_note.text()
    save(qtbot, dialog, run)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert app_settings.keep_in_tray is True  # kept for the day a tray is there


def test_with_a_tray_the_option_is_saved(
    qtbot: Any, session: Session, run: Any, app_settings: Any, starter: XdgAutostart,
) -> None:
    dialog = open_dialog(qtbot, session, run, starter)
    page = dialog.computer_page
    page.set_tray_available(True)  # as on a desktop with a notification area
    assert page.keep_in_tray.isEnabled() and page.tray_note.isHidden()
    page.keep_in_tray.setChecked(True)
    save(qtbot, dialog, run)
    assert app_settings.keep_in_tray is True


def test_start_at_sign_in_writes_and_removes_the_autostart_entry(
    qtbot: Any, session: Session, run: Any, starter: XdgAutostart,
) -> None:
    dialog = open_dialog(qtbot, session, run, starter)
    dialog.pages.setCurrentWidget(dialog.computer_page)
    box = dialog.computer_page.start_at_sign_in
    assert not box.isChecked()
    tick(qtbot, box)
    save(qtbot, dialog, run)
    assert starter.path.is_file()
    assert "X-GNOME-Autostart-enabled=true" in starter.path.read_text(encoding="utf-8")

    again = open_dialog(qtbot, session, run, starter)
    box = again.computer_page.start_at_sign_in
    assert box.isChecked()
    again.pages.setCurrentWidget(again.computer_page)
    tick(qtbot, box)
    save(qtbot, again, run)
    assert not starter.path.exists()


def test_a_computer_that_refuses_autostart_gets_a_plain_error_and_nothing_saved(
    qtbot: Any, session: Session, run: Any, app_settings: Any, tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be", encoding="utf-8")
    starter = XdgAutostart(blocked, ["traitel-desktop"])
    dialog = open_dialog(qtbot, session, run, starter)
    tick(qtbot, dialog.alerts_page.switch["failed_fax"])
    dialog.computer_page.start_at_sign_in.setChecked(True)
    save(qtbot, dialog, run)
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.computer_page
    message = dialog.computer_page.field_errors.message("autostart")
    assert "did not let the app change how it starts" in message and "try again" in message
    assert str(blocked) in message
    assert app_settings.alert_settings == AlertSettings()  # failed_fax still on: not saved
    assert not starter.is_enabled()
