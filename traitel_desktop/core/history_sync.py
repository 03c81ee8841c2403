"""Incremental sync of the activity logs into the local history archive (``Archive``).

Qt-free: plain asyncio. ``call`` is any ``await call(fn)`` that runs ``fn(client)`` with a
``TraiTelClient`` off the event loop and returns its result — ``Session.call`` in the app, a
thread-pool adapter in tests.

One :meth:`HistorySync.sync`:

1. asks the account's time zone (one small request: it tells whether a gateway answers, what
   "today" is, and whether the zone changed since the archive was written — then the archive
   is moved to the new zone and its boundary days marked, see ``Archive.change_time_zone``);
2. lists the days each log still needs (never fetched, incomplete, or not final yet: today
   and yesterday always), cut into month-sized chunks of consecutive days, newest first;
3. fetches the chunks ``parallel`` at a time for the whole account (no ``subid``: the archive
   is account-wide, sub-accounts are filtered on read) with ``TraiTelClient.log``, which
   reads the answer into typed columns in the worker thread;
4. stores each chunk in one transaction as it arrives and reports progress in days; a chunk
   that settles a whole month (every day complete and final) also builds that month's
   column cache (``Archive.warm_months``), still in the worker thread.

A response with ``limit`` rows may be cut short, so it is never stored: the range is split in
halves and fetched again; a single day with ``limit`` rows or more is stored as incomplete and
reported in :attr:`SyncReport.truncated`. Cancelling the task keeps every chunk already stored
(a chunk being written finishes first); chunks still on the wire are dropped. When no gateway
answers, :class:`Offline` is raised: show the archive, marked offline, with
:meth:`Archive.last_sync`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from traitel_desktop.api.errors import (
    GatewayUnreachable,
    InvalidEndDate,
    InvalidStartDate,
    TraiTelError,
)
from traitel_desktop.contract.logs import LOG_NAMES, LOGS, LogColumns
from traitel_desktop.contract.zones import today_in
from traitel_desktop.store.archive import Archive

__all__ = ["Call", "Chunk", "HistorySync", "Offline", "SyncReport", "month_chunks"]

log = logging.getLogger(__name__)

T = TypeVar("T")
#: ``progress(done_days, needed_days)``, called on the event loop.
Progress = Callable[[int, int], None]
DEFAULT_LIMIT = 200_000
DEFAULT_PARALLEL = 3
_DAY = dt.timedelta(days=1)


class Call(Protocol):
    """The shape of ``Session.call``: run ``fn(client)`` off the loop, await its result."""

    def __call__(self, fn: Callable[[Any], T], /) -> Awaitable[T]: ...


class Offline(TraiTelError):
    """No gateway answered: show the archived history, marked offline.

    ``last_sync`` is when archived data last arrived (None when the archive is empty);
    ``stored_days`` counts days this sync still managed to store before the connection went.
    """

    def __init__(self, last_sync: dt.datetime | None, stored_days: int = 0) -> None:
        self.last_sync = last_sync
        self.stored_days = stored_days
        when = "never" if last_sync is None else last_sync.isoformat(timespec="seconds")
        super().__init__(
            f"No TraiTel gateway answered; showing the archive (last sync: {when})",
            "TraiTel's servers could not be reached, so this is the history saved on this "
            "computer at the last sync. Newer activity is not shown. Check the internet "
            "connection and sync again.",
        )


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


@dataclass(slots=True)
class SyncReport:
    """What one sync did."""

    zone: str = ""
    today: dt.date | None = None
    needed_days: int = 0
    done_days: int = 0
    requests: int = 0
    splits: int = 0
    rows: int = 0
    #: (log, day) stored incomplete: the gateway gave ``limit`` rows for that single day.
    truncated: list[tuple[str, dt.date]] = field(default_factory=list)
    #: Days per log that the zone change marked for a new fetch.
    zone_change: dict[str, list[dt.date]] = field(default_factory=dict)


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
class _Fetched:
    count: int
    rows: LogColumns | None  # None: ``limit`` rows for several days, to split


def _fetch(chunk: Chunk, limit: int) -> Callable[[Any], _Fetched]:
    """The worker-thread part: fetch the chunk's typed rows through the client (not kept
    when a range of several days came back full: it is split and fetched again)."""

    def run(client: Any) -> _Fetched:
        rows: LogColumns = client.log(chunk.log, chunk.first, chunk.last, limit=limit)
        if len(rows) >= limit and chunk.days > 1:
            return _Fetched(len(rows), None)
        return _Fetched(len(rows), rows)

    return run


class HistorySync:
    """Fills an :class:`Archive` from the gateway (see the module docstring).

    ``today(zone)`` gives today's date in an IANA zone (default: the real clock; tests pass
    the sandbox's ``today_for``). ``limit`` is sent with every log request; ``parallel``
    bounds the requests in flight.
    """

    def __init__(
        self,
        call: Call,
        archive: Archive,
        *,
        today: Callable[[str], dt.date] = today_in,
        limit: int = DEFAULT_LIMIT,
        parallel: int = DEFAULT_PARALLEL,
    ) -> None:
        if limit < 1 or parallel < 1:
            raise ValueError("limit and parallel must be at least 1")
        self._call = call
        self.archive = archive
        self._today = today
        self.limit = limit
        self.parallel = parallel

    async def sync(
        self,
        logs: Sequence[str] = LOG_NAMES,
        start: dt.date | None = None,
        end: dt.date | None = None,
        progress: Progress | None = None,
    ) -> SyncReport:
        """Fetch what the archive lacks of ``logs`` from ``start`` to ``end`` (inclusive;
        ``end`` is capped at today, ``start`` defaults to 364 days before today).

        Raises :class:`Offline` when no gateway answers, the API's errors otherwise, and
        ``CancelledError`` when cancelled (stored chunks stay).
        """
        for name in logs:
            if name not in LOGS:
                raise ValueError(f"unknown log {name!r}")
        report = SyncReport()
        try:
            zone: str = await self._call(lambda c: c.query_time_zone())
        except (GatewayUnreachable, TimeoutError) as exc:
            raise Offline(self.archive.last_sync()) from exc
        report.requests += 1
        today = self._today(zone)
        report.zone, report.today = zone, today
        await self._follow_zone(zone, today, report)
        last = today if end is None or end > today else end
        first = start if start is not None else today - dt.timedelta(days=364)
        chunks: list[Chunk] = []
        for name in logs:
            chunks += month_chunks(name, self.archive.missing_days(name, first, last, today))
        chunks.sort(key=lambda c: (c.first, LOG_NAMES.index(c.log)), reverse=True)
        report.needed_days = sum(c.days for c in chunks)
        tell = progress or (lambda done, needed: None)
        tell(0, report.needed_days)
        gate = asyncio.Semaphore(self.parallel)

        async def one(chunk: Chunk) -> None:
            async with gate:
                await self._chunk(chunk, today, report, tell)

        try:
            async with asyncio.TaskGroup() as group:
                for chunk in chunks:
                    group.create_task(one(chunk))
        except BaseExceptionGroup as errors:
            raise self._one_error(errors, report) from None
        return report

    async def _follow_zone(self, zone: str, today: dt.date, report: SyncReport) -> None:
        old = self.archive.zone
        if old == zone:
            return
        if old is None:
            self.archive.set_zone(zone)
            return
        log.info("account time zone changed from %s to %s: moving the archive", old, zone)
        report.zone_change = await _finish(asyncio.to_thread(
            self.archive.change_time_zone, zone, today_old=self._today(old), today_new=today
        ))

    async def _chunk(
        self, chunk: Chunk, today: dt.date, report: SyncReport, tell: Progress
    ) -> None:
        try:
            fetched = await self._call(_fetch(chunk, self.limit))
        except (InvalidEndDate, InvalidStartDate):
            if chunk.last != today:
                raise
            # This computer's clock is ahead of the gateway's (around midnight): "today"
            # is still in the future there. Leave it for the next sync.
            report.requests += 1
            report.needed_days -= 1
            log.info("%s: the gateway's today is still %s", chunk.log, today - _DAY)
            if chunk.days > 1:
                await self._chunk(Chunk(chunk.log, chunk.first, today - _DAY), today, report,
                                  tell)
            else:
                tell(report.done_days, report.needed_days)
            return
        report.requests += 1
        if fetched.rows is None:
            report.splits += 1
            for half in chunk.halves():
                await self._chunk(half, today, report, tell)
            return
        complete = fetched.count < self.limit
        if not complete:
            # One day with ``limit`` rows or more: keep what came, fetch it again next time.
            report.truncated.append((chunk.log, chunk.first))
            log.warning("%s %s has %d rows or more: stored incomplete", chunk.log,
                        chunk.first, self.limit)
        rows = fetched.rows if fetched.rows is not None else LogColumns.empty(chunk.log)
        await _finish(asyncio.to_thread(self._store, chunk, rows, today, complete))
        report.rows += len(rows)
        report.done_days += chunk.days
        tell(report.done_days, report.needed_days)

    def _store(self, chunk: Chunk, rows: LogColumns, today: dt.date, complete: bool) -> None:
        """The worker-thread part of storing a chunk: write it, then build the month cache
        of the months it settled, so the first open after the sync reads them ready-made."""
        self.archive.store_range(chunk.log, chunk.first, chunk.last, rows, today=today,
                                 complete=complete)
        try:
            self.archive.warm_months(chunk.log, chunk.first, chunk.last, today=today)
        except sqlite3.Error as exc:  # the rows are stored; the first open builds the cache
            log.warning("%s: month cache not built after %s..%s: %s", chunk.log, chunk.first,
                        chunk.last, exc)

    def _one_error(self, errors: BaseExceptionGroup[Any], report: SyncReport) -> BaseException:
        leaves: list[BaseException] = []

        def walk(group: BaseExceptionGroup[Any]) -> None:
            for exc in group.exceptions:
                if isinstance(exc, BaseExceptionGroup):
                    walk(exc)
                else:
                    leaves.append(exc)

        walk(errors)
        for exc in leaves:
            if isinstance(exc, GatewayUnreachable | TimeoutError):
                offline = Offline(self.archive.last_sync(), report.done_days)
                offline.__cause__ = exc
                return offline
        return leaves[0]


async def _finish(work: Awaitable[T]) -> T:
    """Await ``work`` to its end even when cancelled meanwhile (then re-raise the cancel):
    a store that started always commits before the sync task ends."""
    future = asyncio.ensure_future(work)
    cancelled = False
    while True:
        try:
            result = await asyncio.shield(future)
        except asyncio.CancelledError:
            if future.done():
                raise
            cancelled = True
            continue
        if cancelled:
            raise asyncio.CancelledError
        return result
