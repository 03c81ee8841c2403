"""The sandbox gateway on this computer, started in-process on demand (``--demo``, "Try the
demo", and the "Sandbox on this computer" profile) and stopped on quit.

Where the practice data lives — the rule (the demo badge says it in plain words):

* ``--demo`` alone: the sandbox keeps the practice account in memory, so every change made
  in the app is forgotten on quit. The app's own records of it (change history, saved
  activity) live in one stable folder, ``<user data>/demo/<user>``, which is emptied each
  time the sandbox starts: the records then always agree with the fresh practice account,
  and demo starts never pile up folders. (Earlier versions made a folder per start, named
  after the sandbox's port; those are removed at the same moment.)
* ``--demo --data-dir DIR``: the sandbox keeps the practice account in ``DIR`` and the app
  keeps its records in ``DIR/app/<user>``; both survive restarts, together.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"  # the sandbox's public demo account, not a secret
#: The folder (in the per-user data directory) of the in-memory demo's records.
DEMO_FOLDER = "demo"
#: The folder (in ``--data-dir``) of the app's records of a kept demo.
KEPT_RECORDS_FOLDER = "app"
#: The per-start folders of earlier versions: an account on a loopback sandbox port.
_PORT_FOLDER = re.compile(r"(demo|noivr|other|locked)@http_127\.0\.0\.1_\d+(_[\w.-]*)?")


@dataclass(frozen=True, slots=True)
class PracticeData:
    """What the demo badge tells the owner: ``kept_in`` is the folder that keeps the practice
    account's changes (``--data-dir``), or None when they are forgotten on quit."""

    kept_in: Path | None


def _user_folder(username: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", username).strip("._")[:60] or "account"


class LocalSandbox:
    """Owns at most one in-process sandbox; ``urls()`` starts it the first time."""

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        running: Any = None,
        pending: Future[Any] | None = None,
        live_rate: float = 0.0,
    ) -> None:
        """``running``: use this already running sandbox (tests); it is not stopped here.
        ``pending``: a sandbox being started elsewhere (see :func:`start_early`); owned.
        ``live_rate``: new events a minute in a sandbox started here (0: none; the app's
        ``--demo`` uses ``early_sandbox.DEMO_LIVE_RATE``)."""
        self.data_dir = data_dir
        self.live_rate = live_rate
        self._sandbox: Any = running
        self._owned = running is None
        self._pending = pending
        self._lock = asyncio.Lock()
        self._records_checked = False

    # --- where the app keeps its records of the practice accounts -------------------------
    def records_root(self) -> Path:
        """The folder of the app's records of accounts on this sandbox (see the module
        docstring): ``DIR/app`` with ``--data-dir DIR``, else ``<user data>/demo``."""
        if self.data_dir is not None:
            return Path(self.data_dir) / KEPT_RECORDS_FOLDER
        from traitel_desktop.services.session import default_data_root

        return default_data_root() / DEMO_FOLDER

    def records_dir(self, username: str) -> Path:
        """The data folder of ``username``'s session on this sandbox (one per account)."""
        return self.records_root() / _user_folder(username)

    def practice(self) -> PracticeData:
        """What the demo badge says about this sandbox's data."""
        return PracticeData(None if self.data_dir is None else Path(self.data_dir))

    def _forget_old_records(self) -> None:
        """Once this object has started an in-memory sandbox: empty the records folder (the
        practice account is new, so are its records) and remove earlier per-port folders."""
        if self._records_checked or not self._owned or self.data_dir is not None:
            return
        self._records_checked = True
        root = self.records_root()
        stale = [root] + [
            p for p in root.parent.glob("*@http_127.0.0.1_*") if _PORT_FOLDER.fullmatch(p.name)
        ]
        for folder in stale:
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:
                pass
            except OSError as exc:  # e.g. another demo still running on Windows
                log.warning("could not empty the demo folder %s: %s", folder, exc)

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
                data_dir=self.data_dir, preset="demo", cache_dir=sandbox_cache_dir(),
                live_rate=self.live_rate,
            )
            self._owned = True
            log.info("sandbox started at %s", self._sandbox.primary_url)
            self._forget_old_records()
        return self._sandbox.primary_url, self._sandbox.alternate_url

    async def urls(self) -> tuple[str, str]:
        """Start the sandbox if needed (in a worker thread, the UI keeps running)."""
        async with self._lock:
            if self._sandbox is None and self._pending is not None:
                pending, self._pending = self._pending, None
                self._sandbox = await asyncio.wrap_future(pending)
                self._owned = True
                self._forget_old_records()
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
            self._records_checked = False  # a new start is a new practice account
