"""The Costs tab: what a text message, a call or a fax to a number costs, before sending.

The user types a destination in any common form; a live preview names its country and shows
it in international form; an invalid number is refused in plain words before anything is
sent. Enter (or "Get prices") asks TraiTel for every price of the number at once (one
question per SMS kind, the call and the fax, in parallel); a newer question supersedes an
older one. The prices show in three cards with the estimate of the plan (N messages, N
minutes, N pages) and its formula; every destination priced this session is listed
(history: click one to show it again) and compared side by side in one table.

Keyboard: Alt+D (or Ctrl+L) goes to the number, Enter asks; Alt+M / Alt+I / Alt+P go to the
plan's counts; in the history list the arrows show other quotes; in the comparison table Enter
shows the selected destination and Delete takes it out. Follows the tab protocol of
:mod:`traitel_desktop.ui.frame.tabs` (``reload`` — F5 — prices the compared destinations again).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.costs import CostQuoter, Destination, Plan, Quote, read_destination
from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.currency import currency_events
from traitel_desktop.ui.costs.model import CompareColumn, ComparisonModel, ComparisonProxy
from traitel_desktop.ui.costs.quote import STYLE, EmptyState, PlanBar, QuoteView
from traitel_desktop.ui.costs.texts import (
    destination_title,
    error_text,
    problem_text,
    tr,
    typing_hint,
)
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.errors import show_unexpected
from traitel_desktop.ui.widgets.field_errors import FieldErrors
from traitel_desktop.ui.widgets.message_bar import MessageBar
from traitel_desktop.ui.widgets.record_model import heading, record_view, view_or_empty
from traitel_desktop.ui.widgets.zone_time import time_with_zone

if TYPE_CHECKING:
    from traitel_desktop.services import Session

#: The request parameter the destination field edits (``exc.field`` of Error 120).
FIELD = "number"
HISTORY_ROLE = Qt.ItemDataRole.UserRole + 1


class CostsTab(QWidget):
    """Price look-ups for any destination (see the module docstring)."""

    loaded = Signal()
    #: A quote was shown (new, or picked again from the history).
    quote_shown = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.quoter = CostQuoter(session.call)
        self.setObjectName("costsTab")
        self.setAccessibleName(tr("Costs"))
        self.setStyleSheet(STYLE)
        #: The last quote task started (tests await it).
        self.task: asyncio.Task[Any] | None = None
        self._pending = 0

        self.message_bar = MessageBar(self)

        # --- destination ---
        self.edit = QLineEdit(self)
        self.edit.setObjectName("destination")
        self.edit.setPlaceholderText(tr("Number with country code, e.g. +61 2 9999 1234"))
        self.edit.setAccessibleName(tr("Destination number"))
        self.edit.setToolTip(tr("Type the number with its country code and press Enter"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        label = QLabel(tr("&Destination:"), self)
        label.setBuddy(self.edit)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.preview = QLabel(self)
        self.preview.setObjectName("accountSub")
        self.preview.setAccessibleName(tr("Number preview"))
        self.preview.setWordWrap(True)
        self.quote_button = QPushButton(tr("&Get prices"), self)
        self.quote_button.setObjectName("primaryButton")
        self.quote_button.setToolTip(tr("Ask TraiTel for the prices to this number (Enter)"))
        self.quote_button.setAccessibleName(tr("Get prices"))
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.status.setAccessibleName(tr("Price look-up status"))
        field_box = QWidget(self)
        field_column = QVBoxLayout(field_box)
        field_column.setContentsMargins(0, 0, 0, 0)
        field_column.setSpacing(3)
        self.edit.setParent(field_box)
        self.preview.setParent(field_box)
        field_column.addWidget(self.edit)
        field_column.addWidget(self.preview)
        self.field_errors = FieldErrors()
        self.field_errors.bind(FIELD, self.edit)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(label, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top.addWidget(field_box, 3)
        top.addWidget(self.quote_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status, 2, Qt.AlignmentFlag.AlignTop)
        label.setMinimumHeight(self.edit.sizeHint().height())

        self.plan_bar = PlanBar(self)

        # --- history | quote ---
        self.history = QListWidget(self)
        self.history.setObjectName("costsHistory")
        self.history.setAccessibleName(tr("Prices looked up this session"))
        self.history.setMinimumWidth(210)
        self.history.setMaximumWidth(250)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(True)
        self.history_empty = QLabel(
            tr("The numbers you price are listed here for this session."), self
        )
        self.history_empty.setObjectName("accountSub")
        self.history_empty.setWordWrap(True)
        self.history_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.history_stack = QStackedWidget(self)
        self.history_stack.addWidget(self.history)
        self.history_stack.addWidget(self.history_empty)
        self.history_stack.setMaximumWidth(250)
        self.history_stack.setMinimumWidth(210)
        history_box = QVBoxLayout()
        history_box.setSpacing(4)
        history_box.addLayout(heading(tr("This session"), self))
        history_box.addWidget(self.history_stack, 1)

        self.quote_view = QuoteView(self)
        self.empty_state = EmptyState(self)
        self.quote_stack = QStackedWidget(self)
        self.quote_stack.addWidget(self.empty_state)
        self.quote_stack.addWidget(self.quote_view)
        middle = QHBoxLayout()
        middle.setSpacing(12)
        middle.addLayout(history_box)
        middle.addWidget(self.quote_stack, 1)

        # --- comparison ---
        self.model = ComparisonModel(self)
        self.proxy = ComparisonProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_view(
            self, self.proxy, "costsComparison", tr("Destinations compared"),
            {CompareColumn.COUNTRY: 130, CompareColumn.NUMBER: 150,
             **{c: 96 for c in CompareColumn if c > CompareColumn.NUMBER}},
        )
        self.table.setToolTip(tr("Enter shows a destination's prices; Delete takes it out"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CompareColumn.NUMBER, header.ResizeMode.Stretch)
        for column in CompareColumn:
            if column > CompareColumn.NUMBER:
                header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table_stack, self.table_empty = view_or_empty(self, self.table)
        # Room for the header and two destinations at least (it scrolls for more): at 700 px
        # high the price cards above need the rest whole.
        self.table_stack.setMinimumHeight(header.sizeHint().height() + 2 * 24 + 4)
        self.table_empty.setText(
            tr("Every number you price is added here, so you can compare destinations "
               "side by side.")
        )
        self.remove_button = QPushButton(tr("&Remove"), self)
        self.remove_button.setAccessibleName(tr("Remove from comparison"))
        self.remove_button.setToolTip(tr("Take the selected destination out (Delete)"))
        self.clear_button = QPushButton(tr("C&lear"), self)
        self.clear_button.setAccessibleName(tr("Clear comparison"))
        self.clear_button.setToolTip(tr("Take every destination out of the comparison"))
        compare_top = heading(
            tr("Compare destinations"), self,
            tr("the estimate column prices the plan above for each destination"),
        )
        compare_top.addWidget(self.remove_button)
        compare_top.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addLayout(top)
        layout.addWidget(self.plan_bar)
        layout.addLayout(middle, 3)
        layout.addLayout(compare_top)
        layout.addWidget(self.table_stack, 2)

        self._build_actions()
        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self.quote_now)
        self.quote_button.clicked.connect(self.quote_now)
        self.empty_state.example_chosen.connect(self.quote_example)
        self.plan_bar.changed.connect(self._plan_changed)
        self.history.currentItemChanged.connect(self._history_picked)
        self.history.itemClicked.connect(lambda item: self._history_picked(item, None))
        self.table.activated.connect(self._table_activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear_comparison)
        currency_events().changed.connect(self._currency_changed)
        self._text_changed(self.edit.text())
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        focus = QAction(tr("Go to the number"), self)
        focus.setShortcut(QKeySequence("Ctrl+L"))
        focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.triggered.connect(self.focus_destination)
        self.addAction(focus)
        remove = QAction(tr("Remove from comparison"), self.table)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)

    def focus_destination(self) -> None:
        """Put the cursor in the number field, its text selected."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    # --- the number field -----------------------------------------------------------------
    def _text_changed(self, text: str) -> None:
        self.field_errors.clear()
        result = read_destination(text)
        if isinstance(result, Destination):
            self.preview.setText("✓ " + destination_title(result))
            self.preview.setStyleSheet("color: #15803d;")
        else:
            self.preview.setText(typing_hint(result))
            self.preview.setStyleSheet("")
        self.preview.show()

    def _show_field_error(self, text: str) -> None:
        self.preview.hide()
        self.field_errors.show_text(FIELD, text)

    @property
    def field_error(self) -> str:
        """The message shown under the number field ("" when none)."""
        return self.field_errors.message(FIELD)

    # --- quoting ------------------------------------------------------------------------
    def quote_now(self) -> asyncio.Task[Any]:
        """Price the number typed (Enter, "Get prices"); returns the task."""
        self.task = spawn(self.quote_text(self.edit.text()), name="costs-quote")
        return self.task

    def quote_example(self, typed: str) -> None:
        """Type an example into the field and price it."""
        self.edit.setText(typed)
        self.quote_now()

    async def quote_text(self, text: str) -> Quote | None:
        """Price ``text``: refused locally with a reason, or asked of TraiTel. Returns the
        quote shown (None when refused, failed or superseded). The field keeps its text."""
        from traitel_desktop.api.errors import ApiError, TraiTelError

        destination = read_destination(text)
        if not isinstance(destination, Destination):
            self._show_field_error(problem_text(destination))
            return None
        self.field_errors.clear()
        self.message_bar.clear()
        self._pending += 1
        self.status.setText(
            tr("Asking TraiTel for the prices to {number}…").format(
                number=destination.international
            )
        )
        try:
            quote = await self.quoter.quote(destination)
        except Superseded:
            return None
        except ApiError as exc:
            if alive(self):
                self._show_field_error(error_text(exc, destination))
            return None
        except (TraiTelError, TimeoutError) as exc:
            if alive(self):
                self.message_bar.show_error(exc)
            return None
        except Exception as exc:  # unexpected: logged and shown, never silent
            if alive(self):
                show_unexpected(self, exc)
            return None
        finally:
            if alive(self):
                self._pending -= 1
                if not self._pending:
                    self.status.clear()
        if not alive(self):
            return None
        self.add_quote(quote)
        return quote

    def add_quote(self, quote: Quote) -> None:
        """Show a new quote, list it first in the history and put it in the comparison."""
        digits = quote.destination.digits
        for row in range(self.history.count() - 1, -1, -1):
            item = self.history.item(row)
            old = item.data(HISTORY_ROLE) if item is not None else None
            if isinstance(old, Quote) and old.destination.digits == digits:
                self.history.takeItem(row)
        item = QListWidgetItem(
            tr("{title}\npriced at {time}").format(
                title=destination_title(quote.destination),
                time=time_with_zone(quote.quoted_at, self.session.time_zone),
            )
        )
        item.setData(HISTORY_ROLE, quote)
        item.setToolTip(tr("Show these prices again"))
        self.history.blockSignals(True)
        self.history.insertItem(0, item)
        self.history.setCurrentRow(0)
        self.history.blockSignals(False)
        row = self.model.upsert(quote)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self.show_quote(quote)

    def show_quote(self, quote: Quote) -> None:
        """Show ``quote`` in the cards (nothing is asked of TraiTel)."""
        self.quote_view.show_quote(quote, self.plan_bar.plan(), self.session.time_zone)
        self.quote_stack.setCurrentWidget(self.quote_view)
        self._update_state()
        self.quote_shown.emit(quote)

    @property
    def shown(self) -> Quote | None:
        """The quote in the cards now."""
        return self.quote_view.quote if self.quote_stack.currentWidget() is self.quote_view \
            else None

    def history_quotes(self) -> list[Quote]:
        """The quotes of this session, newest first."""
        quotes = []
        for row in range(self.history.count()):
            item = self.history.item(row)
            data = item.data(HISTORY_ROLE) if item is not None else None
            if isinstance(data, Quote):
                quotes.append(data)
        return quotes

    def _history_picked(self, item: QListWidgetItem | None, _previous: object) -> None:
        data = item.data(HISTORY_ROLE) if item is not None else None
        if isinstance(data, Quote) and data is not self.shown:
            self.show_quote(data)

    def _table_activated(self, index: QModelIndex) -> None:
        quote = self.proxy.quote(index)
        if quote is not None:
            self.show_quote(quote)

    def _plan_changed(self, plan: Plan) -> None:
        self.quote_view.set_plan(plan)
        self.model.set_plan(plan)

    # --- comparison -----------------------------------------------------------------------
    def _currency_changed(self, _code: str) -> None:
        """Write the prices and estimates again in the new currency."""
        self.model.rewrite()
        if self.quote_view.quote is not None:
            self.quote_view.show_quote(self.quote_view.quote, self.plan_bar.plan())

    def selected_quote(self) -> Quote | None:
        """The destination selected in the comparison table."""
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.quote(rows[0]) if rows else None

    def remove_selected(self) -> None:
        """Take the selected destination out of the comparison (the history keeps it)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        proxy_row = rows[0].row()
        source = self.proxy.mapToSource(rows[0]).row()
        self.model.remove(source)
        count = self.proxy.rowCount()
        if count:
            self.table.selectRow(min(proxy_row, count - 1))
        self._update_state()

    def clear_comparison(self) -> None:
        """Take every destination out of the comparison."""
        self.model.set_rows([])
        self._update_state()

    def _update_state(self) -> None:
        rows = self.model.rowCount()
        self.table_stack.setCurrentWidget(self.table if rows else self.table_empty)
        self.history_stack.setCurrentWidget(
            self.history if self.history.count() else self.history_empty
        )
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.clear_button.setEnabled(bool(rows))

    # --- tab protocol -------------------------------------------------------------------
    async def reload(self) -> None:
        """Price every compared destination again (F5); emits ``loaded``."""
        quotes = self.model.rows()
        results = await asyncio.gather(
            *(self.quoter.quote(q.destination, key=f"costs.refresh.{q.destination.digits}")
              for q in quotes),
            return_exceptions=True,
        )
        if not alive(self):
            return
        shown = self.shown
        first_error: BaseException | None = None
        for result in results:
            if isinstance(result, Quote):
                self.model.upsert(result)
                if shown is not None and shown.destination == result.destination:
                    self.quote_view.show_quote(result, self.plan_bar.plan(),
                                               self.session.time_zone)
            elif not isinstance(result, Superseded) and first_error is None:
                first_error = result
        self._update_state()
        self.loaded.emit()
        if first_error is not None:
            from traitel_desktop.api.errors import TraiTelError

            if isinstance(first_error, TraiTelError | TimeoutError):
                self.message_bar.show_error(first_error)
            else:
                raise first_error
