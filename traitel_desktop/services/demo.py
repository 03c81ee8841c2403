"""The sandbox gateway on this computer, started in-process on demand (``--demo``, "Try the
demo", and the "Sandbox on this computer" profile) and stopped on quit."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"  # the sandbox's public demo account, not a secret


class LocalSandbox:
    """Owns at most one in-process sandbox; ``urls()`` starts it the first time."""

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        running: Any = None,
        pending: Future[Any] | None = None,
    ) -> None:
        """``running``: use this already running sandbox (tests); it is not stopped here.
        ``pending``: a sandbox being started elsewhere (see :func:`start_early`); owned."""
        self.data_dir = data_dir
        self._sandbox: Any = running
        self._owned = running is None
        self._pending = pending
        self._lock = asyncio.Lock()

    @property
    def running(self) -> bool:
        """Whether the sandbox has been started and not stopped."""
        return self._sandbox is not None

    def start(self) -> tuple[str, str]:
        """Start the sandbox now (blocking; on free loopback ports) and return its URLs."""
        if self._sandbox is None:
            from traitel_desktop.sandbox import start_sandbox
            from traitel_desktop.services.early_sandbox import sandbox_cache_dir

            self._sandbox = start_sandbox(
                data_dir=self.data_dir, preset="demo", cache_dir=sandbox_cache_dir()
            )
            self._owned = True
            log.info("sandbox started at %s", self._sandbox.primary_url)
        return self._sandbox.primary_url, self._sandbox.alternate_url

    async def urls(self) -> tuple[str, str]:
        """Start the sandbox if needed (in a worker thread, the UI keeps running)."""
        async with self._lock:
            if self._sandbox is None and self._pending is not None:
                pending, self._pending = self._pending, None
                self._sandbox = await asyncio.wrap_future(pending)
                self._owned = True
            if self._sandbox is None:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(None, self.start)
            return self._sandbox.primary_url, self._sandbox.alternate_url

    def stop(self) -> None:
        """Stop the sandbox if this object started (or adopted) it."""
        pending, self._pending = self._pending, None
        if pending is not None and self._sandbox is None:
            try:
                self._sandbox = pending.result(timeout=60)
            except Exception:  # it failed to start: nothing to stop
                self._sandbox = None
        sandbox, self._sandbox = self._sandbox, None
        if sandbox is not None and self._owned:
            sandbox.stop()
