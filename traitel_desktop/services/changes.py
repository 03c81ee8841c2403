"""Recording every change the app makes on the account, in the local change log.

The API keeps no audit trail, so the app writes one itself into the account's
:class:`~traitel_desktop.store.AccountRecord` (``record.sqlite3`` in ``session.data_dir``).
Every tab that changes something on TraiTel sends the change through :class:`ChangeLog`:

    log = ChangeLog(session)
    new_id = await log.perform(
        "sub-accounts", "add", "reception", lambda c: c.add_sub_account("reception"),
        detail="e-mail reception@example.com",
    )

``perform`` runs the call with ``session.call`` (never with a ``key``: a write must not be
superseded), appends one line to the log (result ``"ok"`` or the error in plain words) and
re-raises any error unchanged, so the caller still shows it on the right field.
:func:`record_for` gives the record shared by everything working on one session (opened once
per session object, on the Qt thread; it is fast and local).

The record is bookkeeping: it never turns a change TraiTel accepted into a failure. When it
cannot be written (or read), :class:`ChangeLog` says so in a note (:mod:`.storage`: "the
change was made, this computer could not record it") and goes on; nothing is sent again. A
damaged record is moved aside and replaced by a new one when it opens, and the owner told.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from traitel_desktop.services.storage import DamagedDatabase, StorageError, tell
from traitel_desktop.store import AccountRecord
from traitel_desktop.store.account_record import Change as Change  # for the views

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient

T = TypeVar("T")
log = logging.getLogger(__name__)

#: The areas used in the change log (see docs/interfaces.md).
AREA_SUB_ACCOUNTS = "sub-accounts"
AREA_NUMBERS = "numbers"
AREA_IVML = "ivml"
AREA_TIME_ZONE = "time zone"

RESULT_OK = "ok"
#: Logged when the wait for an answer was cancelled (the window closed, say): TraiTel may or
#: may not have made the change.
RESULT_CANCELLED = "cancelled before TraiTel answered; the change may or may not have happened"

#: Notes (see :mod:`.storage`) when the record cannot be used; ``{reason}`` says why.
NOTE_UNRECORDED = (
    "The change was made on TraiTel. This computer could not write it into its own record "
    "({reason}), so it may be missing from Change history, and a new alias may show as "
    "empty. There is no need to make the change again."
)
NOTE_ATTEMPT_UNRECORDED = (
    "This computer could not write this attempt into its record of your changes ({reason})."
)
NOTE_UNREAD = (
    "The record of your changes and sub-account aliases kept on this computer could not be "
    "read ({reason}), so aliases may show as empty. Your account on TraiTel is not affected."
)
NOTE_REPAIRED = (
    "{explanation} Your account on TraiTel is not affected; the aliases and change history "
    "recorded before now stay in the moved file."
)


class SessionLike(Protocol):
    """What :class:`ChangeLog` needs of a :class:`~traitel_desktop.services.Session`."""

    username: str
    data_dir: Path

    async def call(self, fn: Callable[[TraiTelClient], T], *, key: str | None = None) -> T:
        """Run ``fn(client)`` in a worker thread and return its result."""
        ...

    def notify(self, topic: str) -> None:
        """Tell every view that ``topic`` changed."""
        ...


_records: weakref.WeakKeyDictionary[Any, AccountRecord] = weakref.WeakKeyDictionary()
#: A repair the owner has not been told about yet (told with the first notes collected).
_untold: weakref.WeakKeyDictionary[Any, DamagedDatabase] = weakref.WeakKeyDictionary()


def record_for(session: SessionLike) -> AccountRecord:
    """The :class:`AccountRecord` of ``session``'s account, opened once per session object
    (in ``session.data_dir``) and shared by every view of that session.

    A damaged record is moved aside and a new one started; the owner is told (a note, see
    :mod:`.storage`) the first time someone collects notes. Raises :class:`StorageError` when
    the record cannot be opened at all (the next call tries again)."""
    record = _records.get(session)
    if record is None:
        record = AccountRecord.in_directory(session.data_dir, repair=True)
        _records[session] = record
        if record.repaired is not None:
            log.warning("damaged change record moved aside: %s", record.repaired)
            _untold[session] = record.repaired
    damage = _untold.get(session)
    if damage is not None and tell(NOTE_REPAIRED.format(explanation=damage.explanation)):
        del _untold[session]
    return record


def forget_record(session: SessionLike) -> None:
    """Close ``session``'s record; the next :func:`record_for` opens (and checks) it again."""
    record = _records.pop(session, None)
    if record is not None:
        record.close()


def plain_error(exc: BaseException) -> str:
    """The error in plain words, as the change log keeps it (never the password: the API's
    errors are redacted, and only their explanation is kept)."""
    if isinstance(exc, asyncio.CancelledError):
        return RESULT_CANCELLED
    explanation = getattr(exc, "explanation", None)
    if isinstance(explanation, str) and explanation.strip():
        return explanation.strip()
    if isinstance(exc, TimeoutError):
        return "TraiTel did not answer in time; the change may or may not have happened."
    return f"unexpected error ({type(exc).__name__})"


class ChangeLog:
    """Runs changes on TraiTel and records each one in the account's change log.

    Bound to one session; cheap to create (the record is shared, see :func:`record_for`).
    """

    def __init__(self, session: SessionLike) -> None:
        self.session = session

    @property
    def record(self) -> AccountRecord:
        """The account's local record (aliases and change log); raises :class:`StorageError`
        when it cannot be opened (the quiet methods below never do)."""
        return record_for(self.session)

    def quietly(self, use: Callable[[AccountRecord], T], note: str = NOTE_UNREAD) -> T | None:
        """``use(record)``; when the record cannot be used, tell ``note`` (``{reason}`` filled
        in) and return None. A record found damaged in use is closed, so the next use opens
        it again (and moves it aside)."""
        try:
            return use(self.record)
        except StorageError as exc:
            log.warning("change record not usable: %s", exc)
            if isinstance(exc, DamagedDatabase):
                forget_record(self.session)
            tell(note.format(reason=exc.reason))
            return None

    def aliases(self) -> dict[int, str]:
        """Every remembered alias (none when the record cannot be read: a note says so)."""
        return self.quietly(lambda record: record.aliases()) or {}

    def set_alias(self, sub_id: int, alias: str) -> None:
        """Remember an alias (after TraiTel accepted it: a failure is only a note)."""
        self.quietly(lambda record: record.set_alias(sub_id, alias), NOTE_UNRECORDED)

    def forget_alias(self, sub_id: int) -> None:
        """Forget the alias of a deleted sub-account (a failure is only a note)."""
        self.quietly(lambda record: record.forget_alias(sub_id), NOTE_UNRECORDED)

    async def perform(
        self,
        area: str,
        action: str,
        target: str,
        fn: Callable[[TraiTelClient], T],
        detail: str = "",
    ) -> T:
        """Run ``fn(client)`` through the session, log the outcome and return its result.

        ``area`` is one of the ``AREA_*`` names, ``action`` a short verb ("add", "change",
        "delete", "assign", ...), ``target`` what was changed in words the owner recognises
        (``"reception (ID 1002)"``), ``detail`` what was changed about it. Errors (including
        cancellation) are logged with their plain text and re-raised unchanged. Once TraiTel
        accepted the change its result is returned, even when the log cannot be written
        (a note says so: :data:`NOTE_UNRECORDED`).
        """
        try:
            result = await self.session.call(fn)
        except BaseException as exc:
            self.log(area, action, target, detail, plain_error(exc))
            raise
        self.log(area, action, target, detail, RESULT_OK)
        return result

    def log(self, area: str, action: str, target: str, detail: str, result: str) -> int | None:
        """Append one line to the change log directly (for changes made without
        :meth:`perform`); returns its ID, or None when the record cannot be written (a note
        says so; this never raises a storage error)."""
        note = NOTE_UNRECORDED if result == RESULT_OK else NOTE_ATTEMPT_UNRECORDED
        return self.quietly(
            lambda record: record.log_change(
                actor=self.session.username,
                area=area,
                action=action,
                target=target,
                detail=detail,
                result=result,
            ),
            note,
        )
