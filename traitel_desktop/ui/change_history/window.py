"""The "Change history" window: every change this app made on the account, newest first.

Reads the account's local change log (:func:`~traitel_desktop.services.changes.record_for`,
``AccountRecord.changes()``), which :class:`~traitel_desktop.services.changes.ChangeLog`
fills for sub-accounts, numbers, IVML and time-zone changes alike. Columns: when (on the
account's clock: its time zone, named in the column title), who, area, what, target,
result; failed changes are marked (red row, warning icon, "Failed: …"). Searchable, with
an "only failures" switch. Non-modal; it follows new lines by itself (it checks the log for
a newer line every few seconds and whenever a view reports a change).

Entry point for menus and buttons: :func:`open_change_history` ``(session, parent)``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services.changes import Change, record_for
from traitel_desktop.services.storage import StorageError
from traitel_desktop.ui.change_history.model import (
    FAILED_BACKGROUND,
    FAILED_TEXT,
    ChangeHistoryModel,
    ChangeHistoryProxy,
    Column,
    action_words,
    area_words,
    failed,
)

# The table lives next door; its public names stay importable from here.
from traitel_desktop.ui.widgets.grow import resize_within
from traitel_desktop.ui.widgets.record_model import record_view, view_or_empty

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.changes import Change

#: How often (ms) the open window looks for lines written meanwhile.
POLL_MS = 3000


class ChangeHistoryDialog(QDialog):
    """The change history of ``session``'s account (see the module docstring)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem = ""  # why the change log cannot be read, if it cannot
        self.session = session
        self.setObjectName("changeHistoryDialog")
        self.setWindowTitle(self.tr("Change history — {0}").format(session.username))
        self.setAccessibleName(self.tr("Change history"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        resize_within(self, 1100, 600)  # smaller over a small window
        self._newest = -1

        title = QLabel(self.tr("Change history"), self)
        title.setObjectName("placeholderTitle")
        intro = QLabel(
            self.tr(
                "Every change this app made on your TraiTel account — sub-accounts, numbers, "
                "call flows and the time zone — whether it worked or not. Newest first; kept on "
                "this computer only."
            ),
            self,
        )
        intro.setObjectName("accountSub")
        intro.setWordWrap(True)

        self.model = ChangeHistoryModel(self, session.time_zone)
        self.proxy = ChangeHistoryProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the history"))
        self.search.setAccessibleName(self.tr("Search the history"))
        self.search.setToolTip(self.tr("Matches any column, ignoring upper and lower case"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.failures_only = QCheckBox(self.tr("Only &failures"), self)
        self.failures_only.setToolTip(self.tr("Show only the changes that did not work"))
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.status.setAccessibleName(self.tr("Change history status"))

        self.view = record_view(
            self, self.proxy, "changeHistoryTable", self.tr("Changes"),
            {Column.WHEN: 160, Column.WHO: 80, Column.AREA: 100, Column.WHAT: 360,
             Column.TARGET: 170},
        )
        self.view.sortByColumn(Column.WHEN, Qt.SortOrder.DescendingOrder)
        self.stack, self.empty = view_or_empty(self, self.view)

        self.details = QLabel(self)
        self.details.setObjectName("changeDetails")
        self.details.setStyleSheet(
            "QLabel { background: #ffffff; border: 1px solid #e2e8f0; border-radius: 6px;"
            " padding: 8px 10px; }"
        )
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("The selected change in full"))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        toolbar = QHBoxLayout()
        toolbar.setSpacing(12)
        toolbar.addWidget(self.search)
        toolbar.addWidget(self.failures_only)
        toolbar.addStretch(1)
        toolbar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._search_changed)
        self.failures_only.toggled.connect(self._failures_toggled)
        self.session.data_changed.connect(self._data_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh_if_new)
        self.refresh()
        self.search.setFocus()

    # --- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the change log again (local and fast)."""
        current = self.proxy.record(self.view.currentIndex())
        changes = self._read()
        self._newest = changes[0].id if changes else 0
        self.model.set_rows(changes)
        self.select_change(current.id if current is not None else None)
        self._update_state()

    def _read(self, limit: int | None = None) -> list[Change]:
        """The change log (newest first); none, and why in plain words where the table
        would be, when this computer cannot read it."""
        try:
            changes = record_for(self.session).changes(limit)
        except StorageError as exc:
            self._problem = exc.explanation
            return []
        self._problem = ""
        return changes

    def select_change(self, ident: int | None) -> None:
        """Select the change with ID ``ident`` if shown, else the first row shown."""
        row = next(
            (r for r in range(self.proxy.rowCount())
             if self.proxy.record(self.proxy.index(r, 0)).id == ident),
            0,
        )
        if self.proxy.rowCount():
            self.view.selectRow(row)

    def refresh_if_new(self) -> bool:
        """Refresh when a line was written since the last read; True if it did."""
        newest = self._read(limit=1)
        if (newest[0].id if newest else 0) == self._newest:
            return False
        self.refresh()
        return True

    def _data_changed(self, topic: str) -> None:
        if not alive(self):
            return
        if topic == "timezone" and self.model.zone != self.session.time_zone:
            self.model.zone = self.session.time_zone  # refresh() shows every time anew
            self.model.set_titles()
            self.refresh()
            return
        self.refresh_if_new()

    def showEvent(self, event: Any) -> None:
        """Follow new lines while shown."""
        super().showEvent(event)
        self.refresh_if_new()
        self.timer.start()

    def hideEvent(self, event: Any) -> None:
        """Stop following while hidden."""
        self.timer.stop()
        super().hideEvent(event)

    def done(self, result: int) -> None:
        """Close (and stop following)."""
        self.timer.stop()
        super().done(result)

    # --- state --------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _failures_toggled(self, on: bool) -> None:
        self.proxy.set_failures_only(on)
        self._update_state()

    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the count."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = self.search.text().strip()
        if not total and self._problem:
            self.empty.setText(self._problem)
        elif not total:
            self.empty.setText(
                self.tr(
                    "No changes yet.\nWhen you add, change or delete sub-accounts, numbers or "
                    "call flows, or set the time zone, each change is listed here."
                )
            )
        elif not shown and text:
            self.empty.setText(self.tr("No change matches “{0}”.").format(text))
        elif not shown:
            self.empty.setText(self.tr("No failed changes: everything this app tried worked."))
        self.stack.setCurrentWidget(self.view if shown else self.empty)
        failures = sum(1 for change in self.model.rows() if failed(change))
        if not total:
            self.status.clear()
        elif shown != total:
            self.status.setText(self.tr("{0} of {1} changes shown").format(shown, total))
        elif failures:
            self.status.setText(
                self.tr("{0} changes, {1} failed").format(total, failures)
                if total != 1
                else self.tr("1 change, failed")
            )
        else:
            self.status.setText(
                self.tr("1 change") if total == 1 else self.tr("{0} changes").format(total)
            )
        self.details.setVisible(bool(shown))
        self._show_details()

    def _show_details(self) -> None:
        """The selected change in full (long texts are cut short in the table)."""
        index = self.view.currentIndex()
        change = self.proxy.record(index) if index.isValid() else None
        if change is None:
            self.details.setText(self.tr("Select a change to read it in full here."))
            return
        row = index.row()
        what = self.proxy.index(row, Column.WHAT).data()
        result = self.proxy.index(row, Column.RESULT).data()
        self.details.setText(
            self.tr("{0} — {1}\n{2}\n{3}").format(
                self.proxy.index(row, Column.WHEN).data(), change.target, what, result
            )
        )

    def shown_changes(self) -> list[Change]:
        """The changes as listed now (view order)."""
        return [self.proxy.record(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]


_open: weakref.WeakKeyDictionary[Any, ChangeHistoryDialog] = weakref.WeakKeyDictionary()


def open_change_history(session: Session, parent: QWidget | None = None) -> ChangeHistoryDialog:
    """Show the change history of ``session``'s account (non-modal) and return the window.

    One window per session: asking again raises and refreshes the one already open. Safe
    to call from a menu action, a button or a coroutine (it never blocks)."""
    dialog = _open.get(session)
    if dialog is None or not alive(dialog):
        dialog = ChangeHistoryDialog(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open[session] = dialog
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


__all__ = [
    "FAILED_BACKGROUND",
    "FAILED_TEXT",
    "POLL_MS",
    "ChangeHistoryDialog",
    "ChangeHistoryModel",
    "ChangeHistoryProxy",
    "Column",
    "action_words",
    "area_words",
    "failed",
    "open_change_history",
]
