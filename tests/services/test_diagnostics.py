"""The diagnostics file's text (services/diagnostics.py) and the in-memory log it reads
(services/log_buffer.py): versions, every setting without secrets, recent log lines masked."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, qVersion

from traitel_desktop.services import log_buffer
from traitel_desktop.services.diagnostics import diagnostics_text, file_name
from traitel_desktop.services.log_buffer import RecentLog, install_recent_log, recent_log
from traitel_desktop.services.settings import KEYS, AppSettings

NOW = dt.datetime(2031, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
PASSWORD = "Pa55-word-of-the-owner"
USER = "acme-reception"


@pytest.fixture
def kept() -> Iterator[RecentLog]:
    """The app's log kept in memory, as app.py installs it; removed afterwards."""
    root = logging.getLogger()
    level = root.level
    log_buffer.uninstall_recent_log()
    handler = install_recent_log(capacity=5)
    yield handler
    log_buffer.uninstall_recent_log()
    root.setLevel(level)


def test_the_recent_log_keeps_the_last_lines_as_text(kept: RecentLog) -> None:
    assert recent_log() is kept and install_recent_log() is kept  # installed once
    log = logging.getLogger("traitel_desktop.test")
    log.debug("too detailed to keep")
    for n in range(7):
        log.info("line %d", n)
    try:
        raise ValueError("the reason")
    except ValueError:
        log.exception("it failed")
    lines = kept.lines()
    assert [line.text.splitlines()[0] for line in lines] == [
        "line 3", "line 4", "line 5", "line 6", "it failed"]
    assert "ValueError: the reason" in lines[-1].text
    assert lines[-1].level == "ERROR" and lines[-1].logger == "traitel_desktop.test"


def test_the_console_shows_what_it_showed_before(kept: RecentLog) -> None:
    # The root logger is lowered to INFO for the buffer; a console handler without a level
    # of its own keeps the root's old level (WARNING), so INFO lines do not reach it.
    log_buffer.uninstall_recent_log()
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    console = logging.StreamHandler()
    root.addHandler(console)
    try:
        install_recent_log()
        assert root.level == logging.INFO and console.level == logging.WARNING
    finally:
        root.removeHandler(console)


def test_the_file_name_carries_the_day() -> None:
    assert file_name(dt.date(2026, 12, 6)) == "TraiTel Desktop diagnostics 2026-12-06.txt"


def test_versions_settings_and_masked_log_lines(
    app_settings: AppSettings, kept: RecentLog
) -> None:
    app_settings.last_username = USER
    app_settings.profile = "custom"
    app_settings.custom_urls = (f"https://{USER}:{PASSWORD}@gw.example.com:8443/am.pl?x=1", "")
    app_settings.refresh_minutes = 7
    app_settings.geometry = QByteArray(b"\x01\x02")
    app_settings.qsettings.setValue("someone/else", PASSWORD)
    log = logging.getLogger("traitel_desktop.test")
    log.warning("assign +61 2 9999 1234 for %s failed", "owner@example.com")
    log.warning("POST user=%s&pass=%s refused", USER, PASSWORD)
    log.warning("%s signed in from %s", USER, Path.home() / "private")

    text = diagnostics_text(app_settings, None, kept.lines(), now=NOW)

    assert f"Qt: {qVersion()}" in text and f"PySide6: {pyside_version}" in text
    assert re.search(r"^Python: \d+\.\d+\.\d+", text, re.M)
    assert re.search(r"^TraiTel Desktop: \S+", text, re.M)
    assert re.search(r"^Operating system: .+", text, re.M)
    for key in KEYS:
        assert re.search(rf"^{re.escape(key)} = ", text, re.M), key
    assert "signin/custom_primary = https://gw.example.com:8443/am.pl\n" in text
    assert "balance/refresh_minutes = 7\n" in text
    assert "window/geometry = (saved)\n" in text
    assert "signin/username = (left out: private)\n" in text
    assert "(1 other keys not written)" in text
    for secret in (PASSWORD, USER, "owner@example.com", "9999 1234", str(Path.home())):
        assert secret not in text, secret
    assert "assign [number] for [e-mail] failed" in text
    assert "~/private" in text or "~\\private" in text
    assert not re.search(r"\d{6}", text.split("== Recent log")[1])


def test_without_the_log_or_a_session_the_file_says_so(app_settings: AppSettings) -> None:
    text = diagnostics_text(app_settings, None, None, now=NOW)
    assert "(the log is not being kept in this run)" in text
    assert "(not signed in)" in text
    assert "Written 2031-02-03 04:05:06 +0000" in text


def test_the_connection_section_never_holds_the_balance(
    app_settings: AppSettings, session: Any
) -> None:
    text = diagnostics_text(app_settings, session, [], now=NOW)
    assert "Gateway profile: sandbox" in text
    assert f"Account time zone: {session.time_zone}" in text
    assert str(session.balance) not in text
    assert "(no log lines yet)" in text
