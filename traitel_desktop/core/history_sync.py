"""Incremental sync of the activity logs into the local history archive (``Archive``).

Qt-free: plain asyncio. ``call`` is any ``await call(fn)`` that runs ``fn(client)`` with a
``TraiTelClient`` off the event loop and returns its result — ``Session.call`` in the app, a
thread-pool adapter in tests.

One :meth:`HistorySync.sync`:

1. asks the account's time zone (one small request: it tells whether a gateway answers, what
   "today" is, and whether the zone changed since the archive was written — then the archive
   is moved to the new zone and its boundary days marked, see ``Archive.change_time_zone``);
2. lists the days each log still needs (never fetched, incomplete, or not final yet: today
   and yesterday always), cut into month-sized chunks of consecutive days, newest first
   (:mod:`~traitel_desktop.core.sync_chunks`);
3. fetches the chunks ``parallel`` at a time for the whole account (no ``subid``: the archive
   is account-wide, sub-accounts are filtered on read) with ``TraiTelClient.log``, which
   reads the answer into typed columns in the worker thread;
4. stores each chunk in one transaction as it arrives and reports progress in days; a chunk
   that settles a whole month (every day complete and final) also builds that month's
   column cache (``Archive.warm_months``), still in the worker thread.

A flaky gateway does not stop the sync: every request is tried again after a failure on the
way (``retry``, a :class:`~traitel_desktop.core.sync_retry.RetryPolicy`: a few tries with
growing, cancellable waits). A chunk that still fails is left out and the sync goes on with
the others: its days are not stored, so they stay missing in the archive and the next sync
asks for them alone; :attr:`SyncReport.missing` lists them. Only when no gateway answers at
all is the sync stopped with :class:`Offline`: when the first request (the time zone) gets
no answer, or when a chunk's tries all went unanswered, nothing else answered meanwhile, and
one more question (the time zone again) goes unanswered too.

A response with ``limit`` rows may be cut short, so it is never stored: the range is split in
halves and fetched again; a single day with ``limit`` rows or more is stored as incomplete and
reported in :attr:`SyncReport.truncated`. Cancelling the task keeps every chunk already stored
(a chunk being written finishes first); chunks still on the wire, or waiting to be tried
again, are dropped. On :class:`Offline`, show the archive, marked offline, with
:meth:`Archive.last_sync`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from traitel_desktop.api.errors import (
    GatewayUnreachable,
    InvalidEndDate,
    InvalidStartDate,
    TraiTelError,
)
from traitel_desktop.contract.logs import LOG_NAMES, LOGS, LogColumns
from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.sync_chunks import Chunk, fetch, month_chunks
from traitel_desktop.core.sync_report import Offline, SyncReport
from traitel_desktop.core.sync_retry import TRANSIENT, UNREACHABLE, RetryPolicy
from traitel_desktop.store.archive import Archive

__all__ = ["Call", "Chunk", "HistorySync", "Offline", "RetryPolicy", "SyncReport",
           "month_chunks"]

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


class HistorySync:
    """Fills an :class:`Archive` from the gateway (see the module docstring).

    ``today(zone)`` gives today's date in an IANA zone (default: the real clock; tests pass
    the sandbox's ``today_for``). ``limit`` is sent with every log request; ``parallel``
    bounds the requests in flight; ``retry`` says how often and after which waits a request
    that failed on the way is tried again.
    """

    def __init__(
        self,
        call: Call,
        archive: Archive,
        *,
        today: Callable[[str], dt.date] = today_in,
        limit: int = DEFAULT_LIMIT,
        parallel: int = DEFAULT_PARALLEL,
        retry: RetryPolicy | None = None,
    ) -> None:
        if limit < 1 or parallel < 1:
            raise ValueError("limit and parallel must be at least 1")
        self._call = call
        self.archive = archive
        self._today = today
        self.limit = limit
        self.parallel = parallel
        self.retry = retry or RetryPolicy()

    async def sync(
        self,
        logs: Sequence[str] = LOG_NAMES,
        start: dt.date | None = None,
        end: dt.date | None = None,
        progress: Progress | None = None,
    ) -> SyncReport:
        """Fetch what the archive lacks of ``logs`` from ``start`` to ``end`` (inclusive;
        ``end`` is capped at today, ``start`` defaults to 364 days before today).

        Returns the report (with the days that could not be fetched in
        :attr:`SyncReport.missing`). Raises :class:`Offline` when no gateway answers, the
        API's errors otherwise, and ``CancelledError`` when cancelled (stored chunks stay).
        """
        for name in logs:
            if name not in LOGS:
                raise ValueError(f"unknown log {name!r}")
        run = _Run(SyncReport(), progress or (lambda done, needed: None))
        try:
            zone: str = await self._request(run, lambda c: c.query_time_zone(), "time zone")
        except UNREACHABLE as exc:
            raise Offline(self.archive.last_sync()) from exc
        report = run.report
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
        run.tell(0, report.needed_days)
        gate = asyncio.Semaphore(self.parallel)

        async def one(chunk: Chunk) -> None:
            async with gate:
                if run.stopped:  # a chunk failed the sync: send nothing more
                    return
                try:
                    await self._chunk(chunk, today, run)
                except BaseException:
                    run.stopped = True  # before the next chunk takes this one's place
                    raise

        try:
            async with asyncio.TaskGroup() as group:
                for chunk in chunks:
                    group.create_task(one(chunk))
        except BaseExceptionGroup as errors:
            raise self._one_error(errors, report) from None
        if report.missing:
            log.warning("%d of %d days could not be fetched: %s", report.missing_days,
                        report.needed_days, ", ".join(map(str, report.missing)))
        return report

    async def _request(self, run: _Run, fn: Callable[[Any], T], what: str) -> T:
        """``await call(fn)``, tried again per :attr:`retry` after failures on the way;
        counts the requests sent and those some gateway answered."""
        tries = 0

        async def attempt() -> T:
            nonlocal tries
            tries += 1
            run.report.requests += 1
            if tries > 1:
                run.report.retries += 1
            try:
                result = await self._call(fn)
            except UNREACHABLE:
                raise
            except TraiTelError:
                run.answered += 1  # an error answer (Error 001 too) is an answer
                raise
            run.answered += 1
            return result

        return await self.retry.run(attempt, what)

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

    async def _chunk(self, chunk: Chunk, today: dt.date, run: _Run) -> None:
        report = run.report
        answered_before = run.answered
        try:
            fetched = await self._request(run, fetch(chunk, self.limit), str(chunk))
        except (InvalidEndDate, InvalidStartDate):
            if chunk.last != today:
                raise
            # This computer's clock is ahead of the gateway's (around midnight): "today"
            # is still in the future there. Leave it for the next sync.
            report.needed_days -= 1
            log.info("%s: the gateway's today is still %s", chunk.log, today - _DAY)
            if chunk.days > 1:
                await self._chunk(Chunk(chunk.log, chunk.first, today - _DAY), today, run)
            else:
                run.tell(report.done_days, report.needed_days)
            return
        except TRANSIENT as exc:
            await self._give_up(chunk, run, exc, nothing_answered=run.answered == answered_before)
            return
        if fetched.rows is None:
            report.splits += 1
            for half in chunk.halves():
                await self._chunk(half, today, run)
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
        run.tell(report.done_days, report.needed_days)

    async def _give_up(self, chunk: Chunk, run: _Run, exc: BaseException, *,
                       nothing_answered: bool) -> None:
        """A chunk's tries all failed: leave its days for the next sync, unless no gateway
        answers at all any more (then :class:`Offline` stops the sync)."""
        if isinstance(exc, UNREACHABLE) and nothing_answered and not await self._answers(run):
            raise Offline(self.archive.last_sync(), run.report.done_days) from exc
        log.warning("%s: not fetched after %d tries (%s); left for the next sync", chunk,
                    self.retry.attempts, exc)
        run.report.missing.append(chunk)

    async def _answers(self, run: _Run) -> bool:
        """Whether a gateway answers a small question now (the time zone, asked once)."""
        run.report.requests += 1
        try:
            await self._call(lambda c: c.query_time_zone())
        except UNREACHABLE:
            return False
        except TraiTelError:
            pass
        run.answered += 1
        return True

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
            if isinstance(exc, Offline):
                return exc
        for exc in leaves:
            if isinstance(exc, GatewayUnreachable | TimeoutError):
                offline = Offline(self.archive.last_sync(), report.done_days)
                offline.__cause__ = exc
                return offline
        return leaves[0]


@dataclass(slots=True)
class _Run:
    """The state of one :meth:`HistorySync.sync`: its report, its progress callback, how
    many of its requests some gateway answered, and whether it is being stopped."""

    report: SyncReport
    tell: Progress
    answered: int = 0
    stopped: bool = False


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
