"""The IVR & IVML tab: the IVR menus (read-only) and the IVML configurations (add, edit,
delete), with a button to the change history.

Keyboard: Ctrl+N or Insert adds a configuration; Enter, F2 or a double-click edits the selected
one; Delete deletes it (after a confirmation listing its numbers); the Menu key opens the same
actions as a right-click; Alt+H opens the change history. Follows the tab protocol of
:mod:`traitel_desktop.ui.frame.tabs`. When TraiTel has said the account has no IVR service (Error
115, read from the change log), the tab says so above the lists, and what to do about it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.ivml import NO_IVR_TEXT, IvmlDraft, IvmlService, label
from traitel_desktop.ui.change_history.window import open_change_history
from traitel_desktop.ui.ivr.ivml_dialog import DeleteIvmlDialog, IvmlDialog
from traitel_desktop.ui.ivr.ivml_panel import IvmlConfigsPanel
from traitel_desktop.ui.ivr.ivr_model import IvrMenusPanel
from traitel_desktop.ui.widgets.list_tab import CrudListTab
from traitel_desktop.ui.widgets.message_bar import MessageBar
from traitel_desktop.ui.widgets.zone_time import moment_with_zone

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig, Number
    from traitel_desktop.services import Session

NOTE_STYLE = (
    "QLabel { color: #92400e; background: #fffbeb; border: 1px solid #fde68a;"
    " border-radius: 6px; padding: 8px 12px; }"
)


class IvrTab(CrudListTab):
    """IVR menus and IVML configurations of the signed-in account (see the module
    docstring)."""

    task_prefix = "ivml"
    gone_code = 110

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.service = IvmlService(session)
        self.setObjectName("ivrTab")
        self.setAccessibleName(self.tr("Voice menus and call flows"))
        self.history: QDialog | None = None

        self.message_bar = MessageBar(self)
        self.no_ivr_note = QLabel(self)
        self.no_ivr_note.setObjectName("noIvrNote")
        self.no_ivr_note.setStyleSheet(NOTE_STYLE)
        self.no_ivr_note.setWordWrap(True)
        self.no_ivr_note.setAccessibleName(self.tr("Voice menu service (IVR) missing"))
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
        self.wire_view(self.edit_selected)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.no_ivr_note)
        layout.addWidget(self.menus)
        layout.addWidget(self.configs, 1)

        self.build_crud_actions(
            self.tr("Add call &flow…"),
            self.tr("Add a call flow (Ctrl+N)"),
            self.tr("Change the selected configuration (F2)"),
            self.tr("Delete the selected configuration (Delete)"),
        )
        self.search.textChanged.connect(self._search_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        for proxy in (self.proxy, self.menus.proxy):
            proxy.modelReset.connect(self._update_state)
            proxy.layoutChanged.connect(self._update_state)
        self.session.data_changed.connect(self._data_changed)
        self._update_state()

    # --- actions ------------------------------------------------------------------------
    def show_history(self) -> None:
        """Open the change history window (the button; Alt+H)."""
        self.history = open_change_history(self.session, self.window())

    # --- state --------------------------------------------------------------------------
    def _update_no_ivr(self) -> None:
        since = self.service.no_ivr_since()
        if since is None:
            self.no_ivr_note.hide()
            return
        self.no_ivr_note.setText(
            self.tr(NO_IVR_TEXT)
            + " "
            + self.tr("(TraiTel said so on {0}.)").format(
                moment_with_zone(since, self.session.time_zone))
        )
        self.no_ivr_note.show()

    @property
    def no_ivr(self) -> bool:
        """True while the tab shows that the account has no IVR service."""
        return not self.no_ivr_note.isHidden()

    def _update_state(self) -> None:
        """Show the tables, or say why they are empty; update the status lines."""
        if self._loading and not self._has_loaded:
            self.menus.set_empty_text(self.tr("Loading voice menus…"))
        elif not self._has_loaded:
            self.menus.set_empty_text(self.tr("Voice menus are loaded when you open this tab."))
        else:
            self.menus.set_empty_text(
                self.tr(
                    "No voice menus: your account does not include the voice menu service (IVR)."
                )
                if self.no_ivr
                else self.tr("You have no voice menus. TraiTel sets them up for you on request.")
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
        self.select_record(ident, fallback_row)

    # --- loading ------------------------------------------------------------------------
    async def reload(self, select: int | None = None, fallback_row: int | None = None) -> None:
        """Load both lists (tab protocol); then select ``select`` (or keep the selection)."""
        from traitel_desktop.api.errors import TraiTelError

        keep = select if select is not None else self.selected_key()
        if fallback_row is None:
            fallback_row = self.selected_row()
        self._loading = True
        self._update_state()
        try:
            menus, configs = await asyncio.gather(
                self.service.menus(), self.service.configs(), return_exceptions=True
            )
        finally:
            if alive(self):
                self._loading = False
        if not alive(self):
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

    # --- add / edit / delete (the flow is CrudListTab's) --------------------------------
    async def _submit(self, coro: Any) -> Any:
        self._changing = True
        try:
            return await coro
        finally:
            self._changing = False
            if alive(self):
                self._update_no_ivr()
                self._update_state()

    def add_dialog(self) -> IvmlDialog:
        """The add dialog."""
        return IvmlDialog(lambda d: self._submit(self.service.add(d)), self)

    def edit_dialog(self, record: Any) -> IvmlDialog:
        """The edit dialog of ``record`` (an :class:`IvmlConfig`)."""

        def submit(draft: IvmlDraft) -> Any:
            return self._submit(self.service.update(record, draft))

        return IvmlDialog(submit, self, config=record)

    def record_id(self, record: Any) -> int:
        """The configuration's ID."""
        return int(record.id)

    def record_label(self, record: Any) -> str:
        """The configuration in words."""
        return label(record)

    async def numbers_of(self, record: Any) -> list[Number]:
        """The numbers that use the configuration."""
        return await self.service.numbers(record)

    def delete_dialog(self, record: Any, numbers: list[Number]) -> QDialog:
        """The delete confirmation."""
        return DeleteIvmlDialog(record, numbers, self)

    async def delete_record(self, record: Any, numbers: list[Number]) -> None:
        """Delete the configuration."""
        await self.service.delete(record, numbers)

    def deleted_text(self, record: Any, numbers: list[Number]) -> str:
        """Deleted, and what became of its numbers."""
        if numbers:
            return self.tr("Deleted {0}. Its numbers are unassigned now.").format(label(record))
        return self.tr("Deleted {0}.").format(label(record))
