"""The Numbers tab: every number of the account, what it is used for, assigning and buying.

Filters by service, by owner (the main account or a sub-account, read with ``querynumbers
subid=…``) and by free text. Keyboard: Enter, F2 or a double-click assigns the selected number;
Ctrl+B opens the DID purchase wizard; the Menu key opens the same actions as a right-click.
Follows the tab protocol of :mod:`traitel_desktop.ui.tabs`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from traitel_desktop.services.numbers import (
    MAIN_ACCOUNT,
    AssignChoice,
    NumberRow,
    Numbers,
    NumbersData,
    sub_account_words,
)
from traitel_desktop.ui.assign_dialog import AssignDialog
from traitel_desktop.ui.async_tools import spawn, wait_dialog
from traitel_desktop.ui.message_bar import MessageBar
from traitel_desktop.ui.number_model import SERVICE_ORDER, Column, NumberModel, NumberProxy
from traitel_desktop.ui.number_model import service_words as _service_words

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.ui.did_wizard import DidWizard

#: Topics after which the list is read again (names of menus and sub-accounts show in it).
RELOAD_TOPICS = ("numbers", "subaccounts", "ivml")


class NumbersTab(QWidget):
    """The numbers of the signed-in account (see the module docstring)."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = Numbers(session)
        self.data = NumbersData()
        self.setObjectName("numbersTab")
        self.setAccessibleName(self.tr("Numbers"))
        #: The Assign dialog open now, and the purchase wizard (tests and screenshots).
        self.dialog: AssignDialog | None = None
        self.wizard: DidWizard | None = None
        self.task: asyncio.Task[Any] | None = None
        self._has_loaded = False
        self._loading = False
        self._changing = False
        self._owner_loading = False

        self.model = NumberModel(self)
        self.proxy = NumberProxy(self)
        self.proxy.setSourceModel(self.model)

        self.message_bar = MessageBar(self)
        self.assign_button = QPushButton(self.tr("&Assign…"), self)
        self.buy_button = QPushButton(self.tr("&Buy numbers…"), self)
        self.service_filter = QComboBox(self)
        self.service_filter.setAccessibleName(self.tr("Show the numbers of this service"))
        self.service_filter.addItem(self.tr("All services"), None)
        for service in SERVICE_ORDER:
            self.service_filter.addItem(_service_words(service), service)
        self.owner_filter = QComboBox(self)
        self.owner_filter.setAccessibleName(self.tr("Show the numbers of this owner"))
        self.owner_filter.setToolTip(self.tr("Show the numbers of one sub-account"))
        self.owner_filter.setMinimumContentsLength(16)
        self.owner_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._fill_owners()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search numbers"))
        self.search.setAccessibleName(self.tr("Search numbers"))
        self.search.setToolTip(self.tr("Matches any column, ignoring upper and lower case"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(240)
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.status.setAccessibleName(self.tr("Numbers status"))

        self.view = QTableView(self)
        self.view.setObjectName("numbersTable")
        self.view.setAccessibleName(self.tr("Numbers"))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.NUMBER, 180), (Column.COUNTRY, 150),
                              (Column.SERVICE, 90)):
            self.view.setColumnWidth(column, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.assign_selected())

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
        toolbar.addWidget(self.assign_button)
        toolbar.addWidget(self.buy_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.status, 1)
        toolbar.addWidget(self.service_filter)
        toolbar.addWidget(self.owner_filter)
        toolbar.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

        self.search.textChanged.connect(self._search_changed)
        self.service_filter.currentIndexChanged.connect(self._service_changed)
        self.owner_filter.currentIndexChanged.connect(lambda _i: self._owner_changed())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.proxy.modelReset.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.proxy.rowsInserted.connect(lambda *_: self._update_state())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_state())
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot: Any, where: QWidget,
                   context: Qt.ShortcutContext) -> QAction:
            act = QAction(text, where)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(context)
            act.triggered.connect(slot)
            where.addAction(act)
            return act

        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.buy_action = action(self.tr("&Buy numbers…"), ["Ctrl+B"], self.buy, self, children)
        table = Qt.ShortcutContext.WidgetShortcut
        self.assign_action = action(
            self.tr("&Assign…"), ["Return", "Enter", "F2"], self.assign_selected, self.view, table
        )
        for button, act, tip in (
            (self.assign_button, self.assign_action,
             self.tr("Choose what the selected number is used for (F2)")),
            (self.buy_button, self.buy_action, self.tr("Buy new numbers (Ctrl+B)")),
        ):
            button.clicked.connect(act.trigger)
            button.setToolTip(tip)
            button.setAccessibleName(act.text().replace("&", "").rstrip("…"))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.select_index(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.assign_action)
        menu.addAction(self.buy_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        has_row = self.selected() is not None
        idle = self.dialog is None and not self._changing
        self.assign_action.setEnabled(has_row and idle)
        self.assign_button.setEnabled(has_row and idle)

    # --- filters and state --------------------------------------------------------------
    def _fill_owners(self) -> None:
        """Owner filter: everyone, the main account, then each sub-account (kept selected)."""
        keep = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(self.tr("All owners"), None)
        self.owner_filter.addItem(self.tr("Main account"), MAIN_ACCOUNT)
        for sub in self.data.subs:
            self.owner_filter.addItem(sub_account_words(sub), sub.sub_id)
        position = self.owner_filter.findData(keep) if keep is not None else 0
        self.owner_filter.setCurrentIndex(max(position, 0))
        self.owner_filter.blockSignals(False)
        if keep is not None and position < 0:
            self._owner_changed()  # that sub-account is gone: show everyone

    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _service_changed(self, _index: int) -> None:
        self.proxy.set_service(self.service_filter.currentData())
        self._update_state()

    def set_service_filter(self, service: str | None) -> None:
        """Show only ``service`` (None: all), as the filter box would."""
        self.service_filter.setCurrentIndex(max(self.service_filter.findData(service), 0))

    def set_owner_filter(self, sub_id: int | None) -> None:
        """Show only the numbers ``sub_id`` owns (None: all), as the filter box would."""
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(sub_id), 0))

    def _owner_changed(self) -> None:
        owner = self.owner_filter.currentData()
        if owner is None:
            self._owner_loading = False
            self.proxy.set_numbers(None)
            self._update_state()
            return
        self._start(self._load_owner(int(owner)), "numbers-owner")

    async def _load_owner(self, owner: int) -> None:
        from traitel_desktop.api.errors import TraiTelError

        self._owner_loading = True
        self._update_state()
        try:
            numbers = await self.service.owned_by(owner)
        except Superseded:
            return
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self._owner_loading = False
                self.message_bar.show_error(exc)
                self._update_state()
            return
        if not shiboken6.isValid(self) or self.owner_filter.currentData() != owner:
            return
        self._owner_loading = False
        self.proxy.set_numbers(numbers)
        self._update_state()

    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the status line."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        loading = self._loading or self._owner_loading
        if loading and not total:
            self.empty.setText(self.tr("Loading numbers…"))
        elif not self._has_loaded and not total:
            self.empty.setText(self.tr("Numbers are loaded when you open this tab."))
        elif not total:
            self.empty.setText(
                self.tr("You have no numbers yet.\nBuy one with “Buy numbers” (Ctrl+B).")
            )
        elif not shown:
            self.empty.setText(self.tr("No number matches these filters."))
        self.stack.setCurrentWidget(self.view if shown else self.empty)
        if loading:
            self.status.setText(self.tr("Loading…"))
        elif total and shown != total:
            self.status.setText(self.tr("{0} of {1} shown").format(shown, total))
        elif total == 1:
            self.status.setText(self.tr("1 number"))
        elif total:
            self.status.setText(self.tr("{0} numbers").format(total))
        else:
            self.status.clear()
        self._update_actions()

    def selected(self) -> NumberRow | None:
        """The selected number, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.record(rows[0]) if rows else None

    def select_index(self, index: QModelIndex) -> None:
        """Select the row of a proxy index and make it current."""
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def select_number(self, digits: str | None, fallback_row: int = 0) -> None:
        """Select ``digits`` if shown, else the row at ``fallback_row`` (clamped)."""
        count = self.proxy.rowCount()
        if not count:
            return
        row = -1
        if digits is not None:
            source = self.model.row_of(digits)
            if source >= 0:
                row = self.proxy.mapFromSource(self.model.index(source, 0)).row()
        if row < 0:
            row = min(max(fallback_row, 0), count - 1)
        self.select_index(self.proxy.index(row, 0))

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: str | None = None) -> None:
        """Load the list (tab protocol); then select ``select`` (or keep the selection)."""
        from traitel_desktop.api.errors import TraiTelError

        current = self.selected()
        keep = select if select is not None else (current.digits if current else None)
        rows = self.view.selectionModel().selectedRows()
        fallback_row = rows[0].row() if rows else 0
        self._loading = True
        self._update_state()
        try:
            data = await self.service.load()
        except Superseded:
            return
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self._loading = False
                self._has_loaded = True
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
        if self.message_bar.text and self.message_bar.property("kind") == "error":
            self.message_bar.clear()
        self.data = data
        self.model.set_rows(data.rows)
        self._fill_owners()
        if self.owner_filter.currentData() is not None:
            await self._load_owner(int(self.owner_filter.currentData()))
        if not shiboken6.isValid(self):
            return
        self.select_number(keep, fallback_row)
        self._update_state()
        self.loaded.emit()

    def _data_changed(self, topic: str) -> None:
        """Numbers, sub-accounts or IVML changed elsewhere: reload (our own assignments
        reload themselves)."""
        if topic in RELOAD_TOPICS and self._has_loaded and not self._changing:
            self._start(self._guarded_reload(), "numbers-reload")

    async def _guarded_reload(self, select: str | None = None) -> None:
        with contextlib.suppress(Superseded):
            await self.reload(select)

    def _start(self, coro: Any, name: str) -> None:
        self.task = spawn(coro, name=name)

    # --- assign -------------------------------------------------------------------------
    def assign_selected(self) -> None:
        """Open the Assign dialog for the selected number (Enter, F2, double-click)."""
        row = self.selected()
        if row is not None and self.dialog is None and not self._changing:
            self._start(self._assign(row), "number-assign")

    def assign_number(self, digits: str, parent: QWidget | None = None) -> None:
        """Open the Assign dialog for ``digits`` (e.g. a number just bought), reading the
        list first if it is not there yet; the dialog opens over ``parent`` if given."""
        if self.dialog is None and not self._changing:
            self._start(self._assign_digits(digits, parent), "number-assign")

    async def _assign_digits(self, digits: str, parent: QWidget | None) -> None:
        if self.model.row_of(digits) < 0:
            await self._guarded_reload(select=digits)
        if not shiboken6.isValid(self):
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
        self.dialog = dialog
        self._update_actions()
        try:
            result = await wait_dialog(dialog)
        finally:
            if shiboken6.isValid(self):
                self.dialog = None
                self._update_actions()
            if shiboken6.isValid(dialog):
                dialog.deleteLater()
        if not shiboken6.isValid(self):
            return
        code = getattr(dialog.last_error, "code", None)
        if result == QDialog.DialogCode.Accepted:
            self.message_bar.show_info(self.tr("{0} is assigned.").format(row.formatted))
            spawn(self._refresh_balance(), name="numbers-balance")
        if result == QDialog.DialogCode.Accepted or dialog.outcome_unknown or code in (
            105, 109, 110, 113
        ):
            await self._guarded_reload(select=row.digits)

    async def _refresh_balance(self) -> None:
        from traitel_desktop.api.errors import TraiTelError

        with contextlib.suppress(TraiTelError, Superseded, TimeoutError):
            if not self.session.closed:
                await self.session.refresh_balance()

    # --- buy ----------------------------------------------------------------------------
    def buy(self) -> None:
        """Open the DID purchase wizard (Ctrl+B, the Buy button); raise it if open."""
        from traitel_desktop.ui.did_wizard import DidWizard

        if self.wizard is not None and shiboken6.isValid(self.wizard):
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


def _register_screenshots() -> None:
    from traitel_desktop.ui.did_wizard_shots import register_screenshots

    register_screenshots()


_register_screenshots()
