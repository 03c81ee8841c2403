"""No value stops the app from starting (issue 13, part 3): every settings key, given hostile
values of every type in the INI file, reads as its default with a log line, and the main
window starts with them; an absurd balance at sign-in is a plain error."""

from __future__ import annotations

import datetime as dt
import inspect
import logging
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tests.helpers.fake_gateway import PASSWORD, start_gateway
from traitel_desktop.api.errors import ProtocolError
from traitel_desktop.core.alert_settings import AlertSettings
from traitel_desktop.services import Session, settings, signin
from traitel_desktop.services.settings import DEFAULT_THRESHOLD, KEYS, AppSettings
from traitel_desktop.ui.frame.main_window import MainWindow

#: What the app reads from the settings, property by property.
PROPERTIES = ("last_username", "profile", "custom_urls", "remember_me",
              "low_balance_threshold", "refresh_minutes", "activity_view", "export_folder",
              "spend_view", "geometry", "last_tab", "help_geometry", "currency",
              "alert_settings", "keep_in_tray", "watch_minutes")
#: Keys whose real values include 2.5 (a money level, a factor), so it is no hostile value.
TAKES_2_5 = {"balance/low_threshold", "alerts/warning_level", "alerts/critical_level",
             "alerts/spend_factor"}
#: Keys that take any short text (their hostile values are the ones that are no text).
FREE_TEXT = {"signin/username", "signin/custom_primary", "signin/custom_alternate",
             "activity/export_folder", "window/last_tab"}
#: Hostile values as they would stand in the INI file (after ``key=``).
NUMBERS = ["1e27", "NaN", "Infinity", "-1e27", "", "abc", "9" * 10_000, "-5", "1e999999999",
           "1_000", "0x10", "2.5", "\u0661"]
NOT_TEXT = ["a, b", "@ByteArray(xyz)", "@Invalid()", "\\0", "x" * 10_000, "tab\\there"]


def hostile(key: str) -> list[str]:
    if key in FREE_TEXT:
        return NOT_TEXT
    if key in ("window/geometry", "help/geometry"):
        # any byte array is handed to restoreGeometry, which checks
        return [v for v in NUMBERS + NOT_TEXT if not v.startswith("@ByteArray")]
    if key == "money/currency":  # a code must be ISO 4217 as written: not "aud", not "A$"
        return NUMBERS + NOT_TEXT + ["aud", "A$", "XYZ", "AUDD", "AU D"]
    if key == "alerts/spend_factor":  # above 1, at most 100
        return [v for v in NUMBERS + NOT_TEXT if v != "2.5"] + ["1", "0.5", "101"]
    if key in TAKES_2_5:  # 2.5 is a threshold (and not a number of minutes)
        return [v for v in NUMBERS + NOT_TEXT if v != "2.5"]
    if key.endswith(("_start", "_end")) and key.startswith("alerts/"):  # times of day
        return NUMBERS + NOT_TEXT + ["24:00", "7:00", "07:60", "07:00:00", "7 am", "-01:00"]
    if key == "alerts/poll_minutes":  # never below 1 minute
        return NUMBERS + NOT_TEXT + ["0", "1441"]
    return NUMBERS + NOT_TEXT


def write_ini(path: Path, values: dict[str, str]) -> None:
    """The INI file as a person (or a broken disk) could leave it."""
    groups: dict[str, list[str]] = {}
    for key, value in values.items():
        group, name = key.split("/")
        groups.setdefault(group, []).append(f"{name}={value}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"[{g}]\n" + "\n".join(lines) + "\n\n"
                            for g, lines in groups.items()), encoding="utf-8")


def read_all(path: Path) -> dict[str, Any]:
    loaded = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    return {name: getattr(loaded, name) for name in PROPERTIES}


@pytest.fixture
def defaults(tmp_path: Path) -> dict[str, Any]:
    return read_all(tmp_path / "empty.ini")


def test_keys_lists_every_key_the_module_uses() -> None:
    used = set(re.findall(r'"([a-z]+/[a-z_]+)"', inspect.getsource(settings)))
    assert used == set(KEYS)
    assert settings.PROFILES == signin.PROFILES


@pytest.mark.parametrize("key", KEYS)
def test_hostile_values_of_every_key_read_as_the_default_with_a_log_line(
    key: str, tmp_path: Path, defaults: dict[str, Any], caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "hostile.ini"
    for value in hostile(key):
        write_ini(path, {key: value})
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger=settings.__name__):
            assert read_all(path) == defaults, (key, value[:20])
        assert any(key in r.getMessage() for r in caplog.records), (key, value[:20])


def test_a_file_of_nothing_but_damage_reads_as_all_defaults(
    tmp_path: Path, defaults: dict[str, Any],
) -> None:
    path = tmp_path / "damaged.ini"
    for value in ["9" * 10_000, "a, b", "\\0", "@Invalid()"]:  # no key takes these
        write_ini(path, dict.fromkeys(KEYS, value))
        assert read_all(path) == defaults


def test_real_values_still_read(tmp_path: Path) -> None:
    path = tmp_path / "good.ini"
    write_ini(path, {"signin/profile": "custom", "signin/remember": "true",
                     "balance/low_threshold": "12.345", "balance/refresh_minutes": "15",
                     "activity/log": "logsmsin", "activity/start": "2024-03-01",
                     "activity/end": "2024-03-31", "activity/rolling": "false",
                     "spend/period": "custom", "spend/start": "2024-01-01",
                     "spend/end": "2024-02-29", "window/last_tab": "spend",
                     "money/currency": "EUR", "alerts/poll_minutes": "2"})
    got = read_all(path)
    assert (got["profile"], got["remember_me"], got["low_balance_threshold"],
            got["refresh_minutes"], got["last_tab"], got["currency"], got["watch_minutes"]) == (
        "custom", True, Decimal("12.345"), 15, "spend", "EUR", 2)
    view = got["activity_view"]
    assert (view.log, view.start.isoformat(), view.end.isoformat(), view.rolling) == (
        "logsmsin", "2024-03-01", "2024-03-31", False)
    spend = got["spend_view"]
    assert (spend.period, spend.start.isoformat(), spend.end.isoformat()) == (
        "custom", "2024-01-01", "2024-02-29")


@pytest.mark.parametrize("value", ["1e27", "NaN", "Infinity", "-1e27", "", "abc", "9" * 10_000,
                                   "1e999999999"])
def test_the_main_window_starts_with_an_absurd_threshold_in_the_file(
    value: str, qtbot: Any, session: Session, app_settings: AppSettings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app_settings.sync()
    path = Path(app_settings.qsettings.fileName())
    write_ini(path, {"balance/low_threshold": value})
    session.settings = AppSettings(QSettings())  # as the app reads it at start
    with caplog.at_level(logging.WARNING, logger=settings.__name__):
        window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.header.threshold == DEFAULT_THRESHOLD
    assert session.balance is not None
    assert window.header.is_low == (session.balance < DEFAULT_THRESHOLD)
    assert window.header.balance_label.text() != "—"
    assert any("balance/low_threshold" in r.getMessage() for r in caplog.records)


def test_a_forty_digit_balance_at_sign_in_is_a_plain_error_not_a_crash(
    app_settings: AppSettings, tmp_path: Path, run: Any,
) -> None:
    gateway, stop = start_gateway()
    try:
        gateway.by_mode.update({"querybalance": "Ok\n" + "1234567890" * 4 + "\n",
                                "querytimezone": "Ok\nUTC\n"})
        request = signin.SignInRequest("demo", PASSWORD, signin.PROFILE_CUSTOM,
                                       (gateway.url, gateway.url))
        with pytest.raises(ProtocolError) as info:
            run(signin.sign_in(request, settings=app_settings, data_dir=tmp_path / "data"))
    finally:
        stop()
    assert "credit_balance: amount out of range" in info.value.detail
    assert "does not understand" in info.value.explanation  # the plain words shown


def test_real_alert_values_still_read_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "alerts.ini"
    write_ini(path, {"alerts/poll_minutes": "1", "alerts/warning_level": "20",
                     "alerts/critical_level": "20", "alerts/spend_factor": "2.5",
                     "alerts/quiet_hours": "true", "alerts/quiet_start": "23:30",
                     "alerts/quiet_end": "06:15", "alerts/new_text": "false",
                     "tray/keep_running": "true"})
    got = read_all(path)
    alerts = got["alert_settings"]
    assert alerts == AlertSettings(
        poll_minutes=1, warning_level=Decimal("20"), critical_level=Decimal("20"),
        spend_factor=Decimal("2.5"), quiet_hours=True, quiet_start=dt.time(23, 30),
        quiet_end=dt.time(6, 15), new_text=False)
    assert got["keep_in_tray"] is True
    changed = replace(alerts, after_hours=False, business_start=dt.time(7, 5),
                      runway_days=30, critical_level=Decimal("0.50"))
    written = AppSettings(QSettings(str(tmp_path / "written.ini"), QSettings.Format.IniFormat))
    written.alert_settings = changed
    written.sync()
    assert read_all(tmp_path / "written.ini")["alert_settings"] == changed


@pytest.mark.parametrize(("values", "keys"), [
    ({"alerts/warning_level": "1.00", "alerts/critical_level": "5.00"},
     ("alerts/critical_level", "alerts/warning_level")),
    ({"alerts/business_start": "09:00", "alerts/business_end": "09:00"},
     ("alerts/business_start", "alerts/business_end")),
    ({"alerts/quiet_start": "22:00", "alerts/quiet_end": "22:00"},
     ("alerts/quiet_start", "alerts/quiet_end")),
])
def test_alert_values_that_make_no_sense_together_read_as_both_defaults(
    values: dict[str, str], keys: tuple[str, str], tmp_path: Path,
    defaults: dict[str, Any], caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "crossed.ini"
    write_ini(path, values)
    with caplog.at_level(logging.WARNING, logger=settings.__name__):
        assert read_all(path) == defaults
    assert any(all(k in r.getMessage() for k in keys) for r in caplog.records)


def test_the_poll_interval_is_never_below_a_minute(tmp_path: Path) -> None:
    path = tmp_path / "poll.ini"
    for value in ("0", "-1", "0.5"):
        write_ini(path, {"alerts/poll_minutes": value})
        assert read_all(path)["alert_settings"].poll_minutes == 5
