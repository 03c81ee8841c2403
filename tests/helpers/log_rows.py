"""Log rows for tests, read the one way the app reads them (``api.logs.parse_log``).

Tests that fill an archive or a table write rows as the gateway would send them (CSV text
cells) and let the client's reading type them, so no test keeps a reading of its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from traitel_desktop.api.logs import parse_log
from traitel_desktop.contract.logs import LOGS, LogColumns


def log_body(log: str, rows: Sequence[Sequence[object]],
             header: Sequence[str] | None = None) -> str:
    """The ``Ok`` answer of ``log`` holding ``rows`` (cells as given, header by default the
    contract's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOGS[log].headers if header is None else header)
    writer.writerows(rows)
    return "Ok\n" + out.getvalue()


def log_columns(log: str, rows: Sequence[Sequence[object]],
                header: Sequence[str] | None = None) -> LogColumns:
    """``rows`` of ``log`` (CSV cells) as the typed columns ``TraiTelClient.log`` gives."""
    return parse_log(log, log_body(log, rows, header))


def fetch_rows(client: Any, log: str, start: dt.date, end: dt.date,
               sub_id: int | None = None) -> list[tuple[Any, ...]]:
    """The gateway's rows of ``log`` for the range, typed, in ``Archive.rows`` order (date,
    time, ID)."""
    rows = client.log(log, start, end, sub_id=sub_id).rows()
    return sorted(rows, key=lambda r: (r[2], r[3], r[0]))
