"""The app's recent log lines, kept in memory for Help ▸ Report a problem.

The app writes no log file; :func:`install_recent_log` (called by ``app.py`` right after
``logging.basicConfig``) adds a :class:`RecentLog` handler to the root logger that keeps the
last :data:`CAPACITY` records of level INFO and above as text (never the record itself: its
arguments and traceback could keep windows alive). Lines are stored as logged; they are masked
(:func:`traitel_desktop.core.redact.redact`) only when a report is written. Qt-free.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

__all__ = [
    "CAPACITY",
    "RecentLine",
    "RecentLog",
    "install_recent_log",
    "recent_log",
    "uninstall_recent_log",
]

CAPACITY = 500
#: A longer message (a huge server answer in an error) is cut, to bound the memory used.
LONGEST_LINE = 4000

_lock = threading.Lock()
_installed: RecentLog | None = None


@dataclass(frozen=True, slots=True)
class RecentLine:
    """One log record as text: when (``time.time()``), its level and logger names, and the
    message with its traceback, if any."""

    created: float
    level: str
    logger: str
    text: str


class RecentLog(logging.Handler):
    """A handler that keeps the last ``capacity`` records as :class:`RecentLine`."""

    def __init__(self, capacity: int = CAPACITY, level: int = logging.INFO) -> None:
        super().__init__(level)
        self._lines: deque[RecentLine] = deque(maxlen=capacity)
        self._formatter = logging.Formatter()
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record`` as text."""
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + self._formatter.formatException(record.exc_info)
            if len(text) > LONGEST_LINE:
                text = text[:LONGEST_LINE] + " …"
            line = RecentLine(record.created, record.levelname, record.name, text)
        except Exception:
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)

    def lines(self) -> list[RecentLine]:
        """The lines kept, oldest first."""
        with self._guard:
            return list(self._lines)


def install_recent_log(capacity: int = CAPACITY, level: int = logging.INFO) -> RecentLog:
    """Keep the last ``capacity`` records of ``level`` and above (once; later calls return
    the handler already installed).

    When the root logger is set above ``level`` (WARNING without ``--verbose``), it is
    lowered to ``level`` and its other handlers keep the old level, so the console shows
    exactly what it showed before."""
    global _installed
    with _lock:
        if _installed is not None:
            return _installed
        root = logging.getLogger()
        if root.level > level:
            for handler in root.handlers:
                if handler.level == logging.NOTSET:
                    handler.setLevel(root.level)
            root.setLevel(level)
        _installed = RecentLog(capacity, level)
        root.addHandler(_installed)
        return _installed


def recent_log() -> RecentLog | None:
    """The handler :func:`install_recent_log` installed, if any."""
    return _installed


def uninstall_recent_log() -> None:
    """Remove the handler (tests); the root logger's level is left as it is."""
    global _installed
    with _lock:
        if _installed is not None:
            logging.getLogger().removeHandler(_installed)
            _installed.close()
            _installed = None
