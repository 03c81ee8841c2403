"""The Activity tab's body: the table, the totals line, the sync bar (progress + Cancel),
the offline note and the details pane of the selected row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.money import exact_money, format_amount
from traitel_desktop.ui.activity.model import ActivityModel
from traitel_desktop.ui.activity.table import Totals
from traitel_desktop.ui.widgets.column_fit import ColumnWidth, FittedTableView
from traitel_desktop.ui.widgets.zone_time import moment_with_zone

OFFLINE_STYLE = (
    "QLabel { color: #92400e; background: #fffbeb; border: 1px solid #fde68a;"
    " border-radius: 6px; padding: 6px 10px; }"
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Activity", text)


def offline_text(last_sync: dt.datetime | None, zone: str | None = None) -> str:
    """The offline note; the time on the clock of ``zone`` (the account's)."""
    when = moment_with_zone(last_sync, zone) if last_sync is not None else tr("never")
    return tr("Offline — showing history saved on this computer, last updated {0}").format(when)


def missing_text(missing: int, of: int) -> str:
    """The note after a sync that could not fetch ``missing`` of the ``of`` days shown."""
    if missing == 1:
        return tr("Up to date except 1 of {0} days, which could not be fetched from TraiTel; "
                  "it will be fetched at the next refresh (F5).").format(f"{of:,}")
    return tr("Up to date except {0} of {1} days that could not be fetched from TraiTel; "
              "they will be fetched at the next refresh (F5).").format(f"{missing:,}", f"{of:,}")


def totals_text(totals: Totals, of: int) -> str:
    """``1,234 records · 12:03:04 · 56 pages · cost A$12.34`` for the rows shown (the
    cost to the cent: :func:`totals_tip` has it exact)."""
    parts = [
        tr("{0} records").format(f"{totals.count:,}") if totals.count != 1 else tr("1 record")
    ]
    if totals.count != of:
        parts[0] += tr(" (of {0})").format(f"{of:,}")
    if totals.duration is not None:
        hours, rest = divmod(totals.duration, 3600)
        parts.append(tr("duration {0}").format(f"{hours}:{rest // 60:02d}:{rest % 60:02d}"))
    if totals.pages is not None:
        parts.append(tr("{0} pages").format(f"{totals.pages:,}"))
    if totals.cost is not None:
        parts.append(tr("cost {0}").format(format_amount(totals.cost)))
    return tr("Shown: ") + " · ".join(parts)


def totals_tip(totals: Totals) -> str:
    """The exact cost of the rows shown, for the totals' tooltip ("" without a cost)."""
    return "" if totals.cost is None else tr("Exact cost: {0}").format(exact_money(totals.cost))


#: The widest usual text of each column: widths follow the font, so a full phone number
#: or date is never cut short (a message column gets a fixed share instead).
_WIDEST_TEXT = {"when": "Wed 25 Nov 2026  11:44:35", "sub": "William Robinson",
                "from": "+44 121 236 6400", "to": "+44 121 236 6400",
                "result": "Not answered", "station": "+61 2 9876 5432",
                "delivery": "Not delivered", "ivml": "99999", "pages": "999",
                "attempt": "99", "parts": "99", "cost": "A$10.0000", "duration": "10:00:00"}
#: When the table is too narrow, columns narrow in tiers, least useful first; the columns of
#: a tier narrow together.
_SHRINK_TIER = {"id": 0, "ivml": 0, "attempt": 0, "parts": 0, "speed": 0,
                "sub": 1, "station": 1, "result": 1, "delivery": 1, "message": 1,
                "pages": 2, "from": 2, "to": 2, "duration": 2}
#: Columns never cut: the time and the cost are what an owner reads a row for.
_KEEP_WHOLE = frozenset({"when", "cost"})
#: The narrowest a least-useful column gets when room is short (its widest usual value
#: still fits: an ID or a count).
_NARROWEST = 40
#: The columns that take the width to spare (one per log at most).
_STRETCH = frozenset({"message", "result", "delivery", "station"})


class ActivityBody(QWidget):
    """Table + details side by side, with the totals, sync bar and offline note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ActivityModel(self)
        view = self.view = FittedTableView(self)
        view.setObjectName("activityTable")
        view.setAccessibleName(tr("Activity"))
        view.setModel(self.model)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)  # whole text in tooltip, details
        self.empty = QLabel(self)
        self.empty.setObjectName("placeholderText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(view)
        self.stack.addWidget(self.empty)

        self.totals = QLabel(self)
        self.totals.setObjectName("activityTotals")
        self.totals.setAccessibleName(tr("Totals of the rows shown"))
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details = QPlainTextEdit(self)
        self.details.setObjectName("activityDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(tr("Details of the selected activity"))
        self.details.setPlaceholderText(tr("Select a row to see it in full."))
        self.copy_button = QPushButton(tr("&Copy details"), self)
        self.copy_button.setToolTip(tr("Copy these details as text (Ctrl+C)"))
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Details"), side)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        side_layout.addLayout(top)
        side_layout.addWidget(self.details, 1)
        self.raw_button = QToolButton(side)
        self.raw_button.setObjectName("rawDisclosure")
        self.raw_button.setText(tr("As sent by TraiTel"))
        self.raw_button.setToolTip(
            tr("Show or hide this row exactly as TraiTel sent it, for TraiTel's support")
        )
        self.raw_button.setCheckable(True)
        self.raw_button.setAutoRaise(True)
        self.raw_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.raw_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.raw_button.setArrowType(Qt.ArrowType.RightArrow)
        self.raw_button.toggled.connect(self._show_raw)
        self.raw = QLabel(side)
        self.raw.setObjectName("rawDetails")
        self.raw.setWordWrap(True)
        self.raw.setAccessibleName(tr("The row as TraiTel sent it"))
        self.raw.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.raw.hide()
        side_layout.addWidget(self.raw_button)
        side_layout.addWidget(self.raw)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 240])

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("Fetching activity"))
        self.progress.setFormat(tr("Fetching days from TraiTel: %v of %m"))
        self.progress.setMaximumWidth(360)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setToolTip(tr("Stop fetching; the days that arrived are kept (Esc)"))
        self.sync_row = QWidget(self)
        sync_layout = QHBoxLayout(self.sync_row)
        sync_layout.setContentsMargins(0, 0, 0, 0)
        sync_layout.addWidget(self.progress, 1)
        sync_layout.addWidget(self.cancel_button)
        sync_layout.addStretch(1)
        self.sync_row.hide()
        self.offline = QLabel(self)
        self.offline.setObjectName("activityOffline")
        self.offline.setStyleSheet(OFFLINE_STYLE)
        self.offline.setWordWrap(True)
        self.offline.setAccessibleName(tr("Offline"))
        self.offline.hide()

        # The pane follows the selection, not the current index alone: a mouse press moves
        # the current index before it selects the row, so at currentRowChanged the clicked
        # row is not selected yet; selectionChanged comes once it is.
        selection = view.selectionModel()
        selection.selectionChanged.connect(lambda *_: self.show_details())
        selection.currentRowChanged.connect(lambda *_: self.show_details())
        self.model.modelReset.connect(self.show_details)
        self.model.layoutChanged.connect(self.show_details)
        view.set_column_widths(self.column_widths)
        self.model.modelReset.connect(self._fit_columns)

    def outer_layout(self, controls: QBoxLayout, bar: QWidget, export_row: QWidget) -> QVBoxLayout:
        """The tab's whole layout: the message bar and ``controls`` above this body, which
        lays out its own parts with ``export_row`` above the table."""
        body = QVBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addWidget(self.offline)
        body.addWidget(self.sync_row)
        body.addWidget(export_row)
        body.addWidget(self.splitter, 1)
        body.addWidget(self.totals)
        layout = QVBoxLayout()
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(6)
        layout.addWidget(bar)
        layout.addLayout(controls)
        layout.addWidget(self, 1)
        return layout

    def column_widths(self) -> list[ColumnWidth]:
        """What each shown column wants: its widest usual text, at least its title; the
        least useful (ID, IVML, sub-account …) narrow first, the result or message column
        takes the room to spare (a cell cut short shows whole in its tooltip and in the
        details pane)."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader().fontMetrics()
        widths = []
        for column, view in enumerate(self.model.table.view):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            sample = _WIDEST_TEXT.get(view.key)
            if sample is None:
                width = 300 if view.key == "message" else 80
            else:
                width = metrics.horizontalAdvance(sample) + 18
            minimum = header.horizontalAdvance(title) + 24  # room for the sort arrow
            if _SHRINK_TIER.get(view.key) == 0:
                # The least useful columns (ID, IVML, attempt ...) may narrow below their
                # title: the header elides it and shows it whole on hover.
                minimum = min(minimum, max(width, _NARROWEST))
            widths.append(ColumnWidth(
                max(width, minimum),
                minimum if view.key not in _KEEP_WHOLE else max(width, minimum),
                _SHRINK_TIER.get(view.key, 99),
                view.key in _STRETCH,
            ))
        return widths

    def _fit_columns(self) -> None:
        self.view.fit_columns()

    # --- state ----------------------------------------------------------------------------
    def show_sync(self, on: bool) -> None:
        """Show or hide the progress bar and Cancel."""
        if on:
            self.progress.setRange(0, 0)
        self.sync_row.setVisible(on)

    def set_progress(self, done: int, needed: int) -> None:
        """Days fetched of days needed."""
        self.progress.setRange(0, max(needed, 1))
        self.progress.setValue(min(done, max(needed, 1)))

    def show_offline(self, last_sync: dt.datetime | None, *, online: bool = False,
                     zone: str | None = None) -> None:
        """Mark the rows as the offline archive (or clear the mark); times in ``zone``."""
        if online:
            self.offline.hide()
            return
        self.offline.setText(offline_text(last_sync, zone))
        self.offline.show()

    def show_empty(self, text: str) -> None:
        """Show the table, or ``text`` instead of it when not empty."""
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty if text else self.view)

    # --- selection and details ------------------------------------------------------------
    def selected_table_row(self) -> int | None:
        """The :class:`LogTable` row selected (None: none): the current row when it is
        selected, else the last selected row."""
        selection = self.view.selectionModel()
        index = selection.currentIndex()
        if index.isValid() and selection.isRowSelected(index.row()):
            return self.model.table_row(index.row())
        rows = selection.selectedRows()
        if not rows:
            return None
        return self.model.table_row(rows[-1].row())

    def select_table_row(self, table_row: int | None) -> None:
        """Select a :class:`LogTable` row again, if it is shown."""
        if table_row is None or table_row >= self.model.table.count:
            return
        row = self.model.model_row(table_row)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def show_details(self) -> None:
        """Fill the details pane from the selected row."""
        row = self.selected_table_row()
        if row is None:
            self.details.clear()
            self.raw.clear()
            self.raw_button.setEnabled(False)
            self.copy_button.setEnabled(False)
            return
        table = self.model.table
        lines = "\n".join(
            f"{label}: {value}" if label else "    " + value.replace("\n", "\n    ")
            for label, value in table.details(row)
        )
        lead = "\n".join(table.lead(row))
        self.details.setPlainText(f"{lead}\n\n{lines}" if lead else lines)
        self.raw.setText("\n".join(table.raw_details(row)))
        self.raw_button.setEnabled(True)
        self.copy_button.setEnabled(True)

    def _show_raw(self, shown: bool) -> None:
        """Open or close the "As sent by TraiTel" disclosure."""
        self.raw_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.raw.setVisible(shown)

    def details_text(self) -> str:
        """The selected row's details in full, for copying: the details shown, then the row
        as TraiTel sent it (shown or not), which TraiTel's support may ask for ("" with no
        row selected)."""
        shown = self.details.toPlainText()
        if not shown:
            return ""
        return f"{shown}\n\n{self.raw_button.text()}:\n{self.raw.text()}"
