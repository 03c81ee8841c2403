"""Reading a TraiTel response body, as ``../shared/spec/NOTES.md`` describes it.

The first line is ``Ok`` or ``Error NNN: text``; anything else is a :class:`ProtocolError`.
After ``Ok`` comes nothing, one bare value, or an RFC 4180 CSV table with a header row.
LF, CRLF, a UTF-8 byte-order mark and a missing final newline are all accepted.

Encoding (for NOTES.md; the document names none):

- Bodies are read as UTF-8 (a byte-order mark is dropped). A byte that is not part of a valid
  UTF-8 sequence is read as Windows-1252 (the legacy encoding of Western Perl CGIs; its five
  unassigned bytes as Latin-1), on its own: the rest of the body stays UTF-8. So a Latin-1 or
  Windows-1252 answer reads right ("Café"), and one stray byte in a UTF-8 answer spoils one
  character, not every accented letter of the answer (as reading the whole body as Latin-1
  did). Each body that needs the fallback is logged (a warning: how many bytes, where the
  first one is; never the text).

A CSV row is bounded (a 10-million-column row must not become 10 million strings): a row of
more than :data:`MAX_COLUMNS` cells or :data:`MAX_ROW_CHARS` characters (the widest log has 12
columns; an SMS text is a few thousand characters at most) raises :class:`AnswerTooLarge`.
"""

from __future__ import annotations

import codecs
import csv
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from traitel_desktop.api.errors import AnswerTooLarge, ProtocolError, error_for_code

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROW_CHARS",
    "Body",
    "Table",
    "check_width",
    "csv_rows",
    "decode_bytes",
    "parse_body",
]

log = logging.getLogger(__name__)

_ERROR_LINE = re.compile(r"Error\s+(\d{1,3})\s*:\s*(.*)", re.IGNORECASE)

#: One line and its end (LF, CRLF or CR), as ``io.StringIO(newline="")`` splits them; used
#: instead, as a ``StringIO`` holds four bytes per character of the whole body.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")

#: Cells in one CSV row, at most.
MAX_COLUMNS = 1000
#: Characters in one CSV row (its lines included, for quoted newlines), at most.
MAX_ROW_CHARS = 1 << 20


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_LEGACY = [_cp1252(b) for b in range(256)]
_FALLBACK = "traitel-cp1252"


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """The decoding error handler: the bytes UTF-8 refused, read as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_LEGACY[b] for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(_FALLBACK, _as_cp1252)


def decode_bytes(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), any invalid byte read as Windows-1252
    (never fails; logged when it happens, see the module docstring)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = raw.decode("utf-8-sig", _FALLBACK)
    log.warning("the answer is not valid UTF-8 (first bad byte at %d of %d): bytes that are "
                "not UTF-8 were read as Windows-1252", first, len(raw))
    return text


def check_width(cells: int) -> None:
    """Raise :class:`AnswerTooLarge` for a row of more than :data:`MAX_COLUMNS` cells."""
    if cells > MAX_COLUMNS:
        raise AnswerTooLarge(f"a table row has {cells} cells (at most {MAX_COLUMNS})",
                             f"a row of more than {MAX_COLUMNS} columns")


def csv_rows(payload: str) -> Iterator[list[str]]:
    """The RFC 4180 rows of ``payload`` as ``csv.reader`` gives them (a blank line is an
    empty list), each row checked against :data:`MAX_ROW_CHARS` while it is read and against
    :data:`MAX_COLUMNS` once read. Raises :class:`AnswerTooLarge`, or :class:`ProtocolError`
    for CSV that does not read."""
    left = [MAX_ROW_CHARS]

    def lines() -> Iterator[str]:
        for match in _LINE.finditer(payload):
            line = match.group()
            left[0] -= len(line)
            if left[0] < 0:
                raise AnswerTooLarge(
                    f"a table row is longer than {MAX_ROW_CHARS} characters",
                    f"a row of more than {MAX_ROW_CHARS // 1_000_000} million characters")
            yield line

    try:
        for row in csv.reader(lines()):
            check_width(len(row))
            left[0] = MAX_ROW_CHARS
            yield row
    except csv.Error as exc:
        raise ProtocolError(f"the table is not valid CSV: {exc}") from None


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
        rows = [row for row in csv_rows(self.payload) if row]
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
