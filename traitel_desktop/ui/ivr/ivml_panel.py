"""The IVML configurations section of the IVR & IVML tab: heading, Add / Edit / Delete and
Change history buttons, search, count, and the table (or why it is empty).

Widgets only; the tab (:mod:`traitel_desktop.ui.ivr.tab`) loads the rows and runs the
actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from traitel_desktop.ui.ivr.ivml_model import Column, IvmlModel, IvmlProxy
from traitel_desktop.ui.widgets.record_model import heading, record_view, view_or_empty
from traitel_desktop.ui.widgets.tab_tools import (
    list_toolbar,
    search_box,
    show_list_state,
    status_label,
)


class IvmlConfigsPanel(QWidget):
    """The IVML configurations: model, proxy, view and the controls above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IvmlModel(self)
        self.proxy = IvmlProxy(self)
        self.proxy.setSourceModel(self.model)

        self.add_button = QPushButton(self.tr("Add call &flow…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.history_button = QPushButton(self.tr("Change hi&story…"), self)
        self.history_button.setToolTip(self.tr("Every change this app made on your account"))
        self.history_button.setAccessibleName(self.tr("Change history"))
        self.search = search_box(
            self, self.tr("Search call flows"), self.tr("Search call flows")
        )
        self.status = status_label(self, self.tr("Call flows status"))
        self.view = record_view(
            self, self.proxy, "ivmlTable", self.tr("Call flows"),
            {Column.ID: 60, Column.NAME: 170, Column.TYPE: 80, Column.NUMBERS: 200,
             Column.LAUNCH_URL: 300},
        )
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the ends of URLs
        self.view.sortByColumn(Column.ID, Qt.SortOrder.AscendingOrder)
        self.stack, self.empty = view_or_empty(self, self.view)

        top = heading(
            self.tr("Call flows (IVML)"),
            self,
            self.tr("calls handled by instructions from your own web addresses"),
        )
        top.addWidget(self.history_button)
        toolbar = list_toolbar(
            [self.add_button, self.edit_button, self.delete_button], self.status, [self.search]
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

    def update_state(self, *, loading: bool, has_loaded: bool, no_ivr: bool) -> None:
        """Show the table, or say why it is empty; update the count."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text: str | None = None
        if loading and not has_loaded:
            text = self.tr("Loading call flows…")
        elif not has_loaded:
            text = self.tr("Call flows are loaded when you open this tab.")
        elif no_ivr and not total:
            text = self.tr("No call flows: they need the voice menu service (IVR).")
        elif not total:
            text = self.tr(
                "You have no call flows yet.\nAdd one with “Add call flow” (Ctrl+N)."
            )
        elif not shown:
            text = self.tr("No call flow matches “{0}”.").format(self.search.text().strip())
        show_list_state(
            self.stack, self.view, self.empty, self.status,
            total=total, shown=shown, loading=loading, empty_text=text,
            one=self.tr("1 call flow"), many=self.tr("{0} call flows"),
        )
