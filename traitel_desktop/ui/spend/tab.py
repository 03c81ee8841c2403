"""The Spend tab: spend over time as stacked bars by service or sub-account, the totals of
the range, and insights (runway, unusual days, unused numbers).

The data comes from the activity archive (``services.history.HistoryService``):
:meth:`SpendTab.reload` draws what the archive holds at once, then fetches the missing days
with a progress bar and a Cancel button, redrawing as days arrive, and emits ``loaded`` when
the chart shows the final data. matplotlib is imported when the chart is first needed (the
first reload), never at start-up. Follows the tab protocol of :mod:`traitel_desktop.ui.frame.tabs`.

Keyboard: Alt+P/B/U/T reach the controls, Ctrl+S saves the chart, the arrow keys on the chart
read the bars one by one, Esc (or Alt+C) stops fetching.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.api.errors import TraiTelError
from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.insights import (
    ANOMALY_WINDOW,
    RUNWAY_WINDOW,
    anomalies,
    inbound_numbers,
    runway,
    unused_numbers,
    unused_since,
)
from traitel_desktop.core.spend import (
    BY_SERVICE,
    SPEND_LOGS,
    Bucket,
    aggregate,
    daily_spend,
    fold_small,
)
from traitel_desktop.services import Superseded
from traitel_desktop.services.currency import currency_events
from traitel_desktop.ui.spend.controls import SpendControls
from traitel_desktop.ui.spend.panel import InsightsBox, TotalRow, TotalsBox
from traitel_desktop.ui.spend.words import bucket_names, key_colors, key_labels, span, tick_labels
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.errors import plain_message
from traitel_desktop.ui.widgets.message_bar import MessageBar
from traitel_desktop.ui.widgets.zone_time import moment_with_zone

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number
    from traitel_desktop.services import Session
    from traitel_desktop.services.history import EnsureResult, HistoryService
    from traitel_desktop.ui.spend.chart import SpendChart

NUMBERS_KEY = "spend.numbers"
SUBS_KEY = "spend.subaccounts"
#: Most keys stacked in one chart; smaller sub-accounts are folded into "others".
MAX_KEYS = 8
REDRAW_DELAY_MS = 400


class SpendTab(QWidget):
    """Spend of the signed-in account (see the module docstring). ``history`` defaults to
    the session's :class:`HistoryService`."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 history: HistoryService | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._history = history
        self.setObjectName("spendTab")
        self.setAccessibleName(self.tr("Spend"))
        self.chart: SpendChart | None = None
        self.save_dialog: QFileDialog | None = None
        self.numbers: list[Number] | None = None
        self.sub_names: dict[int, str] = {}
        self.anomalies_found: list[Any] = []
        self.last_result: EnsureResult | None = None
        #: Whether a fetch of the history has ended (done, stopped or failed) in this tab.
        self.fetched_once = False
        self._generation = 0
        self._connected = False
        self._task: asyncio.Task[Any] | None = None
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_DELAY_MS)
        self._redraw_timer.timeout.connect(self.redraw)

        self.message_bar = MessageBar(self)
        self.controls = SpendControls(self)
        self.sync_row = QWidget(self)
        self.sync_label = QLabel(self.sync_row)
        self.progress = QProgressBar(self.sync_row)
        self.progress.setAccessibleName(self.tr("Fetching history"))
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self.sync_row)
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.setToolTip(
            self.tr("Stop fetching; what arrived so far stays on this computer (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_sync)
        row = QHBoxLayout(self.sync_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sync_label)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.sync_row.hide()
        self.note = QLabel(self)
        self.note.setObjectName("spendNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.note.hide()

        self.chart_host = QWidget(self)
        self.chart_layout = QVBoxLayout(self.chart_host)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_placeholder = QLabel(self.tr("The chart appears here."), self.chart_host)
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_layout.addWidget(self.chart_placeholder, 1)
        self.hover_label = QLabel(self.tr("Point at a bar to read its exact amount."),
                                  self.chart_host)
        self.hover_label.setObjectName("spendHover")
        self.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hover_label.setAccessibleName(self.tr("Amount of the bar pointed at"))
        below_chart = QHBoxLayout()
        below_chart.addWidget(self.hover_label, 1)
        below_chart.addWidget(self.controls.save_button)  # under what it saves
        self.chart_layout.addLayout(below_chart)

        side = QWidget(self)
        self.totals = TotalsBox(side)
        self.insights = InsightsBox(side)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        side_layout.addWidget(self.totals)
        side_layout.addWidget(self.insights, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setMinimumWidth(340)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.chart_host)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([720, 370])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.controls)
        layout.addWidget(self.sync_row)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

        self.controls.set_today(today_in(session.time_zone))
        self.controls.remember_in(session.settings)
        self.controls.range_changed.connect(self._range_changed)
        self.controls.view_changed.connect(self.redraw)
        self.controls.save_requested.connect(self.save_chart)
        self.insights.unused_days_changed.connect(lambda _days: self._range_changed())
        session.balance_changed.connect(lambda _balance: self.show_runway())
        session.data_changed.connect(self._data_changed)
        currency_events().changed.connect(self._currency_changed)

    # --- the history service ------------------------------------------------------------
    @property
    def history(self) -> HistoryService:
        """The session's history (connected on first use)."""
        if self._history is None:
            from traitel_desktop.services.history import HistoryService

            self._history = HistoryService.for_session(self.session)
        history = self._history
        if not self._connected:
            self._connected = True
            history.sync_started.connect(self._sync_started)
            history.progress.connect(self._sync_progress)
            history.sync_finished.connect(self._sync_finished)
            history.archive_changed.connect(self._schedule_redraw)
            history.repaired.connect(self._repaired)
        return history

    def ensure_chart(self) -> SpendChart:
        """Build the chart (importing matplotlib) the first time it is needed."""
        if self.chart is None:
            from traitel_desktop.ui.spend.chart import SpendChart

            self.chart = SpendChart(self.chart_host)
            self.chart.hovered.connect(self._hovered)
            self.chart_layout.replaceWidget(self.chart_placeholder, self.chart)
            self.chart_placeholder.deleteLater()
            self.controls.save_button.setEnabled(True)
        return self.chart

    # --- loading ------------------------------------------------------------------------
    async def reload(self) -> None:
        """Draw what the archive holds, fetch the missing days (redrawing as they arrive),
        read the balance, numbers and sub-accounts, then draw the final chart and emit
        ``loaded``."""
        self._generation += 1
        generation = self._generation
        self.ensure_chart()
        history = self.history
        today = history.today()
        self.controls.set_today(today)
        self.redraw()
        shown = self.controls.date_range()
        first = min(shown.start - dt.timedelta(days=ANOMALY_WINDOW),
                    today - dt.timedelta(days=RUNWAY_WINDOW - 1),
                    unused_since(today, self.insights.unused_days.value()))
        results = await asyncio.gather(
            history.ensure(start=first, end=today),
            self._load_balance(),
            self._load_numbers(),
            self._load_sub_accounts(),
            return_exceptions=True,
        )
        self.fetched_once = True
        if generation != self._generation:
            return  # a newer reload took over
        sync_result, *others = results
        for result in (sync_result, *others):
            if isinstance(result, asyncio.CancelledError):
                raise result
        if isinstance(sync_result, BaseException):
            from traitel_desktop.services.storage import StorageError

            if not isinstance(sync_result, TraiTelError | StorageError):
                raise sync_result
            self.message_bar.show_error(sync_result)
            self._show_note(self.tr("Showing the history saved on this computer."))
        else:
            self.last_result = sync_result
            self._explain(sync_result)
        self.redraw()
        self.loaded.emit()

    def _repaired(self, notice: Exception) -> None:
        """The saved history was damaged, moved aside and is being fetched again: say so."""
        self.message_bar.show_error(notice)

    async def _load_balance(self) -> None:
        if self.session.balance is None:
            try:
                await self.session.refresh_balance()
            except Superseded:
                return
            except TraiTelError as exc:
                self.insights.show_runway(None, self.tr("The balance could not be read: {0}")
                                          .format(plain_message(exc)))
                return
        self.show_runway()

    async def _load_numbers(self) -> None:
        try:
            numbers: list[Number] = await self.session.call(
                lambda c: c.query_numbers(), key=NUMBERS_KEY)
        except Superseded:
            return
        except TraiTelError as exc:
            self.insights.show_unused(None, self.tr("Your numbers could not be read: {0}")
                                      .format(plain_message(exc)))
            return
        self.numbers = numbers

    async def _load_sub_accounts(self) -> None:
        from traitel_desktop.services.changes import ChangeLog
        from traitel_desktop.services.subaccounts import server_alias

        try:
            subs = await self.session.call(lambda c: c.query_sub_accounts(), key=SUBS_KEY)
        except Superseded:
            return
        except TraiTelError:  # names are a nicety: the chart falls back to IDs
            return
        known = ChangeLog(self.session).aliases()  # none when unreadable (a note is logged)
        names: dict[int, str] = {}
        for sub in subs:
            person = " ".join(p for p in (sub.first_name, sub.last_name) if p)
            names[sub.sub_id] = (server_alias(sub) or known.get(sub.sub_id) or person
                                 or sub.email or self.tr("ID {0}").format(sub.sub_id))
        self.sub_names = names
        self.controls.set_sub_accounts(sorted(names.items()))

    def _range_changed(self) -> None:
        if self.chart is None:
            return  # not shown yet: the first reload reads the controls
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = spawn(self.reload(), name="spend-reload")

    def _data_changed(self, topic: str) -> None:
        if topic in ("subaccounts", "numbers") and self.chart is not None:
            self._range_changed()

    # --- sync progress ------------------------------------------------------------------
    def _sync_started(self) -> None:
        self.progress.setRange(0, 0)
        self.sync_label.setText(self.tr("Fetching your history from TraiTel…"))
        self.sync_row.show()

    def _sync_progress(self, done: int, needed: int) -> None:
        self.progress.setRange(0, max(needed, 1))
        self.progress.setValue(done)
        self.sync_label.setText(
            self.tr("Fetching your history from TraiTel: {0} of {1} days of activity")
            .format(f"{done:,}", f"{needed:,}"))
        if done:
            self._schedule_redraw()

    def _sync_finished(self, _result: object) -> None:
        self.sync_row.hide()

    def cancel_sync(self) -> None:
        """Stop fetching (what arrived stays)."""
        if self._history is not None:
            self._history.cancel()

    def _explain(self, result: EnsureResult) -> None:
        from traitel_desktop.services.history import CANCELLED, OFFLINE

        if result.state == OFFLINE:
            when = (self.tr("never") if result.last_sync is None
                    else moment_with_zone(result.last_sync, self.session.time_zone))
            self._show_note(self.tr(
                "Offline — showing spend saved on this computer, last updated {0}.").format(when))
        elif result.state == CANCELLED:
            self._show_note(self.tr(
                "Fetching stopped: the chart shows the days that arrived before. "
                "Press F5 to fetch the rest."))
        else:
            self.note.hide()

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    # --- drawing ------------------------------------------------------------------------
    def _schedule_redraw(self) -> None:
        if self.chart is not None and not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def redraw(self) -> None:
        """Draw the chart, totals and insights from the archive as it is now (no network)."""
        chart = self.chart
        if chart is None:
            return
        from traitel_desktop.ui.spend.chart import ChartData

        self._redraw_timer.stop()
        history = self.history
        shown = self.controls.date_range()
        bucket = self.controls.bucket()
        group_by = self.controls.group_by()
        day_totals = history.totals_by_day(
            shown.start - dt.timedelta(days=ANOMALY_WINDOW), shown.end,
            self.controls.sub_id(), logs=SPEND_LOGS)
        series = fold_small(aggregate(day_totals, shown.start, shown.end, bucket, group_by),
                            MAX_KEYS)
        found = anomalies(daily_spend(day_totals), shown.start, shown.end)
        self.anomalies_found = found
        marked = frozenset((a.day - shown.start).days for a in found) \
            if bucket is Bucket.DAY else frozenset()
        labels = key_labels(series, self.sub_names)
        colors = key_colors(series)
        syncing = history.syncing
        chart.show_data(ChartData(
            series, labels, colors, tick_labels(series), bucket_names(series), marked,
            axis_label=self.tr("Spend"),
            empty_text=(self.tr("Fetching your history…") if syncing
                        else self.tr("Nothing was spent in this period.")),
            marked_label=self.tr("Unusual day (over 3× the usual)"),
            hover_template=self.tr("{bucket} · {name}: {amount} (bar total {total})"),
        ))
        rows = [TotalRow(colors[k], labels[k], series.key_total(k)) for k in series.keys]
        if group_by != BY_SERVICE:
            rows.sort(key=lambda r: r.amount, reverse=True)
        who = self.controls.sub_box.currentText()
        self.totals.show_totals(rows, series.total, f"{span(shown.start, shown.end)} · {who}",
                                self.tr("All services") if group_by == BY_SERVICE
                                else self.tr("All sub-accounts"))
        self.insights.show_anomalies(found)
        self.show_runway()
        self.show_unused()

    def _currency_changed(self, _code: str) -> None:
        """Write every amount again in the new currency (axis, totals, insights)."""
        self.redraw()

    def show_runway(self) -> None:
        """Render the runway from the session's balance and the last 30 days (account-wide),
        or say it is still counting while the fetch brings those days in."""
        balance: Decimal | None = self.session.balance
        if balance is None or self._history is None:
            return
        today = self._history.today()
        first = today - dt.timedelta(days=RUNWAY_WINDOW - 1)
        fetching = self._history.syncing or not self.fetched_once
        if fetching and self._history.missing_days(
                SPEND_LOGS, first, today - dt.timedelta(days=2)):
            # The first fetch has not brought these days in yet (today and yesterday are
            # fetched again by every sync): a runway now would count days not here yet.
            self.insights.show_counting(RUNWAY_WINDOW)
            return
        recent = self._history.totals_by_day(first, today, logs=SPEND_LOGS)
        self.insights.show_runway(runway(balance, daily_spend(recent), today))

    def show_unused(self) -> None:
        """Render the numbers without inbound traffic in the chosen number of days."""
        if self.numbers is None or self._history is None:
            return
        from traitel_desktop.core.phones import format_number

        today = self._history.today()
        since = unused_since(today, self.insights.unused_days.value())
        received = inbound_numbers(self._history.archive, since, today)
        unused = unused_numbers(self.numbers, received, since)
        self.insights.show_unused([(n, format_number(n.number)) for n in unused])

    def _hovered(self, text: str) -> None:
        self.hover_label.setText(text or self.tr("Point at a bar to read its exact amount."))

    # --- saving -------------------------------------------------------------------------
    def save_chart(self) -> QFileDialog | None:
        """Ask where to save the chart (PNG or SVG) without blocking; returns the dialog."""
        if self.chart is None:
            return None
        shown = self.controls.date_range()
        dialog = QFileDialog(self, self.tr("Save chart"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        png, svg = self.tr("PNG picture (*.png)"), self.tr("SVG picture (*.svg)")
        dialog.setNameFilters([png, svg])
        dialog.setDefaultSuffix("png")
        dialog.selectFile(f"spend-{shown.start.isoformat()}-to-{shown.end.isoformat()}.png")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("svg" if chosen == svg else "png"))
        dialog.fileSelected.connect(self.save_to)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.save_dialog = dialog
        dialog.open()
        return dialog

    def save_to(self, path: str | Path) -> Path | None:
        """Save the chart to ``path`` (PNG or SVG by its suffix); says where, or why not."""
        if self.chart is None:
            return None
        try:
            saved = self.chart.save(path)
        except OSError as exc:
            self.message_bar.show_info(self.tr("The chart could not be saved: {0}")
                                       .format(exc.strerror or str(exc)))
            return None
        self.message_bar.show_info(self.tr("Chart saved to {0}").format(saved))
        return saved
