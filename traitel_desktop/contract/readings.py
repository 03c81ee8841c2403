"""How a cell of a log reads: one function per :class:`~traitel_desktop.contract.logs.Kind`,
and the same reading for a whole column at once.

This is the client's reading of the wire (``TraiTelClient`` uses it; docs/interfaces.md "Wire
readings" lists the decisions). The sandbox writes logs from its own reading of the document
and must not import this module (an import-linter contract says so), so the two sides keep
checking each other.

Lenient but exact: white space around a cell is ignored (except ``RAW``), times may have a
one-digit hour, and nothing else is guessed: ``1_000``, ``١٢``, ``1e3``, ``1,5``, ``2026-2-3``,
``07:05:09.5`` and ``24:00:00`` are errors. :func:`read_money` is the one reading of an
amount of money in the client (logs, balances and prices); it also refuses an amount no
account can hold (:func:`money_in_range`: under a trillion, at most twelve decimals).

:func:`read_column` (:class:`ColumnReader`) gives exactly ``[reader(t) for t in texts]``
(tested), only faster: a repeated column reads each distinct text once, in one pass, and
shares the result; times already ``HH:MM:SS`` are checked with one pattern; the unique ``ID``
column goes through ``int`` in C; ``TEXT`` without white space is kept as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from traitel_desktop.contract.logs import LOGS, Kind, LogColumns, micro_units

__all__ = [
    "MONEY_LIMIT",
    "MONEY_PLACES",
    "READERS",
    "BadCell",
    "CellError",
    "ColumnReader",
    "LogReader",
    "MissingColumn",
    "header_positions",
    "money_in_range",
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
#: Canonical times joined by newlines (each block exactly 9 characters).
_CANONICAL_TIMES = re.compile(r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\n)*")
#: White space (ASCII: the rest makes a text not ASCII) and "_": a column without any is
#: "clean" (see :meth:`ColumnReader.add`).
_UNCLEAN = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f_"


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


#: Every amount of money the app holds is smaller than this in size (a trillion): no balance,
#: price or cost of a telecom account comes near it, and a bigger figure is a broken answer
#: (or a damaged settings file), not money. It also keeps every amount within 24 digits, so
#: sums and roundings stay exact in Decimal's default 28-digit context.
_LIMIT_DIGITS = 12
MONEY_LIMIT = Decimal(10) ** _LIMIT_DIGITS
#: The most decimals (not counting trailing zeros) an amount may have: per-second rates and
#: log costs go to millionths and a little beyond (``0.000000049390``); twelve leave room.
MONEY_PLACES = 12


def money_in_range(value: Decimal) -> bool:
    """Whether ``value`` is an amount of money the app can hold: finite, smaller than
    :data:`MONEY_LIMIT` in size, and with at most :data:`MONEY_PLACES` decimals that are not
    trailing zeros (``0.10000000000000`` is fine). Exact and never raises: it looks at the
    digits, with no arithmetic that could round or signal."""
    if not value.is_finite():
        return False
    if value.is_zero():
        return True  # whatever its exponent
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    trailing_zeros = len(digits) - len(bytes(digits).rstrip(b"\0"))
    return value.adjusted() < _LIMIT_DIGITS and exponent + trailing_zeros >= -MONEY_PLACES


def read_money(text: str) -> Decimal:
    """A plain decimal string (``12.3450``) -> the exact ``Decimal`` (never via float), in
    range (:func:`money_in_range`)."""
    value = text.strip()
    if _MONEY.fullmatch(value) is None:
        raise ValueError(f"not an amount of money: {_show(text)}")
    # money_in_range, on the text (a fraction of the time: no digit tuple is built).
    whole, _, decimals = value.lstrip("+-").partition(".")
    if len(whole.lstrip("0")) > _LIMIT_DIGITS or len(decimals.rstrip("0")) > MONEY_PLACES:
        raise ValueError(
            f"amount out of range: {_show(text)} (at most {_LIMIT_DIGITS} digits before the "
            f"point and {MONEY_PLACES} decimals)")
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


def _is_clean(texts: Sequence[str]) -> bool:
    joined = "".join(texts)
    return joined.isascii() and not any(c in joined for c in _UNCLEAN)


class _Memo(dict[str, Any]):
    """Text -> its reading, read on first sight (``__missing__``): one pass over a column
    with ``map(memo.__getitem__, texts)`` reads each distinct text once and shares it."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[str], Any]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, text: str) -> Any:
        value = self[text] = self.read(text)
        return value


class ColumnReader:
    """Reads one column of ``kind``, in one part or several (:meth:`add`), into
    :attr:`values`: exactly ``[READERS[kind](t) for t in texts]``, only faster.

    ``unique``: the values hardly repeat (IDs). Readings of repeated texts are kept from part
    to part, so each distinct text is read once and its value shared.
    """

    __slots__ = ("_memo", "kind", "unique", "values")

    def __init__(self, kind: Kind, unique: bool = False) -> None:
        self.kind = kind
        self.unique = unique
        self.values: list[Any] = []
        self._memo = _Memo(READERS[kind])

    def add(self, texts: Sequence[str], clean: bool | None = None) -> None:
        """Read ``texts`` after the rows read so far. ``clean``: whether every text is ASCII
        without white space or ``_`` (then ``TEXT`` cells are already trimmed and ``int()``
        reads exactly as :func:`read_int`); None: find out where it helps (a caller that
        checked a whole answer at once passes it). A text that does not read raises
        :class:`BadCell` with its index in the whole column (the first such row)."""
        base = len(self.values)
        try:
            self.values += self._read(texts, clean)
        except BadCell as exc:
            del self.values[base:]
            raise BadCell(base + exc.index, exc.reason) from None

    def _read(self, texts: Sequence[str], clean: bool | None) -> Sequence[Any]:
        kind = self.kind
        if kind is Kind.RAW:
            return texts
        if kind is Kind.TEXT and (clean or (clean is None and _is_clean(texts))):
            return texts
        if kind is Kind.INT and self.unique:
            return self._unique_ints(texts, clean)
        if kind is Kind.TIME and _canonical_times(texts):
            return texts
        try:
            return list(map(self._memo.__getitem__, texts))
        except ValueError:
            return _each(texts, self._memo.read)  # raises BadCell for the first bad row

    @staticmethod
    def _unique_ints(texts: Sequence[str], clean: bool | None) -> list[int]:
        # int() in C accepts what read_int does, and also "1_000", non-ASCII digits and
        # non-ASCII spaces: texts that are pure ASCII without "_" leave no difference.
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


def _canonical_times(texts: Sequence[str]) -> bool:
    """True when every text is already ``HH:MM:SS`` (its own reading): one pattern over
    the texts joined by newlines; the length check makes sure no text held a newline."""
    joined = "\n".join(texts) + "\n"
    return len(joined) == 9 * len(texts) and _CANONICAL_TIMES.fullmatch(joined) is not None


def read_column(kind: Kind, texts: Sequence[str], unique: bool = False,
                clean: bool | None = None) -> list[Any]:
    """``[READERS[kind](t) for t in texts]`` (see :class:`ColumnReader`); a text that does
    not read raises :class:`BadCell` for the first such row."""
    reader = ColumnReader(kind, unique)
    reader.add(texts, clean)
    return reader.values


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


class LogReader:
    """Reads the text columns of ``log`` into :class:`LogColumns`, in one part or several
    (:meth:`add`; a big answer read part by part stays in the processor's cache)."""

    __slots__ = ("_readers", "log")

    def __init__(self, log: str) -> None:
        self.log = log
        self._readers = [ColumnReader(c.kind, c.unique) for c in LOGS[log].columns]

    def add(self, texts: Sequence[Sequence[str]], clean: bool | None = None) -> None:
        """Read the next rows: ``texts`` holds one sequence per column of ``LOGS[log]``, in
        its order (found with :func:`header_positions`). Raises :class:`CellError` for the
        first row holding a bad cell (its first bad column); ``clean``: see
        :meth:`ColumnReader.add`."""
        errors: list[tuple[int, str, str]] = []
        for column, reader, values in zip(LOGS[self.log].columns, self._readers, texts,
                                          strict=True):
            try:
                reader.add(values, clean)
            except BadCell as exc:
                errors.append((exc.index, column.name, exc.reason))
        if errors:
            index, name, reason = min(errors, key=lambda e: e[0])
            raise CellError(self.log, index + 1, name, reason)

    def columns(self) -> LogColumns:
        """Everything read so far."""
        return LogColumns(self.log, tuple(r.values for r in self._readers))


def read_log(log: str, texts: Sequence[Sequence[str]], clean: bool | None = None
             ) -> LogColumns:
    """The text columns of ``log`` as typed :class:`LogColumns` (:class:`LogReader` in one
    part)."""
    reader = LogReader(log)
    reader.add(texts, clean)
    return reader.columns()
