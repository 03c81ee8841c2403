"""Unexpected exceptions: logged and shown in a dialog, never a silent death.

Installs ``sys.excepthook`` (qasync's ``asyncSlot`` reports task errors there) and the asyncio
loop's exception handler.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from traitel_desktop.services import Superseded
from traitel_desktop.ui.widgets.errors import show_unexpected

log = logging.getLogger(__name__)

ParentGetter = Callable[[], QWidget | None]


def _default_parent() -> QWidget | None:
    window = QApplication.activeWindow()
    return window if window is not None and window.isVisible() else None


def report(exc: BaseException, parent_getter: ParentGetter = _default_parent) -> None:
    """Show ``exc`` unless it is one the app ignores on purpose."""
    if isinstance(exc, Superseded | asyncio.CancelledError | KeyboardInterrupt):
        return
    try:
        show_unexpected(parent_getter(), exc)
    except Exception:  # pragma: no cover - the last resort must not raise
        log.exception("could not show the error dialog")


def install_exception_hooks(
    loop: asyncio.AbstractEventLoop, parent_getter: ParentGetter = _default_parent
) -> Callable[[], None]:
    """Install both hooks; returns a function that restores the previous ones."""
    previous_hook = sys.excepthook
    previous_handler = loop.get_exception_handler()

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous_hook(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        report(exc, parent_getter)

    def handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            report(exc, parent_getter)
        else:
            log.error("asyncio: %s", context.get("message", context))

    sys.excepthook = excepthook
    loop.set_exception_handler(handler)

    def uninstall() -> None:
        sys.excepthook = previous_hook
        loop.set_exception_handler(previous_handler)

    return uninstall
