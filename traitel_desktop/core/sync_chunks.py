"""The pieces a history sync asks for: runs of consecutive days of one log (Qt-free).

:func:`month_chunks` cuts the days the archive lacks into month-sized :class:`Chunk` s, each
fetched with one request; :func:`fetch` is the worker-thread part of that request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from traitel_desktop.contract.logs import LogColumns

__all__ = ["Chunk", "Fetched", "fetch", "month_chunks"]


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive days ``first``..``last`` of one log, fetched with one request."""

    log: str
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        """How many days the chunk covers."""
        return (self.last - self.first).days + 1

    def halves(self) -> tuple[Chunk, Chunk]:
        """The chunk split in two (it must cover at least two days)."""
        middle = self.first + dt.timedelta(days=self.days // 2 - 1)
        return (Chunk(self.log, self.first, middle),
                Chunk(self.log, middle + dt.timedelta(days=1), self.last))

    def __str__(self) -> str:
        return f"{self.log} {self.first}..{self.last}"


def month_chunks(log_name: str, days: Iterable[dt.date]) -> list[Chunk]:
    """Runs of consecutive ``days`` cut at month boundaries (oldest first)."""
    chunks: list[Chunk] = []
    first: dt.date | None = None
    last: dt.date | None = None
    for day in sorted(days):
        if (first is not None and last is not None and day == last + dt.timedelta(days=1)
                and (day.year, day.month) == (first.year, first.month)):
            last = day
            continue
        if first is not None and last is not None:
            chunks.append(Chunk(log_name, first, last))
        first = last = day
    if first is not None and last is not None:
        chunks.append(Chunk(log_name, first, last))
    return chunks


@dataclass(frozen=True, slots=True)
class Fetched:
    """A chunk's answer: ``count`` rows, and the rows (``None``: ``limit`` rows for several
    days, to split)."""

    count: int
    rows: LogColumns | None


def fetch(chunk: Chunk, limit: int) -> Callable[[Any], Fetched]:
    """The worker-thread part: fetch the chunk's typed rows through the client (not kept
    when a range of several days came back full: it is split and fetched again)."""

    def run(client: Any) -> Fetched:
        rows: LogColumns = client.log(chunk.log, chunk.first, chunk.last, limit=limit)
        if len(rows) >= limit and chunk.days > 1:
            return Fetched(len(rows), None)
        return Fetched(len(rows), rows)

    return run
