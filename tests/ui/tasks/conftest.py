"""The task tests' window: the app's own main window, made and wired by the app's controller
(as ``AppController.show_main`` does after a sign-in: demo badge, Settings), signed in to a
sandbox over real HTTP, at the test's size, driven by an :class:`~tests.helpers.owner.Owner`.

Fixtures
--------
``size``, ``mode``  the test's parameters (see ``task_params``).
``home``          a home folder of the test's own with a Documents folder (the export dialog
                  opens there), and Qt's own file dialogs rather than the system's.
``window``        the main window, shown at ``size``, active, its first tab loaded.
``owner``         an :class:`Owner` driving ``window`` in ``mode``.
``eyes``          another client of the demo account on the same sandbox: the test reads from
                  it what the owner should see (balance, zone, logs, prices).

A task that changes the account (adds a sub-account, buys a number) imports ``fresh_sandbox``
and ``sign_in_request`` from tests/helpers/fresh_sandbox.py, so it gets a sandbox of its own;
the others share the session-scoped ``sandbox``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from tests.helpers.owner import Owner, shots_folder
from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.controller import AppController
from traitel_desktop.ui.frame.main_window import MainWindow


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    native = QCoreApplication.testAttribute(attribute)
    QCoreApplication.setAttribute(attribute, True)
    yield folder
    QCoreApplication.setAttribute(attribute, native)


@pytest.fixture
def window(
    qtbot: Any, session: Session, app_settings: Any, run: Callable[..., Any],
    size: tuple[int, int], home: Path,
) -> Iterator[MainWindow]:
    """The main window as ``AppController.show_main`` makes and wires it (its wait for the
    window to close is left out: each ``run`` of a test ends the Qt event loop it runs, which
    emits ``aboutToQuit``, which the controller takes for the owner quitting)."""
    controller = AppController(app_settings)
    main = controller.make_window(session)
    qtbot.addWidget(main)
    controller.window = main
    main.settings_requested.connect(controller.open_settings)
    main.show()

    async def first_tab_loaded() -> None:
        while main.tabs.currentIndex() not in main._reloads:
            await asyncio.sleep(0.01)
        await asyncio.shield(main._reloads[main.tabs.currentIndex()])

    run(first_tab_loaded(), timeout=30)
    main.resize(*size)
    try:
        yield main
    finally:
        controller.window = None
        controller.shutdown()


@pytest.fixture
def owner(window: MainWindow, run: Callable[..., Any], size: tuple[int, int],
          mode: str) -> Owner:
    person = Owner(window, run, mode, shots_folder(size, mode))
    person.ensure_active(window)
    return person


@pytest.fixture
def eyes(sign_in_request: Any) -> Iterator[TraiTelClient]:
    """The test's own client of the account the window is signed in to."""
    client = TraiTelClient(sign_in_request.username, sign_in_request.password,
                           gateways=sign_in_request.gateways)
    try:
        yield client
    finally:
        client.close()
