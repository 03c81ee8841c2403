"""The IVR menus (read-only): their table model and the panel showing them, built on the
record-table base of :mod:`traitel_desktop.ui.widgets.record_model`."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from traitel_desktop.services.ivml import numbers_text
from traitel_desktop.ui.widgets.record_model import (
    NOTHING,
    Cells,
    RecordProxy,
    RecordTableModel,
    heading,
    numbers_key,
    record_view,
    text_key,
    view_or_empty,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvrMenu

__all__ = ["IvrColumn", "IvrMenuModel", "IvrMenusPanel", "outbound_words"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("IvrModel", text)


def outbound_words() -> str:
    """What the ``outbound`` DIDs column is shown as."""
    return _tr("Outbound calling")


class IvrColumn(IntEnum):
    """The IVR menus table's columns, in order."""

    ID = 0
    NAME = 1
    NUMBERS = 2


class IvrMenuModel(RecordTableModel):
    """IVR menus as a table (columns: :class:`IvrColumn`; roles: :class:`Role`)."""

    columns = IvrColumn
    right_aligned = frozenset({IvrColumn.ID})

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return {
            IvrColumn.ID: _tr("ID"),
            IvrColumn.NAME: _tr("Menu"),
            IvrColumn.NUMBERS: _tr("Numbers"),
        }

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one :class:`IvrMenu`."""
        menu: IvrMenu = record
        numbers = numbers_text(menu.dids, menu.outbound, outbound_words=outbound_words())
        extra: dict[tuple[int, int], Any] = {}
        tip = Qt.ItemDataRole.ToolTipRole
        if menu.outbound:
            extra[tip, IvrColumn.NUMBERS] = _tr(
                "This menu is used for calls TraiTel places for you, so it has no numbers."
            )
        elif not menu.dids:
            extra[tip, IvrColumn.NUMBERS] = _tr(
                "No number rings this menu. Assign one in the Numbers tab."
            )
        else:
            extra[tip, IvrColumn.NUMBERS] = numbers.replace(", ", "\n")
        return Cells(
            menu,
            (str(menu.id), menu.name, numbers or NOTHING),
            (menu.id, text_key(menu.name), numbers_key(menu.dids, menu.outbound)),
            (str(menu.id), menu.name, numbers + " " + " ".join(menu.dids)),
            extra,
        )


class IvrMenusPanel(QWidget):
    """The IVR menus, read-only: heading, count, the table or why it is empty."""

    #: The panel grows with its rows up to this many; more scroll.
    MAX_ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IvrMenuModel(self)
        self.proxy = RecordProxy(self)
        self.proxy.setSourceModel(self.model)
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.view = record_view(
            self, self.proxy, "ivrMenuTable", _tr("Voice menus (IVR)"),
            {IvrColumn.ID: 60, IvrColumn.NAME: 260},
        )
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.sortByColumn(IvrColumn.ID, Qt.SortOrder.AscendingOrder)
        self.stack, self.empty = view_or_empty(self, self.view)
        top = heading(
            _tr("Voice menus (IVR)"), self, _tr("set up by TraiTel; shown here for reference")
        )
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_empty_text(self, text: str) -> None:
        """What to say while there are no menus."""
        self.empty.setText(text)

    def update_state(self) -> None:
        """Show the table (as tall as its rows, up to :attr:`MAX_ROWS`) or the empty text;
        update the count."""
        menus = self.model.rowCount()
        self.stack.setCurrentWidget(self.view if menus else self.empty)
        rows = min(max(menus, 1), self.MAX_ROWS)
        row_height = self.view.verticalHeader().defaultSectionSize()
        header = self.view.horizontalHeader().sizeHint().height()
        frame = 2 * self.view.frameWidth()
        self.stack.setFixedHeight(max(header + rows * row_height + frame, 72))
        if not menus:
            self.status.clear()
        else:
            self.status.setText(
                _tr("1 menu") if menus == 1 else _tr("{0} menus").format(menus)
            )
