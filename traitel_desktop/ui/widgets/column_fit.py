"""Table columns that fit the table's width: no sideways scrolling to reach the last column.

Each column has the width it would like (its widest usual text), the narrowest it may get
(its title), and a rank: when the table is too narrow, the least useful columns give up their
width first, each down to its narrowest; when there is room to spare, the most useful column
(the "stretch" one) takes it. Qt's header modes cannot do this (``Stretch`` never makes the
other columns narrower), so :class:`ColumnFitter` sets the widths itself whenever the table's
viewport changes width, and the owner calls :meth:`ColumnFitter.fit` when its columns change.
A cell cut short this way keeps its whole text in the cell's tooltip or the details pane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

__all__ = ["ColumnFitter", "ColumnWidth", "fit_widths"]


@dataclass(frozen=True, slots=True)
class ColumnWidth:
    """What one column wants: ``preferred`` and ``minimum`` pixels, and ``shrink`` (the
    lower, the sooner it narrows; the ``stretch`` column takes any room to spare)."""

    preferred: int
    minimum: int
    shrink: int = 0
    stretch: bool = False


def fit_widths(available: int, columns: Sequence[ColumnWidth]) -> list[int]:
    """The widths of ``columns`` in ``available`` pixels (see the module docstring). When
    even every column at its minimum does not fit, the minimums are returned (the table
    scrolls)."""
    widths = [max(c.preferred, c.minimum) for c in columns]
    excess = sum(widths) - available
    order = sorted(range(len(columns)), key=lambda i: columns[i].shrink)
    for i in order:
        if excess <= 0:
            break
        cut = min(excess, widths[i] - columns[i].minimum)
        widths[i] -= cut
        excess -= cut
    if excess < 0 and columns:
        stretch = next((i for i, c in enumerate(columns) if c.stretch), len(columns) - 1)
        widths[stretch] -= excess
    return widths


class ColumnFitter(QObject):
    """Keeps the columns of ``view`` fitted to its viewport; ``columns()`` gives the
    :class:`ColumnWidth` of each column shown now."""

    def __init__(self, view: QTableView, columns: Callable[[], Sequence[ColumnWidth]]) -> None:
        super().__init__(view)
        self._view = view
        self._columns = columns
        self._width = -1
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.viewport().installEventFilter(self)

    def fit(self) -> None:
        """Set every column's width for the viewport's width now."""
        columns = list(self._columns())
        header = self._view.horizontalHeader()
        if len(columns) != header.count():
            return
        self._width = self._view.viewport().width()
        for index, width in enumerate(fit_widths(self._width, columns)):
            header.resizeSection(index, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit when the viewport changes width (a window resized, a scroll bar shown)."""
        if (
            event.type() == QEvent.Type.Resize
            and watched is self._view.viewport()
            and self._view.viewport().width() != self._width
        ):
            self.fit()
        return False
