"""A damaged history archive, end to end: the window starts on the Activity tab over a
damaged ``history.sqlite3`` (real file in ``tmp_path``), says in plain words what happened,
fetches the days again from the sandbox over HTTP with the usual progress, shows the rows
again, and the damaged file is kept aside with the date in its name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.damage import DAMAGES, damage_file
from tests.helpers.fresh_sandbox import until
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.services.settings import ActivityView
from traitel_desktop.ui.activity.model import Role
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.frame.main_window import MainWindow

LOG = "logvoicein"
DAYS = 7


def archive_a_week(session: Session, run: Callable[..., Any]) -> set[int]:
    """Sync the last week of ``LOG`` into the session's archive; the IDs stored."""
    service = HistoryService(session)
    try:
        today = service.today()
        start = today - dt.timedelta(days=DAYS - 1)
        run(service.ensure([LOG], start, today), timeout=30.0)
        ids = {row[0] for row in service.rows(LOG, start, today)}
    finally:
        service.close()
    assert ids
    return ids


@pytest.mark.parametrize("how", DAMAGES)
def test_the_window_explains_a_damaged_archive_and_fetches_it_again(
    qtbot: Any, session: Session, app_settings: Any, run: Callable[..., Any], how: str
) -> None:
    ids = archive_a_week(session, run)
    damage_file(session.data_dir / "history.sqlite3", how)
    today = dt.date.today()
    app_settings.last_tab = "activity"
    app_settings.activity_view = ActivityView(LOG, today - dt.timedelta(days=DAYS - 1), today,
                                              rolling=True)
    before = dt.date.today()

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    assert window.current_spec().name == "activity"
    position = window.tabs.currentIndex()
    progress: list[tuple[int, int]] = []
    HistoryService.for_session(session).progress.connect(
        lambda done, needed: progress.append((done, needed)))

    async def start() -> None:
        window.show()  # the tab is built and loads on the next turn of the loop
        await until(lambda: position in window._reloads)
        await window._reloads[position]

    run(start(), timeout=30.0)
    after = dt.date.today()
    tab = window.tab("activity")
    assert isinstance(tab, ActivityTab)

    text = tab.message_bar.text
    (moved,) = session.data_dir.glob("history.damaged-*.sqlite3")
    assert text.startswith("Your saved activity history was damaged and could not be read.")
    assert moved.name in text and text.endswith("is being downloaded again from TraiTel.")
    assert "unexpected" not in text.lower() and not window.message_bar.text
    assert any(stamp.isoformat() in moved.name for stamp in (before, after))
    assert progress and progress[-1][0] == progress[-1][1] > 0  # fetched again, in full
    shown = {tab.model.index(r, 0).data(Role.RECORD)[0] for r in range(tab.model.rowCount())}
    assert ids <= shown  # every row is back (today's may have grown meanwhile)
