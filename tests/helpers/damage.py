"""Damaging SQLite files the way disks, copies and crashes do, for the storage tests.

Each damage works on a closed database whose WAL was written back (:func:`settle`), so the
file holds every page: cut in half, garbage over the 100-byte header, garbage over the middle
third of its pages. The garbage is seeded: the same bytes on every run.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PAGE = 4096


def settle(path: Path) -> None:
    """Write the WAL of the (closed) database at ``path`` back into the file."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _garbage(size: int) -> bytes:
    return random.Random(13).randbytes(size)


def cut_in_half(path: Path) -> None:
    """Keep only the first half of the file (a copy or download cut short)."""
    os.truncate(path, path.stat().st_size // 2)


def garbage_header(path: Path) -> None:
    """Overwrite the first 100 bytes (the SQLite header)."""
    with path.open("r+b") as f:
        f.write(_garbage(100))


def garbage_middle(path: Path) -> None:
    """Overwrite the middle third of the file's pages (header intact)."""
    pages = path.stat().st_size // PAGE
    first, last = max(1, pages // 3), max(2, 2 * pages // 3)
    with path.open("r+b") as f:
        f.seek(first * PAGE)
        f.write(_garbage((last - first) * PAGE))


#: name -> damage, for ``pytest.mark.parametrize``.
DAMAGES: dict[str, Callable[[Path], None]] = {
    "cut in half": cut_in_half,
    "garbage header": garbage_header,
    "garbage in the middle": garbage_middle,
}


def damage_file(path: Path, how: str) -> None:
    """Settle the closed database at ``path`` and damage it ``how`` (a :data:`DAMAGES` name)."""
    settle(path)
    DAMAGES[how](path)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make the file at ``path`` read-only for this process meanwhile: ``chmod`` for a user;
    for root, whom permissions do not stop, the immutable attribute (``chattr +i``; the test
    is skipped where the file system has none)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                        capture_output=True).returncode:
        pytest.skip("root ignores permissions, and this file system has no immutable flag")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
