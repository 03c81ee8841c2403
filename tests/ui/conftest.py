"""Fixtures for the GUI tests (pytest-qt, offscreen, real HTTP against an in-process sandbox).

Fixtures
--------
``sandbox``      session-scoped ``start_sandbox(preset="demo")`` on free loopback ports; its
                 faults (latency, drops, ...) are reset after every test that uses it.
``qloop``        the app's ``AppEventLoop`` (qasync) on the ``qapp`` for this test (defined in
                 tests/conftest.py, shared with tests/services; pytest-qt does not drive
                 qasync). Afterwards the test's windows are closed and deleted, and the test
                 fails if tasks are still pending (they are cancelled, the loop closed).
                 Sets ``quitOnLastWindowClosed(False)`` so closing a dialog cannot stop it.
``run``          ``run(coro, timeout=10.0)`` runs a coroutine on ``qloop`` with
                 ``run_until_complete`` and returns its result (fails on timeout). Inside the
                 coroutine wait with asyncio primitives (``await asyncio.sleep``), not qtbot.
``keyring_backend`` (autouse) an in-memory keyring backend installed with
                 ``keyring.set_keyring`` for each test; ``.passwords`` holds what was stored.
``_english_us_locale`` (autouse) ``QLocale.setDefault`` en_US for the test, restored after:
                 amounts read ``A$664.77`` (the demo is in AUD) on any machine.
``app_settings`` (autouse) fresh QSettings per test: INI format, user scope redirected into
                 ``tmp_path`` (``QSettings.setPath``); returns an ``AppSettings`` on it.
                 ``app_settings.qsettings.fileName()`` is the INI file (grep it in tests).
``sign_in_request`` a ``SignInRequest`` for demo/demo on the sandbox.
``session``      a ``Session`` signed in to demo on the sandbox, ``data_dir`` in ``tmp_path``;
                 closed after the test.
(autouse)        after each test, top-level widgets are closed and deleted, and garbage is
                 collected on the Qt thread (a QObject in a reference cycle must not be
                 destroyed later by a GC run in a worker thread). tests/conftest.py then fails
                 the test if a Qt timer or thread, or an asyncio task, was left running.

Pitfalls: never call ``QApplication.processEvents()`` inside a coroutine (qasync re-enters the
running task: "Cannot enter into task"); qasync 0.28's ``asyncSlot`` never starts a coroutine
that takes no argument (give it one, or use ``traitel_desktop.ui.widgets.async_tools.spawn``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import keyring
import pytest
from keyring.backend import KeyringBackend

T = TypeVar("T")

APP_NAME = "TraiTel Desktop"
ORG_NAME = "TraiTel"


class InMemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict (never on disk)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_main_thread(qapp: Any) -> Iterator[None]:
    """Python's cyclic GC may run in any thread; a QObject caught in a cycle must be
    destroyed here on the Qt thread, not later in a worker thread. As in the app, a
    QtThreadCollector runs collection on the Qt thread during the test."""
    from traitel_desktop.runtime.qt_collector import QtThreadCollector

    collector = QtThreadCollector()
    yield
    collector.uninstall()
    collector.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    from tests.helpers.leftovers import close_windows

    # As the app deletes a window it is done with, every window of the test is closed and
    # deleted (with its timers): a test's fixtures keep references until the next test.
    close_windows(qapp)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(autouse=True)
def _english_us_locale(qapp: Any) -> Iterator[None]:
    """Every GUI test writes amounts, dates and numbers as en_US does (``A$664.77``), whatever
    the machine's locale; the locale before is restored afterwards."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[InMemoryKeyring]:
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def app_settings(qapp: Any, tmp_path: Path) -> Iterator[Any]:
    from PySide6.QtCore import QSettings

    from traitel_desktop.services.settings import AppSettings

    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(ORG_NAME)
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings_dir))
    settings = AppSettings(QSettings())
    yield settings
    settings.sync()


_FAULT_DEFAULTS: dict[str, object] = {
    "latency": 0.0,
    "error001_rate": 0.0,
    "drop_rate": 0.0,
    "truncate_rate": 0.0,
    "down": None,
}


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Any]:
    from traitel_desktop.sandbox import start_sandbox

    sb = start_sandbox(preset="demo")
    yield sb
    sb.stop()


@pytest.fixture(autouse=True)
def _reset_sandbox_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "sandbox" in request.fixturenames:
        sb = request.getfixturevalue("sandbox")
        for name, value in _FAULT_DEFAULTS.items():
            if hasattr(sb.faults, name):
                setattr(sb.faults, name, value)


@pytest.fixture
def sign_in_request(sandbox: Any) -> Any:
    from traitel_desktop.services.signin import PROFILE_SANDBOX, SignInRequest

    return SignInRequest(
        "demo", "demo", PROFILE_SANDBOX, (sandbox.primary_url, sandbox.alternate_url)
    )


@pytest.fixture
def session(
    sign_in_request: Any, app_settings: Any, tmp_path: Path, run: Callable[..., Any]
) -> Iterator[Any]:
    from traitel_desktop.services.signin import sign_in

    sess = run(sign_in(sign_in_request, settings=app_settings, data_dir=tmp_path / "data"))
    yield sess
    sess.close()
