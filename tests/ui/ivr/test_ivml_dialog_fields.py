"""The IVML dialog's field errors, in a 1024 x 700 window against a fresh sandbox: every bad
field marked at once and whole, what was typed kept, nothing sent; an over-long paste refused
with its length, never cut; an error goes as soon as its field is edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.field_checks import assert_whole, paste
from tests.helpers.fresh_sandbox import show_loaded
from tests.helpers.ivr_fixtures import client, fresh_sandbox, open_add, save, sign_in_request
from traitel_desktop.services import Session
from traitel_desktop.services.ivml import PARAMS
from traitel_desktop.ui.ivr.ivml_dialog import IvmlDialog
from traitel_desktop.ui.ivr.tab import IvrTab

__all__ = ["client", "fresh_sandbox", "sign_in_request"]  # fixtures used here

LAUNCH = "https://flows.example.com/night/launch.xml"


@pytest.fixture
def small_tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> IvrTab:
    """The tab in a window the size of a small screen."""
    return show_loaded(qtbot, IvrTab(session), run, 1024, 700)


def marked(dialog: IvmlDialog) -> set[str]:
    return {p for p in (*PARAMS.values(), "ivmlid") if dialog.field_errors.message(p)}


def test_every_bad_field_at_once_whole_and_nothing_sent(
    qtbot: Any, small_tab: IvrTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    paste(qtbot, dialog.name, "Night\nservice")
    paste(qtbot, dialog.launch_url, LAUNCH + "?q=" + "a" * 300)
    qtbot.keyClicks(dialog.result_url, "flows.example.com/result")
    typed = dialog.draft()
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert dialog.task is None and fresh_sandbox.request_count["total"] == requests
    assert fresh_sandbox.dump() == before
    assert dialog.isVisible() and dialog.draft() == typed
    assert marked(dialog) == {"name", "launchurl", "resulturl"}
    for param in marked(dialog):
        assert_whole(dialog, param)
    assert "line break" in dialog.field_errors.message("name")
    assert dialog.field_errors.message("launchurl").startswith(
        "The start address can be at most 200 characters long; this one is 345."
    )
    assert "not a web address" in dialog.field_errors.message("resulturl")
    assert dialog.name.hasFocus()
    assert dialog.height() <= 700


def test_long_paste_refused_as_pasted_kept_and_cleared_on_edit(
    qtbot: Any, small_tab: IvrTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    paste(qtbot, dialog.name, "n" * 10_000)
    assert len(dialog.name.text()) == 10_000
    assert dialog.field_errors.message("name").startswith(
        "The name can be at most 200 characters long; this one is 10,000."
    )
    assert_whole(dialog, "name")
    save(qtbot, dialog, run)
    assert marked(dialog) == {"name", "launchurl"}  # the launch address is missing too
    assert len(dialog.name.text()) == 10_000
    qtbot.keyClicks(dialog.launch_url, LAUNCH)
    assert marked(dialog) == {"name"}
    paste(qtbot, dialog.name, "Night service")
    assert marked(dialog) == set()
    dialog.type.setFocus()
    qtbot.keyClick(dialog.type, Qt.Key.Key_Down)  # outbound
    save(qtbot, dialog, run)
    assert small_tab.task is not None
    run(small_tab.task)
    with fresh_sandbox.db.lock:
        names = [r[0] for r in fresh_sandbox.db.conn.execute("SELECT name FROM ivml")]
    assert "Night service" in names
