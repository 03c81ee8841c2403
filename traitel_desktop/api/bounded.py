"""Reading an answer within its bounds: a size cap per mode, and a total deadline.

Every answer is streamed (``requests`` with ``stream=True``) and read a chunk at a time with
``urllib3``'s ``read1``, which returns as soon as some data has arrived and inflates a
compressed body lazily, never more than one chunk at a time. So neither a huge answer nor a
small gzip "bomb" is ever held whole: the count of inflated bytes stops it at its cap.

Size caps, in bytes after any ``Content-Encoding`` is undone (a declared ``Content-Length``
over the cap is refused before reading):

* 64 KiB for single values and changes (``querybalance``, ``querytimezone``,
  ``querysmscost``, ``addsubaccount``, ``addivml``, ``settimezone`` and every other change):
  a balance is a few bytes, the room is for a proxy's error page (a protocol error, not a cap).
* 8 MiB for lists and price tables (``querysubaccounts``, ``querynumbers``, ``querydid*``,
  ``listivr``, ``listivml``, ``queryvoicecost``, ``queryfaxcost``): ten thousand sub-accounts
  or numbers take under 2 MB.
* 64 MiB for the logs (``log*``): a year of ``logsmsout`` of the ``large`` sandbox preset
  (320 thousand rows) is 22 MB, and the history sync asks for a month at a time.

Deadlines, for the whole request (the failover to the other gateway included): 60 s, and
120 s for the logs. The time between chunks is checked against it, the socket time-outs are
capped by what is left, and :mod:`traitel_desktop.api.watchdog` shuts the connection at the
deadline, so a dripping gateway can hold a worker thread no longer than that.
A CSV row is capped too (:mod:`traitel_desktop.api.body`: ``MAX_COLUMNS``, ``MAX_ROW_CHARS``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from traitel_desktop.contract.modes import is_read_only

__all__ = [
    "CHUNK",
    "Deadline",
    "Limit",
    "PastDeadline",
    "TooLarge",
    "limit_for",
    "megabytes",
    "read_body",
]

KIB = 1024
MIB = 1024 * KIB

#: Bytes asked for per read: the most inflated at once from a compressed answer.
CHUNK = 64 * KIB

_VALUE_MODES = frozenset({"querybalance", "querytimezone", "querysmscost", "querysmcost"})


@dataclass(frozen=True, slots=True)
class Limit:
    """The bounds of one mode's answer: ``max_bytes`` after decompression, and ``deadline``
    seconds for the whole request."""

    max_bytes: int
    deadline: float


VALUE = Limit(64 * KIB, 60.0)
TABLE = Limit(8 * MIB, 60.0)
LOG = Limit(64 * MIB, 120.0)


def limit_for(mode: str) -> Limit:
    """The size cap and deadline of ``mode`` (see the module docstring)."""
    if mode.startswith("log"):
        return LOG
    if mode in _VALUE_MODES or not is_read_only(mode):
        return VALUE
    return TABLE


def megabytes(size: int) -> str:
    """``size`` bytes in words for an owner: "64 MB", "64 KB"."""
    if size >= MIB:
        return f"{size / MIB:.0f} MB"
    return f"{max(size // KIB, 1)} KB"


class Deadline:
    """A point in time (monotonic clock) ``seconds`` from now."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.end - time.monotonic()

    def cap(self, timeout: float) -> float:
        """``timeout``, or less when less time is left (never zero: that means 'no wait')."""
        return max(min(timeout, self.remaining()), 0.001)


class TooLarge(Exception):
    """The answer passed its cap: ``size`` bytes (at least) against ``cap``."""

    def __init__(self, size: int, cap: int) -> None:
        super().__init__(f"the answer is larger than {cap} bytes ({size} or more)")
        self.size = size
        self.cap = cap


class PastDeadline(Exception):
    """The deadline passed while the answer was still arriving."""


def read_body(raw: Any, cap: int, deadline: Deadline) -> bytes:
    """The whole body of ``raw`` (an ``urllib3.HTTPResponse``), inflated, at most ``cap``
    bytes and before ``deadline``; raises :class:`TooLarge` or :class:`PastDeadline`, and
    ``urllib3`` errors for a broken connection or stream."""
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap and not raw.headers.get("Content-Encoding"):
        raise TooLarge(int(declared), cap)
    parts: list[bytes] = []
    size = 0
    while True:
        if deadline.remaining() <= 0:
            raise PastDeadline
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > cap or raw.tell() > cap:
            raise TooLarge(max(size, raw.tell()), cap)
        parts.append(chunk)
