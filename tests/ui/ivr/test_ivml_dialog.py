"""The add/edit IVML configuration dialog, driven through the tab against a fresh sandbox over
real HTTP: success, edits sending only what changed, every refusal (bad addresses locally,
110, 115 on the noivr account, 116) with the dialog kept open, the field marked, everything
typed kept and the sandbox unchanged; a request in flight cannot be sent twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.ivr_fixtures import (
    client,
    closed,
    fresh_sandbox,
    ivml_rows,
    make_tab,
    noivr_session,
    open_add,
    open_edit,
    save,
    shown_ids,
    sign_in_request,
    tab,
    type_draft,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.ivml import NO_IVR_TEXT, PARAMS, IvmlDraft, draft_of
from traitel_desktop.ui.ivr.ivml_dialog import IvmlDialog
from traitel_desktop.ui.ivr.ivml_model import Column
from traitel_desktop.ui.ivr.tab import IvrTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["client", "fresh_sandbox", "noivr_session", "sign_in_request", "tab"]

TYPED = IvmlDraft(
    name="Night service",
    launch_url="https://flows.example.com/night/launch.xml",
    result_url="https://flows.example.com/night/result",
    type="inbound",
)


def assert_refused(dialog: IvmlDialog, field: str | None, typed: IvmlDraft) -> None:
    """Still open, ``field`` (the request parameter) marked (or none), nothing typed lost."""
    assert dialog.isVisible() and dialog.result() == 0
    assert not dialog.busy and dialog.save_button.isEnabled()
    others = [p for p in (*PARAMS.values(), "ivmlid") if p != field]
    if field is not None:
        widget = dialog.field_errors.widget(field)
        assert widget is not None and widget.property(INVALID_PROPERTY) is True
        assert dialog.field_errors.message(field)
    assert all(not dialog.field_errors.message(p) for p in others)
    assert dialog.draft() == typed


def test_add_success_shows_the_new_row_and_logs_it(
    qtbot: Any, tab: IvrTab, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    topics: list[str] = []
    session.data_changed.connect(topics.append)
    tab.search.setText("hides every row")
    dialog = open_add(qtbot, tab, run)
    assert dialog.ivml_id is None and dialog.numbers is None
    type_draft(qtbot, dialog, TYPED)
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)

    assert closed(tab, dialog)
    new_id, name, launch, result, kind = ivml_rows(fresh_sandbox)[-1]
    assert (name, launch, result, kind) == (
        TYPED.name, TYPED.launch_url, TYPED.result_url, TYPED.type
    )
    assert tab.search.text() == "" and new_id in shown_ids(tab)
    assert tab.selected() is not None and tab.selected().id == new_id
    (change,) = record_for(session).changes()
    assert (change.area, change.action, change.target, change.result) == (
        "ivml", "add", TYPED.name, "ok"
    )
    assert TYPED.launch_url in change.detail
    assert topics.count("ivml") == 1


def test_edit_sends_only_the_changed_fields(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    config = next(c for c in client.list_ivml() if c.result_url and not c.outbound)
    dialog = open_edit(qtbot, tab, run, config.id)
    assert dialog.ivml_id is not None and dialog.ivml_id.text() == str(config.id)
    assert dialog.draft() == draft_of(config)
    assert dialog.numbers is not None and dialog.numbers.text().startswith("+")
    # Meanwhile someone else changes the launch address: had the dialog sent every field,
    # it would put the old one back.
    elsewhere = "https://elsewhere.example.com/launch.xml"
    client.update_ivml(config.id, launch_url=elsewhere)
    edited = IvmlDraft(
        name="Bookings (new)", launch_url=config.launch_url, result_url="", type="outbound"
    )
    type_draft(qtbot, dialog, edited)
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)

    assert closed(tab, dialog)
    row = next(r for r in ivml_rows(fresh_sandbox) if r[0] == config.id)
    assert row == (config.id, "Bookings (new)", elsewhere, "", "outbound")
    (change,) = record_for(session).changes()
    assert change.action == "change" and change.result == "ok"
    assert change.detail == "name → 'Bookings (new)'; report address cleared; type → 'outbound'"
    assert "launch" not in change.detail
    shown = tab.proxy.index(shown_ids(tab).index(config.id), Column.NAME).data()
    assert shown == "Bookings (new)"


def test_edit_without_changes_sends_nothing(
    qtbot: Any, tab: IvrTab, session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    ident = shown_ids(tab)[1]
    dialog = open_edit(qtbot, tab, run, ident)
    dialog.name.setText("  " + dialog.name.text() + " ")  # spaces around are not a change
    requests = fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert closed(tab, dialog)
    assert fresh_sandbox.request_count["total"] == requests
    assert record_for(session).changes() == []


@pytest.mark.parametrize(
    ("field", "draft", "words"),
    [
        ("name", IvmlDraft("   ", TYPED.launch_url, "", "inbound"), "name"),
        ("launchurl", IvmlDraft("x", "", "", "inbound"), "Enter the start address"),
        ("launchurl", IvmlDraft("x", "ftp://flows.example.com/a", "", "inbound"), "https://"),
        ("launchurl", IvmlDraft("x", "flows.example.com/launch.xml", "", "inbound"), "https://"),
        ("launchurl", IvmlDraft("x", "https://flows.example.com/a b", "", "inbound"), "spaces"),
        ("resulturl", IvmlDraft("x", TYPED.launch_url, "https://", "outbound"), "leave it empty"),
        ("resulturl", IvmlDraft("x", TYPED.launch_url, "mailto:a@b.c", "inbound"), "https://"),
    ],
)
def test_bad_input_is_refused_locally_and_nothing_is_sent(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
    field: str,
    draft: IvmlDraft,
    words: str,
) -> None:
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, draft)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)
    assert dialog.task is None  # nothing started
    assert fresh_sandbox.request_count["total"] == requests
    assert fresh_sandbox.dump() == before
    assert_refused(dialog, field, draft)
    assert words in dialog.field_errors.message(field)
    assert record_for(session).changes() == []


def test_duplicate_name_116_marks_the_name_and_changes_nothing(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    existing = client.list_ivml()[1].name
    typed = IvmlDraft(existing.upper(), TYPED.launch_url, TYPED.result_url, "inbound")
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, typed)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)

    assert fresh_sandbox.request_count["total"] == requests + 1  # sent, and refused
    assert fresh_sandbox.dump() == before
    assert_refused(dialog, "name", typed)
    assert "already has this name" in dialog.field_errors.message("name")
    assert tab.dialog is dialog
    (change,) = record_for(session).changes()
    assert change.action == "add" and change.result == dialog.field_errors.message("name")
    # Fixing the name and saving again works, from the same dialog.
    type_draft(qtbot, dialog, replace(typed, name="Night service 2"))
    save(qtbot, dialog, run)
    assert tab.task is not None
    run(tab.task)  # the list read again
    assert closed(tab, dialog)
    assert ivml_rows(fresh_sandbox)[-1][1] == "Night service 2"


def test_configuration_deleted_meanwhile_110_marks_the_id_and_keeps_the_input(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    ident = shown_ids(tab)[2]
    dialog = open_edit(qtbot, tab, run, ident)
    client.delete_ivml(ident)  # another client deletes it behind the dialog's back
    typed = IvmlDraft("Renamed", TYPED.launch_url, "", "inbound")
    type_draft(qtbot, dialog, typed)
    before = fresh_sandbox.dump()
    save(qtbot, dialog, run)

    assert_refused(dialog, "ivmlid", typed)
    assert "does not exist" in dialog.field_errors.message("ivmlid")
    assert fresh_sandbox.dump() == before
    (change,) = record_for(session).changes()
    assert change.result != "ok" and f"(ID {ident})" in change.target
    dialog.reject()  # closing reloads the list: the row is gone
    assert tab.task is not None
    run(tab.task)
    assert ident not in shown_ids(tab)


def test_no_ivr_subscription_115_keeps_the_input_and_the_tab_shows_the_state(
    qtbot: Any, noivr_session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, noivr_session, run)
    assert shown_ids(tab) == [] and tab.menus.model.rowCount() == 0
    assert not tab.no_ivr  # nothing said so yet: listivr/listivml are just empty
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, TYPED)
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    save(qtbot, dialog, run)

    assert fresh_sandbox.request_count["total"] == requests + 1
    assert fresh_sandbox.dump() == before
    assert_refused(dialog, None, TYPED)
    assert dialog.message_bar.isVisible() and dialog.message_bar.property("kind") == "error"
    assert dialog.message_bar.text == NO_IVR_TEXT
    assert "Contact TraiTel" in NO_IVR_TEXT
    # The tab says so too, at once, and names the state in its empty texts.
    assert tab.no_ivr and NO_IVR_TEXT in tab.no_ivr_note.text()
    assert "does not include the voice menu service (IVR)" in tab.menus.empty.text()
    assert "need the voice menu service (IVR)" in tab.empty.text()
    (change,) = record_for(noivr_session).changes()
    assert change.result == NO_IVR_TEXT
    dialog.reject()
    run(until(lambda: tab.dialog is None))

    # A tab opened later (say, after a restart) reads the state from the change log.
    later = make_tab(qtbot, noivr_session, run)
    assert later.no_ivr and not later.no_ivr_note.isHidden()


def test_no_double_submit_while_sending(
    qtbot: Any, tab: IvrTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, tab, run)
    type_draft(qtbot, dialog, TYPED)
    fresh_sandbox.faults.latency = 0.4
    count = len(ivml_rows(fresh_sandbox))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    task = dialog.task
    assert task is not None and dialog.busy
    assert not dialog.save_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert dialog.name.isReadOnly() and not dialog.type.isEnabled()
    assert dialog.status.text() == "Sending to TraiTel…"
    dialog.start_save()  # Enter again: ignored
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close while sending
    assert dialog.task is task and dialog.isVisible()
    run(task)
    assert tab.task is not None
    run(tab.task)  # the list read again
    fresh_sandbox.faults.latency = 0.0
    assert len(ivml_rows(fresh_sandbox)) == count + 1
    assert closed(tab, dialog)
