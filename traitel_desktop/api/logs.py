"""Reading the answer of a log mode into typed columns (``TraiTelClient.log``).

The body after ``Ok`` is a CSV table; its columns are found by header name
(``contract.readings.header_positions``) and each is read with the contract's reading of its
kind (``contract.readings.read_column``). A cell that does not read, a missing column or a
row cut short raises :class:`ProtocolError` naming the row and the column.

Speed: a year of ``logsmsout`` is about 320 thousand rows. A body without quotes or carriage
returns (every log but an SMS with a comma in it) whose lines all have the header's number
of cells is split with ``str.split`` into one flat list, and each column is a slice of it;
anything else goes through :mod:`csv` (RFC 4180) row by row. Either way a column is then read
in bulk (distinct values once). ``bench/bench_logs.py`` measures it against ``csv.reader``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from itertools import islice, repeat
from operator import itemgetter
from typing import Any

from traitel_desktop.api import records
from traitel_desktop.api.body import Body, parse_body
from traitel_desktop.api.errors import ProtocolError
from traitel_desktop.contract.logs import LOGS, Kind, LogColumns, to_money
from traitel_desktop.contract.readings import (
    CellError,
    MissingColumn,
    header_positions,
    read_log,
)

__all__ = ["RECORD_TYPES", "log_columns", "parse_log", "to_records"]

#: The per-row record type of each log (fields in the log's column order).
RECORD_TYPES: dict[str, type] = {
    "logfaxin": records.FaxIn,
    "logfaxout": records.FaxOut,
    "logvoicein": records.VoiceCall,
    "logvoiceout": records.VoiceCall,
    "logsmsin": records.SmsIn,
    "logsmsout": records.SmsOut,
}


def parse_log(mode: str, raw: bytes | str) -> LogColumns:
    """A whole answer of log ``mode`` (bytes as received) -> typed columns: exactly what
    ``TraiTelClient.log`` does with the bytes (``parse_body``, then :func:`log_columns`).
    ``Error NNN`` answers raise their ``ApiError``."""
    return log_columns(mode, parse_body(raw, mode))


def log_columns(mode: str, body: Body) -> LogColumns:
    """The table after ``Ok`` of log ``mode`` as typed columns (empty: no rows)."""
    if mode not in LOGS:
        raise ValueError(f"not a log mode: {mode!r}")
    header, column, clean = _cells(body.payload)
    if not header:
        return LogColumns.empty(mode)
    try:
        positions = header_positions(mode, header)
    except MissingColumn as exc:
        raise ProtocolError(str(exc)) from None
    names = LOGS[mode].headers
    texts = [column(at, name) for at, name in zip(positions, names, strict=True)]
    try:
        return read_log(mode, texts, clean)
    except CellError as exc:
        raise ProtocolError(str(exc)) from None


#: The texts of the column at a position (the name is for the error of a short row).
ColumnOf = Callable[[int, str], Sequence[str]]
#: White space other than the line feed, and "_": a body without any is "clean".
_UNCLEAN = " \t\x0b\x0c\x1c\x1d\x1e\x1f_"


def _cells(payload: str) -> tuple[list[str], ColumnOf, bool | None]:
    """The header cells, the texts of each column, and True when every data cell is ASCII
    without white space or ``_`` (None: each column is looked at on its own; see
    ``contract.readings.read_column``)."""
    if '"' not in payload and "\r" not in payload:
        lines = payload.split("\n")
        while lines and not lines[-1]:
            lines.pop()
        if lines and "" not in lines:
            header = lines[0].split(",")
            width = len(header)
            start = len(lines[0]) + 1
            del lines[0]
            if set(map(str.count, lines, repeat(","))) <= {width - 1}:
                flat = ",".join(lines).split(",") if lines else []
                del lines
                clean = payload.isascii() and all(
                    payload.find(c, start) < 0 for c in _UNCLEAN)
                return header, lambda at, name: flat[at::width], clean or None
    return _csv_cells(payload)


def _csv_cells(payload: str) -> tuple[list[str], ColumnOf, bool | None]:
    """RFC 4180, as :meth:`Body.table` reads it: blank lines skipped, quoted fields."""
    try:
        rows = list(filter(None, csv.reader(io.StringIO(payload, newline=""))))
    except csv.Error as exc:
        raise ProtocolError(f"the table is not valid CSV: {exc}") from None
    if not rows:
        return [], lambda at, name: [], None
    header = rows[0]
    widths = set(map(len, islice(rows, 1, None)))
    if 1 in widths:  # a line of spaces is a blank line too
        rows = [header, *(r for r in islice(rows, 1, None) if len(r) > 1 or r[0].strip())]
        widths = set(map(len, islice(rows, 1, None)))
    shortest = min(widths, default=len(header))

    def column(at: int, name: str) -> Sequence[str]:
        if at >= shortest:
            number = next(n for n, row in enumerate(islice(rows, 1, None), start=1)
                          if len(row) <= at)
            raise ProtocolError(f"row {number} is cut short: no {name!r} value")
        return list(map(itemgetter(at), islice(rows, 1, None)))

    return header, column, None


# --- per-row records -----------------------------------------------------------------------


def _converter(kind: Kind) -> Callable[[Any], Any] | None:
    if kind is Kind.DATE:
        return dt.date.fromisoformat
    if kind is Kind.TIME:
        return dt.time.fromisoformat
    if kind is Kind.MONEY:
        return to_money
    return None


def to_records(columns: LogColumns) -> list[Any]:
    """One ``api.records`` dataclass per row (``FaxIn``, ``FaxOut``, ``VoiceCall``,
    ``SmsIn``, ``SmsOut``): dates as ``date``, times as ``time``, costs as ``Decimal``
    amounts. For the few callers that want records; tables want the columns."""
    make = RECORD_TYPES[columns.log]
    values: list[list[Any]] = []
    for spec, column in zip(columns.spec.columns, columns.columns, strict=True):
        convert = _converter(spec.kind)
        if convert is not None:
            table = {v: convert(v) for v in set(column)}
            column = list(map(table.__getitem__, column))
        values.append(column)
    return list(map(make, *values))
