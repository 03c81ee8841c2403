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
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from traitel_desktop.store import AccountRecord
from traitel_desktop.store.account_record import Change as Change  # for the views

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient

T = TypeVar("T")

#: The areas used in the change log (see docs/interfaces.md).
AREA_SUB_ACCOUNTS = "sub-accounts"
AREA_NUMBERS = "numbers"
AREA_IVML = "ivml"
AREA_TIME_ZONE = "time zone"

RESULT_OK = "ok"
#: Logged when the wait for an answer was cancelled (the window closed, say): TraiTel may or
#: may not have made the change.
RESULT_CANCELLED = "cancelled before TraiTel answered; the change may or may not have happened"


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


def record_for(session: SessionLike) -> AccountRecord:
    """The :class:`AccountRecord` of ``session``'s account, opened once per session object
    (in ``session.data_dir``) and shared by every view of that session."""
    record = _records.get(session)
    if record is None:
        record = AccountRecord.in_directory(session.data_dir)
        _records[session] = record
    return record


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
        """The account's local record (aliases and change log)."""
        return record_for(self.session)

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
        cancellation) are logged with their plain text and re-raised unchanged.
        """
        try:
            result = await self.session.call(fn)
        except BaseException as exc:
            self.log(area, action, target, detail, plain_error(exc))
            raise
        self.log(area, action, target, detail, RESULT_OK)
        return result

    def log(self, area: str, action: str, target: str, detail: str, result: str) -> int:
        """Append one line to the change log directly (for changes made without
        :meth:`perform`); returns its ID."""
        return self.record.log_change(
            actor=self.session.username,
            area=area,
            action=action,
            target=target,
            detail=detail,
            result=result,
        )
