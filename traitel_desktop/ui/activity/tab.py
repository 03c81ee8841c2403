"""The Activity tab: one activity log at a time, from the history saved on this computer,
topped up from TraiTel.

Controls: the log, a date range (calendar pickers that stop at today in the account's time
zone), a sub-account, and a search over every column. The archived rows show at once; the
days the archive lacks are then fetched with a progress bar and a Cancel button, and the table
is redrawn when they arrived. Without a gateway the archived rows stay, marked offline with
the last sync time; when a gateway answers but some days could not be fetched even after a
few tries, a note says how many, and the next refresh fetches them. The log and dates come
back at the next session (a range that ended today keeps its length and ends on the new
today). Below the table: totals of the rows shown. Beside it: the selected row in full
(Ctrl+C copies it). Export writes the rows shown, in their order, to CSV or XLSX.

Keyboard: Alt+L log, Alt+F/Alt+T dates, Alt+U sub-account, Ctrl+F search, Ctrl+C copy the
details, Ctrl+E export, Escape cancels a sync or an export. Follows the tab protocol of
:mod:`traitel_desktop.ui.frame.tabs`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.currency import currency_events
from traitel_desktop.services.history import CANCELLED, DONE, OFFLINE, HistoryService
from traitel_desktop.services.settings import ActivityView
from traitel_desktop.ui.activity.columns import log_titles
from traitel_desktop.ui.activity.export import ExportControls
from traitel_desktop.ui.activity.panes import ActivityBody, missing_text, totals_text, totals_tip
from traitel_desktop.ui.activity.table import LogTable
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from traitel_desktop.services import Session

DEFAULT_LOG = "logvoicein"
DEFAULT_DAYS = 7


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ActivityTab(QWidget):
    """The activity logs (see the module docstring)."""

    loaded = Signal()

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        history: HistoryService | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.history = history or HistoryService.for_session(session)
        self.setObjectName("activityTab")
        self.setAccessibleName(self.tr("Activity"))
        self.task: asyncio.Task[Any] | None = None
        self.sub_names: dict[int, str] = {}
        self._subs_loaded = False
        self._loaded_once = False

        self.message_bar = MessageBar(self)
        self.log_box = QComboBox(self)
        for name, title in log_titles().items():
            self.log_box.addItem(title, name)
        self.log_box.setAccessibleName(self.tr("Log"))
        today = self.history.today()
        saved = self._saved_view()
        log, (start, end) = DEFAULT_LOG, (today - dt.timedelta(days=DEFAULT_DAYS - 1), today)
        if saved is not None:
            log, (start, end) = saved.log, saved.dates(today)
        #: Days before today a rolling range starts ("the last 7 days": 6); None when the
        #: chosen range does not end today and so stays as it is.
        self._rolling_days: int | None = (
            (end - start).days if saved is None or saved.rolling else None)
        self._known_range = (start, end)  # as last shown by a reload
        self.log_box.setCurrentIndex(self.log_box.findData(log))
        self.start_edit = self._date_edit(start, self.tr("From date"))
        self.end_edit = self._date_edit(end, self.tr("To date"))
        self.sub_box = QComboBox(self)
        self.sub_box.addItem(self.tr("All sub-accounts"), None)
        self.sub_box.setAccessibleName(self.tr("Sub-account"))
        self.sub_box.setMinimumContentsLength(16)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search every column"))
        self.search.setAccessibleName(self.tr("Search the activity"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)  # it takes the room left; narrow at 1024 px
        self.export = ExportControls(self)

        def label(text: str, buddy: QWidget) -> QLabel:
            words = QLabel(text, self)
            words.setBuddy(buddy)
            return words

        controls = QHBoxLayout()
        controls.setSpacing(6)
        controls.addWidget(label(self.tr("&Log"), self.log_box))
        controls.addWidget(self.log_box)
        controls.addSpacing(8)
        controls.addWidget(label(self.tr("&From"), self.start_edit))
        controls.addWidget(self.start_edit)
        controls.addWidget(label(self.tr("&to"), self.end_edit))
        controls.addWidget(self.end_edit)
        controls.addSpacing(8)
        controls.addWidget(label(self.tr("S&ub-account"), self.sub_box))
        controls.addWidget(self.sub_box)
        controls.addSpacing(8)
        controls.addWidget(self.search, 1)
        controls.addWidget(self.export.button)

        self.body = ActivityBody(self)
        self.model = self.body.model
        self.view = self.body.view
        layout = self.body.outer_layout(controls, self.message_bar, self.export.row)
        self.setLayout(layout)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.sub_box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.log_box.currentIndexChanged.connect(lambda _i: self.start_reload())
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        self.body.cancel_button.clicked.connect(self.history.cancel)
        self.history.progress.connect(self._progress)
        self.history.repaired.connect(self._repaired)
        self.session.data_changed.connect(self._data_changed)
        self.model.modelReset.connect(self._update_totals)
        self.model.layoutChanged.connect(self._update_totals)
        currency_events().changed.connect(self._currency_changed)
        self._build_actions()
        self._update_totals()

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(_qdate(self.history.today()))
        edit.setAccessibleName(name)
        return edit

    def _build_actions(self) -> None:
        def action(text: str, keys: list[QKeySequence], slot: Any) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.copy_action = action(
            self.tr("&Copy details"), QKeySequence.keyBindings(QKeySequence.StandardKey.Copy),
            self.copy_details,
        )
        self.body.copy_button.clicked.connect(self.copy_action.trigger)
        self.find_action = action(
            self.tr("Search"), QKeySequence.keyBindings(QKeySequence.StandardKey.Find),
            lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason),
        )
        self.export_action = action(
            self.tr("&Export…"), [QKeySequence("Ctrl+E")], self.export.show_menu
        )
        self.cancel_action = action(self.tr("Cancel"), [QKeySequence("Escape")], self.cancel)

    # --- state ----------------------------------------------------------------------------
    @property
    def log(self) -> str:
        """The log shown."""
        return str(self.log_box.currentData())

    def date_range(self) -> tuple[dt.date, dt.date]:
        """The chosen dates (start never after end)."""
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        return (start, end) if start <= end else (end, start)

    def sub_id(self) -> int | None:
        """The chosen sub-account (None: all)."""
        value = self.sub_box.currentData()
        return None if value is None else int(value)

    def set_range(self, start: dt.date, end: dt.date) -> None:
        """Choose dates (clamped to today) without one reload per field."""
        self._show_range(start, end)
        self.start_reload()

    def _show_range(self, start: dt.date, end: dt.date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _roll_on(self) -> None:
        """A range chosen to end today rolls on with the days (after midnight, the next
        reload moves it to end on the new today); any other range stays put."""
        current, today = self.date_range(), self.history.today()
        if current != self._known_range:  # chosen since the last reload
            start, end = current
            self._rolling_days = (end - start).days if end >= today else None
        elif self._rolling_days is not None:
            wanted = (today - dt.timedelta(days=self._rolling_days), today)
            if current != wanted:
                self._show_range(*wanted)
        self._known_range = self.date_range()

    def _saved_view(self) -> ActivityView | None:
        """The log and dates left at the last session, when they still make sense."""
        settings = self.session.settings
        saved = settings.activity_view if settings is not None else None
        if saved is None or self.log_box.findData(saved.log) < 0:
            return None
        return saved

    def remember_view(self) -> None:
        """Keep the log and dates for the next session (a range ending today rolls on)."""
        settings = self.session.settings
        if settings is None:
            return
        start, end = self.date_range()
        settings.activity_view = ActivityView(self.log, start, end,
                                              rolling=self._rolling_days is not None)

    def cap_dates(self) -> None:
        """Stop the pickers at today in the account's time zone."""
        today = _qdate(self.history.today())
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumDate(today)

    def apply_filter(self) -> None:
        """Apply the search text and sub-account (keeps the selected row if still shown)."""
        kept = self.body.selected_table_row()
        self.model.set_filter(self.search.text(), self.sub_id())
        self.body.select_table_row(kept)

    def _update_totals(self) -> None:
        totals = self.model.totals()
        self.body.totals.setText(totals_text(totals, self.model.table.count))
        self.body.totals.setToolTip(totals_tip(totals))

    def _currency_changed(self, _code: str) -> None:
        """Write the costs again in the new currency: cells, totals, details."""
        self.model.table.forget_texts()
        rows, columns = self.model.rowCount(), self.model.columnCount()
        if rows and columns:
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(rows - 1, columns - 1))
        self._update_totals()
        self.body.show_details()

    def _dates_changed(self, _date: QDate) -> None:
        self.start_reload()

    def _data_changed(self, topic: str) -> None:
        if topic == "timezone":
            self.cap_dates()
            if self._loaded_once or self.task is not None:
                self.start_reload()  # the history moves to the new zone: show it there
        elif topic == "subaccounts":
            self._subs_loaded = False

    # --- loading --------------------------------------------------------------------------
    def start_reload(self) -> None:
        """Reload now (a newer reload replaces an older one)."""
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = spawn(self._reload_quietly(), name="activity-reload")

    async def _reload_quietly(self) -> None:
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services.storage import StorageError

        try:
            await self.reload()
        except (Superseded, asyncio.CancelledError):
            pass
        except (TraiTelError, StorageError) as exc:
            if alive(self):
                self.message_bar.show_error(exc)

    async def reload(self) -> None:
        """Show the archived rows, then fetch the missing days and redraw (tab protocol)."""
        self.cap_dates()
        self._roll_on()
        self.remember_view()
        if not self._subs_loaded:
            await self._load_sub_accounts()
            if not alive(self):
                return
        log, (start, end), history = self.log, self.date_range(), self.history
        await self._show_archive(log, start, end)
        if not alive(self):
            return
        self.body.show_sync(True)
        try:
            result = await history.ensure([log], start, end)
        finally:
            if alive(self):
                self.body.show_sync(False)
        if not alive(self):
            return
        if result.state == OFFLINE or history.offline:
            self.body.show_offline(result.last_sync or history.last_sync, zone=history.zone)
        else:
            self.body.show_offline(None, online=True)
        missing = result.report.missing_days if result.report is not None else 0
        if result.state == CANCELLED:
            self.message_bar.show_info(self.tr(
                "Fetching was cancelled. The days that arrived are kept; the rest will be "
                "fetched the next time."))
        elif result.state == DONE and missing:
            self.message_bar.show_info(missing_text(missing, (end - start).days + 1))
        elif result.state == DONE and self.message_bar.property("kind") == "info":
            self.message_bar.clear()
        if result.state != OFFLINE or self.model.table.count == 0:
            await self._show_archive(log, start, end)
            if not alive(self):
                return
        if not self._loaded_once and self.model.rowCount():
            self.select_row(0)
        self._loaded_once = True
        self.loaded.emit()

    async def _show_archive(self, log: str, start: dt.date, end: dt.date) -> None:
        columns = await self.history.load_columns(log, start, end)
        if not alive(self):
            return
        kept = self.body.selected_table_row() if log == self.model.table.log else None
        self.model.set_table(LogTable(log, columns, self.sub_names))
        self.body.select_table_row(kept)
        self.body.show_empty(self._empty_text())

    def _empty_text(self) -> str:
        if self.model.rowCount():
            return ""
        if self.model.table.count:
            return self.tr("No activity matches the search or the sub-account.")
        return self.tr("No activity in these days.")

    async def _load_sub_accounts(self) -> None:
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services.subaccounts import SubAccounts

        try:
            rows = await SubAccounts(self.session).load()
        except (Superseded, TraiTelError):
            return  # the filter offers what it had; the sync reports being offline
        if not alive(self):
            return
        self.sub_names = {r.sub_id: r.alias or r.name or r.sub.email or "" for r in rows}
        chosen = self.sub_id()
        self.sub_box.blockSignals(True)
        self.sub_box.clear()
        self.sub_box.addItem(self.tr("All sub-accounts"), None)
        self.sub_box.addItem(self.tr("Main account only"), 0)
        for row in rows:
            if row.sub_id:
                self.sub_box.addItem(row.label(), row.sub_id)
        self.sub_box.setCurrentIndex(max(self.sub_box.findData(chosen), 0))
        self.sub_box.blockSignals(False)
        self._subs_loaded = True

    def _repaired(self, notice: Exception) -> None:
        """The saved history was damaged, moved aside and is being fetched again: say so."""
        if alive(self):
            self.message_bar.show_error(notice)

    def _progress(self, done: int, needed: int) -> None:
        self.body.set_progress(done, needed)

    def cancel(self) -> None:
        """Escape: cancel a running export, else the sync."""
        if self.export.running:
            self.export.cancel()
        else:
            self.history.cancel()

    async def show_row(self, log: str, row_id: int, near: dt.date) -> bool:
        """Show ``log`` on dates holding ``near`` and the week before it (an alert's row is
        there), reload, and select the row whose ID is ``row_id`` (clearing a search or
        sub-account that hides it). False when the archive has no such row."""
        start, end = self.date_range()
        start = min(start, near - dt.timedelta(days=7))
        end = min(max(end, near), self.history.today())
        self.log_box.blockSignals(True)
        self.log_box.setCurrentIndex(self.log_box.findData(log))
        self.log_box.blockSignals(False)
        self._show_range(start, end)
        if self.task is not None and not self.task.done():
            self.task.cancel()
        await self.reload()
        table = self.model.table
        ids = table.columns[0] if table.count else []
        if row_id not in ids:
            return False
        table_row = list(ids).index(row_id)
        if self.model.model_row(table_row) < 0:
            for widget in (self.search, self.sub_box):
                widget.blockSignals(True)
            self.search.clear()
            self.sub_box.setCurrentIndex(0)
            for widget in (self.search, self.sub_box):
                widget.blockSignals(False)
            self.model.set_filter("", None)
        self.body.select_table_row(table_row)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # --- details --------------------------------------------------------------------------
    def copy_details(self) -> None:
        """Ctrl+C: put the selected row's details on the clipboard."""
        text = self.body.details_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def select_row(self, row: int) -> None:
        """Select the model row ``row`` (tests and screenshots)."""
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
