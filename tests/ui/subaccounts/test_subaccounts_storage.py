"""The Sub-accounts tab when this computer's own record (``record.sqlite3``) is damaged or
cannot be written, against a fresh demo sandbox over HTTP with real SQLite files: the list
still shows every sub-account and says what happened; a sub-account added through the real
dialog is added exactly once and reported added, with a plain note."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.damage import damage_file
from tests.helpers.fresh_sandbox import click_and_wait, closed, open_dialog, show_loaded
from tests.helpers.subaccount_fixtures import (
    demo_subs,
    fresh_sandbox,
    shown_ids,
    sign_in_request,
)
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.subaccounts import SubAccountDraft
from traitel_desktop.store import AccountRecord
from traitel_desktop.ui.subaccounts.dialog import SubAccountDialog
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here

NEW = SubAccountDraft(alias="late-shift", email="late.shift@example.com")


@pytest.fixture
def blocked_session(
    sign_in_request: Any, app_settings: Any, tmp_path: Path, run: Callable[..., Any]
) -> Iterator[Session]:
    """Signed in, but its data folder cannot be made (a file is where its parent should be):
    nothing this computer keeps can be read or written."""
    from traitel_desktop.services.signin import sign_in

    (tmp_path / "blocker").write_text("not a folder")
    sess = run(sign_in(sign_in_request, settings=app_settings,
                       data_dir=tmp_path / "blocker" / "data"))
    yield sess
    sess.close()


def add_through_dialog(qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any],
                       draft: SubAccountDraft) -> dict[str, Any]:
    """Ctrl+N, type ``draft``, click Add, wait; how the dialog ended (it is deleted then):
    ``result``, ``value`` (the new ID), ``notes``, ``closed``."""
    dialog = open_dialog(qtbot, tab, run, SubAccountDialog, Qt.Key.Key_N,
                         Qt.KeyboardModifier.ControlModifier)
    outcome: dict[str, Any] = {}
    dialog.finished.connect(lambda result: outcome.update(
        result=result, value=dialog.result_value, notes=list(dialog.notes)))
    for name, value in draft.as_dict().items():
        qtbot.keyClicks(getattr(dialog, name), value)
    click_and_wait(qtbot, dialog, dialog.save_button, run)
    if tab.task is not None:
        run(tab.task)
    outcome["closed"] = closed(tab, dialog)
    return outcome


def test_a_damaged_record_is_replaced_when_the_tab_loads_and_the_owner_told(
    qtbot: Any, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    old = AccountRecord.in_directory(session.data_dir)
    old.set_alias(1002, "kept in the old file")
    old.close()
    damage_file(session.data_dir / AccountRecord.FILE_NAME, "cut in half")

    tab = show_loaded(qtbot, SubAccountsTab(session), run, 1000, 600)

    assert shown_ids(tab) and sorted(shown_ids(tab)) == [s[0] for s in demo_subs(fresh_sandbox)]
    (moved,) = session.data_dir.glob("record.damaged-*.sqlite3")
    text = tab.message_bar.text
    assert "was damaged and could not be read" in text and moved.name in text
    assert "Your account on TraiTel is not affected" in text
    assert "unexpected" not in text.lower()

    outcome = add_through_dialog(qtbot, tab, run, NEW)
    assert outcome["closed"] and outcome["result"] == SubAccountDialog.DialogCode.Accepted
    assert outcome["notes"] == []  # the new record takes the change
    assert [c.target for c in record_for(session).changes()] == [NEW.alias]


def test_an_added_sub_account_is_reported_added_once_when_the_record_cannot_be_written(
    qtbot: Any, blocked_session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    before = demo_subs(fresh_sandbox)
    tab = show_loaded(qtbot, SubAccountsTab(blocked_session), run, 1000, 600)
    assert sorted(shown_ids(tab)) == [s[0] for s in before]
    assert "could not be read" in tab.message_bar.text

    outcome = add_through_dialog(qtbot, tab, run, NEW)

    added = [s for s in demo_subs(fresh_sandbox) if s not in before]
    assert [(alias, email) for _id, alias, email in added] == [(NEW.alias, NEW.email)]
    assert outcome["closed"] and outcome["result"] == SubAccountDialog.DialogCode.Accepted
    assert outcome["value"] == added[0][0]
    (note,) = outcome["notes"]
    assert note.startswith("The change was made on TraiTel.")
    assert "There is no need to make the change again." in note
    assert note in tab.message_bar.text
    assert tab.message_bar.property("kind") == "info"
    assert added[0][0] in shown_ids(tab)
