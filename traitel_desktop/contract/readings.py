"""How a cell of a log reads: one function per :class:`~traitel_desktop.contract.logs.Kind`,
and the same reading for a whole column at once.

This is the client's reading of the wire (``TraiTelClient`` uses it; docs/interfaces.md "Wire
readings" lists the decisions). The sandbox writes logs from its own reading of the document
and must not import this module (an import-linter contract says so), so the two sides keep
checking each other.

Lenient but exact: white space around a cell is ignored (except ``RAW``), times may have a
one-digit hour, and nothing else is guessed: ``1_000``, ``١٢``, ``1e3``, ``1,5``, ``2026-2-3``,
``07:05:09.5`` and ``24:00:00`` are errors. :func:`read_money` is the one reading of an
amount of money in the client (logs, balances and prices).

:func:`read_column` gives exactly ``[reader(t) for t in texts]`` (tested), only faster: a
repeated column reads each distinct text once (dates once per run) and shares the result, a
column of canonical times is checked with one pattern over its distinct texts, and the unique
``ID`` column goes through ``int`` in C.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import chain, groupby, repeat
from typing import Any

from traitel_desktop.contract.logs import LOGS, Kind, LogColumns, micro_units

__all__ = [
    "READERS",
    "BadCell",
    "CellError",
    "MissingColumn",
    "header_positions",
    "read_column",
    "read_cost",
    "read_date",
    "read_int",
    "read_log",
    "read_money",
    "read_opt_int",
    "read_raw",
    "read_text",
    "read_time",
]

_INT = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2}):([0-9]{2})")
_MONEY = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: White space (ASCII: the rest makes a text not ASCII) and "_": a column without any is
#: "clean" (see :func:`read_column`).
_UNCLEAN = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f_"
#: Distinct canonical times joined by newlines (each block exactly 9 characters).
_CANONICAL_TIMES = re.compile(r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\n)*")


def _show(text: str) -> str:
    return repr(text[:40]) + ("..." if len(text) > 40 else "")


# --- one cell ------------------------------------------------------------------------------


def read_int(text: str) -> int:
    """``[+-]digits`` (ASCII) -> ``int``."""
    value = text.strip()
    if _INT.fullmatch(value) is None:
        raise ValueError(f"not a whole number: {_show(text)}")
    return int(value)


def read_opt_int(text: str) -> int | None:
    """Empty -> ``None``, else :func:`read_int`."""
    return read_int(text) if text.strip() else None


def read_text(text: str) -> str:
    """The text without surrounding white space."""
    return text.strip()


def read_raw(text: str) -> str:
    """The text exactly as sent."""
    return text


def read_date(text: str) -> str:
    """``yyyy-mm-dd``, a real date -> the same ISO text."""
    value = text.strip()
    if _DATE.fullmatch(value) is None:
        raise ValueError(f"not a date (yyyy-mm-dd): {_show(text)}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"no such date: {_show(text)}") from None
    return value


def read_time(text: str) -> str:
    """``H:MM:SS`` or ``HH:MM:SS`` (no fraction of a second) -> ``HH:MM:SS``."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a time (HH:MM:SS): {_show(text)}")
    hour, minute, second = (int(g) for g in match.groups())
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"no such time of day: {_show(text)}")
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def read_money(text: str) -> Decimal:
    """A plain decimal string (``12.3450``) -> the exact ``Decimal`` (never via float)."""
    value = text.strip()
    if _MONEY.fullmatch(value) is None:
        raise ValueError(f"not an amount of money: {_show(text)}")
    return Decimal(value)


def read_cost(text: str) -> int | Decimal:
    """A ``MONEY`` cell -> micro-units (:func:`read_money`, then ``logs.micro_units``)."""
    return micro_units(read_money(text))


#: The reading of each kind, one cell at a time.
READERS: dict[Kind, Callable[[str], Any]] = {
    Kind.INT: read_int,
    Kind.OPT_INT: read_opt_int,
    Kind.TEXT: read_text,
    Kind.RAW: read_raw,
    Kind.DATE: read_date,
    Kind.TIME: read_time,
    Kind.MONEY: read_cost,
}


# --- a whole column ------------------------------------------------------------------------


class BadCell(ValueError):
    """A cell of a column that does not read: ``index`` (0-based) and ``reason``."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"row {index + 1}: {reason}")
        self.index = index
        self.reason = reason


def _each(texts: Sequence[str], read: Callable[[str], Any]) -> list[Any]:
    out: list[Any] = []
    append = out.append
    for i, text in enumerate(texts):
        try:
            append(read(text))
        except ValueError as exc:
            raise BadCell(i, str(exc)) from None
    return out


def _unique_ints(texts: Sequence[str], clean: bool | None) -> list[int]:
    # int() in C accepts what read_int does, and also "1_000", non-ASCII digits and
    # non-ASCII spaces: a column that is pure ASCII without "_" leaves no difference.
    try:
        values = list(map(int, texts))
    except ValueError:
        return _each(texts, read_int)
    if clean:
        return values
    joined = "".join(texts)
    if joined.isascii() and "_" not in joined:
        return values
    return _each(texts, read_int)


def _by_distinct(texts: Sequence[str], read: Callable[[str], Any],
                 distinct: set[str] | None = None) -> list[Any]:
    """Each distinct text read once; the rows share the results."""
    table: dict[str, Any] = {}
    bad: dict[str, str] = {}
    for text in set(texts) if distinct is None else distinct:
        try:
            table[text] = read(text)
        except ValueError as exc:
            bad[text] = str(exc)
    if bad:
        first = next(i for i, t in enumerate(texts) if t in bad)
        raise BadCell(first, bad[texts[first]])
    return list(map(table.__getitem__, texts))


def _by_runs(texts: Sequence[str], read: Callable[[str], Any]) -> list[Any]:
    """Each run of equal texts read once (a log comes in date order: a year of dates is
    about 365 runs)."""
    runs = [(text, len(list(group))) for text, group in groupby(texts)]
    table: dict[str, Any] = {}
    row = 0
    for text, count in runs:
        if text not in table:
            try:
                table[text] = read(text)
            except ValueError as exc:
                raise BadCell(row, str(exc)) from None
        row += count
    return list(chain.from_iterable(repeat(table[text], count) for text, count in runs))


def _times(texts: Sequence[str]) -> list[str]:
    distinct = set(texts)
    joined = "\n".join(distinct) + "\n"
    # Every distinct text already HH:MM:SS: the column is its own reading. (The length
    # check makes sure no text held a newline of its own.)
    if len(joined) == 9 * len(distinct) and _CANONICAL_TIMES.fullmatch(joined):
        return list(texts)
    return _by_distinct(texts, read_time, distinct)


def _is_clean(texts: Sequence[str]) -> bool:
    joined = "".join(texts)
    return joined.isascii() and not any(c in joined for c in _UNCLEAN)


def read_column(kind: Kind, texts: Sequence[str], unique: bool = False,
                clean: bool | None = None) -> list[Any]:
    """``[READERS[kind](t) for t in texts]``, fast; a text that does not read raises
    :class:`BadCell` for the first such row.

    ``unique``: the values hardly repeat (IDs). ``clean``: whether every text is ASCII
    without white space or ``_`` (then ``TEXT`` cells are already trimmed and ``int()``
    reads exactly as :func:`read_int`); None: find out where it helps. A caller that checked
    a whole answer at once passes it.
    """
    if kind is Kind.TEXT and clean is None:
        clean = _is_clean(texts)
    if kind is Kind.RAW or (kind is Kind.TEXT and clean):
        return list(texts)
    if kind is Kind.INT and unique:
        return _unique_ints(texts, clean)
    if kind is Kind.DATE:
        return _by_runs(texts, read_date)
    if kind is Kind.TIME:
        return _times(texts)
    return _by_distinct(texts, READERS[kind])


# --- a whole log ---------------------------------------------------------------------------


class MissingColumn(ValueError):
    """The header lacks a column of the log."""


class CellError(ValueError):
    """A cell of a log that does not read: ``row`` (1-based, after the header), ``column``
    (its header name) and ``reason``."""

    def __init__(self, log: str, row: int, column: str, reason: str) -> None:
        super().__init__(f"{log} row {row}, column {column!r}: {reason}")
        self.row = row
        self.column = column
        self.reason = reason


def header_positions(log: str, header: Sequence[str]) -> list[int]:
    """Where each column of ``log`` is in ``header`` (names matched case-insensitively,
    surrounding spaces ignored; extra columns ignored, the first of two alike wins)."""
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        found.setdefault(name.strip().lower(), i)
    positions = []
    for column in LOGS[log].columns:
        at = found.get(column.name.lower())
        if at is None:
            raise MissingColumn(
                f"the {log} table has no {column.name!r} column (columns: {list(header)})")
        positions.append(at)
    return positions


def read_log(log: str, texts: Sequence[Sequence[str]], clean: bool | None = None
             ) -> LogColumns:
    """The text columns of ``log`` (one per column of ``LOGS[log]``, in its order, found with
    :func:`header_positions`) as typed :class:`LogColumns`; raises :class:`CellError` for
    the first row holding a bad cell (its first bad column). ``clean``: see
    :func:`read_column`."""
    columns = []
    errors: list[tuple[int, str, str]] = []
    for column, values in zip(LOGS[log].columns, texts, strict=True):
        try:
            columns.append(read_column(column.kind, values, column.unique, clean))
        except BadCell as exc:
            errors.append((exc.index, column.name, exc.reason))
    if errors:
        index, name, reason = min(errors, key=lambda e: e[0])
        raise CellError(log, index + 1, name, reason)
    return LogColumns(log, tuple(columns))
