"""Fixtures of the Costs tab tests: a client on the shared sandbox, the tab, typing a
destination."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.ui.costs.tab import CostsTab


@pytest.fixture
def client(sandbox: Any) -> Iterator[TraiTelClient]:
    """The test's own eyes on the demo account."""
    c = TraiTelClient("demo", "demo", gateways=(sandbox.primary_url, sandbox.alternate_url))
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def tab(qtbot: Any, session: Session) -> CostsTab:
    """A shown, active Costs tab (shortcuts need an active window)."""
    widget = CostsTab(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)
    return widget


def type_and_enter(qtbot: Any, tab: CostsTab, run: Callable[..., Any], text: str) -> None:
    """Replace the number with ``text`` as a user would and press Enter; wait for the
    answer (if a question was sent)."""
    tab.edit.setFocus()
    tab.edit.selectAll()
    tab.edit.del_()
    qtbot.keyClicks(tab.edit, text)
    qtbot.keyClick(tab.edit, Qt.Key.Key_Return)
    assert tab.task is not None
    run(tab.task)
