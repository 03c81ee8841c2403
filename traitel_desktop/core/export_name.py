"""The name an export file gets by default: the one a person would give it.

``export_file_name("Faxes sent", date(2026, 11, 30), date(2026, 12, 6), "xlsx")`` is
``"Faxes sent 2026-11-30 to 2026-12-06.xlsx"``: the log's plain name as the Activity tab shows
it (translated by the caller), the dates shown (ISO dates sort and read the same everywhere),
and the file type. The name is made safe on every system with ``pathvalidate`` (no character
Windows refuses, such as ``/ \\ : * ? " < > |``, no control character, no reserved name such as
``CON``, no trailing dot or space), since a translated log name may hold any of them.
"""

from __future__ import annotations

import datetime as dt

from pathvalidate import sanitize_filename

__all__ = ["export_file_name"]

#: The words of a title that is nothing but white space.
FALLBACK = "Activity"
#: The most of the title, and of the note, kept (UTF-8 bytes): the dates always fit.
LONGEST_WORDS = 100
#: File names stop at 255 bytes on the usual file systems.
MAX_BYTES = 255


def export_file_name(
    title: str, start: dt.date, end: dt.date, suffix: str, note: str = ""
) -> str:
    """``"<title> <start> to <end>[ (<note>)].<suffix>"`` (one date when ``start == end``),
    safe as a file name on Windows, macOS and Linux."""
    first, last = sorted((start, end))
    days = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    words = _clip(title) or FALLBACK
    extra = _clip(note)
    ending = "." + suffix.lstrip(".")
    room = MAX_BYTES - len(ending.encode())  # the type is never cut off
    stem = sanitize_filename(f"{words} {days}" + (f" ({extra})" if extra else ""),
                             platform="universal", max_len=room)
    return stem + ending


def _clip(text: str) -> str:
    """``text`` with its white space made single spaces, cut to :data:`LONGEST_WORDS` bytes
    (never inside a character)."""
    plain = " ".join(text.split()).encode()[:LONGEST_WORDS]
    return plain.decode("utf-8", "ignore").strip()
