"""The Sub-accounts tab: the list (sortable, searchable) with Add, Edit and Delete.

Keyboard: Ctrl+N or Insert adds; Enter, F2 or a double-click edits the selected row; Delete
deletes it (after a confirmation listing its numbers); the Menu key opens the same actions as
a right-click. Follows the tab protocol of :mod:`traitel_desktop.ui.frame.tabs`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccountRow, SubAccounts
from traitel_desktop.ui.subaccounts.delete import DeleteSubAccountDialog
from traitel_desktop.ui.subaccounts.dialog import SubAccountDialog
from traitel_desktop.ui.subaccounts.model import Column, SubAccountModel, SubAccountProxy
from traitel_desktop.ui.widgets.list_tab import CrudListTab
from traitel_desktop.ui.widgets.message_bar import MessageBar
from traitel_desktop.ui.widgets.record_model import record_view, view_or_empty
from traitel_desktop.ui.widgets.tab_tools import (
    list_toolbar,
    search_box,
    show_list_state,
    status_label,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number
    from traitel_desktop.services import Session


class SubAccountsTab(CrudListTab):
    """The sub-accounts of the signed-in account (see the module docstring)."""

    task_prefix = "subaccount"
    gone_code = 105

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.service = SubAccounts(session)
        self.setObjectName("subAccountsTab")
        self.setAccessibleName(self.tr("Sub-accounts"))

        self.model = SubAccountModel(self)
        self.proxy = SubAccountProxy(self)
        self.proxy.setSourceModel(self.model)

        self.message_bar = MessageBar(self)
        self.add_button = QPushButton(self.tr("Add &sub-account…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.search = search_box(
            self, self.tr("Search sub-accounts"), self.tr("Search sub-accounts")
        )
        self.status = status_label(self, self.tr("Sub-accounts status"))

        self.view = record_view(
            self, self.proxy, "subAccountsTable", self.tr("Sub-accounts"),
            {Column.ID: 70, Column.ALIAS: 140, Column.NAME: 170, Column.EMAIL: 240,
             Column.COMPANY: 180},
        )
        self.view.sortByColumn(Column.ID, Qt.SortOrder.AscendingOrder)
        self.wire_view(self.edit_selected)
        self.stack, self.empty = view_or_empty(self, self.view)

        self.build_crud_actions(
            self.tr("Add &sub-account…"),
            self.tr("Add a sub-account (Ctrl+N)"),
            self.tr("Change the selected sub-account (F2)"),
            self.tr("Delete the selected sub-account (Delete)"),
        )
        self.lay_out_page(
            list_toolbar(
                [self.add_button, self.edit_button, self.delete_button],
                self.status,
                [self.search],
            )
        )

        self.search.textChanged.connect(self._search_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- state --------------------------------------------------------------------------
    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the status line."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text: str | None = None
        if self._loading and not total:
            text = self.tr("Loading sub-accounts…")
        elif not self._has_loaded and not total:
            text = self.tr("Sub-accounts are loaded when you open this tab.")
        elif not total:
            text = self.tr(
                "You have no sub-accounts yet.\nAdd one for a person or department with "
                "“Add sub-account” (Ctrl+N)."
            )
        elif not shown:
            text = self.tr("No sub-account matches “{0}”.").format(self.search.text().strip())
        show_list_state(
            self.stack, self.view, self.empty, self.status,
            total=total, shown=shown, loading=self._loading, empty_text=text,
            one=self.tr("1 sub-account"), many=self.tr("{0} sub-accounts"),
        )
        self._update_actions()

    def select_sub(self, sub_id: int | None, fallback_row: int = 0) -> None:
        """Select ``sub_id`` if shown, else the row at ``fallback_row`` (clamped)."""
        self.select_record(sub_id, fallback_row)

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: int | None = None, fallback_row: int | None = None) -> None:
        """Load the list (tab protocol); then select ``select`` (or keep the selection)."""
        keep = select if select is not None else self.selected_key()
        if fallback_row is None:
            fallback_row = self.selected_row()
        rows_loaded = await self.load_rows(self.service.load())
        if rows_loaded is None:
            return
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

    # --- add / edit / delete (the flow is CrudListTab's) --------------------------------
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

    def add_dialog(self) -> SubAccountDialog:
        """The add dialog."""
        return SubAccountDialog(self._submit_add, self)

    def edit_dialog(self, record: Any) -> SubAccountDialog:
        """The edit dialog of ``record`` (a :class:`SubAccountRow`)."""
        return SubAccountDialog(
            lambda draft: self._submit_edit(record, draft), self, row=record
        )

    def record_id(self, record: Any) -> int:
        """The sub-account's ID."""
        return int(record.sub_id)

    def record_label(self, record: Any) -> str:
        """The sub-account in words."""
        return str(record.label())

    async def numbers_of(self, record: Any) -> list[Number]:
        """The numbers the sub-account owns."""
        return await self.service.numbers(record.sub_id)

    def delete_dialog(self, record: Any, numbers: list[Number]) -> QDialog:
        """The delete confirmation."""
        return DeleteSubAccountDialog(record, numbers, self)

    async def delete_record(self, record: Any, numbers: list[Number]) -> None:
        """Delete the sub-account."""
        await self.service.delete(record, numbers)

    def deleted_text(self, record: Any, numbers: list[Number]) -> str:
        """Deleted, and where its numbers went."""
        if numbers:
            return self.tr("Deleted {0}. Its numbers are back on your main account.").format(
                record.label()
            )
        return self.tr("Deleted {0}.").format(record.label())

__all__ = ["SubAccountsTab"]
