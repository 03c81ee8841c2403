"""Fixtures and helpers shared by the GUI tests that change the sandbox's state (sub-accounts,
numbers, IVR & IVML, the DID wizard); this module holds no tests.

``fresh_sandbox`` a demo sandbox per test (these tests change its state; the session-scoped
                  one of conftest.py stays as the other GUI tests expect it), and
                  ``sign_in_request`` pointed at it, so conftest's ``session`` signs in there.
``client``        another client of the demo account: "someone else", or the test's own eyes.

A test module imports the fixtures it uses (and lists them in ``__all__``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from traitel_desktop.api import TraiTelClient
from traitel_desktop.sandbox import start_sandbox

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def fresh_sandbox() -> Iterator[Any]:
    """A fresh demo sandbox per test (a template copy: a few milliseconds)."""
    sb = start_sandbox(seed=1, preset="demo")
    try:
        yield sb
    finally:
        sb.stop()


def request_for(sandbox: Any, user: str = "demo", password: str = "demo") -> Any:
    """A sandbox-profile sign-in request for ``user`` on ``sandbox``."""
    from traitel_desktop.services.signin import PROFILE_SANDBOX, SignInRequest

    return SignInRequest(
        user, password, PROFILE_SANDBOX, (sandbox.primary_url, sandbox.alternate_url)
    )


@pytest.fixture
def sign_in_request(fresh_sandbox: Any) -> Any:
    """demo/demo on the fresh sandbox (the conftest's ``session`` signs in with it)."""
    return request_for(fresh_sandbox)


@pytest.fixture
def client(fresh_sandbox: Any) -> Iterator[TraiTelClient]:
    """Another client of the demo account (someone else, or the test's own eyes)."""
    urls = (fresh_sandbox.primary_url, fresh_sandbox.alternate_url)
    c = TraiTelClient("demo", "demo", gateways=urls)
    try:
        yield c
    finally:
        c.close()


def show_loaded(qtbot: Any, widget: W, run: Callable[..., Any], width: int, height: int) -> W:
    """Show ``widget`` (a list tab) at ``width`` x ``height``, active, and load it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    activate(widget)  # shortcuts need an active window
    run(widget.reload())  # type: ignore[attr-defined]
    return widget


def activate(widget: QWidget) -> None:
    """Activate ``widget``'s window and wait for it. The offscreen platform does not hand
    activation back to the window when a dialog closes (a desktop does); shortcuts need it."""
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)


async def until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait (on the qasync loop) until ``condition()`` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


def shown_ids(tab: Any, column: int = 0) -> list[int]:
    """The IDs (in ``column``) of the rows ``tab`` shows, in view order."""
    proxy = tab.proxy
    return [int(proxy.index(r, column).data()) for r in range(proxy.rowCount())]


def tick(qtbot: Any, button: Any) -> None:
    """Click a radio button or check box on its box (Qt only counts clicks on the box and
    its text, not on the empty width of a stretched button)."""
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


D = TypeVar("D", bound=QWidget)


def open_dialog(
    qtbot: Any, tab: Any, run: Callable[..., Any], kind: type[D], key: Any, modifier: Any = None
) -> D:
    """Press ``key`` (with ``modifier``) on ``tab``'s table; returns the ``kind`` dialog the
    tab opened."""
    from PySide6.QtCore import Qt

    tab.view.setFocus()
    qtbot.keyClick(tab.view, key, modifier or Qt.KeyboardModifier.NoModifier)
    run(until(lambda: isinstance(tab.dialog, kind)))
    dialog = tab.dialog
    assert isinstance(dialog, kind)
    return dialog


def click_and_wait(qtbot: Any, dialog: Any, button: Any, run: Callable[..., Any]) -> None:
    """Click ``button`` of ``dialog`` (Save, Add, Assign) and wait for the answer; when that
    closed the dialog, wait too for what the tab that opened it does next (it reads its list
    again), so the test does not end with that under way."""
    import shiboken6
    from PySide6.QtCore import Qt

    tab = dialog.parent()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if dialog.task is not None:
        run(dialog.task)
    after = getattr(tab, "task", None)
    if after is not None and not (shiboken6.isValid(dialog) and dialog.isVisible()):
        run(after)


def closed(tab: Any, dialog: QWidget) -> bool:
    """The dialog was closed (and, once Qt got round to it, deleted)."""
    import shiboken6

    return tab.dialog is None and (not shiboken6.isValid(dialog) or not dialog.isVisible())


async def seen_while_loading(tab: Any, *labels: Any, requests: int = 1) -> tuple[str, ...]:
    """Reload ``tab`` and return its status and empty texts (then those of ``labels``) as
    shown while the reload's first ``requests`` requests are held before they leave (however
    slow the machine, the load is still running when the texts are read); then the requests
    go on and the reload is awaited."""
    held: list[str] = []
    release = threading.Event()
    request = TraiTelClient.request
    patched = "request" in TraiTelClient.__dict__

    def holding(client: TraiTelClient, mode: str, **params: str | None) -> Any:
        held.append(mode)
        release.wait(10)
        return request(client, mode, **params)

    TraiTelClient.request = holding  # type: ignore[method-assign,assignment]
    try:
        task = asyncio.ensure_future(tab.reload())
        try:
            await until(lambda: len(held) >= requests)
            seen = tuple(label.text() for label in (tab.status, tab.empty, *labels))
        finally:
            release.set()
    finally:
        if patched:
            TraiTelClient.request = request  # type: ignore[method-assign]
        else:
            del TraiTelClient.request
    await task
    return seen
