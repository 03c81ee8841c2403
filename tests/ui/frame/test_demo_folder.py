"""The demo's data folder and badge, with the app built in-process as ``--demo`` builds it
(a real sandbox started by the controller, real HTTP, real SQLite in the per-user data
directory, which tests/conftest.py points into a throw-away folder).

The rule (services/demo.py): ``--demo`` alone forgets the practice account on quit, and its
records live in one folder emptied at each start, so they agree with the fresh account;
``--demo --data-dir DIR`` keeps both. The badge says which."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QGuiApplication

from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.session import default_data_root
from traitel_desktop.services.signin import PROFILE_CUSTOM, SignInRequest, sign_in
from traitel_desktop.ui.frame.controller import AppController
from traitel_desktop.ui.frame.main_window import MainWindow


def demo_start(settings: Any, run: Callable[..., Any], sandbox_dir: Path | None = None,
               zone: str | None = None) -> tuple[Path, str, int]:
    """One ``--demo`` start: sign in, optionally change the zone, quit. Returns the data
    folder, the zone the account had at sign-in and the change history's length then."""
    controller = AppController(settings, demo=True, sandbox_dir=sandbox_dir)
    try:
        session: Session = run(controller.demo_session(), timeout=60)
        try:
            folder, start_zone = session.data_dir, session.time_zone
            shown = len(record_for(session).changes())
            if zone is not None:
                run(session.set_time_zone(zone))
        finally:
            session.close()
    finally:
        controller.shutdown()
    return folder, start_zone, shown


def folders(root: Path) -> set[str]:
    return {p.name for p in root.iterdir() if p.is_dir()} if root.exists() else set()


def test_two_demo_starts_use_one_folder_and_forget_together(
    app_settings: Any, run: Callable[..., Any]
) -> None:
    root = default_data_root()
    old = root / "demo@http_127.0.0.1_45123_accountmanager.pl"  # earlier versions: one per start
    (old / "archive.sqlite3").parent.mkdir(parents=True, exist_ok=True)
    (old / "archive.sqlite3").write_bytes(b"x" * 1000)
    mine = root / "alice@https_api.traitel.com"  # a real account's folder: never touched
    mine.mkdir(parents=True, exist_ok=True)
    before = folders(root) - {old.name}

    first, zone, _shown = demo_start(app_settings, run, zone="Europe/Berlin")
    second, zone_again, shown_again = demo_start(app_settings, run)

    assert first == second == root / "demo" / "demo"
    # The practice account was forgotten on quit, and so were its records: they agree.
    assert zone_again == zone == "Australia/Sydney"
    assert shown_again == 0
    assert folders(root) == before | {"demo"}
    assert not old.exists() and mine.exists()


def test_a_kept_demo_keeps_its_changes_and_their_history(
    app_settings: Any, run: Callable[..., Any], tmp_path: Path
) -> None:
    kept = tmp_path / "kept"
    first, zone, shown = demo_start(app_settings, run, kept, zone="Europe/Berlin")
    second, zone_again, shown_again = demo_start(app_settings, run, kept)
    assert first == second == kept / "app" / "demo"
    assert (zone, shown) == ("Australia/Sydney", 0)
    assert (zone_again, shown_again) == ("Europe/Berlin", 1)  # the change and its line


def test_the_demo_badge_says_changes_are_forgotten_on_quit(
    qtbot: Any, app_settings: Any, session: Session, tmp_path: Path
) -> None:
    controller = AppController(app_settings, demo=True)
    window = controller.make_window(session)  # signed in on the sandbox: practice data
    qtbot.addWidget(window)
    window.show()
    badge = window.header.demo_badge
    assert badge.isVisible() and badge.text() == "Demo — practice data"
    assert "forgotten when you quit" in badge.toolTip()
    assert "--data-dir" in badge.toolTip()
    assert window.header.demo_note.isVisible()
    assert window.header.demo_note.text() == "Changes are forgotten when you quit"

    kept = AppController(app_settings, demo=True, sandbox_dir=tmp_path / "mine")
    kept_window = kept.make_window(session)
    qtbot.addWidget(kept_window)
    kept_window.show()
    assert f"kept in {tmp_path / 'mine'}" in kept_window.header.demo_badge.toolTip()
    assert kept_window.header.demo_note.text() == "Changes are kept in mine"


def test_no_badge_on_a_real_account(
    qtbot: Any, app_settings: Any, sandbox: Any, run: Callable[..., Any], tmp_path: Path
) -> None:
    request = SignInRequest("demo", "demo", PROFILE_CUSTOM,
                            (sandbox.primary_url, sandbox.alternate_url))
    session = run(sign_in(request, settings=app_settings, data_dir=tmp_path / "d"))
    try:
        window = AppController(app_settings).make_window(session)
        qtbot.addWidget(window)
        window.show()
        assert not window.header.demo_badge.isVisible()
        assert not window.header.demo_note.isVisible()
    finally:
        session.close()


def test_the_window_title_names_the_app_once(qtbot: Any, session: Session) -> None:
    previous = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("TraiTel Desktop")  # as app.py does
    try:
        window = MainWindow(session)
        qtbot.addWidget(window)
        title = window.windowTitle()
    finally:
        QGuiApplication.setApplicationDisplayName(previous)
    # Qt adds the display name to a title unless the title already ends with it.
    assert title == "demo — TraiTel Desktop"
    assert title.endswith("TraiTel Desktop")
    assert title.count("TraiTel Desktop") == 1
