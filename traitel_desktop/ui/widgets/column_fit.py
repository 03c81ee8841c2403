"""Table columns that fit the table's width: no sideways scrolling to reach the last column.

Each column has the width it would like (its widest usual text), the narrowest it may get
(its title), and a rank: when the table is too narrow, the least useful columns give up their
width first, each down to its narrowest; when there is room to spare, the most useful column
(the "stretch" one) takes it. Qt's header modes cannot do this (``Stretch`` never makes the
other columns narrower), so :class:`FittedTableView` sets the widths itself whenever its
viewport changes width, and its owner calls :meth:`FittedTableView.fit_columns` when the
columns change.
A cell cut short this way shows its whole text on hover: the model's tooltip, or else the
cell's text itself (and in the details pane, where a tab has one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QHelpEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QToolTip, QWidget

__all__ = ["ColumnWidth", "FittedTableView", "fit_widths"]


@dataclass(frozen=True, slots=True)
class ColumnWidth:
    """What one column wants: ``preferred`` and ``minimum`` pixels, and ``shrink`` (the
    lower, the sooner it narrows; the ``stretch`` column takes any room to spare)."""

    preferred: int
    minimum: int
    shrink: int = 0
    stretch: bool = False


def fit_widths(available: int, columns: Sequence[ColumnWidth]) -> list[int]:
    """The widths of ``columns`` in ``available`` pixels (see the module docstring). Columns
    of the same ``shrink`` rank narrow together, each in proportion to what it can give.
    When even every column at its minimum does not fit, the minimums are returned (the
    table scrolls)."""
    widths = [max(c.preferred, c.minimum) for c in columns]
    excess = sum(widths) - available
    for rank in sorted({c.shrink for c in columns}):
        if excess <= 0:
            break
        group = [i for i, c in enumerate(columns) if c.shrink == rank]
        slack = {i: widths[i] - columns[i].minimum for i in group}
        total = sum(slack.values())
        if total <= 0:
            continue
        cut = min(excess, total)
        given = 0
        for n, i in enumerate(group):
            share = cut - given if n == len(group) - 1 else cut * slack[i] // total
            widths[i] -= share
            given += share
        excess -= cut
    if excess < 0 and columns:
        stretch = next((i for i, c in enumerate(columns) if c.stretch), len(columns) - 1)
        widths[stretch] -= excess
    return widths


class FittedTableView(QTableView):
    """A table view whose columns fit its viewport (see the module docstring): give it the
    :class:`ColumnWidth` of each column with :meth:`set_column_widths`, and call
    :meth:`fit_columns` when the columns change. A cut cell with no tooltip of its own shows
    its text on hover.

    A subclass rather than an event filter: a filter on the viewport may be called while the
    view is being destroyed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        self._column_widths: Callable[[], Sequence[ColumnWidth]] = lambda: ()
        self._fitted_width = -1

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Coming in by keyboard with nothing selected selects the current row (the first):
        otherwise the row under the keyboard is not shown as chosen, and the arrow keys or
        Ctrl+Home on the row already current change nothing the owner can see."""
        super().focusInEvent(event)
        reasons = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                   Qt.FocusReason.ShortcutFocusReason)
        if event.reason() not in reasons:
            return
        selection = self.selectionModel()
        if selection is None or selection.hasSelection() or self.model() is None:
            return
        current = self.currentIndex()
        if not current.isValid() and self.model().rowCount() > 0:
            current = self.model().index(0, 0)
        if current.isValid():
            selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)

    def set_column_widths(self, columns: Callable[[], Sequence[ColumnWidth]]) -> None:
        """Fit the columns from now on; ``columns()`` describes each column shown."""
        self._column_widths = columns
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Set every column's width for the viewport's width now."""
        columns = list(self._column_widths())
        header = self.horizontalHeader()
        if not columns or len(columns) != header.count():
            return
        self._fitted_width = self.viewport().width()
        for index, width in enumerate(fit_widths(self._fitted_width, columns)):
            header.resizeSection(index, width)

    def viewportEvent(self, event: QEvent) -> bool:
        """Refit when the viewport changes width (a window resized, a scroll bar shown);
        show a cut cell's text on hover when its model gives no tooltip of its own."""
        kind = event.type()
        if kind == QEvent.Type.Resize and self.viewport().width() != self._fitted_width:
            self.fit_columns()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
                self._cut_cell_tip(event, index)
                return True
        return super().viewportEvent(event)

    def _cut_cell_tip(self, event: QHelpEvent, index: QModelIndex) -> None:
        text = str(index.data() or "")
        cell = self.visualRect(index)
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        if text and self.fontMetrics().horizontalAdvance(text) > cell.width() - margin:
            QToolTip.showText(event.globalPos(), text, self.viewport(), cell)
        else:
            QToolTip.hideText()
