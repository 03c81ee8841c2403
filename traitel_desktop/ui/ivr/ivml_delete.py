"""The confirmation asked before an IVML configuration is deleted: in plain words, with the
numbers that will be left unassigned. Cancel ("Keep it") is the default button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from traitel_desktop.core.phones import format_number
from traitel_desktop.services.ivml import label
from traitel_desktop.ui.widgets.confirm_delete import ConfirmDeleteDialog, by_count

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig, Number


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeleteIvmlDialog", text)


class DeleteIvmlDialog(ConfirmDeleteDialog):
    """Asks, in plain words, before an IVML configuration is deleted, listing the numbers
    that are left unassigned. ``Accepted`` means delete; Cancel is the default button."""

    def __init__(
        self, config: IvmlConfig, numbers: list[Number], parent: QWidget | None = None
    ) -> None:
        text = by_count(
            len(numbers),
            _tr(
                "Its number will be left unassigned on your main account: calls to it will not "
                "be answered until you assign it again."
            ),
            _tr(
                "Its {0} numbers will be left unassigned on your main account: calls to them "
                "will not be answered until you assign them again."
            ),
            _tr(
                "It is used for calls TraiTel places for you, so none of your numbers is "
                "affected. Calls placed with it will stop working."
            )
            if config.outbound
            else _tr("No number uses it, so none of your numbers is affected."),
        )
        super().__init__(
            numbers,
            parent,
            title=_tr("Delete call flow"),
            question=_tr("Delete the call flow “{0}”?").format(label(config)),
            explanation=text,
            items=[format_number(n.number) for n in numbers],
            list_name=_tr("Numbers that will be left unassigned"),
            delete_text=_tr("&Delete call flow"),
            delete_name=_tr("Delete the call flow"),
            keep_name=_tr("Keep the call flow"),
        )
        self.config = config
        self.setObjectName("deleteIvmlDialog")
        self.setMinimumWidth(480)
