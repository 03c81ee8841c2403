"""The Numbers tab: every number of the account, what it is used for, assigning and buying.

Filters by service, by owner (the main account or a sub-account, read with ``querynumbers
subid=…``) and by free text. Keyboard: Enter, F2 or a double-click assigns the selected number;
Ctrl+B opens the DID purchase wizard; the Menu key opens the same actions as a right-click.
Follows the tab protocol of :mod:`traitel_desktop.ui.frame.tabs`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QPushButton,
    QWidget,
)

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.numbers import AssignChoice, NumberRow, Numbers, NumbersData
from traitel_desktop.ui.numbers.assign_dialog import AssignDialog
from traitel_desktop.ui.numbers.filters import NumberFilters
from traitel_desktop.ui.numbers.model import Column, NumberModel, NumberProxy
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.list_tab import RecordListTab
from traitel_desktop.ui.widgets.message_bar import MessageBar
from traitel_desktop.ui.widgets.record_model import record_view, view_or_empty
from traitel_desktop.ui.widgets.tab_tools import (
    button_for,
    list_toolbar,
    shortcut_action,
    show_list_state,
    status_label,
)

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.ui.did_wizard.wizard import DidWizard

#: Topics after which the list is read again (names of menus and sub-accounts show in it).
RELOAD_TOPICS = ("numbers", "subaccounts", "ivml")


class NumbersTab(RecordListTab):
    """The numbers of the signed-in account (see the module docstring)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.service = Numbers(session)
        self.data = NumbersData()
        self.setObjectName("numbersTab")
        self.setAccessibleName(self.tr("Numbers"))
        #: The purchase wizard (tests and screenshots); ``dialog`` is the Assign dialog.
        self.wizard: DidWizard | None = None

        self.model = NumberModel(self)
        self.proxy = NumberProxy(self)
        self.proxy.setSourceModel(self.model)

        self.message_bar = MessageBar(self)
        self.assign_button = QPushButton(self.tr("As&sign…"), self)
        self.buy_button = QPushButton(self.tr("&Buy numbers…"), self)
        self.filters = NumberFilters(self.service, self.proxy, self)
        self.service_filter = self.filters.service_filter
        self.owner_filter = self.filters.owner_filter
        self.search = self.filters.search
        self.status = status_label(self, self.tr("Numbers status"))

        self.view = record_view(
            self, self.proxy, "numbersTable", self.tr("Numbers"),
            {Column.NUMBER: 180, Column.COUNTRY: 150, Column.SERVICE: 90},
        )
        self.view.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        self.wire_view(self.assign_selected)

        self.stack, self.empty = view_or_empty(self, self.view)

        self._build_actions()
        self.lay_out_page(
            list_toolbar(
                [self.assign_button, self.buy_button], self.status, list(self.filters.widgets())
            )
        )

        self.filters.changed.connect(self._update_state)
        self.filters.failed.connect(self.message_bar.show_error)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.proxy.rowsInserted.connect(lambda *_: self._update_state())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_state())
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.buy_action = shortcut_action(
            self, self.tr("&Buy numbers…"), ["Ctrl+B"], self.buy, children
        )
        table = Qt.ShortcutContext.WidgetShortcut
        self.assign_action = shortcut_action(
            self.view, self.tr("As&sign…"), ["Return", "Enter", "F2"], self.assign_selected, table
        )
        button_for(
            self.assign_button, self.assign_action,
            self.tr("Choose what the selected number is used for (F2)"),
        )
        button_for(self.buy_button, self.buy_action, self.tr("Buy new numbers (Ctrl+B)"))

    def row_actions(self) -> list[tuple[QAction, QAbstractButton, bool]]:
        """Assign, on a selected row (Buy is always on)."""
        return [(self.assign_action, self.assign_button, True)]

    def menu_actions(self) -> list[QAction]:
        """Assign and Buy."""
        return [self.assign_action, self.buy_action]

    # --- filters and state --------------------------------------------------------------
    def set_service_filter(self, service: str | None) -> None:
        """Show only ``service`` (None: all), as the filter box would."""
        self.filters.set_service(service)

    def set_owner_filter(self, sub_id: int | None) -> None:
        """Show only the numbers ``sub_id`` owns (None: all), as the filter box would."""
        self.filters.set_owner(sub_id)

    @property
    def owner_loading(self) -> bool:
        """True while the numbers of the owner chosen in the filter are being read."""
        return self.filters.owner_loading

    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the status line."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        loading = self._loading or self.filters.owner_loading
        text: str | None = None
        if loading and not total:
            text = self.tr("Loading numbers…")
        elif not self._has_loaded and not total:
            text = self.tr("Numbers are loaded when you open this tab.")
        elif not total:
            text = self.tr("You have no numbers yet.\nBuy one with “Buy numbers” (Ctrl+B).")
        elif not shown:
            text = self.tr("No number matches these filters.")
        show_list_state(
            self.stack, self.view, self.empty, self.status,
            total=total, shown=shown, loading=loading, empty_text=text,
            one=self.tr("1 number"), many=self.tr("{0} numbers"),
        )
        self._update_actions()

    def select_number(self, digits: str | None, fallback_row: int = 0) -> None:
        """Select ``digits`` if shown, else the row at ``fallback_row`` (clamped)."""
        self.select_record(digits, fallback_row)

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: str | None = None) -> None:
        """Load the list (tab protocol); then select ``select`` (or keep the selection)."""
        keep = select if select is not None else self.selected_key()
        fallback_row = self.selected_row()
        data = await self.load_rows(self.service.load())
        if data is None:
            return
        if self.message_bar.text and self.message_bar.property("kind") == "error":
            self.message_bar.clear()
        self.data = data
        self.model.set_rows(data.rows)
        self.filters.fill_owners(data.subs)
        owner = self.filters.owner()
        if owner is not None:
            await self.filters.load_owner(owner)
        if not alive(self):
            return
        self.select_number(keep, fallback_row)
        self._update_state()
        self.loaded.emit()

    def _data_changed(self, topic: str) -> None:
        """Numbers, sub-accounts or IVML changed elsewhere: reload (our own assignments
        reload themselves)."""
        if topic in RELOAD_TOPICS and self._has_loaded and not self._changing:
            self._start(self._guarded_reload(), "numbers-reload")

    # --- assign -------------------------------------------------------------------------
    def assign_selected(self) -> None:
        """Open the Assign dialog for the selected number (Enter, F2, double-click)."""
        row = self.selected()
        if row is not None and self.idle:
            self._start(self._assign(row), "number-assign")

    def assign_number(self, digits: str, parent: QWidget | None = None) -> None:
        """Open the Assign dialog for ``digits`` (e.g. a number just bought), reading the
        list first if it is not there yet; the dialog opens over ``parent`` if given."""
        if self.dialog is None and not self._changing:
            self._start(self._assign_digits(digits, parent), "number-assign")

    async def _assign_digits(self, digits: str, parent: QWidget | None) -> None:
        if self.model.row_of(digits) < 0:
            await self._guarded_reload(digits)
        if not alive(self):
            return
        position = self.model.row_of(digits)
        if position < 0:
            self.message_bar.show_info(
                self.tr("{0} is not among your numbers yet. Press F5 to look again.").format(digits)
            )
            return
        row = self.model.rows()[position]
        await self._assign(row, parent)

    async def _submit(self, row: NumberRow, choice: AssignChoice, data: NumbersData) -> None:
        self._changing = True
        try:
            await self.service.assign(row, choice, data)
        finally:
            self._changing = False

    async def _assign(self, row: NumberRow, parent: QWidget | None = None) -> None:
        data = self.data
        dialog = AssignDialog(
            row, data, lambda choice: self._submit(row, choice, data), parent or self
        )
        result = await self._show(dialog)
        if not alive(self):
            return
        code = getattr(dialog.last_error, "code", None)
        balance = None
        if result == QDialog.DialogCode.Accepted:
            self.message_bar.show_info(self.tr("{0} is assigned.").format(row.formatted))
            balance = spawn(self._refresh_balance(), name="numbers-balance")
        if result == QDialog.DialogCode.Accepted or dialog.outcome_unknown or code in (
            105, 109, 110, 113
        ):
            await self._guarded_reload(row.digits)
        if balance is not None:  # read alongside the list: ``task`` ends when both are done
            await asyncio.wait({balance})

    async def _refresh_balance(self) -> None:
        from traitel_desktop.api.errors import TraiTelError

        with contextlib.suppress(TraiTelError, Superseded, TimeoutError):
            if not self.session.closed:
                await self.session.refresh_balance()

    # --- buy ----------------------------------------------------------------------------
    def buy(self) -> None:
        """Open the DID purchase wizard (Ctrl+B, the Buy button); raise it if open."""
        from traitel_desktop.ui.did_wizard.wizard import DidWizard

        if self.wizard is not None and alive(self.wizard):
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        wizard = DidWizard(self.session, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.assign_requested.connect(lambda digits: self.assign_number(digits, wizard))
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        self.wizard = wizard
        wizard.show()

    def _wizard_closed(self, wizard: DidWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None

