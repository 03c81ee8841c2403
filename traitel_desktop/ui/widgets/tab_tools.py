"""Small pieces every list tab uses the same way: keyboard actions wired to buttons, the
search box and status line, the empty / loading / count texts, and selecting a row of a
sorted, filtered table (Sub-accounts, Numbers, IVR & IVML)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

#: Width of the search box above every list, so its hint ("Search sub-accounts") is never cut.
SEARCH_WIDTH = 240


def _tr(text: str) -> str:
    return QCoreApplication.translate("TabTools", text)


def search_box(parent: QWidget, placeholder: str, accessible: str) -> QLineEdit:
    """The search box above a list (:data:`SEARCH_WIDTH` wide, with a clear button)."""
    search = QLineEdit(parent)
    search.setPlaceholderText(placeholder)
    search.setAccessibleName(accessible)
    search.setToolTip(_tr("Matches any column, ignoring upper and lower case"))
    search.setClearButtonEnabled(True)
    search.setFixedWidth(SEARCH_WIDTH)
    return search


def list_toolbar(
    buttons: list[QWidget], status: QLabel, tail: list[QWidget]
) -> QHBoxLayout:
    """The row above a list: ``buttons``, the status line (taking the room), then ``tail``
    (search box, filters)."""
    toolbar = QHBoxLayout()
    toolbar.setSpacing(6)
    for button in buttons:
        toolbar.addWidget(button)
    toolbar.addSpacing(12)
    toolbar.addWidget(status, 1)
    for widget in tail:
        toolbar.addWidget(widget)
    return toolbar


def status_label(parent: QWidget, accessible: str) -> QLabel:
    """The grey status line beside a list's buttons (counts, "Loading…")."""
    status = QLabel(parent)
    status.setObjectName("accountSub")
    status.setAccessibleName(accessible)
    return status


def show_list_state(
    stack: QStackedWidget,
    view: QWidget,
    empty: QLabel,
    status: QLabel,
    *,
    total: int,
    shown: int,
    loading: bool,
    empty_text: str | None,
    one: str,
    many: str,
) -> None:
    """Show ``view`` when it has rows, else ``empty`` (saying ``empty_text`` if given); the
    status line says "Loading…", "3 of 9 shown", ``one`` or ``many`` (``{0}``: the count)."""
    if empty_text is not None:
        empty.setText(empty_text)
    stack.setCurrentWidget(view if shown else empty)
    if loading:
        status.setText(_tr("Loading…"))
    elif total and shown != total:
        status.setText(_tr("{0} of {1} shown").format(shown, total))
    elif total == 1:
        status.setText(one)
    elif total:
        status.setText(many.format(total))
    else:
        status.clear()


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
