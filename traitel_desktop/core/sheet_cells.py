"""How one value is written into a file a spreadsheet may open (CSV or XLSX): the one rule.

Text from strangers reaches the exports: anyone who texts or faxes the account writes the SMS
text and the fax station ID (CSID), people name sub-accounts. A spreadsheet reads a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula, which can fetch a web address with the
sheet's data in it or run a command. So every cell has a :class:`CellKind`, taken from the
column's description (``contract.logs`` kinds for the raw columns), and is written by it:

``TEXT`` (anything from outside, and anything that does not fit its column's kind)
    CSV: :func:`neutralise` — a cell that could start a formula gets a leading ``'``, as the
    OWASP guidance on CSV injection says: one starting with ``=`` ``+`` ``-`` ``@``, their
    full-width forms ``＝`` ``＋`` ``－`` ``＠``, tab, carriage return, line feed or NUL, or
    starting with white space and then one of the four (a spreadsheet that trims spaces would
    read the formula). ``-cmd`` and ``-1+2`` in a text column become ``'-cmd`` and ``'-1+2``.
    XLSX: always a text cell (never a formula, never an error value), holding the exact text,
    marked "quote prefix" when it looks like a formula (what a spreadsheet does when you type
    a leading ``'``: the text stays text even when the cell is edited). XLSX cannot hold some
    control characters: those become ``U+FFFD`` (``�``); line ends become ``\\n`` (a line
    break inside the cell); a spreadsheet cell holds at most 32,767 characters.
``INTEGER`` (``int``)
    CSV: plain digits with a ``-`` when negative (``-12`` stays ``-12``). XLSX: a number.
``MONEY`` (``Decimal``)
    CSV: the amount with at least four decimals and more when they are significant, as the
    app shows costs (``0.09`` -> ``0.0900``, ``0.000015`` stays, ``-1.50`` -> ``-1.5000``),
    no currency sign, no thousands separator. XLSX: a number with a number format showing the
    same digits (``0.0000``, ``0.000000``), so the column can be totalled.
``DATE`` / ``TIME`` / ``DATETIME`` (``date`` / ``time`` / naive ``datetime``, account time)
    CSV: ISO text, ``2026-05-20``, ``14:03:11``, ``2026-05-20 14:03:11`` (spreadsheets read
    them as dates and times). XLSX: real date/time cells with a date or time number format.
``DURATION`` (``int`` seconds or ``timedelta``)
    Written as a time value, not as a number of seconds: CSV ``h:mm:ss`` (``0:01:05``, as the
    app shows it); XLSX the duration as a time value with the format ``[h]:mm:ss``, so a total
    over 24 hours still reads in hours. (A log's raw ``Duration`` column is the API's whole
    seconds, an ``INTEGER``.)

``None`` is an empty cell in every kind. A value that does not fit its kind (text in a
number column, a non-finite amount) is written as ``TEXT``, so it is neutralised too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "FORMULA_STARTS",
    "CellKind",
    "Column",
    "amount_places",
    "csv_cell",
    "csv_text",
    "formula_like",
    "neutralise",
    "typed_value",
    "xlsx_text",
]

#: First characters that make a spreadsheet read a cell as a formula (and full-width forms).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
#: Characters that must not lead a cell: the formula starts, and tab, carriage return, line
#: feed and NUL (a spreadsheet may drop them and read what follows as a formula).
_LEADING = FORMULA_STARTS | frozenset("\t\r\n\x00")
#: Characters XML 1.0 (so XLSX) cannot hold.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_ENDS = re.compile("\r\n?")
#: The most characters a spreadsheet cell holds.
CELL_LIMIT = 32_767


class CellKind(StrEnum):
    """What a column holds, so how its cells are written (see the module docstring)."""

    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    DURATION = "duration"


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: its title, its :class:`CellKind`, and (XLSX only) a number format
    replacing the kind's own (e.g. ``#,##0`` for a count)."""

    title: str
    kind: CellKind = CellKind.TEXT
    number_format: str | None = None


def formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (see the module docstring)."""
    if not text:
        return False
    if text[0] in _LEADING:
        return True
    return text.lstrip()[:1] in FORMULA_STARTS


def neutralise(text: str) -> str:
    """``text`` for a CSV cell: with a leading ``'`` when it could start a formula, else
    unchanged. Nothing else is touched (``'=1+1'[1:]`` gives the text back)."""
    return "'" + text if formula_like(text) else text


def xlsx_text(text: str) -> str:
    """``text`` as an XLSX text cell holds it: line ends as ``\\n``, characters XML cannot
    hold as ``U+FFFD``, at most :data:`CELL_LIMIT` characters."""
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    return _NOT_XML.sub("\ufffd", text)[:CELL_LIMIT]


def amount_places(amount: Decimal) -> int:
    """Decimals to write ``amount`` with: at least four, more when they are significant
    (``0.090000`` -> 4, ``0.000015`` -> 6). Exact: no context rounding."""
    _sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    if not any(digits):
        return 4
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(4, -(exponent + zeros))


def _seconds(value: object) -> int | None:
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def typed_value(kind: CellKind, value: object) -> object:
    """``value`` as the Python value its kind writes (``timedelta`` for a duration), or its
    text when it does not fit the kind (then it is written as ``TEXT``); None stays None."""
    if value is None:
        return None
    fits: bool
    if kind is CellKind.INTEGER:
        fits = isinstance(value, int) and not isinstance(value, bool)
    elif kind is CellKind.MONEY:
        fits = isinstance(value, Decimal) and value.is_finite()
    elif kind is CellKind.DATE:
        fits = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    elif kind is CellKind.TIME:
        fits = isinstance(value, dt.time) and value.tzinfo is None
    elif kind is CellKind.DATETIME:
        fits = isinstance(value, dt.datetime) and value.tzinfo is None
    elif kind is CellKind.DURATION:
        seconds = _seconds(value)
        return str(value) if seconds is None else dt.timedelta(seconds=seconds)
    else:
        fits = False
    return value if fits else str(value)


def _duration_text(span: dt.timedelta) -> str:
    seconds = int(span.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def csv_text(kind: CellKind, value: object) -> str:
    """The text of one CSV cell of ``kind`` (see the module docstring); text neutralised."""
    typed = typed_value(kind, value)
    if typed is None:
        return ""
    if isinstance(typed, str):
        return neutralise(typed)
    if isinstance(typed, Decimal):
        return f"{typed:.{amount_places(typed)}f}"
    if isinstance(typed, dt.timedelta):
        return _duration_text(typed)
    if isinstance(typed, dt.datetime):
        return typed.isoformat(sep=" ", timespec="seconds")
    if isinstance(typed, dt.time):
        return typed.isoformat(timespec="seconds")
    if isinstance(typed, dt.date):
        return typed.isoformat()
    return str(typed)


def csv_cell(kind: CellKind) -> Callable[[object], str]:
    """:func:`csv_text` for a whole column of ``kind``: the same texts, faster (a repeated
    date, time, amount or duration is formatted once)."""
    if kind is CellKind.TEXT:
        def text(value: object) -> str:
            return neutralise(value) if type(value) is str else csv_text(kind, value)
        return text
    if kind is CellKind.INTEGER:
        def integer(value: object) -> str:
            return str(value) if type(value) is int else csv_text(kind, value)
        return integer
    if kind is CellKind.DATETIME:  # nearly every one differs: nothing to share
        return lambda value: csv_text(kind, value)
    done: dict[object, str] = {}

    def repeated(value: object) -> str:
        try:
            written = done.get(value)
            if written is None:
                written = done[value] = csv_text(kind, value)
        except TypeError:  # not hashable: not of the kind anyway
            return csv_text(kind, value)
        return written
    return repeated
