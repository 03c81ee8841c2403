"""The IVML configurations table model and its sort/filter proxy.

Rows are :class:`~traitel_desktop.api.records.IvmlConfig`. Texts, sort keys and search texts
are computed once per row (:class:`~traitel_desktop.ui.ivr.ivr_model.Cells`), so ``data()`` stays
O(1); sorting uses raw values (IDs as ints, numbers as digit tuples).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from traitel_desktop.services.ivml import config_type, numbers_text
from traitel_desktop.ui.ivr.ivr_model import outbound_words
from traitel_desktop.ui.widgets.record_model import (
    NOTHING,
    Cells,
    RecordProxy,
    RecordTableModel,
    Role,
    numbers_key,
    text_key,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig

__all__ = ["Column", "IvmlModel", "IvmlProxy", "Role", "type_words"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("IvmlModel", text)


class Column(IntEnum):
    """The IVML configurations table's columns, in order."""

    ID = 0
    NAME = 1
    TYPE = 2
    NUMBERS = 3
    LAUNCH_URL = 4
    RESULT_URL = 5


def type_words() -> dict[str, str]:
    """``inbound`` / ``outbound`` as shown (translated)."""
    return {"inbound": _tr("Inbound"), "outbound": _tr("Outbound")}


class IvmlModel(RecordTableModel):
    """IVML configurations as a table (columns: :class:`Column`; roles: :class:`Role`)."""

    columns = Column
    right_aligned = frozenset({Column.ID})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._types = type_words()
        self._outbound = outbound_words()
        self._no_numbers_tip = _tr("No number rings this call flow. Assign one in the Numbers tab.")
        self._outbound_tip = _tr(
            "An outbound call flow runs on calls TraiTel places for you, so it has no numbers."
        )
        self._no_result_tip = _tr("No report address: call results are not sent anywhere.")

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return {
            Column.ID: _tr("ID"),
            Column.NAME: _tr("Name"),
            Column.TYPE: _tr("Type"),
            Column.NUMBERS: _tr("Numbers"),
            Column.LAUNCH_URL: _tr("Start address"),
            Column.RESULT_URL: _tr("Report address"),
        }

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one :class:`IvmlConfig`."""
        config: IvmlConfig = record
        kind = config_type(config)
        numbers = numbers_text(config.dids, config.outbound, outbound_words=self._outbound)
        tip = Qt.ItemDataRole.ToolTipRole
        extra: dict[tuple[int, int], Any] = {}
        if config.outbound:
            extra[tip, Column.NUMBERS] = self._outbound_tip
        elif not config.dids:
            extra[tip, Column.NUMBERS] = self._no_numbers_tip
        else:
            extra[tip, Column.NUMBERS] = numbers.replace(", ", "\n")
        if not config.result_url:
            extra[tip, Column.RESULT_URL] = self._no_result_tip
        type_text = self._types.get(kind, kind)
        display = (
            str(config.id),
            config.name,
            type_text,
            numbers or NOTHING,
            config.launch_url,
            config.result_url or NOTHING,
        )
        search = (
            str(config.id),
            config.name,
            type_text,
            numbers + " " + " ".join(config.dids),
            config.launch_url,
            config.result_url,
        )
        sort = (
            config.id,
            text_key(config.name),
            kind,
            numbers_key(config.dids, config.outbound),
            text_key(config.launch_url),
            text_key(config.result_url),
        )
        return Cells(config, display, sort, search, extra)


class IvmlProxy(RecordProxy):
    """Sorts on raw values and filters on every column (see
    :class:`~traitel_desktop.ui.ivr.ivr_model.RecordProxy`)."""

    def config(self, index: Any) -> IvmlConfig | None:
        """The configuration at a proxy index, if any."""
        from traitel_desktop.api.records import IvmlConfig

        value = self.record(index)
        return value if isinstance(value, IvmlConfig) else None
