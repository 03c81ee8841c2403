"""Aliases explained once, plainly (issue 14, item 11): TraiTel's list of sub-accounts never
carries the alias (spec: querysubaccounts has no Alias column; NOTES.md), so an alias this
app did not set shows as "—". The "—" cell, the add dialog and the edit dialog of such a
sub-account say why in the same words; no "Set outside this app". Fresh demo sandbox, real
HTTP, the dialogs opened through the tab's keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.helpers.fresh_sandbox import activate, closed, open_dialog, until
from tests.helpers.subaccount_fixtures import fresh_sandbox, shown_ids, sign_in_request, tab
from traitel_desktop.ui.subaccounts.dialog import SubAccountDialog
from traitel_desktop.ui.subaccounts.model import UNKNOWN_ALIAS, Column
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab

__all__ = ["fresh_sandbox", "sign_in_request", "tab"]  # fixtures used here

NOTE = ("TraiTel keeps the alias you give a sub-account, but never sends it back to this app. "
        "So the app can show only the aliases it set itself; the others show as “—”.")


def test_the_dash_and_both_dialogs_explain_aliases_plainly(
    qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any]
) -> None:
    target = shown_ids(tab)[0]
    row = tab.model.row_of(target)
    cell = tab.model.index(row, Column.ALIAS)
    assert cell.data() == UNKNOWN_ALIAS
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == NOTE

    add = open_dialog(qtbot, tab, run, SubAccountDialog, Qt.Key.Key_N,
                      Qt.KeyboardModifier.ControlModifier)
    assert add.alias.toolTip() == NOTE
    intro = " ".join(label.text() for label in add.findChildren(QLabel))
    assert "Only the alias is required" in intro  # true: the spec's only required field
    add.reject()
    run(until(lambda: closed(tab, add)))
    activate(tab)  # the offscreen platform does not hand activation back to the tab

    tab.select_sub(target)
    edit = open_dialog(qtbot, tab, run, SubAccountDialog, Qt.Key.Key_F2)
    texts = [edit.alias.placeholderText(), edit.alias.toolTip(),
             *(label.text() for label in edit.findChildren(QLabel))]
    assert not any("outside this app" in text.lower() for text in texts)
    assert edit.alias.placeholderText() == "Not known to this app — leave empty to keep it"
    assert edit.alias.toolTip().startswith(NOTE)
    assert any(NOTE in text for text in texts[2:])  # said in the dialog itself, once
    edit.reject()
