"""Fixtures and helpers shared by the sub-account GUI tests (this module holds no tests).

``fresh_sandbox`` a demo sandbox per test (these tests change its state; the session-scoped
                  one of conftest.py stays as the other GUI tests expect it), and
                  ``sign_in_request`` pointed at it, so conftest's ``session`` signs in there.
``client``        another client of the demo account: "someone else", or the test's own eyes.
``tab``           a shown, active, loaded :class:`SubAccountsTab` on ``session``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtTest import QTest

from traitel_desktop.api import TraiTelClient
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.services import Session
from traitel_desktop.ui.subaccount_model import Column
from traitel_desktop.ui.subaccounts_tab import SubAccountsTab


@pytest.fixture
def fresh_sandbox() -> Iterator[Any]:
    """A fresh demo sandbox per test (these tests change its state; the shared one stays
    as the other GUI tests expect it)."""
    sb = start_sandbox(seed=1, preset="demo")
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def sign_in_request(fresh_sandbox: Any) -> Any:
    """demo/demo on the fresh sandbox (the conftest's ``session`` signs in with it)."""
    from traitel_desktop.services.signin import PROFILE_SANDBOX, SignInRequest

    return SignInRequest(
        "demo", "demo", PROFILE_SANDBOX, (fresh_sandbox.primary_url, fresh_sandbox.alternate_url)
    )


@pytest.fixture
def client(fresh_sandbox: Any) -> Iterator[TraiTelClient]:
    """Another client of the demo account (someone else, or the test's own eyes)."""
    urls = (fresh_sandbox.primary_url, fresh_sandbox.alternate_url)
    c = TraiTelClient("demo", "demo", gateways=urls)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> SubAccountsTab:
    widget = SubAccountsTab(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)  # shortcuts need an active window
    run(widget.reload())
    return widget


async def until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait (on the qasync loop) until ``condition()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


def reactivate(tab: SubAccountsTab) -> None:
    """The offscreen platform does not hand activation back to the window when a dialog
    closes (a desktop does); shortcuts need it."""
    tab.activateWindow()
    assert QTest.qWaitForWindowActive(tab)
    tab.view.setFocus()


def demo_subs(fresh_sandbox: Any) -> list[tuple[int, str, str]]:
    with fresh_sandbox.db.lock:
        return [
            (int(r[0]), str(r[1]), str(r[2]))
            for r in fresh_sandbox.db.conn.execute(
                "SELECT id, alias, email FROM subaccounts WHERE account_id = 1 ORDER BY id"
            )
        ]


def shown_ids(tab: SubAccountsTab) -> list[int]:
    proxy = tab.proxy
    return [int(proxy.index(r, Column.ID).data()) for r in range(proxy.rowCount())]
