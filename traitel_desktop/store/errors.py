"""Why a local database could not be used, in words an account owner understands.

Every store raises :class:`StorageError` (or :class:`DamagedDatabase`) instead of a bare
``sqlite3.Error`` or ``OSError`` when it opens, and :func:`storage_error` turns one of those
into the right kind afterwards. Each error has ``.path`` (the file), ``.reason`` (a few plain
words: "the disk is full"), ``.explanation`` (what happened and what the owner can do, the
attribute the views show, as for the API's errors) and a short technical ``str()`` for logs.
No password ever reaches these files, so none can reach these texts.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

__all__ = ["DamagedDatabase", "StorageError", "is_damage", "storage_error", "translated"]

P = ParamSpec("P")
T = TypeVar("T")

#: SQLite result codes (``sqlite3.Error.sqlite_errorname``) that mean the file is not a
#: usable database: its content is broken, not merely out of reach.
_DAMAGE = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})

_NO_ACCESS = (
    "it cannot be changed (the file or its folder is read-only, or this user may not change it)",
    "Check that the file and its folder are not read-only, then restart TraiTel Desktop.",
)
_FULL = ("the disk is full", "Free some space on the disk, then try again.")
_BUSY = (
    "another TraiTel Desktop window is using it",
    "Wait a moment, then try again.",
)
_DAMAGED = (
    "the file is damaged",
    "Restart TraiTel Desktop: it moves the damaged file aside and starts a new one.",
)
_NO_FOLDER = (
    "its folder could not be made or opened",
    "Check that the folder exists, is a folder and can be changed, then restart TraiTel "
    "Desktop.",
)
_OTHER = (
    "the computer could not read or write the file",
    "Restart TraiTel Desktop. If this keeps happening, check the disk.",
)

_SQLITE_KINDS = {
    "SQLITE_READONLY": _NO_ACCESS,
    "SQLITE_PERM": _NO_ACCESS,
    "SQLITE_AUTH": _NO_ACCESS,
    "SQLITE_CANTOPEN": _NO_ACCESS,
    "SQLITE_FULL": _FULL,
    "SQLITE_BUSY": _BUSY,
    "SQLITE_LOCKED": _BUSY,
    "SQLITE_CORRUPT": _DAMAGED,
    "SQLITE_NOTADB": _DAMAGED,
}
_OS_KINDS = {
    errno.EACCES: _NO_ACCESS,
    errno.EPERM: _NO_ACCESS,
    errno.EROFS: _NO_ACCESS,
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.ENOTDIR: _NO_FOLDER,
    errno.EEXIST: _NO_FOLDER,
    errno.ENOENT: _NO_FOLDER,
}


class StorageError(Exception):
    """A local database (``path``) could not be used; see the module docstring.

    ``what`` names the store for its owner ("the activity history saved on this computer").
    """

    def __init__(self, path: Path | str, what: str, reason: str, advice: str) -> None:
        self.path = Path(path)
        self.what = what
        self.reason = reason
        self.advice = advice
        self.explanation = (
            f"TraiTel Desktop could not use {what} (“{self.path.name}” in {self.path.parent}): "
            f"{reason}. {advice}"
        )
        super().__init__(f"{self.path}: {reason}")


class DamagedDatabase(StorageError):
    """The file at ``path`` is not a usable database (cut short, overwritten, not a file).

    ``moved_to`` is where it was moved aside (never deleted) once a new one was started;
    None while it is still in place."""

    def __init__(self, path: Path | str, what: str, detail: str = "",
                 moved_to: Path | None = None) -> None:
        super().__init__(path, what, *_DAMAGED)
        self.detail = detail
        self.moved_to = moved_to
        if moved_to is not None:
            self.explanation = (
                f"{what[:1].upper()}{what[1:]} was damaged and could not be read. It was moved "
                f"to “{moved_to.name}” in {moved_to.parent}, and a new one was started."
            )
        if detail:
            self.args = (f"{self.path}: damaged ({detail})",)

    def moved(self, moved_to: Path) -> DamagedDatabase:
        """The same damage, once the file was moved aside to ``moved_to``."""
        return DamagedDatabase(self.path, self.what, self.detail, moved_to)


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` (from SQLite) says the file's content is broken."""
    return isinstance(exc, sqlite3.DatabaseError) and (
        getattr(exc, "sqlite_errorname", "") in _DAMAGE
        or str(exc) in ("file is not a database", "database disk image is malformed")
    )


def storage_error(exc: BaseException, path: Path | str, what: str) -> StorageError:
    """The :class:`StorageError` saying why ``exc`` (an ``sqlite3.Error`` or ``OSError``
    met while using the file ``path``) happened; ``exc`` itself when it already is one."""
    if isinstance(exc, StorageError):
        return exc
    if is_damage(exc):
        return DamagedDatabase(path, what, str(exc))
    kind = _OTHER
    if isinstance(exc, sqlite3.Error):
        kind = _SQLITE_KINDS.get(getattr(exc, "sqlite_errorname", ""), _OTHER)
    elif isinstance(exc, OSError) and exc.errno is not None:
        kind = _OS_KINDS.get(exc.errno, _OTHER)
    return StorageError(path, what, *kind)


class _Store(Protocol):
    path: Path
    WHAT: str


S = TypeVar("S", bound=_Store)


def translated(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """Decorate a method of a store (which has ``path`` and ``WHAT``) so it raises
    :class:`StorageError` instead of ``sqlite3.Error`` or ``OSError``."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            raise storage_error(exc, self.path, self.WHAT) from exc

    return wrapper
