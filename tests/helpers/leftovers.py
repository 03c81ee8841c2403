"""What a test left running: Qt timers, QThreads and asyncio tasks (after napari's conftest).

A timer, thread or task that outlives its test fires, runs or fails during a later one, far
from its cause (and a timer or thread whose objects Qt then deletes can crash the run). The
fixtures in ``tests/conftest.py`` use this module to fail such a test, naming where each
leftover was started, and then stop it, so the next test starts clean.

``QtWatch`` wraps ``QTimer.start``, ``QTimer.singleShot`` and ``QThread.start`` for one test
and remembers where each was called (weakly: a watched object is never kept alive by the
watch). After the test, a timer still active, a single shot not fired yet (its context object
still alive), or a QThread still running is a leftover. ``leftover_tasks(loop)`` lists the
tasks still pending on a loop (those whose cancellation was already asked for excepted: they
end on the loop's next turn).

Nothing is allowed to stay running: every long-lived timer of the app belongs to a widget or
service that the test closes. If one ever must outlive its test (an app-lifetime singleton),
add it to ``ALLOWED`` with the reason; never widen the check itself.
"""

from __future__ import annotations

import asyncio
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer

ROOT = Path(__file__).resolve().parents[1]
_THIS = Path(__file__).resolve()

#: ``path:function`` of the places (as ``started_at`` names them) whose timers may outlive a
#: test, each with its reason. Empty: nothing in the app needs it.
ALLOWED: dict[str, str] = {}


def started_at() -> str:
    """Where the current call comes from: the innermost frame of the app, and the innermost
    frame of the tests (``traitel_desktop/ui/frame/header.py:140 in set_refresh_minutes, from
    tests/ui/frame/test_main_window.py:31 in make_window``)."""
    app = test = None
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not (app and test):
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(ROOT) and path != _THIS:
            where = f"{path.relative_to(ROOT)}:{frame.f_lineno} in {frame.f_code.co_name}"
            if path.parts[len(ROOT.parts)] == "traitel_desktop":
                app = app or where
            else:
                test = test or where
        frame = frame.f_back
    if app and test:
        return f"{app}, from {test}"
    return app or test or "outside the project"


def _allowed(where: str) -> bool:
    place = where.split(",")[0]
    path, _, rest = place.partition(":")
    function = rest.partition(" in ")[2]
    return f"{path}:{function}" in ALLOWED


def _alive(obj: Any) -> bool:
    """The Qt object behind ``obj`` still exists."""
    import shiboken6

    return obj is not None and shiboken6.isValid(obj)


@dataclass
class _SingleShot:
    where: str
    context: weakref.ref[QObject] | None
    fired: bool = False
    disarmed: bool = False

    def pending(self) -> bool:
        if self.fired or self.disarmed:
            return False
        if self.context is None:
            return True
        return _alive(self.context())


@dataclass
class QtWatch:
    """Records the timers and threads started while installed (see the module docstring)."""

    timers: weakref.WeakKeyDictionary[QTimer, str] = field(
        default_factory=weakref.WeakKeyDictionary)
    single_shots: list[_SingleShot] = field(default_factory=list)
    threads: weakref.WeakKeyDictionary[QThread, str] = field(
        default_factory=weakref.WeakKeyDictionary)
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def install(self) -> None:
        timer_start = QTimer.start
        single_shot: Any = QTimer.singleShot
        thread_start: Any = QThread.start

        def start_timer(timer: QTimer, *args: Any) -> None:
            self.timers[timer] = started_at()
            timer_start(timer, *args)

        def start_single_shot(*args: Any) -> None:
            *head, functor = args
            if isinstance(functor, (str, bytes, bytearray, memoryview)) or not callable(functor):
                single_shot(*args)  # a receiver and a slot signature: not used by the app
                return
            context = head[-1] if len(head) > 1 and isinstance(head[-1], QObject) else None
            shot = _SingleShot(started_at(), None if context is None else weakref.ref(context))
            self.single_shots.append(shot)

            def fire() -> None:
                shot.fired = True
                if not shot.disarmed:
                    functor()

            single_shot(*head, fire)

        def start_thread(thread: QThread, *args: Any) -> None:
            self.threads[thread] = started_at()
            thread_start(thread, *args)

        QTimer.start = start_timer  # type: ignore[method-assign]
        QTimer.singleShot = staticmethod(start_single_shot)  # type: ignore[method-assign]
        QThread.start = start_thread  # type: ignore[method-assign,assignment]

        def undo() -> None:
            QTimer.start = timer_start  # type: ignore[method-assign]
            QTimer.singleShot = single_shot  # type: ignore[method-assign]
            QThread.start = thread_start  # type: ignore[method-assign]

        self._undo.append(undo)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def stop_leftovers(self) -> list[str]:
        """Stop every leftover (timers stopped, single shots disarmed, threads asked to quit
        and waited for); returns a line per leftover, allowed ones left running and unlisted."""
        found = []
        for timer, where in list(self.timers.items()):
            if _alive(timer) and timer.isActive() and not _allowed(where):
                name = f" {timer.objectName()!r}" if timer.objectName() else ""
                found.append(f"QTimer{name} ({timer.interval()} ms) started at {where}")
                timer.stop()
        for shot in self.single_shots:
            if shot.pending() and not _allowed(shot.where):
                found.append(f"QTimer.singleShot not fired yet, started at {shot.where}")
                shot.disarmed = True
        for thread, where in list(self.threads.items()):
            if _alive(thread) and thread.isRunning():
                found.append(f"QThread {type(thread).__name__} still running, started at {where}")
                thread.quit()
                thread.wait(5000)
        return found


def close_windows(app: Any) -> None:
    """Close every window and delete those without a parent (with their children and their
    timers), as the app does with a window it is done with."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in app.topLevelWidgets():
        if _alive(widget):
            widget.close()
            if widget.parent() is None:
                widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def leftover_tasks(loop: asyncio.AbstractEventLoop) -> list[asyncio.Task[Any]]:
    """The tasks still pending on ``loop`` whose cancellation nobody asked for."""
    return [t for t in asyncio.all_tasks(loop) if not t.done() and not t.cancelling()]


def describe_task(task: asyncio.Task[Any]) -> str:
    """``name: coroutine qualname, suspended at file:line``."""
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", repr(coro))
    frame = getattr(coro, "cr_frame", None)
    where = ""
    if frame is not None:
        path = Path(frame.f_code.co_filename).resolve()
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        where = f", waiting at {shown}:{frame.f_lineno}"
    return f"task {task.get_name()!r}: {name}{where}"
