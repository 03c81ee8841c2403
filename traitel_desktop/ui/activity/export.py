"""Exporting the Activity tab's rows as shown (after filter and sort) to CSV or XLSX.

Four choices: CSV or XLSX, each with the columns as shown (decoded) or as TraiTel sent them
(raw API columns). The file dialog opens with ``open()`` (never ``exec()`` in a coroutine), in
the folder of the last export (remembered in the settings across sessions), else the owner's
Documents folder, else their home folder, with a name a person would give the file: the log's
plain name and the dates shown ("Faxes sent 2026-11-30 to 2026-12-06.xlsx",
:func:`~traitel_desktop.core.export_name.export_file_name`). The rows are written in a worker
thread (:class:`traitel_desktop.core.export.Export`) with a progress bar and a Cancel button;
a cancelled or failed export leaves no file.

Each column is exported with its kind (:mod:`traitel_desktop.core.sheet_cells`): the raw
columns by their ``contract.logs`` kind; the shown columns as shown where they are words (names,
numbers, results, messages: text, never a live formula), and as real numbers, amounts, dates
and durations where the table shows a number (with number formats like the table's in XLSX).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QCoreApplication, QDir, QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QWidget,
)

from traitel_desktop.contract.logs import Kind
from traitel_desktop.core.export import CSV, XLSX, CellKind, Column, Export, ExportCancelled
from traitel_desktop.core.export_name import export_file_name
from traitel_desktop.core.log_cells import cell_value, log_columns, log_row, when
from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.ui.activity.columns import Fmt, log_titles
from traitel_desktop.ui.activity.table import LogTable
from traitel_desktop.ui.widgets.async_tools import spawn

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.ui.activity.model import ActivityModel
    from traitel_desktop.ui.widgets.message_bar import MessageBar


def tr(text: str) -> str:
    return QCoreApplication.translate("Activity", text)


#: Shown columns exported as numbers: (kind, XLSX number format like the table's text).
_TYPED: dict[Fmt, tuple[CellKind, str | None]] = {
    Fmt.WHEN: (CellKind.DATETIME, "ddd d mmm yyyy  hh:mm:ss"),
    Fmt.COUNT: (CellKind.INTEGER, "#,##0"),
    Fmt.SPEED: (CellKind.INTEGER, '#,##0 "bit/s"'),
    Fmt.DURATION: (CellKind.DURATION, None),
    Fmt.MONEY: (CellKind.MONEY, None),
    Fmt.IVML: (CellKind.INTEGER, None),
    Fmt.ID: (CellKind.INTEGER, None),
}


def export_plan(
    table: LogTable, rows: Sequence[int], raw: bool
) -> tuple[list[Column], Callable[[int], Sequence[object]]]:
    """Columns and a row function for rows ``rows`` of ``table`` (in that order): the API
    columns as sent (``raw``), or the shown columns as shown."""
    if raw:
        typed = log_row(table.spec)
        return log_columns(table.spec), lambda i: typed(table.raw(rows[i]))
    columns: list[Column] = []
    cells: list[Callable[[int], object]] = []
    for c, view in enumerate(table.view):
        kind, number_format = _TYPED.get(view.fmt, (CellKind.TEXT, None))
        columns.append(Column(view.title, kind, number_format))
        cells.append(_shown_cell(table, c, kind))
    return columns, lambda i: [cell(rows[i]) for cell in cells]


def _shown_cell(table: LogTable, column: int, kind: CellKind) -> Callable[[int], object]:
    """The function giving one shown column's export value of a table row."""
    view = table.view[column]
    values = [table.columns[s] for s in view.sources]
    if view.fmt is Fmt.WHEN:
        days, times = values
        return lambda row: when(days[row], times[row])
    if view.fmt is Fmt.MESSAGE:  # the whole message, new lines included
        return lambda row: table.tooltip(column, row) or table.text(column, row)
    if kind is CellKind.TEXT:
        return lambda row: table.text(column, row)
    source = values[0]
    contract_kind: Kind = table.spec.columns[view.sources[0]].kind
    return lambda row: cell_value(contract_kind, source[row])


class ExportHost(Protocol):
    """What the export asks of the tab that holds it (the Activity tab)."""

    model: ActivityModel
    message_bar: MessageBar
    session: Session

    def date_range(self) -> tuple[dt.date, dt.date]:
        """The dates shown."""
        ...


class ExportControls:
    """The Export button (menu of four kinds), the export progress row, and the run."""

    def __init__(self, tab: QWidget) -> None:
        self.tab = tab
        self.host = cast(ExportHost, tab)
        self.task: asyncio.Task[Any] | None = None
        self.export: Export | None = None
        self.dialog: QFileDialog | None = None
        self.last_path: Path | None = None
        self.button = QPushButton(tr("&Export"), tab)
        self.button.setToolTip(tr("Save the rows shown to a file (Ctrl+E)"))
        self.menu = QMenu(self.button)
        for text, kind, raw in (
            (tr("CSV, columns as shown…"), CSV, False),
            (tr("CSV, columns as TraiTel sends them…"), CSV, True),
            (tr("Excel (XLSX), columns as shown…"), XLSX, False),
            (tr("Excel (XLSX), columns as TraiTel sends them…"), XLSX, True),
        ):
            act = self.menu.addAction(text)
            act.triggered.connect(lambda _=False, k=kind, r=raw: self.choose_file(k, r))
        self.button.setMenu(self.menu)
        self.row = QWidget(tab)
        self.progress = QProgressBar(self.row)
        self.progress.setAccessibleName(tr("Export progress"))
        self.progress.setMaximumWidth(360)
        self.label = QLabel(self.row)
        self.cancel_button = QPushButton(tr("Cancel export"), self.row)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        self.row.hide()

    @property
    def running(self) -> bool:
        """True while an export writes."""
        return self.task is not None and not self.task.done()

    def show_menu(self) -> None:
        """Ctrl+E: open the export menu under the button."""
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def start_folder(self) -> Path:
        """Where the save dialog opens: the folder of the last export (also from an earlier
        session), else the owner's Documents folder, else their home folder."""
        settings = self.host.session.settings
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        for folder in (settings.export_folder if settings is not None else "",
                       QStandardPaths.writableLocation(documents)):
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path(QDir.homePath())

    def default_name(self, kind: str, raw: bool) -> str:
        """"Faxes sent 2026-11-30 to 2026-12-06.xlsx": the log's plain name and the dates
        shown ("(as sent by TraiTel)" added for the raw columns)."""
        log = self.host.model.table.log
        start, end = self.host.date_range()
        note = tr("as sent by TraiTel") if raw else ""
        return export_file_name(log_titles().get(log, log), start, end, kind, note)

    def remember_folder(self, folder: Path) -> None:
        """The next export dialog opens in ``folder`` (also in the next session)."""
        settings = self.host.session.settings
        if settings is not None:
            settings.export_folder = str(folder)

    def choose_file(self, kind: str, raw: bool) -> QFileDialog:
        """Ask where to save (non-blocking dialog); the export starts when a file is chosen."""
        dialog = QFileDialog(self.tab, tr("Export activity"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setNameFilter(tr("CSV files (*.csv)") if kind == CSV else tr("Excel files (*.xlsx)"))
        dialog.setDirectory(str(self.start_folder()))
        dialog.selectFile(self.default_name(kind, raw))
        dialog.fileSelected.connect(lambda path: self._chosen(Path(path), kind, raw))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _chosen(self, path: Path, kind: str, raw: bool) -> None:
        self.remember_folder(path.parent)
        self.start(path, kind, raw)

    def start(self, path: Path, kind: str, raw: bool) -> asyncio.Task[Any]:
        """Export the rows shown now to ``path``."""
        self.cancel()
        model = self.host.model
        rows = list(model.visible)
        headers, row = export_plan(model.table, rows, raw)
        self.export = Export(path, kind, headers, row, len(rows), progress=self._progress)
        self.last_path = path
        self.task = spawn(self._run(self.export), name="activity-export")
        return self.task

    def cancel(self) -> None:
        """Stop a running export (no file is left)."""
        if self.export is not None and self.running:
            self.export.cancel()

    def _progress(self, done: int, total: int) -> None:
        if alive(self.progress):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    async def _run(self, export: Export) -> None:
        bar = self.host.message_bar
        self.label.setText(tr("Saving {0}…").format(export.path.name))
        self.progress.setValue(0)
        self.row.show()
        try:
            count = await export.run()
        except ExportCancelled:
            if alive(bar):
                bar.show_info(tr("Export cancelled; no file was written."))
        except OSError as exc:
            if alive(bar):
                reason = exc.strerror or str(exc)
                bar.show_info(tr("Could not save {0}: {1}").format(export.path, reason))
        else:
            if alive(bar):
                bar.show_info(tr("Saved {0} rows to {1}.").format(f"{count:,}", export.path))
        finally:
            if alive(self.row):
                self.row.hide()
