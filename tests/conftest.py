"""Test configuration shared by every test.

GUI tests run headless: the Qt platform is forced to ``offscreen`` here, before any Qt import,
so no developer or CI shell has to set it (set ``TRAITEL_TEST_DISPLAY=1`` to watch them).

The per-user data, cache and configuration directories (platformdirs, QStandardPaths) point
into a throw-away folder for the whole run, so tests, and app processes they start, never read
or write the developer's real ones.

A Qt test fails when it leaves a QTimer, a single shot or a QThread running, and a test on
``qloop`` when it leaves asyncio tasks pending once its windows are closed
(tests/helpers/leftovers.py).
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

if not os.environ.get("TRAITEL_TEST_DISPLAY"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_API", "pyside6")

_HOME = tempfile.mkdtemp(prefix="traitel-tests-")
for _name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = os.path.join(_HOME, _name.lower())


def pytest_unconfigure() -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def _amounts_without_a_currency_again() -> Iterator[None]:
    """Each test starts with amounts written as before any sign-in (no currency, English):
    a window installs the owner's currency in ``core.money``, which outlives the test."""
    yield
    money = sys.modules.get("traitel_desktop.core.money")
    if money is not None:
        money.use_currency(None)


@pytest.fixture(autouse=True)
def _no_cycle_collection_in_worker_threads() -> Iterator[None]:
    """Once Qt is loaded, cyclic garbage collection runs on the main thread only, as in the app.

    A collection started by a worker thread (they allocate a lot: HTTP, parsing) may destroy a
    QObject left in a cycle by an earlier test on that thread, which leaves Qt with dangling
    timers and crashes later (seen with QT_FATAL_WARNINGS=1 in a full run). The app avoids it
    with ``QtThreadCollector``; GUI tests install one too (tests/ui/conftest.py).
    """
    if "PySide6.QtCore" not in sys.modules:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()


@pytest.fixture(autouse=True)
def _no_qt_timers_or_threads_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """A Qt test fails if it leaves a QTimer active, a single shot unfired or a QThread
    running (see tests/helpers/leftovers.py); they are stopped, so the next test starts clean.

    Autouse and defined here, outermost, so it checks after every other fixture of the test
    (windows closed and deleted, sessions closed, the loop closed) has been torn down."""
    if "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    from tests.helpers.leftovers import QtWatch

    watch = QtWatch()
    watch.install()
    try:
        yield
        # What the teardown posted (deferred deletes, zero-time single shots) runs now, in
        # this test, rather than in the next one.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        left = watch.stop_leftovers()
    finally:
        watch.uninstall()
    assert not left, "left running after the test:\n  " + "\n  ".join(left)


# -- the app's event loop, for tests that await services (pytest-qt does not drive qasync) --
@pytest.fixture
def qloop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    from traitel_desktop.runtime.event_loop import AppEventLoop
    """The app's event loop for one test. A test fails if it leaves tasks pending on it
    (other than those already being cancelled); they are cancelled and awaited first."""
    from tests.helpers.leftovers import close_windows, describe_task, leftover_tasks

    # Closing a test's last window must not quit the app (and stop the loop mid-test).
    qapp.setQuitOnLastWindowClosed(False)
    loop = AppEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    try:
        # Close and delete the test's windows, as the app does with a window it is done
        # with, and give the tasks that served them a few turns of the loop to end.
        close_windows(qapp)
        for _turn in range(10):
            if not leftover_tasks(loop):
                break
            loop.run_until_complete(asyncio.sleep(0))
        left = [describe_task(t) for t in leftover_tasks(loop)]
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert not left, "asyncio tasks left pending after the test:\n  " + "\n  ".join(left)


@pytest.fixture
def sb() -> Iterator[Any]:
    """A demo sandbox of the test's own whose today is pinned at ``HISTORY_DAY``
    (tests/helpers/history_session.py): the history, sync, repair and watcher tests."""
    from tests.helpers.history_session import HISTORY_DAY
    from traitel_desktop.sandbox import start_sandbox

    sandbox = start_sandbox(seed=1, preset="demo", today=HISTORY_DAY)
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def run(
    qloop: asyncio.AbstractEventLoop,
) -> Callable[..., Any]:
    def _run(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    return _run
