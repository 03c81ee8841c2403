"""Writing table rows to CSV or XLSX in a worker thread, atomically, with progress and cancel.

The rows are written to a temporary file in the destination's folder, which replaces the
destination (``os.replace``) only when everything was written: a cancelled or failed export
leaves no file behind (and an existing file at the destination untouched).

Each column is a :class:`~traitel_desktop.core.sheet_cells.Column` (a plain title is a text
column) and each cell is written by its kind, the one rule of
:mod:`traitel_desktop.core.sheet_cells`: text never becomes a live formula (CSV: a leading
``'`` on a cell that could start one; XLSX: a text cell), numbers, amounts, dates and
durations are real numbers and dates in XLSX and plain, consistent text in CSV (amounts with
at least four decimals, as the app shows them). CSV is UTF-8 with a byte-order mark (so
spreadsheets detect it), every field in double quotes (so a stranger's comma or semicolon
never starts a new cell, whatever separator the spreadsheet expects).
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from traitel_desktop.core.sheet_cells import CellKind, Column, csv_cell, csv_text

__all__ = [
    "CSV", "XLSX", "CellKind", "Column", "Export", "ExportCancelled", "Headers", "write_rows",
]

CSV, XLSX = "csv", "xlsx"
#: ``progress(rows_written, rows_total)``.
Progress = Callable[[int, int], None]
#: ``row(i)`` gives the values of the i-th row to write (0 <= i < count), one per column,
#: of the column's kind (see :mod:`traitel_desktop.core.sheet_cells`).
RowSource = Callable[[int], Sequence[object]]
#: The columns: :class:`Column` descriptions, or titles of text columns.
Headers = Sequence[Column | str]
_STEP = 2000


def _columns(headers: Headers) -> list[Column]:
    return [h if isinstance(h, Column) else Column(h) for h in headers]


class ExportCancelled(Exception):
    """The export was cancelled; nothing was written."""


def write_rows(
    path: Path | str,
    kind: str,
    headers: Headers,
    row: RowSource,
    count: int,
    *,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    sheet_title: str = "Activity",
) -> int:
    """Write ``headers`` and rows ``row(0)``..``row(count - 1)`` to ``path`` as ``kind``
    (:data:`CSV` or :data:`XLSX`); returns the rows written. Blocking (run it in a worker
    thread). Raises :class:`ExportCancelled` when ``cancelled`` is set; the destination is
    only replaced at the very end."""
    if kind not in (CSV, XLSX):
        raise ValueError(f"unknown export kind {kind!r}")
    target = Path(path)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    tell = progress or (lambda done, total: None)
    stop = cancelled or threading.Event()

    def rows() -> Iterator[Sequence[object]]:
        for i in range(count):
            if i % _STEP == 0:
                if stop.is_set():
                    raise ExportCancelled
                tell(i, count)
            yield row(i)

    columns = _columns(headers)
    try:
        if kind == CSV:
            _write_csv(temp, columns, rows())
        else:
            _write_xlsx(temp, columns, rows(), sheet_title)
        if stop.is_set():
            raise ExportCancelled
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    tell(count, count)
    return count


def _write_csv(temp: Path, columns: list[Column], rows: Iterator[Sequence[object]]) -> None:
    cells = [csv_cell(c.kind) for c in columns]
    with temp.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow([csv_text(CellKind.TEXT, c.title) for c in columns])
        for values in rows:
            writer.writerow([cell(v) for cell, v in zip(cells, values, strict=True)])


def _write_xlsx(
    temp: Path, columns: list[Column], rows: Iterator[Sequence[object]], title: str
) -> None:
    from openpyxl import Workbook

    from traitel_desktop.core.xlsx_cells import XlsxRows

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Sheet")
    cells = XlsxRows(sheet, columns)
    try:
        sheet.append(cells.header())
        for values in rows:
            sheet.append(cells.row(values))
    finally:
        # Always close the write-only sheet's writer (else it fails later, in the
        # garbage collector); the temporary file is removed by the caller on failure.
        book.save(temp)


class Export:
    """One export run from the Qt loop: ``await export.run()`` writes in a worker thread,
    calling ``progress(done, total)`` on the loop; :meth:`cancel` stops it (then ``run``
    raises :class:`ExportCancelled` and no file is left)."""

    def __init__(
        self,
        path: Path | str,
        kind: str,
        headers: Headers,
        row: RowSource,
        count: int,
        progress: Progress | None = None,
    ) -> None:
        self.path = Path(path)
        self.kind = kind
        self.headers = list(headers)
        self.row = row
        self.count = count
        self.progress = progress
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Stop writing; the destination is not touched."""
        self._cancel.set()

    async def run(self) -> int:
        """Write the file; returns the rows written."""
        loop = asyncio.get_running_loop()
        report = self.progress

        def tell(done: int, total: int) -> None:
            if report is not None:
                loop.call_soon_threadsafe(report, done, total)

        try:
            return await asyncio.to_thread(
                write_rows, self.path, self.kind, self.headers, self.row, self.count,
                progress=tell, cancelled=self._cancel,
            )
        except asyncio.CancelledError:
            self._cancel.set()
            raise
