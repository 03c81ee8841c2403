"""The plumbing the list tabs share (Sub-accounts, Numbers, IVR & IVML): the loading flags,
search, selection kept across reloads, the context menu, actions enabled only while idle,
one dialog at a time (shown with ``open()``, see DESIGN.md), and, for the tabs that add, edit
and delete records, the whole add / edit / delete flow (:class:`CrudListTab`).

Subclasses create ``model``, ``proxy``, ``view``, ``message_bar``, ``status`` and ``search``
and implement ``reload`` (the tab protocol of :mod:`traitel_desktop.ui.frame.tabs`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDialog, QHBoxLayout, QMenu, QVBoxLayout, QWidget

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.ui.widgets.async_tools import spawn, wait_dialog
from traitel_desktop.ui.widgets.errors import show_unexpected
from traitel_desktop.ui.widgets.tab_tools import (
    button_for,
    select_index,
    select_source_row,
    shortcut_action,
)

T = TypeVar("T")

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QStackedWidget, QTableView

    from traitel_desktop.api.records import Number
    from traitel_desktop.services import Session
    from traitel_desktop.ui.widgets.message_bar import MessageBar
    from traitel_desktop.ui.widgets.record_dialog import RecordDialog


class RecordListTab(QWidget):
    """A tab listing records in a sorted, filtered table; see the module docstring."""

    loaded = Signal()

    view: QTableView
    stack: QStackedWidget
    proxy: Any
    model: Any
    message_bar: MessageBar
    status: QLabel
    search: QLineEdit

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        #: The dialog open now, for tests and screenshots.
        self.dialog: QDialog | None = None
        self.task: asyncio.Task[Any] | None = None
        self._has_loaded = False
        self._loading = False
        self._changing = False
        #: The last load failed (its error is in the message bar; the next good load clears
        #: it). An error from a change (a refused delete) is not a load's and stays.
        self._load_failed = False

    def lay_out_page(self, toolbar: QHBoxLayout) -> None:
        """The tab's layout: the message bar, ``toolbar``, then the table (or why it is
        empty) taking the room."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

    async def reload(self, *args: Any) -> None:
        """Load the list (tab protocol)."""
        raise NotImplementedError

    # --- actions ------------------------------------------------------------------------
    def wire_view(self, activated: Any) -> None:
        """Right-click (and the Menu key) opens :meth:`menu_actions`; a double-click calls
        ``activated``; a selection change updates the actions."""
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: activated())

    def menu_actions(self) -> list[QAction]:
        """The context menu's actions."""
        return [action for action, _button, _needs_row in self.row_actions()]

    def row_actions(self) -> list[tuple[QAction, QAbstractButton, bool]]:
        """(action, its button, needs a selected row) of the tab's actions."""
        return []

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.select_index(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.menu_actions():
            menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    @property
    def idle(self) -> bool:
        """True when no dialog is open and no change is being sent."""
        return self.dialog is None and not self._changing

    def _update_actions(self) -> None:
        has_row = self.selected() is not None
        idle = self.idle
        for action, button, needs_row in self.row_actions():
            on = idle and (has_row or not needs_row)
            action.setEnabled(on)
            button.setEnabled(on)

    # --- state --------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _update_state(self) -> None:
        """Show the table, or say why it is empty; update the status line and actions."""
        self._update_actions()

    def selected(self) -> Any:
        """The selected record, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.record(rows[0]) if rows else None

    def selected_key(self) -> Any:
        """The key (the model's ``key_attr``: ID, digits) of the selected record, or None."""
        current = self.selected()
        return None if current is None else getattr(current, self.model.key_attr)

    def select_record(self, key: Any, fallback_row: int = 0) -> None:
        """Select the record whose key is ``key`` if shown, else the row at ``fallback_row``
        (clamped)."""
        source = self.model.row_of(key) if key is not None else -1
        select_source_row(self.view, self.proxy, self.model, source, fallback_row)

    def selected_row(self) -> int:
        """The view row selected now (0 when none): where to select after a reload."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def select_index(self, index: QModelIndex) -> None:
        """Select the row of a proxy index and make it current."""
        select_index(self.view, index)

    # --- loading ------------------------------------------------------------------------
    async def load_rows(self, load: Awaitable[T]) -> T | None:
        """Await ``load`` with the loading state shown. Returns its result, or None when it
        was superseded, the tab is gone, or TraiTel refused (the error is then in the
        message bar, the tab counts as loaded and ``loaded`` is emitted). What this computer
        could not read meanwhile (its own record) is noted in the message bar."""
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services.storage import StorageError, collecting_notes

        self._loading = True
        self._update_state()
        try:
            with collecting_notes() as notes:
                result = await load
        except Superseded:
            return None
        except (TraiTelError, StorageError) as exc:
            if alive(self):
                self._loading = False
                self._has_loaded = True
                self._load_failed = True
                self.message_bar.show_error(exc)
                self._update_state()
                self.loaded.emit()
            return None
        except BaseException:
            if alive(self):
                self._loading = False
                self._update_state()
            raise
        if not alive(self):
            return None
        self._loading = False
        self._has_loaded = True
        if notes and not self.message_bar.text:  # a change's own note stays first
            self.message_bar.show_info(" ".join(notes))
        return result

    # --- tasks and dialogs --------------------------------------------------------------
    def _start(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        self.task = spawn(coro, name=name)

    async def _guarded_reload(self, *args: Any) -> None:
        with contextlib.suppress(Superseded):
            await self.reload(*args)

    async def _show(self, dialog: QDialog) -> int:
        """Show ``dialog`` (the only one at a time) and wait for its result."""
        self.dialog = dialog
        self._update_actions()
        try:
            return await wait_dialog(dialog)
        finally:
            if alive(self):
                self.dialog = None
                self._update_actions()
            if alive(dialog):
                dialog.deleteLater()


class CrudListTab(RecordListTab):
    """A list tab whose records are added, edited and deleted through dialogs (Ctrl+N or
    Insert adds; Enter, F2 or a double-click edits; Delete deletes after a confirmation
    listing the record's numbers). Subclasses implement the hooks below."""

    #: Prefix of the background tasks' names ("subaccount" → "subaccount-add").
    task_prefix = "record"
    #: The error code saying the record edited is gone (the list is read again).
    gone_code = 0

    def build_crud_actions(
        self, add_text: str, add_tip: str, edit_tip: str, delete_tip: str
    ) -> None:
        """Create the Add / Edit / Delete actions and wire the buttons to them."""
        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_action = shortcut_action(self, add_text, ["Ctrl+N", "Insert"], self.add, children)
        # Edit and Delete only act on the table (Delete in the search box deletes text).
        table = Qt.ShortcutContext.WidgetShortcut
        self.edit_action = shortcut_action(
            self.view, self.tr("&Edit…"), ["Return", "Enter", "F2"], self.edit_selected, table
        )
        self.delete_action = shortcut_action(
            self.view, self.tr("&Delete…"), ["Delete"], self.delete_selected, table
        )
        button_for(self.add_button, self.add_action, add_tip)
        button_for(self.edit_button, self.edit_action, edit_tip)
        button_for(self.delete_button, self.delete_action, delete_tip)

    add_button: QAbstractButton
    edit_button: QAbstractButton
    delete_button: QAbstractButton

    def row_actions(self) -> list[tuple[QAction, QAbstractButton, bool]]:
        """Add (always), Edit and Delete (on a selected row)."""
        return [
            (self.add_action, self.add_button, False),
            (self.edit_action, self.edit_button, True),
            (self.delete_action, self.delete_button, True),
        ]

    # --- hooks --------------------------------------------------------------------------
    def add_dialog(self) -> RecordDialog:
        """The dialog that adds a record."""
        raise NotImplementedError

    def edit_dialog(self, record: Any) -> RecordDialog:
        """The dialog that edits ``record``."""
        raise NotImplementedError

    def record_id(self, record: Any) -> int:
        """The ID ``reload(select=...)`` selects ``record`` by."""
        raise NotImplementedError

    def record_label(self, record: Any) -> str:
        """``record`` in words, for the status line and messages."""
        raise NotImplementedError

    def numbers_of(self, record: Any) -> Awaitable[list[Number]]:
        """The numbers ``record`` uses (read before asking to delete it)."""
        raise NotImplementedError

    def delete_dialog(self, record: Any, numbers: list[Number]) -> QDialog:
        """The confirmation asked before ``record`` is deleted."""
        raise NotImplementedError

    def delete_record(self, record: Any, numbers: list[Number]) -> Awaitable[Any]:
        """Delete ``record`` (which uses ``numbers``)."""
        raise NotImplementedError

    def deleted_text(self, record: Any, numbers: list[Number]) -> str:
        """What the message bar says once ``record`` is deleted."""
        raise NotImplementedError

    # --- add / edit / delete ------------------------------------------------------------
    def add(self) -> None:
        """Open the add dialog (Ctrl+N, Insert, the Add button)."""
        if self.idle:
            self._start(self._add(), f"{self.task_prefix}-add")

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected row (Enter, F2, double-click)."""
        record = self.selected()
        if record is not None and self.idle:
            self._start(self._edit(record), f"{self.task_prefix}-edit")

    def delete_selected(self) -> None:
        """Confirm and delete the selected row (Delete)."""
        record = self.selected()
        if record is not None and self.idle:
            self._start(self._delete(record), f"{self.task_prefix}-delete")

    async def _add(self) -> None:
        dialog = self.add_dialog()
        result = await self._show(dialog)
        if not alive(self):
            return
        if result == QDialog.DialogCode.Accepted:
            self.search.clear()  # so the new row is shown
            self.show_notes(dialog.notes)
            await self._guarded_reload(int(dialog.result_value))
        elif dialog.outcome_unknown:
            await self._guarded_reload()

    async def _edit(self, record: Any) -> None:
        dialog = self.edit_dialog(record)
        result = await self._show(dialog)
        if not alive(self):
            return
        changed = result == QDialog.DialogCode.Accepted and bool(dialog.result_value)
        if changed:
            self.show_notes(dialog.notes)
        gone = getattr(dialog.last_error, "code", None) == self.gone_code
        if changed or gone or dialog.outcome_unknown:
            await self._guarded_reload(self.record_id(record))

    def show_notes(self, notes: list[str]) -> None:
        """Show what this computer could not record of a change that was made."""
        if notes:
            self.message_bar.show_info(" ".join(notes))

    async def _delete(self, record: Any) -> None:
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services.storage import collecting_notes

        fallback = self.selected_row()
        words = self.record_label(record)
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Looking up the numbers of {0}…").format(words))
        try:
            numbers = await self.numbers_of(record)
        except Superseded:
            return
        except TraiTelError as exc:
            if alive(self):
                self.message_bar.show_error(exc)
            return
        finally:
            if alive(self):
                self._changing = False
                self._update_state()
        if not alive(self):
            return
        dialog = self.delete_dialog(record, numbers)
        if await self._show(dialog) != QDialog.DialogCode.Accepted or not alive(self):
            return
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Deleting {0}…").format(words))
        notes: list[str] = []
        try:
            with collecting_notes() as notes:
                await self.delete_record(record, numbers)
        except TraiTelError as exc:
            if alive(self):
                self.message_bar.show_error(exc)
        except Exception as exc:
            if alive(self):
                show_unexpected(self, exc)
        else:
            if alive(self):
                self.message_bar.show_info(" ".join([self.deleted_text(record, numbers), *notes]))
        finally:
            if alive(self):
                self._changing = False
        if alive(self):
            await self._guarded_reload(None, fallback)
