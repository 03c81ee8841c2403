"""Small helpers for coroutines on the Qt thread (qasync)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtWidgets import QDialog

from traitel_desktop.services import Superseded

log = logging.getLogger(__name__)

_tasks: set[asyncio.Task[Any]] = set()


def spawn(coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task[Any]:
    """Start ``coro`` as a task and keep a reference until it ends (tasks without a reference
    can be collected mid-run). Unexpected errors reach the loop's exception handler."""
    task = asyncio.get_event_loop().create_task(coro, name=name)
    _tasks.add(task)
    task.add_done_callback(_done)
    return task


def _done(task: asyncio.Task[Any]) -> None:
    _tasks.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is None or isinstance(exc, Superseded):
        return
    loop = task.get_loop()
    loop.call_exception_handler(
        {"message": f"Unhandled error in task {task.get_name()}", "exception": exc, "task": task}
    )


async def wait_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` with ``open()`` (window-modal, not ``exec()``) and wait until it closes;
    returns its result code: ``Rejected`` (0) when it is deleted without being closed (with
    the window it belongs to, at sign-out), so the waiting task ends instead of staying
    pending for the rest of the app's life."""
    loop = asyncio.get_event_loop()
    future: asyncio.Future[int] = loop.create_future()

    def finished(result: int) -> None:
        if not future.done() and not loop.is_closed():
            future.set_result(result)

    dialog.finished.connect(finished)
    dialog.destroyed.connect(lambda: finished(QDialog.DialogCode.Rejected.value))
    dialog.open()
    return await future
