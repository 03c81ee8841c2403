"""Start the sandbox in a background thread at the very start of ``--demo`` (no Qt, no asyncio
imported here), so it is ready by the time the window is."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

#: New events a minute on the demo account while ``--demo`` runs: gentle, so alerts arrive
#: now and then (a new text, a missed call, sometimes a failed fax) without flooding the
#: Activity tab. ``--demo-live 0`` turns it off; the screenshot run and the tests never use it.
DEMO_LIVE_RATE = 1.0


def sandbox_cache_dir() -> Path:
    """Where the generated demo data is cached between starts (the per-user cache directory)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("TraiTel Desktop", appauthor=False))


def start_early(data_dir: Path | None = None, live_rate: float = 0.0) -> Future[Any]:
    """Import and start the sandbox in a background thread right away (``--demo``), so it is
    ready by the time Qt is; returns a Future of the running sandbox for :class:`LocalSandbox`.
    Needs no Qt, so the app can call it before importing PySide6. ``live_rate``: new events a
    minute while it runs (see :data:`DEMO_LIVE_RATE`)."""
    future: Future[Any] = Future()

    def run() -> None:
        try:
            from traitel_desktop.sandbox import start_sandbox

            future.set_result(
                start_sandbox(data_dir=data_dir, preset="demo", cache_dir=sandbox_cache_dir(),
                              live_rate=live_rate)
            )
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, name="sandbox-start", daemon=True).start()
    return future
