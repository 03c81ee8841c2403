"""Small pieces every list tab uses the same way: keyboard actions wired to buttons, and
selecting a row of a sorted, filtered table (Sub-accounts, Numbers, IVR & IVML)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

#: Width of the search box above every list, so its hint ("Search sub-accounts") is never cut.
SEARCH_WIDTH = 240


def shortcut_action(
    where: QWidget,
    text: str,
    keys: list[str],
    slot: Callable[..., Any],
    context: Qt.ShortcutContext,
) -> QAction:
    """An action on ``where`` with ``keys`` (active in ``context``) that calls ``slot``."""
    action = QAction(text, where)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.setShortcutContext(context)
    action.triggered.connect(slot)
    where.addAction(action)
    return action


def button_for(button: QAbstractButton, action: QAction, tip: str) -> None:
    """Make ``button`` trigger ``action``, with ``tip`` as its tooltip and the action's words
    (without the ``&`` and ``…``) as its accessible name."""
    button.clicked.connect(action.trigger)
    button.setToolTip(tip)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))


def select_index(view: QAbstractItemView, index: QModelIndex) -> None:
    """Select the row of ``index`` (of the view's model), make it current and show it."""
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)


def select_source_row(
    view: QAbstractItemView,
    proxy: QSortFilterProxyModel,
    model: QAbstractItemModel,
    source_row: int,
    fallback_row: int = 0,
) -> None:
    """Select ``source_row`` of ``model`` if the proxy shows it, else the proxy's row at
    ``fallback_row`` (clamped); nothing when the proxy shows no row."""
    count = proxy.rowCount()
    if not count:
        return
    row = -1
    if source_row >= 0:
        row = proxy.mapFromSource(model.index(source_row, 0)).row()
    if row < 0:
        row = min(max(fallback_row, 0), count - 1)
    select_index(view, proxy.index(row, 0))
