"""Exporting the Activity tab's rows as shown (after filter and sort) to CSV or XLSX.

Four choices: CSV or XLSX, each with the columns as shown (decoded) or as TraiTel sent them
(raw API columns). The file dialog opens with ``open()`` (never ``exec()`` in a coroutine);
the rows are written in a worker thread (:class:`traitel_desktop.core.export.Export`) with
a progress bar and a Cancel button; a cancelled or failed export leaves no file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QWidget,
)

from traitel_desktop.core.export import CSV, XLSX, Export, ExportCancelled
from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.ui.activity.table import LogTable
from traitel_desktop.ui.widgets.async_tools import spawn

if TYPE_CHECKING:
    from traitel_desktop.ui.activity.model import ActivityModel
    from traitel_desktop.ui.widgets.message_bar import MessageBar


def tr(text: str) -> str:
    return QCoreApplication.translate("Activity", text)


def export_plan(
    table: LogTable, rows: Sequence[int], raw: bool
) -> tuple[list[str], Callable[[int], Sequence[str]]]:
    """Headers and a row function for rows ``rows`` of ``table`` (in that order): the API
    columns as sent (``raw``), or the shown columns as shown."""
    if raw:
        return list(table.spec.headers), lambda i: table.raw_texts(rows[i])
    columns = range(len(table.view))
    headers = [v.title for v in table.view]
    text = table.text
    message = [c for c, v in enumerate(table.view) if v.key == "message"]

    def decoded(i: int) -> list[str]:
        row = rows[i]
        out = [text(c, row) for c in columns]
        for c in message:  # the whole message, new lines included
            out[c] = table.tooltip(c, row) or out[c]
        return out

    return headers, decoded


class ExportHost(Protocol):
    """What the export asks of the tab that holds it (the Activity tab)."""

    model: ActivityModel
    message_bar: MessageBar


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

    def choose_file(self, kind: str, raw: bool) -> QFileDialog:
        """Ask where to save (non-blocking dialog); the export starts when a file is chosen."""
        folder = self.last_path.parent if self.last_path else Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        table = self.host.model.table
        name = f"{table.log}-{'raw' if raw else 'shown'}.{kind}"
        dialog = QFileDialog(self.tab, tr("Export activity"), str(folder / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setNameFilter(tr("CSV files (*.csv)") if kind == CSV else tr("Excel files (*.xlsx)"))
        dialog.fileSelected.connect(lambda path: self.start(Path(path), kind, raw))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

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
