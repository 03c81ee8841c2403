"""The Sub-accounts tab: the list (sortable, searchable) with Add, Edit and Delete.

Keyboard: Ctrl+N or Insert adds; Enter, F2 or a double-click edits the selected row; Delete
deletes it (after a confirmation listing its numbers); the Menu key opens the same actions as
a right-click. Follows the tab protocol of :mod:`traitel_desktop.ui.tabs`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services import Superseded
from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccountRow, SubAccounts
from traitel_desktop.ui.async_tools import spawn, wait_dialog
from traitel_desktop.ui.errors import show_unexpected
from traitel_desktop.ui.message_bar import MessageBar
from traitel_desktop.ui.subaccount_delete import DeleteSubAccountDialog
from traitel_desktop.ui.subaccount_dialog import SubAccountDialog
from traitel_desktop.ui.subaccount_model import Column, SubAccountModel, SubAccountProxy
from traitel_desktop.ui.tab_tools import (
    SEARCH_WIDTH,
    button_for,
    select_index,
    select_source_row,
    shortcut_action,
)

if TYPE_CHECKING:
    from traitel_desktop.services import Session


class SubAccountsTab(QWidget):
    """The sub-accounts of the signed-in account (see the module docstring)."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = SubAccounts(session)
        self.setObjectName("subAccountsTab")
        self.setAccessibleName(self.tr("Sub-accounts"))
        #: The dialog open now (add/edit or delete confirmation), for tests and screenshots.
        self.dialog: QDialog | None = None
        self.task: asyncio.Task[Any] | None = None
        self._has_loaded = False
        self._loading = False
        self._changing = False
        #: The last load failed (its error is in the message bar; the next good load clears
        #: it). An error from a change (a refused delete) is not a load's and stays.
        self._load_failed = False

        self.model = SubAccountModel(self)
        self.proxy = SubAccountProxy(self)
        self.proxy.setSourceModel(self.model)

        self.message_bar = MessageBar(self)
        self.add_button = QPushButton(self.tr("&Add sub-account…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search sub-accounts"))
        self.search.setAccessibleName(self.tr("Search sub-accounts"))
        self.search.setToolTip(self.tr("Matches any column, ignoring upper and lower case"))
        self.search.setClearButtonEnabled(True)
        self.search.setFixedWidth(SEARCH_WIDTH)
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.status.setAccessibleName(self.tr("Sub-accounts status"))

        self.view = QTableView(self)
        self.view.setObjectName("subAccountsTable")
        self.view.setAccessibleName(self.tr("Sub-accounts"))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.ID, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.ID, 70), (Column.ALIAS, 140), (Column.NAME, 170),
                              (Column.EMAIL, 240), (Column.COMPANY, 180)):
            self.view.setColumnWidth(column, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())

        self.empty = QLabel(self)
        self.empty.setObjectName("placeholderText")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self._build_actions()
        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.delete_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.status, 1)
        toolbar.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

        self.search.textChanged.connect(self._search_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_action = shortcut_action(
            self, self.tr("&Add sub-account…"), ["Ctrl+N", "Insert"], self.add, children
        )
        # Edit and Delete only act on the table (Delete in the search box deletes text).
        table = Qt.ShortcutContext.WidgetShortcut
        self.edit_action = shortcut_action(
            self.view, self.tr("&Edit…"), ["Return", "Enter", "F2"], self.edit_selected, table
        )
        self.delete_action = shortcut_action(
            self.view, self.tr("&Delete…"), ["Delete"], self.delete_selected, table
        )
        button_for(self.add_button, self.add_action, self.tr("Add a sub-account (Ctrl+N)"))
        button_for(
            self.edit_button, self.edit_action, self.tr("Change the selected sub-account (F2)")
        )
        button_for(
            self.delete_button, self.delete_action,
            self.tr("Delete the selected sub-account (Delete)"),
        )

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.select_index(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.add_action)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        has_row = self.selected() is not None
        idle = self.dialog is None and not self._changing
        self.add_action.setEnabled(idle)
        self.edit_action.setEnabled(has_row and idle)
        self.delete_action.setEnabled(has_row and idle)
        self.add_button.setEnabled(idle)
        self.edit_button.setEnabled(has_row and idle)
        self.delete_button.setEnabled(has_row and idle)

    # --- state --------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the status line."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self._loading and not total:
            self.empty.setText(self.tr("Loading sub-accounts…"))
        elif not self._has_loaded and not total:
            self.empty.setText(self.tr("Sub-accounts are loaded when you open this tab."))
        elif not total:
            self.empty.setText(
                self.tr(
                    "You have no sub-accounts yet.\nAdd one for a person or department with "
                    "“Add sub-account” (Ctrl+N)."
                )
            )
        elif not shown:
            self.empty.setText(
                self.tr("No sub-account matches “{0}”.").format(self.search.text().strip())
            )
        self.stack.setCurrentWidget(self.view if shown else self.empty)
        if self._loading:
            self.status.setText(self.tr("Loading…"))
        elif total and shown != total:
            self.status.setText(self.tr("{0} of {1} shown").format(shown, total))
        elif total == 1:
            self.status.setText(self.tr("1 sub-account"))
        elif total:
            self.status.setText(self.tr("{0} sub-accounts").format(total))
        else:
            self.status.clear()
        self._update_actions()

    def selected(self) -> SubAccountRow | None:
        """The selected sub-account, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.record(rows[0]) if rows else None

    def select_index(self, index: QModelIndex) -> None:
        """Select the row of a proxy index and make it current."""
        select_index(self.view, index)

    def select_sub(self, sub_id: int | None, fallback_row: int = 0) -> None:
        """Select ``sub_id`` if shown, else the row at ``fallback_row`` (clamped)."""
        source = self.model.row_of(sub_id) if sub_id is not None else -1
        select_source_row(self.view, self.proxy, self.model, source, fallback_row)

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: int | None = None, fallback_row: int | None = None) -> None:
        """Load the list (tab protocol); then select ``select`` (or keep the selection)."""
        from traitel_desktop.api.errors import TraiTelError

        current = self.selected()
        keep = select if select is not None else (current.sub_id if current else None)
        if fallback_row is None:
            rows = self.view.selectionModel().selectedRows()
            fallback_row = rows[0].row() if rows else 0
        self._loading = True
        self._update_state()
        try:
            rows_loaded = await self.service.load()
        except Superseded:
            return
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self._loading = False
                self._has_loaded = True
                self._load_failed = True
                self.message_bar.show_error(exc)
                self._update_state()
                self.loaded.emit()
            return
        except BaseException:
            if shiboken6.isValid(self):
                self._loading = False
                self._update_state()
            raise
        if not shiboken6.isValid(self):
            return
        self._loading = False
        self._has_loaded = True
        if self._load_failed:
            self.message_bar.clear()  # the last load's error; a change's error stays
        self._load_failed = False
        self.model.set_rows(rows_loaded)
        self.select_sub(keep, fallback_row)
        self._update_state()
        self.loaded.emit()

    def _data_changed(self, topic: str) -> None:
        """Another view changed sub-accounts: reload (our own changes reload themselves)."""
        if topic == "subaccounts" and self._has_loaded and not self._changing:
            self._start(self._guarded_reload(), "subaccounts-reload")

    async def _guarded_reload(
        self, select: int | None = None, fallback: int | None = None
    ) -> None:
        with contextlib.suppress(Superseded):
            await self.reload(select, fallback)

    def _start(self, coro: Any, name: str) -> None:
        self.task = spawn(coro, name=name)

    # --- add / edit / delete ------------------------------------------------------------
    def add(self) -> None:
        """Open the add dialog (Ctrl+N, Insert, the Add button)."""
        if self.dialog is None and not self._changing:
            self._start(self._add(), "subaccount-add")

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected row (Enter, F2, double-click)."""
        row = self.selected()
        if row is not None and self.dialog is None and not self._changing:
            self._start(self._edit(row), "subaccount-edit")

    def delete_selected(self) -> None:
        """Confirm and delete the selected row (Delete)."""
        row = self.selected()
        if row is not None and self.dialog is None and not self._changing:
            self._start(self._delete(row), "subaccount-delete")

    async def _show(self, dialog: QDialog) -> int:
        self.dialog = dialog
        self._update_actions()
        try:
            return await wait_dialog(dialog)
        finally:
            if shiboken6.isValid(self):
                self.dialog = None
                self._update_actions()
            if shiboken6.isValid(dialog):
                dialog.deleteLater()

    async def _submit_add(self, draft: SubAccountDraft) -> int:
        self._changing = True
        try:
            return await self.service.add(draft)
        finally:
            self._changing = False

    async def _submit_edit(self, row: SubAccountRow, draft: SubAccountDraft) -> dict[str, str]:
        self._changing = True
        try:
            return await self.service.update(row, draft)
        finally:
            self._changing = False

    async def _add(self) -> None:
        dialog = SubAccountDialog(self._submit_add, self)
        result = await self._show(dialog)
        if not shiboken6.isValid(self):
            return
        if result == QDialog.DialogCode.Accepted:
            self.search.clear()  # so the new row is shown
            await self._guarded_reload(select=int(dialog.result_value))
        elif dialog.outcome_unknown:
            await self._guarded_reload()

    async def _edit(self, row: SubAccountRow) -> None:
        dialog = SubAccountDialog(lambda draft: self._submit_edit(row, draft), self, row=row)
        result = await self._show(dialog)
        if not shiboken6.isValid(self):
            return
        changed = result == QDialog.DialogCode.Accepted and bool(dialog.result_value)
        gone = getattr(dialog.last_error, "code", None) == 105
        if changed or gone or dialog.outcome_unknown:
            await self._guarded_reload(select=row.sub_id)

    async def _delete(self, row: SubAccountRow) -> None:
        from traitel_desktop.api.errors import TraiTelError

        position = self.view.selectionModel().selectedRows()
        fallback = position[0].row() if position else 0
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Looking up the numbers of {0}…").format(row.label()))
        try:
            numbers = await self.service.numbers(row.sub_id)
        except Superseded:
            return
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self.message_bar.show_error(exc)
            return
        finally:
            if shiboken6.isValid(self):
                self._changing = False
                self._update_state()
        if not shiboken6.isValid(self):
            return
        dialog = DeleteSubAccountDialog(row, numbers, self)
        if await self._show(dialog) != QDialog.DialogCode.Accepted:
            return
        if not shiboken6.isValid(self):
            return
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Deleting {0}…").format(row.label()))
        try:
            await self.service.delete(row, numbers)
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self.message_bar.show_error(exc)
        except Exception as exc:
            if shiboken6.isValid(self):
                show_unexpected(self, exc)
        else:
            if shiboken6.isValid(self):
                self.message_bar.show_info(
                    self.tr("Deleted {0}. Its numbers are back on your main account.").format(
                        row.label()
                    )
                    if numbers
                    else self.tr("Deleted {0}.").format(row.label())
                )
        finally:
            if shiboken6.isValid(self):
                self._changing = False
        if shiboken6.isValid(self):
            await self._guarded_reload(fallback=fallback)


# The dialogs' screenshots (``--screenshots``) live next door; importing this module
# registers them. Imported last: they use the tab class defined above.
from traitel_desktop.ui.subaccount_shots import (  # noqa: E402
    delete_dialog_shot,
    edit_dialog_shot,
    register_screenshots,
)

__all__ = ["SubAccountsTab", "delete_dialog_shot", "edit_dialog_shot", "register_screenshots"]

register_screenshots()
