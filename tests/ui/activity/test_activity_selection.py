"""Selecting rows in the Activity table as an owner does: a mouse click on the table's
viewport, arrow keys, Ctrl- and Shift-clicks. The details pane and Copy details follow the
selection (issue 14 item 1: a single click left the pane empty)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.activity import choose
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.activity.model import Role
from traitel_desktop.ui.activity.tab import ActivityTab

NO_KEY = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def history(session: Session) -> Iterator[HistoryService]:
    service = HistoryService(session)
    yield service
    service.close()


@pytest.fixture
def tab(qtbot: Any, session: Session, history: HistoryService,
        run: Callable[..., Any]) -> ActivityTab:
    """A fresh Activity tab on the calls received of the last 30 days, shown."""
    tab = ActivityTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    choose(tab, "logvoicein", run=run)
    assert tab.model.rowCount() >= 5, "too few calls in 30 days of demo data"
    return tab


def click(tab: ActivityTab, row: int,
          modifier: Qt.KeyboardModifier = NO_KEY) -> None:
    """A left click on the middle of the row's second cell, on the table's viewport."""
    index = tab.model.index(row, 1)
    tab.view.scrollTo(index)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     tab.view.visualRect(index).center())


def row_id(tab: ActivityTab, row: int) -> Any:
    return tab.model.index(row, 0).data(Role.RECORD)[0]


def shows(tab: ActivityTab, row: int) -> bool:
    """The details pane describes model row ``row`` and Copy details is on."""
    return (f"ID: {row_id(tab, row)}\n" in tab.body.details_text() + "\n"
            and tab.body.copy_button.isEnabled())


def selected_rows(tab: ActivityTab) -> list[int]:
    return sorted(i.row() for i in tab.view.selectionModel().selectedRows())


def test_a_single_click_shows_the_row(tab: ActivityTab) -> None:
    for row in (3, 1):
        click(tab, row)
        assert selected_rows(tab) == [row]
        assert shows(tab, row), tab.body.details_text()


def test_a_click_with_nothing_selected_yet_shows_the_row(tab: ActivityTab) -> None:
    tab.view.clearSelection()
    tab.view.selectionModel().clearCurrentIndex()
    assert tab.body.details_text() == ""
    assert not tab.body.copy_button.isEnabled()
    click(tab, 2)
    assert shows(tab, 2), tab.body.details_text()


def test_arrow_keys_still_move_the_details(qtbot: Any, tab: ActivityTab) -> None:
    click(tab, 1)
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert selected_rows(tab) == [2] and shows(tab, 2)
    qtbot.keyClick(tab.view, Qt.Key.Key_Up)
    qtbot.keyClick(tab.view, Qt.Key.Key_Up)
    assert selected_rows(tab) == [0] and shows(tab, 0)


def test_ctrl_and_shift_clicks_keep_pane_and_selection_in_step(tab: ActivityTab) -> None:
    click(tab, 1)
    # Ctrl+click on another row: that row alone is selected and shown.
    click(tab, 3, Qt.KeyboardModifier.ControlModifier)
    assert selected_rows(tab) == [3] and shows(tab, 3)
    # Ctrl+click on the selected row unselects it: nothing to show, nothing to copy.
    click(tab, 3, Qt.KeyboardModifier.ControlModifier)
    assert selected_rows(tab) == []
    assert tab.body.details_text() == ""
    assert not tab.body.copy_button.isEnabled()
    # Shift+click: the clicked row is selected and shown.
    click(tab, 4, Qt.KeyboardModifier.ShiftModifier)
    assert selected_rows(tab) == [4] and shows(tab, 4)
    # A plain click again after all that.
    click(tab, 0)
    assert selected_rows(tab) == [0] and shows(tab, 0)


def test_tabbing_into_the_table_chooses_its_first_row(qtbot: Any, tab: ActivityTab) -> None:
    """By keyboard alone the owner Tabs into the table: its first row is chosen and shown at
    once (before, nothing was selected, and Ctrl+Home on the row already current showed
    nothing at all)."""
    tab.view.clearSelection()
    tab.view.selectionModel().clearCurrentIndex()
    tab.activateWindow()
    previous = tab.view.previousInFocusChain()
    previous.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(previous, Qt.Key.Key_Tab)
    assert tab.view.hasFocus()
    assert selected_rows(tab) == [0] and shows(tab, 0), tab.body.details_text()
    qtbot.keyClick(tab.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert selected_rows(tab) == [0] and shows(tab, 0)
