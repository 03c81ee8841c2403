"""Task a: "what is my balance, and what time zone is my account in?" The owner reads the
header (balance, zone, demo badge), refreshes the balance (the refresh button, or F5), sees
when it was read on the account's clock, and looks the zone up in Settings (Account ▸
Settings…, or its shortcut), leaving without a change. The balance and the zone are the
sandbox's own, read over HTTP by the test."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.owner import MODES, SIZES, Key, Owner, shows_amount
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.dates import clock_text, zone_place
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog


def settings_dialog() -> SettingsDialog | None:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, SettingsDialog) and w.isVisible()]
    return found[0] if found else None


@task_params
def test_balance_and_time_zone(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, sandbox: Any, size: Any,
    mode: str,
) -> None:
    header = window.header
    balance, zone = eyes.query_balance(), eyes.query_time_zone()

    assert header.demo_badge.isVisible()  # practice data, and the owner is told so
    assert shows_amount(header.balance_label.text(), balance, to_the_cent=True), (
        header.balance_label.text(), balance)
    assert zone in header.zone_label.text()

    # The owner asks for the balance again.
    asked = sandbox.request_count["total"]
    if owner.by_keyboard:
        owner.press(Key.Key_F5)
    else:
        owner.click(header.refresh_button)
    owner.wait_for(lambda: sandbox.request_count["total"] > asked, "the balance to be asked for")
    owner.wait_quiet()
    assert header.updated_at is not None
    assert shows_amount(header.balance_label.text(), balance, to_the_cent=True)
    # When it was read, on the account's clock, naming the place.
    updated = header.updated_label.text()
    assert clock_text(header.updated_at, zone) in updated
    assert zone_place(zone) in updated

    # The zone where it can be changed: Account ▸ Settings… (or the shortcut the menu shows
    # beside it), then leave it as it is.
    if owner.by_keyboard:
        owner.shortcut(window.settings_action.shortcut().toString())
    else:
        owner.menu("Account/Settings…")
    owner.wait_for(lambda: settings_dialog() is not None, "the Settings dialog")
    dialog = settings_dialog()
    assert dialog is not None
    owner.settle(dialog.load_task)
    assert dialog.zone_text == zone
    owner.shot("a-settings")
    if owner.by_keyboard:
        owner.press(Key.Key_Escape)
    else:
        owner.click(dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    owner.wait_for(lambda: settings_dialog() is None, "the Settings dialog to close")
    assert eyes.query_time_zone() == zone  # nothing changed
    owner.shot("a-balance-and-zone", window)


@pytest.mark.parametrize("size", [SIZES[0]], ids=["1024x700"])
@pytest.mark.parametrize("mode", MODES)
def test_refresh_shows_the_balance_was_just_read(
    owner: Owner, window: MainWindow, sandbox: Any, size: Any, mode: str
) -> None:
    header = window.header
    read_before = header.updated_at
    asked = sandbox.request_count["total"]
    if owner.by_keyboard:
        owner.press(Key.Key_F5)
    else:
        owner.click(header.refresh_button)
    owner.wait_for(lambda: sandbox.request_count["total"] > asked, "the balance to be asked for")
    owner.wait_quiet()
    assert header.updated_at is not None and read_before is not None
    assert header.updated_at > read_before
