"""The Activity tab in the main window, at its default size and at 1024x700: every column of
every log is reached without sideways scrolling, the time and the cost are never cut, and a
result cut short keeps its whole text in the cell's tooltip."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.helpers.activity import choose, column
from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.services import Session
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.frame.main_window import MainWindow


def activity_in_window(qtbot: Any, session: Session, size: tuple[int, int] | None) -> ActivityTab:
    window = MainWindow(session)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    window.tabs.blockSignals(True)  # the test loads the tab itself
    window.tabs.setCurrentIndex([s.name for s in window.specs].index("activity"))
    window.tabs.blockSignals(False)
    tab = window.tab("activity")
    assert isinstance(tab, ActivityTab)
    return tab


@pytest.mark.parametrize("size", [None, (1024, 700)], ids=["default", "1024x700"])
def test_every_column_fits_without_sideways_scrolling(
    size: tuple[int, int] | None, qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    tab = activity_in_window(qtbot, session, size)
    view = tab.view
    metrics = view.fontMetrics()
    for log in LOG_NAMES:
        choose(tab, log, run=run)
        run(asyncio.sleep(0.05))  # a turn of the loop: the view lays out its columns
        header = view.horizontalHeader()
        right = header.sectionViewportPosition(header.count() - 1) + header.sectionSize(
            header.count() - 1
        )
        assert right <= view.viewport().width(), (log, right, view.viewport().width())
        assert not view.horizontalScrollBar().isVisible(), log
        for key in ("when", "cost"):
            if key not in [v.key for v in tab.model.table.view]:
                continue
            c = column(tab, key)
            widest = max(
                metrics.horizontalAdvance(str(tab.model.index(r, c).data()))
                for r in range(tab.model.rowCount())
            )
            assert header.sectionSize(c) >= widest, (log, key)


def test_a_cut_result_shows_whole_in_its_tooltip(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    tab = activity_in_window(qtbot, session, (1024, 700))
    choose(tab, "logfaxout", days=60, run=run)
    c = column(tab, "result")
    width = tab.view.horizontalHeader().sectionSize(c)
    metrics = tab.view.fontMetrics()
    cut = [
        tab.model.index(r, c)
        for r in range(tab.model.rowCount())
        if metrics.horizontalAdvance(str(tab.model.index(r, c).data())) > width - 8
    ]
    assert cut, "the demo's fax results include one longer than the column at 1024 px"
    for index in cut:
        assert str(index.data()) in str(index.data(Qt.ItemDataRole.ToolTipRole))


def test_a_cut_cell_without_a_tooltip_of_its_own_shows_its_text_on_hover(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    tab = activity_in_window(qtbot, session, (1024, 700))
    choose(tab, "logvoicein", run=run)
    run(asyncio.sleep(0.05))
    view, c = tab.view, column(tab, "id")
    index = tab.model.index(0, c)
    assert not index.data(Qt.ItemDataRole.ToolTipRole)
    text = str(index.data())
    cell = view.visualRect(index)
    assert view.fontMetrics().horizontalAdvance(text) > cell.width() - 8, "ID is cut at 1024"
    event = QHelpEvent(QEvent.Type.ToolTip, cell.center(), view.viewport().mapToGlobal(
        cell.center()))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == text
    QToolTip.hideText()
