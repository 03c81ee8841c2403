"""Reading a TraiTel response body, as ``../shared/spec/NOTES.md`` describes it.

The first line is ``Ok`` or ``Error NNN: text``; anything else is a :class:`ProtocolError`.
After ``Ok`` comes nothing, one bare value, or an RFC 4180 CSV table with a header row.
LF, CRLF, a UTF-8 byte-order mark and a missing final newline are all accepted.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from traitel_desktop.api.errors import ProtocolError, error_for_code

__all__ = ["Body", "Table", "decode_bytes", "parse_body"]

_ERROR_LINE = re.compile(r"Error\s+(\d{1,3})\s*:\s*(.*)", re.IGNORECASE)


def decode_bytes(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Latin-1 (never fails)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _snippet(text: str) -> str:
    return repr(text[:60]) + ("..." if len(text) > 60 else "")


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV table: the header (names stripped of spaces) and the data rows as lists."""

    header: tuple[str, ...]
    rows: list[list[str]]

    def index(self, name: str) -> int:
        """Position of the column called ``name`` (case and spaces ignored)."""
        wanted = name.strip().lower()
        for i, column in enumerate(self.header):
            if column.lower() == wanted:
                return i
        raise ProtocolError(f"the table has no {name!r} column (columns: {list(self.header)})")

    def indexes(self, names: Iterable[str]) -> tuple[int, ...]:
        """Positions of several columns, resolved once before walking the rows."""
        return tuple(self.index(n) for n in names)

    def extra_columns(self, known: Iterable[str]) -> list[tuple[int, str]]:
        """(position, name) of every column not in ``known``."""
        known_lower = {k.lower() for k in known}
        return [(i, c) for i, c in enumerate(self.header) if c.lower() not in known_lower]

    def dicts(self) -> Iterator[dict[str, str]]:
        """Each row as ``{column: value}`` (short rows give empty strings)."""
        width = len(self.header)
        for row in self.rows:
            padded = row + [""] * (width - len(row))
            yield dict(zip(self.header, padded, strict=False))


@dataclass(frozen=True, slots=True)
class Body:
    """The part of an ``Ok`` answer after the ``Ok`` line."""

    payload: str

    @property
    def empty(self) -> bool:
        """True when nothing but blank lines followed ``Ok``."""
        return not self.payload.strip()

    def value(self) -> str:
        """The single bare value (``querybalance``, ``addsubaccount`` ...)."""
        lines = [line.strip() for line in self.payload.split("\n") if line.strip()]
        if len(lines) != 1:
            raise ProtocolError(f"expected one value after Ok, got {len(lines)} lines")
        return lines[0]

    def table(self) -> Table:
        """The CSV table; an empty payload is an empty table without columns."""
        try:
            rows = [row for row in csv.reader(io.StringIO(self.payload, newline="")) if row]
        except csv.Error as exc:
            raise ProtocolError(f"the table is not valid CSV: {exc}") from None
        if not rows:
            return Table((), [])
        header = tuple(name.strip() for name in rows[0])
        # A row of nothing but one empty cell is a blank line with spaces: skip it.
        data = [row for row in rows[1:] if not (len(row) == 1 and not row[0].strip())]
        return Table(header, data)


def parse_body(raw: bytes | str, mode: str | None = None) -> Body:
    """Read a whole response body.

    Returns the :class:`Body` after ``Ok``; raises the matching ``ApiError`` subclass for
    ``Error NNN: text`` (its field resolved for ``mode``) and :class:`ProtocolError` for
    anything else.
    """
    text = decode_bytes(raw) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if "\x00" in text:
        raise ProtocolError("the answer contains NUL characters")
    text = text.replace("\r\n", "\n")
    first, _, rest = text.partition("\n")
    status = first.strip()
    if status.lower() == "ok":
        return Body(rest)
    match = _ERROR_LINE.fullmatch(status)
    if match is not None:
        code = int(match.group(1))
        server_text = match.group(2).strip()
        raise error_for_code(code, server_text, mode=mode)
    if not text.strip():
        raise ProtocolError("the answer was empty")
    raise ProtocolError(f"the answer does not start with Ok or Error: {_snippet(text)}")
