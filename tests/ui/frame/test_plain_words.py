"""No bare jargon on screen: every tab (each kind of activity with a row's details shown),
every dialog and wizard page the main window opens, and its menus are read as an owner sees
them; a technical word (IVR, SIP, gateway, flag fall, ...) may appear only in brackets after
its plain name, "Voice menu (IVR)", or quoted as a word to search for (the words are listed in
ui/widgets/terms.py; the Help pages, which explain them, are rich text and not read)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers.activity import choose
from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.visible_words import bare_jargon, jargon_found, visible_texts
from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.devtools.screenshots import REGISTRY, ShotContext, tab_shot
from traitel_desktop.services import Session
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.widgets.terms import TERMS, both, glossary

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here


def test_the_jargon_check_allows_a_term_only_in_brackets() -> None:
    assert bare_jargon("IVR menu Sales (#3)") == ["IVR"]
    assert bare_jargon("Voice menu (IVR) Sales") == []
    assert bare_jargon("State: 600 Error: 19") == ["State: 600", "Error: 19"]
    assert bare_jargon("Using the primary gateway") == ["gateway"]
    assert bare_jargon("TraiTel refused it (Error 200)") == []
    assert bare_jargon("https://ivml.example.com/launch.xml") == []
    assert bare_jargon("Search help, e.g. “SIP” or “flag fall”") == []  # mentioned
    for key in TERMS:
        assert bare_jargon(both(key)) == [], key
    assert len(glossary()) == len(TERMS)


def test_no_bare_jargon_on_any_tab_dialog_or_menu(
    qtbot: Any, session: Session, app_settings: Any, tmp_path: Path, run: Callable[..., Any]
) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    ctx = ShotContext(window, session, app_settings, None, tmp_path)  # type: ignore[arg-type]
    found: dict[tuple[str, str], str] = {}  # (word, text) -> where it was first seen
    seen: set[str] = set()

    def read(name: str, widget: Any) -> None:
        seen.update(text for _where, text in visible_texts(widget))
        for where, word, text in jargon_found(widget):
            found.setdefault((word, text), f"{name}: {where}")

    for spec in window.specs:
        read(spec.name, run(tab_shot(spec.name)(ctx), timeout=60.0))
    activity = window.tab("activity")
    assert isinstance(activity, ActivityTab)
    window.tabs.blockSignals(True)  # no reload of its own: choose() reloads
    window.tabs.setCurrentIndex([spec.name for spec in window.specs].index("activity"))
    window.tabs.blockSignals(False)
    assert activity.isVisible()
    for log in LOG_NAMES:  # each log's columns, cells and a row's details
        choose(activity, log, days=90, run=run)
        activity.select_row(0)
        read(f"activity {log}", window)
    for name, shot in REGISTRY:
        read(name, run(shot(ctx), timeout=60.0))
        while ctx.cleanup:
            ctx.cleanup.pop()()
    assert len(seen) > 1000  # the texts were really read, each activity kind's too
    assert {"Fax machine name", "Call flow", "As sent by TraiTel", "Connection fee"} <= seen
    assert not found, "\n".join(
        f"{word!r} in {text!r} ({where})" for (word, text), where in sorted(found.items())
    )
