"""The thread that keeps a live sandbox's activity coming: it calls
:meth:`~traitel_desktop.sandbox.live.LiveGenerator.step` every few seconds with the sandbox's
clock, until :meth:`LiveDriver.stop` (which :meth:`Sandbox.stop` calls before it closes the
database)."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable

from traitel_desktop.sandbox.live import LiveGenerator

#: Seconds between two steps: new rows are at most this late.
STEP_INTERVAL = 2.0


class LiveDriver:
    """Steps ``generator`` with ``clock()`` (epoch seconds) every ``interval`` seconds."""

    def __init__(
        self, generator: LiveGenerator, clock: Callable[[], float],
        interval: float = STEP_INTERVAL,
    ) -> None:
        self.generator = generator
        self.clock = clock
        self.interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="traitel-sandbox-live", daemon=True
        )

    def start(self) -> None:
        """Start the stream now (the first row comes about one gap later) and the thread."""
        self.generator.step(self.clock())
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self.interval):
            try:
                self.generator.step(self.clock())
            except Exception:  # one bad step is shown, the stream goes on
                traceback.print_exc(file=sys.stderr)

    def stop(self) -> None:
        """Stop stepping and wait for the thread (a step in progress finishes first)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)
