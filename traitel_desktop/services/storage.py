"""Local storage problems, for the views: the error they catch, and notes for the owner.

The views never import the store (import-linter): they catch :class:`StorageError` from here
(the store's own class, with ``.explanation`` in plain words like the API's errors, so the
message bar shows it as it is). :func:`storage_error` turns an ``sqlite3.Error`` met by a
service into one.

Some storage problems must not fail what the owner asked for: a change TraiTel accepted is
made, even when this computer cannot write it down. Those become *notes*: plain sentences
collected around one action (:func:`collecting_notes`, entered by the dialog or tab doing it)
and shown beside its success. A note told while nobody collects is only logged.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

from traitel_desktop.store.errors import DamagedDatabase, StorageError, storage_error

__all__ = ["DamagedDatabase", "StorageError", "collecting_notes", "storage_error", "tell"]

log = logging.getLogger(__name__)

_notes: ContextVar[list[str] | None] = ContextVar("traitel_storage_notes", default=None)


@contextlib.contextmanager
def collecting_notes() -> Iterator[list[str]]:
    """Collect the notes told meanwhile, in this task (and the coroutines it awaits), into
    the list yielded; each text once."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def tell(text: str) -> bool:
    """Add ``text`` to the notes being collected; True when someone collects them (else it
    is only logged)."""
    notes = _notes.get()
    if notes is None:
        log.warning("storage note with nobody to show it: %s", text)
        return False
    if text not in notes:
        notes.append(text)
    return True
