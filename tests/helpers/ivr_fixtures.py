"""Fixtures and helpers of the IVR & IVML GUI tests (no tests here): ``tab``, a shown,
active, loaded :class:`IvrTab` on ``session``; ``noivr_session``, a ``Session`` signed in to
``noivr``/``noivr`` (no IVR subscription) on the same fresh sandbox; and the fixtures of
:mod:`tests.helpers.fresh_sandbox` (a fresh demo sandbox per test), re-exported."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.helpers.fresh_sandbox import (
    activate,
    click_and_wait,
    client,
    closed,
    fresh_sandbox,
    open_dialog,
    request_for,
    show_loaded,
    shown_ids,
    sign_in_request,
    until,
)
from traitel_desktop.services import Session
from traitel_desktop.services.ivml import IvmlDraft
from traitel_desktop.ui.ivr.ivml_dialog import IvmlDialog
from traitel_desktop.ui.ivr.tab import IvrTab

__all__ = [
    "client",
    "closed",
    "fresh_sandbox",
    "noivr_session",
    "shown_ids",
    "sign_in_request",
    "tab",
    "until",
]


@pytest.fixture
def noivr_session(
    fresh_sandbox: Any, app_settings: Any, tmp_path: Path, run: Callable[..., Any]
) -> Iterator[Session]:
    """noivr/noivr (no IVR subscription) signed in on the fresh sandbox."""
    from traitel_desktop.services.signin import sign_in

    request = request_for(fresh_sandbox, "noivr", "noivr")
    sess = run(sign_in(request, settings=app_settings, data_dir=tmp_path / "noivr-data"))
    yield sess
    sess.close()


def make_tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> IvrTab:
    """A shown, active, loaded tab on ``session``."""
    return show_loaded(qtbot, IvrTab(session), run, 1100, 650)


@pytest.fixture
def tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> IvrTab:
    return make_tab(qtbot, session, run)


def reactivate(tab: IvrTab) -> None:
    """The offscreen platform does not hand activation back when a dialog closes."""
    activate(tab)
    tab.view.setFocus()


def ivml_rows(sandbox: Any, account_id: int = 1) -> list[tuple[int, str, str, str, str]]:
    """(id, name, launch URL, result URL, type) of every IVML configuration, from the
    sandbox's own state."""
    with sandbox.db.lock:
        return [
            (int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]))
            for r in sandbox.db.conn.execute(
                "SELECT id, name, launch_url, result_url, type FROM ivml WHERE account_id = ?"
                " ORDER BY id",
                (account_id,),
            )
        ]


def open_add(qtbot: Any, tab: IvrTab, run: Callable[..., Any]) -> IvmlDialog:
    return open_dialog(
        qtbot, tab, run, IvmlDialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )


def open_edit(qtbot: Any, tab: IvrTab, run: Callable[..., Any], ident: int) -> IvmlDialog:
    tab.select_config(ident)
    dialog = open_dialog(qtbot, tab, run, IvmlDialog, Qt.Key.Key_F2)
    assert dialog.config is not None
    assert dialog.config.id == ident
    return dialog


def type_draft(qtbot: Any, dialog: IvmlDialog, draft: IvmlDraft) -> None:
    """Type every field as a user would (select all, then type) and pick the type."""
    for name in ("name", "launch_url", "result_url"):
        edit: QLineEdit = getattr(dialog, name)
        edit.selectAll()
        edit.del_()
        qtbot.keyClicks(edit, getattr(draft, name))
    dialog.type.setCurrentIndex(dialog.type.findData(draft.type))


def save(qtbot: Any, dialog: IvmlDialog, run: Callable[..., Any]) -> None:
    """Click Save/Add and wait for the answer."""
    click_and_wait(qtbot, dialog, dialog.save_button, run)
