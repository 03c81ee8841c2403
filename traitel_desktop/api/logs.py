"""Reading the answer of a log mode into typed columns (``TraiTelClient.log``).

The body after ``Ok`` is a CSV table; its columns are found by header name
(``contract.readings.header_positions``) and each is read with the contract's reading of its
kind (``contract.readings.LogReader``). A cell that does not read, a missing column or a
row cut short raises :class:`ProtocolError` naming the row and the column.

Speed: a year of ``logsmsout`` is about 320 thousand rows. A body without quotes, carriage
returns or blank lines (every log but an SMS with a comma in it) whose lines all have the
header's number of cells is split with ``str.split``, about 900 rows at a time (so the cells
stay in the processor's cache), each column a slice of the flat list; anything else goes
through :mod:`csv` (RFC 4180). Either way the columns are read in bulk
(``contract.readings.LogReader``: each distinct value once). ``bench/bench_logs.py``
measures it against ``csv.reader``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import islice, repeat
from operator import itemgetter
from typing import Any

from traitel_desktop.api import records
from traitel_desktop.api.body import Body, check_width, csv_rows, parse_body
from traitel_desktop.api.errors import ProtocolError
from traitel_desktop.contract.logs import LOGS, Kind, LogColumns, to_money
from traitel_desktop.contract.readings import (
    CellError,
    LogReader,
    MissingColumn,
    header_positions,
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
    try:
        columns = _split_read(mode, body.payload)
        return columns if columns is not None else _csv_read(mode, body.payload)
    except (MissingColumn, CellError) as exc:
        raise ProtocolError(str(exc)) from None


#: Characters of text read per part: about 900 rows of logsmsout, whose cells then stay in
#: the processor's cache while each column is sliced and read (a year at once did not).
_PART = 1 << 16
#: Rows read per part on the csv path.
_PART_ROWS = 1024
#: White space other than the line feed, and "_": a body without any is "clean".
_UNCLEAN = " \t\x0b\x0c\x1c\x1d\x1e\x1f_"


def _split_read(mode: str, payload: str) -> LogColumns | None:
    """The fast path: a table without quotes, carriage returns or blank lines, every line
    as wide as the header, read part by part with ``str.split``. None: it does not apply
    (the csv path reads it)."""
    if '"' in payload or "\r" in payload:
        return None
    start, end = 0, len(payload)
    while start < end and payload[start] == "\n":
        start += 1
    while end > start and payload[end - 1] == "\n":
        end -= 1
    if start == end:
        return LogColumns.empty(mode)
    head_end = payload.find("\n", start, end)
    if head_end < 0:
        head_end = end
    check_width(payload.count(",", start, head_end) + 1)
    header = payload[start:head_end].split(",")
    width = len(header)
    if width < 2 or payload.find("\n\n", head_end, end) >= 0:
        return None
    positions = header_positions(mode, header)
    clean = payload.isascii() and all(payload.find(c, head_end, end) < 0 for c in _UNCLEAN)
    reader = LogReader(mode)
    at = head_end + 1
    while at < end:
        stop = payload.find("\n", at + _PART, end)
        if stop < 0:
            stop = end
        part = payload[at:stop]
        at = stop + 1
        if set(map(str.count, part.split("\n"), repeat(","))) != {width - 1}:
            return None  # a row of another width: the csv path says which
        cells = part.replace("\n", ",").split(",")
        reader.add([cells[i::width] for i in positions], clean or None)
    return reader.columns()


def _csv_read(mode: str, payload: str) -> LogColumns:
    """RFC 4180, as :meth:`Body.table` reads it (blank lines skipped, quoted fields, rows
    bounded by ``body.csv_rows``), rows read and dropped a part at a time."""
    rows = filter(None, csv_rows(payload))
    header = next(rows, None)
    if header is None:
        return LogColumns.empty(mode)
    positions = header_positions(mode, header)
    need = max(positions)
    getters = [itemgetter(i) for i in positions]
    reader = LogReader(mode)
    done = 0
    while part := list(islice(rows, _PART_ROWS)):
        if min(map(len, part)) <= need:
            part = [r for r in part if len(r) > 1 or r[0].strip()]  # lines of spaces
            short = next((n for n, r in enumerate(part) if len(r) <= need), None)
            if short is not None:
                row = part[short]
                name = next(c.name for c, i in zip(LOGS[mode].columns, positions,
                                                   strict=True) if i >= len(row))
                raise ProtocolError(
                    f"row {done + short + 1} is cut short: no {name!r} value")
        reader.add([list(map(get, part)) for get in getters])
        done += len(part)
    return reader.columns()


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
