"""How the sandbox writes a TraiTel answer body (NOTES.md "emit" forms).

Every body is UTF-8 text with LF line ends, each line terminated by ``\\n``: ``Ok`` alone for
write modes, ``Ok`` plus one bare value, or ``Ok`` plus a CSV table (header first) written by
the :mod:`csv` module, which quotes fields holding commas, quotes or newlines (RFC 4180).
Errors are one line, ``Error NNN: text``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import islice

from traitel_desktop.contract.error_codes import ERROR_TEXTS, error_line

CONTENT_TYPE = "text/plain; charset=utf-8"
MICRO = 1_000_000


class RequestError(Exception):
    """A documented API error: the request is rejected and its transaction rolled back."""

    def __init__(self, code: int) -> None:
        if code not in ERROR_TEXTS:
            raise ValueError(f"undocumented error code {code}")
        super().__init__(error_line(code))
        self.code = code


def error_body(code: int) -> bytes:
    """The body of an ``Error NNN`` answer."""
    return (error_line(code) + "\n").encode()


def ok_body(value: str | None = None) -> bytes:
    """``Ok`` alone, or ``Ok`` followed by one bare value."""
    if value is None:
        return b"Ok\n"
    return f"Ok\n{value}\n".encode()


#: Rows written per ``writerows`` call: one call holds the interpreter lock throughout, and
#: in-process (``--demo``, tests, benchmarks) a year of rows in one call kept the app's Qt
#: thread waiting 60-130 ms.
_WRITE_BATCH = 2000


def table_body(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``Ok`` followed by a CSV table: the header row, then ``rows``."""
    buf = io.StringIO()
    buf.write("Ok\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    rest = iter(rows)
    while batch := list(islice(rest, _WRITE_BATCH)):
        writer.writerows(batch)
    return buf.getvalue().encode()


def money(micro: int) -> str:
    """A money amount held in micro-units, as a plain decimal string.

    Four decimal places (``12.3450``), or six when the amount needs them (per-second rates).
    """
    sign = "-" if micro < 0 else ""
    whole, frac = divmod(abs(micro), MICRO)
    if frac % 100 == 0:
        return f"{sign}{whole}.{frac // 100:04d}"
    return f"{sign}{whole}.{frac:06d}"


def to_micro(text: str) -> int:
    """Micro-units from a decimal string (generator tables); exact, never through float."""
    value = Decimal(text) * MICRO
    if value != value.to_integral_value():
        raise ValueError(f"{text} has more than six decimal places")
    return int(value)
