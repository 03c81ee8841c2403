"""The app's asyncio loop on Qt: qasync's, with a thread-safe wake-up that never calls Qt.

qasync's ``call_soon_threadsafe`` emits a Qt signal (connected to a lambda) from the calling
thread. Worker threads call it every time a future they run completes (``run_in_executor``,
``asyncio.to_thread``), and our workers are plain Python threads, not QThreads. Emitting a
signal to a non-``@Slot`` receiver from such a thread can crash PySide6 6.8+ (PYSIDE-3124);
we saw it as rare segmentation faults in the GUI tests. Here the other thread only appends to a
deque and writes a byte to a socket pair; the Qt thread, woken by a socket notifier (qasync's
``add_reader``), schedules the callbacks. The same technique as asyncio's own selector loop.
"""

from __future__ import annotations

import collections
import socket
from collections.abc import Callable
from contextvars import Context
from typing import Any

import qasync


class AppEventLoop(qasync.QEventLoop):
    """qasync's event loop with a Qt-free :meth:`call_soon_threadsafe`."""

    def __init__(self, app: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self._pending: collections.deque[tuple[Callable[..., Any], tuple[Any, ...],
                                               Context | None]] = collections.deque()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self.add_reader(self._wake_in.fileno(), self._run_pending)

    def call_soon_threadsafe(
        self, callback: Callable[..., Any], *args: Any, context: Context | None = None
    ) -> None:
        """Schedule ``callback(*args)`` on the loop's thread; callable from any thread."""
        self._pending.append((callback, args, context))
        try:
            self._wake_out.send(b"\0")
        except (BlockingIOError, InterruptedError):
            pass  # the socket buffer is full: a wake-up is already pending
        except OSError:
            pass  # closed: the loop is shutting down

    def _run_pending(self) -> None:
        try:
            while self._wake_in.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        while self._pending:
            callback, args, context = self._pending.popleft()
            self.call_soon(callback, *args, context=context)

    def close(self) -> None:
        """Close the loop and its wake-up sockets."""
        if self.is_closed():
            return
        self.remove_reader(self._wake_in.fileno())
        super().close()
        self._wake_in.close()
        self._wake_out.close()
