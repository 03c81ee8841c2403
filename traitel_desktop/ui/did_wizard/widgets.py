"""Small pieces the DID purchase wizard pages share: a busy/empty/error line and a searchable
list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.did_purchase.flow import ListState
from traitel_desktop.core.did_purchase.state import filtered
from traitel_desktop.ui.widgets.errors import plain_message


def tr(text: str) -> str:
    """Texts of the wizard (and of :mod:`traitel_desktop.core.did_purchase.state`) in the
    ``DidPurchase`` context."""
    return QCoreApplication.translate("DidPurchase", text)


class LoadState(QWidget):
    """Shows that a list is loading (busy bar), that it is empty, or what went wrong (with a
    "Try again" button); hidden when the list is ready and not empty."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Loading"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("placeholderText")
        self.retry_button = QPushButton(tr("&Try again"), self)
        self.retry_button.clicked.connect(self.retry)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.busy)
        layout.addLayout(row)

    def show_state(self, state: ListState[Any], loading_text: str) -> None:
        """Render ``state``: loading, error, empty, or nothing to say."""
        self.show_parts(
            loading=state.loading,
            text=(
                loading_text if state.loading
                else plain_message(state.error) if state.error is not None
                else tr(state.empty_message) if state.empty_message
                else ""
            ),
            error=state.error is not None and not state.loading,
        )

    def show_parts(self, *, loading: bool, text: str, error: bool) -> None:
        """Show the busy bar, a text and the retry button as asked."""
        self.busy.setVisible(loading)
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.label.setProperty("kind", "error" if error else "")
        self.retry_button.setVisible(error)
        self.setVisible(loading or bool(text))

    @property
    def text(self) -> str:
        """What is said now ("" when hidden)."""
        return self.label.text() if not self.isHidden() else ""


class SearchList(QWidget):
    """A search box over a list; the user picks one item (its data is kept in ``UserRole``)."""

    picked = Signal()
    activated = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(placeholder)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        self.none = QLabel(self)
        self.none.setObjectName("accountSub")
        self.none.hide()
        self._items: list[tuple[str, object]] = []
        self._wanted: object = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.none)
        self.search.textChanged.connect(lambda _text: self._refill())
        self.list.currentItemChanged.connect(lambda *_: self._current_changed())
        self.list.itemActivated.connect(lambda _item: self.activated.emit())
        self.search.returnPressed.connect(self._enter)

    def set_items(self, items: Sequence[tuple[str, object]], wanted: object = None) -> None:
        """Show ``(text, data)`` items; select the one whose data is ``wanted``."""
        items = list(items)
        if items == self._items and wanted == self._wanted:
            return
        self._items = items
        self._wanted = wanted
        self._refill()

    def _refill(self) -> None:
        keep = self.current() if self.list.currentItem() is not None else self._wanted
        shown: list[tuple[str, object]] = filtered(self._items, self.search.text(),
                                                   key=lambda pair: pair[0])
        self.list.blockSignals(True)
        self.list.clear()
        for text, data in shown:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, data)
            if data == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        query = self.search.text().strip()
        self.none.setText(tr("Nothing matches “{0}”.").format(query) if query else "")
        self.none.setVisible(bool(self._items) and not shown and bool(query))
        self._current_changed()

    def _current_changed(self) -> None:
        data = self.current()
        if data is not None:
            self._wanted = data
        self.picked.emit()

    def _enter(self) -> None:
        if self.list.count() == 1:
            self.list.setCurrentRow(0)
        if self.current() is not None:
            self.activated.emit()

    def current(self) -> Any:
        """The data of the selected item, or None."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, match: Callable[[object], bool]) -> bool:
        """Select the first shown item whose data matches; True if one did."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if match(item.data(Qt.ItemDataRole.UserRole)):
                self.list.setCurrentItem(item)
                return True
        return False
