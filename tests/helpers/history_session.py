"""For the history, sync and watcher tests: the day their sandbox (``sb``, tests/conftest.py)
is pinned to, a Session on chosen gateway URLs, and URLs where nothing listens (a gateway
that is down)."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The day the ``sb`` fixture's demo sandbox is pinned to (its data ends that day).
HISTORY_DAY = dt.date(2026, 5, 20)


def make_session(urls: tuple[str, str], data_dir: Path, run: Callable[..., Any]) -> Any:
    from traitel_desktop.services import Session

    session = Session("demo", "demo", urls, data_dir=data_dir, connect_timeout=1.0,
                      read_timeout=10.0)
    return session


def dead_urls() -> tuple[str, str]:
    """Two loopback URLs where nothing listens."""
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    return tuple(f"http://127.0.0.1:{p}/accountmanager.pl" for p in ports)  # type: ignore[return-value]
