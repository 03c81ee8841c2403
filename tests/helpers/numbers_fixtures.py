"""Fixtures and helpers of the numbers GUI tests (no tests here): ``numbers_tab``, a shown,
active, loaded :class:`NumbersTab` on ``session``, and the fixtures of
:mod:`tests.helpers.fresh_sandbox` (a fresh demo sandbox per test), re-exported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.fresh_sandbox import (
    click_and_wait,
    client,
    fresh_sandbox,
    open_dialog,
    show_loaded,
    sign_in_request,
    tick,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.records import Number
from traitel_desktop.services import Session
from traitel_desktop.ui.numbers.assign_dialog import AssignDialog
from traitel_desktop.ui.numbers.model import Column
from traitel_desktop.ui.numbers.tab import NumbersTab

__all__ = ["client", "fresh_sandbox", "numbers_tab", "sign_in_request", "tick", "until"]


@pytest.fixture
def numbers_tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> NumbersTab:
    return show_loaded(qtbot, NumbersTab(session), run, 1000, 600)


def shown_numbers(tab: NumbersTab) -> list[str]:
    """The digits of the rows shown, in view order."""
    proxy = tab.proxy
    rows = [proxy.record(proxy.index(r, Column.NUMBER)) for r in range(proxy.rowCount())]
    return [row.digits for row in rows if row is not None]


def cell(tab: NumbersTab, digits: str, column: Column) -> str:
    """The text shown for ``digits`` in ``column``."""
    source = tab.model.row_of(digits)
    assert source >= 0, digits
    index = tab.proxy.mapFromSource(tab.model.index(source, column))
    return str(index.data())


def number(client: TraiTelClient, digits: str) -> Number:
    """The sandbox's record of ``digits`` (read over HTTP)."""
    return next(n for n in client.query_numbers() if n.number == digits)


def first(client: TraiTelClient, **where: object) -> str:
    """The first number whose record matches ``where`` (e.g. ``service="fax"``)."""
    for n in client.query_numbers():
        if all(getattr(n, k) == v for k, v in where.items()):
            return n.number
    raise LookupError(where)


def open_assign(
    qtbot: Any, tab: NumbersTab, run: Callable[..., Any], digits: str
) -> AssignDialog:
    """Select ``digits`` and press F2; returns the Assign dialog once open."""
    from PySide6.QtCore import Qt

    tab.search.clear()
    tab.select_number(digits)
    dialog = open_dialog(qtbot, tab, run, AssignDialog, Qt.Key.Key_F2)
    assert dialog.row.digits == digits
    return dialog


def click_assign(qtbot: Any, dialog: AssignDialog, run: Callable[..., Any]) -> None:
    """Click Assign and wait for the answer."""
    click_and_wait(qtbot, dialog, dialog.assign_button, run)
