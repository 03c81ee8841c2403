"""Fixtures and helpers of the sub-account GUI tests (no tests here): ``tab``, a shown,
active, loaded :class:`SubAccountsTab` on ``session``, and the fixtures of
:mod:`tests.helpers.fresh_sandbox` (a fresh demo sandbox per test), re-exported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.fresh_sandbox import (
    activate,
    client,
    fresh_sandbox,
    show_loaded,
    shown_ids,
    sign_in_request,
    until,
)
from traitel_desktop.services import Session
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab

__all__ = [
    "client",
    "fresh_sandbox",
    "reactivate",
    "shown_ids",
    "sign_in_request",
    "tab",
    "until",
]

#: Give the tab its window's activation back after a dialog closed (shortcuts need it).
reactivate = activate


@pytest.fixture
def tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> SubAccountsTab:
    return show_loaded(qtbot, SubAccountsTab(session), run, 1000, 600)


def demo_subs(fresh_sandbox: Any) -> list[tuple[int, str, str]]:
    with fresh_sandbox.db.lock:
        return [
            (int(r[0]), str(r[1]), str(r[2]))
            for r in fresh_sandbox.db.conn.execute(
                "SELECT id, alias, email FROM subaccounts WHERE account_id = 1 ORDER BY id"
            )
        ]
