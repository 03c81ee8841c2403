"""The change history: its model (qtmodeltester, newest first, failures marked, local time)
and the window, showing the changes a test made over real HTTP (IVML through the tab,
sub-accounts and numbers through the change log), searchable, following new lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from tests.helpers.ivr_fixtures import (
    client,
    fresh_sandbox,
    open_add,
    reactivate,
    save,
    sign_in_request,
    tab,
    type_draft,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.dates import local_time_text
from traitel_desktop.services import Session
from traitel_desktop.services.changes import AREA_NUMBERS, ChangeLog, record_for
from traitel_desktop.services.ivml import IvmlDraft
from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccounts
from traitel_desktop.store.account_record import Change
from traitel_desktop.ui.change_history.window import (
    FAILED_BACKGROUND,
    ChangeHistoryDialog,
    ChangeHistoryModel,
    ChangeHistoryProxy,
    Column,
    open_change_history,
)
from traitel_desktop.ui.ivr.tab import IvrTab

__all__ = ["client", "fresh_sandbox", "sign_in_request", "tab"]  # fixtures used here

T0 = datetime(2025, 3, 3, 4, 5, 9, tzinfo=UTC)


def changes() -> list[Change]:
    return [
        Change(3, T0 + timedelta(minutes=2), "demo", "ivml", "add", "Night", "launch 'x'", "ok"),
        Change(2, T0 + timedelta(minutes=1), "demo", "sub-accounts", "delete", "reception (ID 7)",
               "", "This sub-account does not exist."),
        Change(1, T0, "demo", "time zone", "set", "account", "Europe/London", "ok"),
    ]


def column(proxy: Any, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_model_and_proxy_pass_qtmodeltester(qtmodeltester: Any) -> None:
    model = ChangeHistoryModel()
    model.set_rows(changes())
    qtmodeltester.check(model)
    proxy = ChangeHistoryProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.WHEN, Qt.SortOrder.DescendingOrder)
    proxy.set_failures_only(True)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    model.set_rows([])
    qtmodeltester.check(model)


def test_cells_in_plain_words_with_failures_marked() -> None:
    model = ChangeHistoryModel()
    model.set_rows(changes())
    row = [model.index(0, c).data() for c in Column]
    assert row == [local_time_text(T0 + timedelta(minutes=2)), "demo", "Call flows",
                   "Added: launch 'x'", "Night", "Done"]
    local = (T0 + timedelta(minutes=2)).astimezone()
    assert row[0] == f"{local.day} {local:%b %Y, %H:%M:%S}"
    assert "UTC" in model.index(0, Column.WHEN).data(Qt.ItemDataRole.ToolTipRole)
    failed = [model.index(1, c).data() for c in Column]
    assert failed[2:] == ["Sub-accounts", "Deleted", "reception (ID 7)",
                          "Failed: This sub-account does not exist."]
    assert model.index(1, Column.RESULT).data(Qt.ItemDataRole.DecorationRole) is not None
    for col in Column:
        brush = model.index(1, col).data(Qt.ItemDataRole.BackgroundRole)
        assert brush is not None and brush.color().name() == FAILED_BACKGROUND
        assert model.index(0, col).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, Column.RESULT).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(2, Column.AREA).data() == "Time zone"


def test_sorted_on_time_not_on_text() -> None:
    later_same_text = Change(4, T0 + timedelta(days=40), "demo", "ivml", "change", "a", "", "ok")
    model = ChangeHistoryModel()
    model.set_rows([*changes(), later_same_text])
    proxy = ChangeHistoryProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.WHEN, Qt.SortOrder.DescendingOrder)
    ids = [proxy.record(proxy.index(r, 0)).id for r in range(proxy.rowCount())]
    assert ids == [4, 3, 2, 1]  # "12 Apr" would sort before "3 Mar" as text
    proxy.sort(Column.RESULT)
    assert proxy.record(proxy.index(0, 0)).id == 2  # failures first


def test_history_shows_this_tests_changes_newest_first_with_failures_marked(
    qtbot: Any,
    tab: IvrTab,
    session: Session,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    # IVML: a success and a failure (116), through the tab.
    existing = client.list_ivml()[0].name
    for name in ("Evening flow", existing):
        dialog = open_add(qtbot, tab, run)
        type_draft(qtbot, dialog, IvmlDraft(name, "https://flows.example.com/l.xml", "", "inbound"))
        save(qtbot, dialog, run)
        if tab.dialog is None:  # added: wait for the reload, then the tab is ours again
            assert tab.task is not None
            run(tab.task)
            reactivate(tab)
    assert dialog.isVisible()  # the duplicate was refused
    dialog.reject()
    # Sub-accounts and numbers, through the change log too.
    subs = SubAccounts(session)
    new_sub = run(subs.add(SubAccountDraft(alias="history-test")))
    number = next(n for n in client.query_numbers() if n.service == "fax")
    run(ChangeLog(session).perform(
        AREA_NUMBERS, "assign", "+" + number.number,
        lambda c: c.assign_number(number.number, "fax"), detail="to fax",
    ))

    history = open_change_history(session, tab)
    qtbot.addWidget(history)
    assert isinstance(history, ChangeHistoryDialog) and history.isVisible()
    shown = history.shown_changes()
    assert [(c.area, c.action) for c in shown] == [
        ("numbers", "assign"), ("sub-accounts", "add"), ("ivml", "add"), ("ivml", "add")
    ]
    assert [c.id for c in shown] == sorted((c.id for c in shown), reverse=True)
    proxy = history.proxy
    results = column(proxy, Column.RESULT)
    assert results[:2] == ["Done", "Done"] and results[3] == "Done"
    assert results[2].startswith("Failed: Another call flow already has this name")
    assert proxy.index(2, Column.RESULT).data(Qt.ItemDataRole.DecorationRole) is not None
    assert proxy.index(3, Column.RESULT).data(Qt.ItemDataRole.DecorationRole) is None
    assert column(proxy, Column.TARGET)[1] == "history-test"
    assert column(proxy, Column.WHO) == ["demo"] * 4
    assert history.status.text() == "4 changes, 1 failed"
    assert new_sub > 0

    qtbot.keyClicks(history.search, "EVENING")
    assert column(proxy, Column.TARGET) == ["Evening flow"]
    history.search.clear()
    history.failures_only.setChecked(True)
    assert column(proxy, Column.TARGET) == [existing]
    assert history.status.text() == "1 of 4 changes shown"
    history.failures_only.setChecked(False)
    history.view.selectRow(2)
    assert "already has this name" in history.details.text()

    # A new line shows up by itself (here: after another view reports a change).
    run(subs.update(subs_row(run, subs, new_sub), SubAccountDraft(alias="history-test",
                                                                  company="Acme")))
    assert history.model.rowCount() == 5
    assert history.shown_changes()[0].detail == "company → 'Acme'"
    # One window per session: asking again brings the same one forward.
    assert open_change_history(session, tab) is history


def subs_row(run: Callable[..., Any], subs: SubAccounts, sub_id: int) -> Any:
    return next(r for r in run(subs.load()) if r.sub_id == sub_id)


def test_empty_history_says_what_will_be_listed(qtbot: Any, session: Session) -> None:
    history = ChangeHistoryDialog(session)
    qtbot.addWidget(history)
    history.show()
    assert record_for(session).changes() == []
    assert history.stack.currentWidget() is history.empty
    assert "No changes yet" in history.empty.text()
    assert history.status.text() == ""
    # A line written meanwhile (not through a view) is picked up by the poll.
    ChangeLog(session).log("time zone", "set", "account", "Europe/London", "ok")
    assert history.refresh_if_new() is True
    assert history.stack.currentWidget() is history.view
    assert history.refresh_if_new() is False
    assert history.timer.isActive()
    history.close()
    assert not history.timer.isActive()


def test_actions_of_every_area_read_as_words() -> None:
    model = ChangeHistoryModel()
    model.set_rows([
        Change(1, T0, "demo", "numbers", "buy", "+61 2 9999 1234", "fax number in Sydney", "ok"),
        Change(2, T0, "demo", "numbers", "assign", "+61 2 9999 1234", "to fax", "ok"),
        Change(3, T0, "demo", "time zone", "set", "account", "Europe/London", "ok"),
        Change(4, T0, "demo", "mystery", "frobnicate", "x", "", "ok"),
    ])
    assert [model.index(r, Column.WHAT).data() for r in range(4)] == [
        "Bought: fax number in Sydney", "Assigned: to fax", "Set: Europe/London", "Frobnicate"
    ]
    assert model.index(3, Column.AREA).data() == "Mystery"


def test_history_shot_shows_a_failed_change_even_after_other_lines(
    session: Session, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    from types import SimpleNamespace

    from traitel_desktop.devtools.shots.change_history import history_shot
    from traitel_desktop.ui.change_history.window import failed

    # The purchase wizard's shots run first in --screenshots and leave lines of their own.
    ChangeLog(session).log(
        AREA_NUMBERS, "buy", "+61 2 9222 5418", "voice number in Sydney, Australia", "ok"
    )
    before = fresh_sandbox.dump()
    ctx = SimpleNamespace(window=None, session=session, cleanup=[])
    shot = run(history_shot(ctx))
    areas = [c.area for c in shot.shown_changes()]
    assert areas.count("ivml") == 3 and areas.count(AREA_NUMBERS) == 1
    selected = shot.proxy.record(shot.view.currentIndex())
    assert selected is not None and failed(selected)
    assert selected.target in shot.details.text()
    assert fresh_sandbox.dump() == before  # the demo changes leave the account as it was
    for step in reversed(ctx.cleanup):
        step()
