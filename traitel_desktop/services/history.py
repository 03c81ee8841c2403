"""The Qt side of the activity history: one :class:`HistoryService` per signed-in session.

It owns the account's :class:`~traitel_desktop.store.archive.Archive` and a
:class:`~traitel_desktop.core.history_sync.HistorySync` over ``session.call``, and gives
the views (Activity, Spend) one place to

* read archived rows at once (:meth:`HistoryService.rows` on the Qt thread, or
  :meth:`HistoryService.load_rows` in a reader thread for big ranges),
* fill in the days the archive lacks (:meth:`HistoryService.ensure`) with progress signals
  and a cancel that keeps what arrived,
* know when no gateway answers (:attr:`HistoryService.offline`, with the last sync time), and
* read day totals for charts (:meth:`HistoryService.totals_by_day`).

Archive writes and parsing happen in worker threads (``HistorySync``); the Qt thread only
schedules them. When the account's time zone changes (``session.data_changed("timezone")``)
the archive is moved to the new zone in a worker thread.

The archive opens on the Qt thread with a light check and is checked whole in a worker thread
before the first sync (:mod:`.history_repair`); a damaged one is moved aside and replaced by
an empty one (``repaired`` tells the views, the next sync fetches it again). Storage failures
reach the views as :class:`~.storage.StorageError`, never as bare ``sqlite3`` errors.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.history_sync import HistorySync, Offline, SyncReport
from traitel_desktop.runtime.responsiveness import bulk_job
from traitel_desktop.services.history_repair import ArchiveRepairs
from traitel_desktop.services.storage import DamagedDatabase
from traitel_desktop.store.archive import Archive, DayTotal
from traitel_desktop.store.archive_columns import read_columns

if TYPE_CHECKING:
    from traitel_desktop.services import Session

__all__ = [
    "CANCELLED",
    "DONE",
    "OFFLINE",
    "EnsureResult",
    "HistoryService",
    "read_columns",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

#: :attr:`EnsureResult.state` values.
DONE, CANCELLED, OFFLINE = "done", "cancelled", "offline"

_services: weakref.WeakKeyDictionary[Any, HistoryService] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class EnsureResult:
    """How one :meth:`HistoryService.ensure` ended.

    ``state`` is :data:`DONE` (``report`` set; days that could not be fetched even after a
    few tries are in ``report.missing`` and fetched by the next sync), :data:`CANCELLED` (what
    arrived is kept) or :data:`OFFLINE` (no gateway answered; ``last_sync`` is when data last
    arrived).
    """

    state: str
    report: SyncReport | None = None
    last_sync: dt.datetime | None = None


class HistoryService(QObject, ArchiveRepairs):
    """The activity history of one session (see the module docstring).

    Signals: ``sync_started()``; ``progress(done_days, needed_days)`` while a sync runs;
    ``sync_finished(EnsureResult)``; ``offline_changed(bool)``; ``archive_changed()`` after a
    sync stored rows or the archive moved to a new time zone (views re-read then);
    ``repaired(error)`` when a damaged archive was moved aside and replaced by an empty one
    (``error.explanation`` says so in plain words; the next sync fetches it again).
    """

    sync_started = Signal()
    progress = Signal(int, int)
    sync_finished = Signal(object)
    offline_changed = Signal(bool)
    archive_changed = Signal()
    repaired = Signal(object)

    def __init__(
        self,
        session: Session,
        *,
        today: Callable[[str], dt.date] = today_in,
        limit: int | None = None,
        parallel: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        # A light check here (the Qt thread); the whole file is checked in a worker thread.
        self.archive = Archive.in_directory(session.data_dir, check=False, repair=True)
        #: The repair the views have not been told about yet (see ``repaired``).
        self._untold: DamagedDatabase | None = self.archive.repaired
        self._check: asyncio.Future[None] | None = None
        self._met: DamagedDatabase | None = None  # damage met in use, after the check
        self._generation = 0  # of the archive file: reader threads reopen when it moves
        options: dict[str, Any] = {"today": today}
        if limit is not None:
            options["limit"] = limit
        if parallel is not None:
            options["parallel"] = parallel
        self._sync_options = options
        self.sync_engine = HistorySync(partial(session.call, retried=True), self.archive, **options)
        self._today = today
        self.offline = False
        self.last_sync: dt.datetime | None = self._reading(self.archive.last_sync, None)
        self.done_days = 0
        self.needed_days = 0
        self._task: asyncio.Task[SyncReport] | None = None
        self._lock = asyncio.Lock()  # one sync or zone move at a time
        self._cancel_requested = False
        self._zone_tasks: set[asyncio.Task[Any]] = set()
        self._reader = ThreadPoolExecutor(max_workers=2, thread_name_prefix="history-read")
        self._reader_local = threading.local()
        self._readers: list[Archive] = []
        self._connections: list[sqlite3.Connection] = []
        self._closed = False
        session.data_changed.connect(self._data_changed)

    # --- one per session ----------------------------------------------------------------
    @classmethod
    def for_session(cls, session: Session) -> HistoryService:
        """The session's service, created on first use (one per :class:`Session`)."""
        service = _services.get(session)
        if service is None or service._closed:
            service = cls(session, parent=session)
            _services[session] = service
        return service

    def close(self) -> None:
        """Cancel a running sync, stop the reader thread and close the archive."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        for task in list(self._zone_tasks):
            task.cancel()
        readers, connections = self._readers, self._connections

        def close_readers() -> None:
            for reader in readers:
                reader.close()
            for conn in connections:
                conn.close()

        self._reader.submit(close_readers)
        self._reader.shutdown(wait=False)
        if self._check is not None:
            self._check.cancel()
        self.archive.close()
        if _services.get(self.session) is self:
            del _services[self.session]

    # --- time ---------------------------------------------------------------------------
    @property
    def zone(self) -> str:
        """The account's time zone (the session's; else the archive's; else UTC)."""
        return self.session.time_zone or self._reading(lambda: self.archive.zone, None) or "UTC"

    def today(self) -> dt.date:
        """Today in the account's time zone."""
        return self._today(self.zone)

    # --- reading ------------------------------------------------------------------------
    def rows(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Archived rows of ``log`` (``Archive.rows``), on the Qt thread; no network."""
        return self._reading(lambda: self.archive.rows(log, start, end, sub_id), [])

    async def load_rows(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Like :meth:`rows`, read in the service's reader thread (the Qt thread stays free
        for large ranges). The reader has its own connection to the same file."""
        return await self._read_checked(self._read_in_thread, log, start, end, sub_id)

    def _read_in_thread(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None
    ) -> list[tuple[Any, ...]]:
        return self._thread_archive().rows(log, start, end, sub_id)

    def _thread_archive(self) -> Archive:
        """The reader thread's own connection to the archive file (opened again once the
        file was replaced)."""
        local = self._reader_local
        archive: Archive | None = getattr(local, "archive", None)
        if archive is not None and local.generation != self._generation:
            archive.close()
            self._readers.remove(archive)
            archive = None
        if archive is None:
            local.generation = self._generation
            archive = Archive(self.archive.path, check=False)
            local.archive = archive
            self._readers.append(archive)
        return archive

    async def load_columns(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
    ) -> list[list[Any]]:
        """The archived rows of ``log`` as columns (API column order; values as
        :meth:`rows` gives them), ordered by date, time and ID; no network.

        The fast read for big tables: ``Archive.columns`` in the service's reader thread
        (whole months come from the archive's month cache)."""
        return await self._read_checked(self._columns_in_thread, log, start, end, sub_id)

    def _columns_in_thread(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None
    ) -> list[list[Any]]:
        return self._thread_archive().columns(log, start, end, sub_id)

    def totals_by_day(
        self,
        start: dt.date,
        end: dt.date,
        sub_id: int | None = None,
        logs: Sequence[str] = LOG_NAMES,
    ) -> list[DayTotal]:
        """Records and exact cost per day, log and sub-account (``Archive.totals_by_day``)."""
        return self._reading(lambda: self.archive.totals_by_day(start, end, sub_id, logs), [])

    def missing_days(self, logs: Sequence[str], start: dt.date, end: dt.date) -> int:
        """How many log-days from ``start`` to ``end`` a sync would fetch now."""
        today = self.today()
        return self._reading(lambda: sum(
            len(self.archive.missing_days(name, start, end, today)) for name in logs), 0)

    # --- syncing ------------------------------------------------------------------------
    @property
    def syncing(self) -> bool:
        """True while a sync runs."""
        return self._task is not None and not self._task.done()

    async def ensure(
        self,
        logs: Sequence[str] = LOG_NAMES,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> EnsureResult:
        """Fetch the days of ``logs`` from ``start`` to ``end`` the archive lacks.

        One sync runs at a time: a second call waits for the first, then fetches what is
        still missing. Emits ``sync_started``, ``progress`` and ``sync_finished``. Returns
        an :class:`EnsureResult` (cancelled via :meth:`cancel`, or offline) instead of
        raising; other API errors (``TraiTelError``) propagate. Cancelling the awaiting
        task cancels the sync too (stored days stay).
        """
        if self._closed:
            raise RuntimeError("the history service is closed")
        await asyncio.shield(self._checking())  # whole (or replaced) before the sync writes
        async with self._lock:
            self._cancel_requested = False
            self.done_days, self.needed_days = 0, 0
            task = asyncio.ensure_future(
                self.sync_engine.sync(logs, start, end, progress=self._on_progress)
            )
            self._task = task
            self.sync_started.emit()
            try:
                with bulk_job():
                    report = await asyncio.shield(task)
            except asyncio.CancelledError:
                if not task.done():  # the caller was cancelled: stop the sync as well
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
                if not self._cancel_requested:
                    raise
                result = EnsureResult(CANCELLED, last_sync=self.archive.last_sync())
                self._finish(result, changed=self.done_days > 0)
                return result
            except Offline as exc:
                result = EnsureResult(OFFLINE, last_sync=exc.last_sync)
                self.session.mark_offline()
                self._set_offline(True)
                self._finish(result, changed=exc.stored_days > 0)
                return result
            except sqlite3.Error as exc:
                self.sync_finished.emit(None)
                raise self._storage_error(exc) from exc
            except BaseException:
                self.sync_finished.emit(None)
                raise
            finally:
                self._task = None
            self._set_offline(False)
            result = EnsureResult(DONE, report, self.archive.last_sync())
            self._finish(result, changed=bool(report.rows or report.done_days
                                               or report.zone_change))
            return result

    def cancel(self) -> None:
        """Stop the running sync; every day already stored stays."""
        task = self._task
        if task is not None and not task.done():
            self._cancel_requested = True
            task.cancel()

    def _on_progress(self, done: int, needed: int) -> None:
        self.done_days, self.needed_days = done, needed
        self.progress.emit(done, needed)

    def _finish(self, result: EnsureResult, *, changed: bool) -> None:
        self.last_sync = self.archive.last_sync()
        self.sync_finished.emit(result)
        if changed:
            self.archive_changed.emit()

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offline_changed.emit(offline)

    # --- time-zone change ---------------------------------------------------------------
    def _data_changed(self, topic: str) -> None:
        if topic != "timezone" or self._closed:
            return
        new_zone = self.session.time_zone
        if not new_zone or new_zone == self.archive.zone:
            return
        task = asyncio.get_event_loop().create_task(self.move_to_zone(new_zone))
        self._zone_tasks.add(task)
        task.add_done_callback(self._zone_tasks.discard)

    async def move_to_zone(self, new_zone: str) -> dict[str, list[dt.date]]:
        """Move the archive to ``new_zone`` in a worker thread (``Archive.change_time_zone``)
        and emit ``archive_changed``; returns the days marked for a new fetch.

        A sync that runs meanwhile is cancelled first (its answers still on the wire are
        dated in the old zone; what it stored is moved with the rest), and no sync starts
        until the move is done: views re-read on ``archive_changed`` and fetch again."""
        if self.syncing:
            log.info("time zone changed during a sync: stopping it to move the archive")
            self.cancel()
        async with self._lock:
            return await self._move(new_zone)

    async def _move(self, new_zone: str) -> dict[str, list[dt.date]]:
        old_zone = self.archive.zone
        if old_zone is None or old_zone == new_zone:
            if old_zone is None:
                self.archive.set_zone(new_zone)
            return {}
        marked = await asyncio.to_thread(
            self.archive.change_time_zone, new_zone,
            today_old=self._today(old_zone), today_new=self._today(new_zone),
        )
        log.info("history moved from %s to %s", old_zone, new_zone)
        if not self._closed:
            self.archive_changed.emit()
        return marked
