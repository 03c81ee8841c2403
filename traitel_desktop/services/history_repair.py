"""Keeping the history archive whole: the check off the Qt thread, and the owner's words.

The archive can be big (a year of a busy account is over a million rows), and
``PRAGMA quick_check`` reads every page, so :class:`~.history.HistoryService` opens it on the
Qt thread with only a light check (its header and schema) and checks it whole with
:func:`find_damage` in a worker thread, once, before the first sync writes into it. A damaged
archive is moved aside (never deleted), an empty one takes its place and the views fetch it
again from TraiTel with the usual progress and Cancel; :func:`rebuild_notice` is what the
owner reads meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.services.storage import DamagedDatabase, StorageError, storage_error
from traitel_desktop.store.archive import Archive
from traitel_desktop.store.database import check_database, move_file_aside

__all__ = ["ArchiveRepairs", "damaged_in_use", "find_damage", "rebuild_notice", "translate"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def find_damage(path: Path) -> DamagedDatabase | None:
    """Check the whole archive file at ``path`` (any thread): the damage found, or None.

    A check that cannot run (the file is busy, say) finds nothing: only a broken file is ever
    moved aside."""
    try:
        check_database(path, Archive.WHAT)
    except DamagedDatabase as damage:
        return damage
    except StorageError as exc:
        log.warning("the archive could not be checked: %s", exc)
    return None


def rebuild_notice(damage: DamagedDatabase) -> DamagedDatabase:
    """``damage`` (moved aside) with the words the owner reads while it is fetched again."""
    moved = damage.moved_to
    where = f"It was moved to “{moved.name}” in {moved.parent} and" if moved else "It"
    damage.explanation = (
        f"Your saved activity history was damaged and could not be read. {where} is being "
        "downloaded again from TraiTel."
    )
    return damage


def damaged_in_use(damage: DamagedDatabase) -> DamagedDatabase:
    """``damage`` met while reading or writing (after the check), with what to do."""
    damage.explanation = (
        "Your saved activity history is damaged and could not be read. Refresh (F5): "
        "TraiTel Desktop moves it aside and downloads it again from TraiTel."
    )
    return damage


def translate(exc: sqlite3.Error, path: Path) -> StorageError:
    """An SQLite error met using the archive at ``path``, as a :class:`StorageError`."""
    error = storage_error(exc, path, Archive.WHAT)
    return damaged_in_use(error) if isinstance(error, DamagedDatabase) else error


class ArchiveRepairs:
    """The part of :class:`~.history.HistoryService` that keeps its archive whole: the
    check in a worker thread, reads that meet damage, and the replacement of a damaged file
    (under the service's lock, so never beneath a running sync or zone move)."""

    archive: Archive
    session: Any
    sync_engine: HistorySync
    last_sync: Any
    repaired: Any  # the service's Qt signal
    _lock: asyncio.Lock
    _closed: bool
    _reader: ThreadPoolExecutor
    _sync_options: dict[str, Any]
    _untold: DamagedDatabase | None
    _check: asyncio.Future[None] | None
    _met: DamagedDatabase | None
    _generation: int

    def _checking(self) -> asyncio.Future[None]:
        """The whole-file check of the archive: started once, and again after damage was met
        in use (see :mod:`.history_repair`)."""
        if self._check is None:
            self._check = asyncio.ensure_future(self._check_and_repair())
        return self._check

    async def _check_and_repair(self) -> None:
        damage = self._met or await asyncio.to_thread(find_damage, self.archive.path)
        if damage is not None and not self._closed:
            async with self._lock:  # never under a running sync or zone move
                if not self._closed:
                    self._replace(damage)
        if self._untold is not None and not self._closed:
            notice, self._untold = self._untold, None
            log.warning("damaged history archive moved aside: %s", notice)
            self.repaired.emit(rebuild_notice(notice))

    def _replace(self, damage: DamagedDatabase) -> None:
        """Move the damaged archive aside and start an empty one in its place."""
        self.archive.close()
        self._met = None
        try:
            moved = move_file_aside(damage)
        finally:  # moved or not, the service goes on with an open archive
            self.archive = Archive(damage.path, check=False, repair=True)
            self.sync_engine = HistorySync(self.session.call, self.archive, **self._sync_options)
            self._generation += 1
        self._untold = damage.moved(moved)
        self.last_sync = None

    def _storage_error(self, exc: sqlite3.Error, generation: int | None = None) -> StorageError:
        """``exc`` in plain words; damage is remembered, so the next check moves it aside,
        unless it was met on a file replaced since (``generation``: the one read)."""
        error = translate(exc, self.archive.path)
        stale = generation is not None and generation != self._generation
        if isinstance(error, DamagedDatabase) and not stale:
            self._met = error
            if self._check is not None and self._check.done():
                self._check = None
        return error

    def _reading(self, read: Callable[[], T], empty: T) -> T:
        """``read()`` on the Qt thread; when the archive turns out damaged, ``empty`` (the
        check that moves it aside starts, and ``repaired`` tells the views)."""
        try:
            return read()
        except sqlite3.Error as exc:
            error = self._storage_error(exc)
            if not isinstance(error, DamagedDatabase):
                raise error from exc
            if not self._closed:
                self._checking()
            return empty

    async def _read_checked(self, read: Callable[..., T], *args: Any) -> T:
        """``read(*args)`` in the reader thread, alongside the whole-file check; a read that
        meets damage, or that the check overtook, reads again from the new archive."""
        loop = asyncio.get_running_loop()
        check = self._checking()
        generation = self._generation
        try:
            result: T | None = await loop.run_in_executor(self._reader, read, *args)
        except sqlite3.Error as exc:
            error = self._storage_error(exc, generation)
            if not isinstance(error, DamagedDatabase):
                raise error from exc
            result = None  # read again once the file is checked (and replaced)
            check = self._checking()
        await asyncio.shield(check)
        if result is None or generation != self._generation:
            try:
                result = await loop.run_in_executor(self._reader, read, *args)
            except sqlite3.Error as exc:
                raise self._storage_error(exc) from exc
        return result

