"""The Help tests' main window: signed in to the sandbox, shown, its first tab loaded (so no
load is left to start while a test drives dialogs)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtTest import QTest

from tests.helpers.fresh_sandbox import until
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.main_window import MainWindow


@pytest.fixture
def main_window(qtbot: Any, session: Session, run: Callable[..., Any]) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()

    async def first_tab_loaded() -> None:
        await until(lambda: window.tabs.currentIndex() in window._reloads)
        await asyncio.shield(window._reloads[window.tabs.currentIndex()])

    run(first_tab_loaded(), timeout=30)
    assert QTest.qWaitForWindowActive(window)
    return window
