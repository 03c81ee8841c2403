"""The IVR & IVML tab: the IVR menus (read-only) and the IVML configurations (add, edit,
delete), with a button to the change history.

Keyboard: Ctrl+N or Insert adds a configuration; Enter, F2 or a double-click edits the selected
one; Delete deletes it (after a confirmation listing its numbers); the Menu key opens the same
actions as a right-click; Alt+H opens the change history. Follows the tab protocol of
:mod:`traitel_desktop.ui.tabs`. When TraiTel has said the account has no IVR service (Error
115, read from the change log), the tab says so above the lists, and what to do about it.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QVBoxLayout, QWidget

from traitel_desktop.services import Superseded
from traitel_desktop.services.ivml import NO_IVR_TEXT, IvmlDraft, IvmlService, label
from traitel_desktop.ui.async_tools import spawn, wait_dialog
from traitel_desktop.ui.change_history import local_time_text, open_change_history
from traitel_desktop.ui.errors import show_unexpected
from traitel_desktop.ui.ivml_dialog import DeleteIvmlDialog, IvmlDialog
from traitel_desktop.ui.ivml_panel import IvmlConfigsPanel
from traitel_desktop.ui.ivr_model import IvrMenusPanel
from traitel_desktop.ui.message_bar import MessageBar
from traitel_desktop.ui.tab_tools import (
    button_for,
    select_index,
    select_source_row,
    shortcut_action,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig
    from traitel_desktop.services import Session

NOTE_STYLE = (
    "QLabel { color: #92400e; background: #fffbeb; border: 1px solid #fde68a;"
    " border-radius: 6px; padding: 8px 12px; }"
)


class IvrTab(QWidget):
    """IVR menus and IVML configurations of the signed-in account (see the module
    docstring)."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = IvmlService(session)
        self.setObjectName("ivrTab")
        self.setAccessibleName(self.tr("IVR & IVML"))
        #: The dialog open now (add/edit or delete confirmation), for tests and screenshots.
        self.dialog: QDialog | None = None
        self.task: asyncio.Task[Any] | None = None
        self.history: QDialog | None = None
        self._has_loaded = False
        self._loading = False
        self._changing = False
        self._load_failed = False

        self.message_bar = MessageBar(self)
        self.no_ivr_note = QLabel(self)
        self.no_ivr_note.setObjectName("noIvrNote")
        self.no_ivr_note.setStyleSheet(NOTE_STYLE)
        self.no_ivr_note.setWordWrap(True)
        self.no_ivr_note.setAccessibleName(self.tr("IVR service missing"))
        self.no_ivr_note.hide()

        self.menus = IvrMenusPanel(self)

        # The IVML configurations (its widgets are the tab's, for the tab's code and tests).
        self.configs = IvmlConfigsPanel(self)
        self.model, self.proxy = self.configs.model, self.configs.proxy
        self.view = self.configs.view
        self.stack, self.empty = self.configs.stack, self.configs.empty
        self.search, self.status = self.configs.search, self.configs.status
        self.add_button, self.edit_button = self.configs.add_button, self.configs.edit_button
        self.delete_button = self.configs.delete_button
        self.history_button = self.configs.history_button
        self.history_button.clicked.connect(self.show_history)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.no_ivr_note)
        layout.addWidget(self.menus)
        layout.addWidget(self.configs, 1)

        self._build_actions()
        self.search.textChanged.connect(self._search_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for proxy in (self.proxy, self.menus.proxy):
            proxy.modelReset.connect(self._update_state)
            proxy.layoutChanged.connect(self._update_state)
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        children = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_action = shortcut_action(
            self, self.tr("&Add configuration…"), ["Ctrl+N", "Insert"], self.add, children
        )
        table = Qt.ShortcutContext.WidgetShortcut
        self.edit_action = shortcut_action(
            self.view, self.tr("&Edit…"), ["Return", "Enter", "F2"], self.edit_selected, table
        )
        self.delete_action = shortcut_action(
            self.view, self.tr("&Delete…"), ["Delete"], self.delete_selected, table
        )
        button_for(self.add_button, self.add_action, self.tr("Add an IVML configuration (Ctrl+N)"))
        button_for(
            self.edit_button, self.edit_action, self.tr("Change the selected configuration (F2)")
        )
        button_for(
            self.delete_button, self.delete_action,
            self.tr("Delete the selected configuration (Delete)"),
        )

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            select_index(self.view, index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in (self.add_action, self.edit_action, self.delete_action):
            menu.addAction(act)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        has_row = self.selected() is not None
        idle = self.dialog is None and not self._changing
        for act, button, on in (
            (self.add_action, self.add_button, idle),
            (self.edit_action, self.edit_button, has_row and idle),
            (self.delete_action, self.delete_button, has_row and idle),
        ):
            act.setEnabled(on)
            button.setEnabled(on)

    def show_history(self) -> None:
        """Open the change history window (the button; Alt+H)."""
        self.history = open_change_history(self.session, self.window())

    # --- state --------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _update_no_ivr(self) -> None:
        since = self.service.no_ivr_since()
        if since is None:
            self.no_ivr_note.hide()
            return
        self.no_ivr_note.setText(
            self.tr(NO_IVR_TEXT)
            + " "
            + self.tr("(TraiTel said so on {0}.)").format(local_time_text(since))
        )
        self.no_ivr_note.show()

    @property
    def no_ivr(self) -> bool:
        """True while the tab shows that the account has no IVR service."""
        return not self.no_ivr_note.isHidden()

    def _update_state(self) -> None:
        """Show the tables, or say why they are empty; update the status lines."""
        if self._loading and not self._has_loaded:
            self.menus.set_empty_text(self.tr("Loading IVR menus…"))
        elif not self._has_loaded:
            self.menus.set_empty_text(self.tr("IVR menus are loaded when you open this tab."))
        else:
            self.menus.set_empty_text(
                self.tr("No IVR menus: your account does not include the IVR service.")
                if self.no_ivr
                else self.tr("You have no IVR menus. TraiTel sets them up for you on request.")
            )
        self.menus.update_state()
        self.configs.update_state(
            loading=self._loading, has_loaded=self._has_loaded, no_ivr=self.no_ivr
        )
        self._update_actions()

    def selected(self) -> IvmlConfig | None:
        """The selected configuration, if any."""
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.config(rows[0]) if rows else None

    def select_config(self, ident: int | None, fallback_row: int = 0) -> None:
        """Select configuration ``ident`` if shown, else the row at ``fallback_row``."""
        source = self.model.row_of(ident) if ident is not None else -1
        select_source_row(self.view, self.proxy, self.model, source, fallback_row)

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: int | None = None, fallback_row: int | None = None) -> None:
        """Load both lists (tab protocol); then select ``select`` (or keep the selection)."""
        from traitel_desktop.api.errors import TraiTelError

        current = self.selected()
        keep = select if select is not None else (current.id if current else None)
        if fallback_row is None:
            rows = self.view.selectionModel().selectedRows()
            fallback_row = rows[0].row() if rows else 0
        self._loading = True
        self._update_state()
        try:
            menus, configs = await asyncio.gather(
                self.service.menus(), self.service.configs(), return_exceptions=True
            )
        finally:
            if shiboken6.isValid(self):
                self._loading = False
        if not shiboken6.isValid(self):
            return
        results = (menus, configs)
        if any(isinstance(r, Superseded) for r in results):
            return
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, TraiTelError):
                self._update_state()
                raise result
        errors = [r for r in results if isinstance(r, TraiTelError)]
        self._has_loaded = True
        if errors:
            self.message_bar.show_error(errors[0])
        elif self._load_failed:
            self.message_bar.clear()  # the last load's error; a change's error stays
        self._load_failed = bool(errors)
        if isinstance(menus, list):
            self.menus.model.set_rows(menus)
        if isinstance(configs, list):
            self.model.set_rows(configs)
            self.select_config(keep, fallback_row)
        self._update_no_ivr()
        self._update_state()
        self.loaded.emit()

    def _data_changed(self, topic: str) -> None:
        """Another view changed IVML or numbers: reload (our own changes reload themselves)."""
        if topic in ("ivml", "numbers") and self._has_loaded and not self._changing:
            self._start(self._guarded_reload(), "ivml-reload")

    async def _guarded_reload(self, select: int | None = None, fallback: int | None = None) -> None:
        with contextlib.suppress(Superseded):
            await self.reload(select, fallback)

    def _start(self, coro: Any, name: str) -> None:
        self.task = spawn(coro, name=name)

    # --- add / edit / delete ------------------------------------------------------------
    def add(self) -> None:
        """Open the add dialog (Ctrl+N, Insert, the Add button)."""
        if self.dialog is None and not self._changing:
            self._start(self._add(), "ivml-add")

    def edit_selected(self) -> None:
        """Open the edit dialog for the selected row (Enter, F2, double-click)."""
        config = self.selected()
        if config is not None and self.dialog is None and not self._changing:
            self._start(self._edit(config), "ivml-edit")

    def delete_selected(self) -> None:
        """Confirm and delete the selected row (Delete)."""
        config = self.selected()
        if config is not None and self.dialog is None and not self._changing:
            self._start(self._delete(config), "ivml-delete")

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

    async def _submit(self, coro: Any) -> Any:
        self._changing = True
        try:
            return await coro
        finally:
            self._changing = False
            if shiboken6.isValid(self):
                self._update_no_ivr()
                self._update_state()

    async def _add(self) -> None:
        dialog = IvmlDialog(lambda d: self._submit(self.service.add(d)), self)
        result = await self._show(dialog)
        if not shiboken6.isValid(self):
            return
        if result == QDialog.DialogCode.Accepted:
            self.search.clear()  # so the new row is shown
            await self._guarded_reload(select=int(dialog.result_value))
        elif dialog.outcome_unknown:
            await self._guarded_reload()

    async def _edit(self, config: IvmlConfig) -> None:
        def submit(draft: IvmlDraft) -> Any:
            return self._submit(self.service.update(config, draft))

        dialog = IvmlDialog(submit, self, config=config)
        result = await self._show(dialog)
        if not shiboken6.isValid(self):
            return
        changed = result == QDialog.DialogCode.Accepted and bool(dialog.result_value)
        gone = getattr(dialog.last_error, "code", None) == 110
        if changed or gone or dialog.outcome_unknown:
            await self._guarded_reload(select=config.id)

    async def _delete(self, config: IvmlConfig) -> None:
        from traitel_desktop.api.errors import TraiTelError

        position = self.view.selectionModel().selectedRows()
        fallback = position[0].row() if position else 0
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Looking up the numbers of {0}…").format(label(config)))
        try:
            numbers = await self.service.numbers(config)
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
        dialog = DeleteIvmlDialog(config, numbers, self)
        if await self._show(dialog) != QDialog.DialogCode.Accepted or not shiboken6.isValid(self):
            return
        self._changing = True
        self._update_actions()
        self.status.setText(self.tr("Deleting {0}…").format(label(config)))
        try:
            await self.service.delete(config, numbers)
        except TraiTelError as exc:
            if shiboken6.isValid(self):
                self.message_bar.show_error(exc)
        except Exception as exc:
            if shiboken6.isValid(self):
                show_unexpected(self, exc)
        else:
            if shiboken6.isValid(self):
                self.message_bar.show_info(
                    self.tr("Deleted {0}. Its numbers are unassigned now.").format(label(config))
                    if numbers
                    else self.tr("Deleted {0}.").format(label(config))
                )
        finally:
            if shiboken6.isValid(self):
                self._changing = False
        if shiboken6.isValid(self):
            await self._guarded_reload(fallback=fallback)
