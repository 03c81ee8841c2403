"""The "delete this sub-account?" confirmation, listing the numbers that go back to the main
account. Shown with ``open()``; Cancel is the default button, so Enter does not delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from traitel_desktop.core.phones import format_number
from traitel_desktop.services.subaccounts import SubAccountRow
from traitel_desktop.ui.widgets.confirm_delete import ConfirmDeleteDialog, by_count

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeleteSubAccountDialog", text)


class DeleteSubAccountDialog(ConfirmDeleteDialog):
    """Asks, in plain words, before a sub-account is deleted. ``Accepted`` means delete."""

    def __init__(
        self, row: SubAccountRow, numbers: list[Number], parent: QWidget | None = None
    ) -> None:
        text = by_count(
            len(numbers),
            _tr(
                "Its number will go back to your main account, unassigned: it will not receive "
                "calls, faxes or messages until you assign it again."
            ),
            _tr(
                "Its {0} numbers will go back to your main account, unassigned: they will not "
                "receive calls, faxes or messages until you assign them again."
            ),
            _tr("It has no numbers, so none of your numbers is affected."),
        )
        services = {"fax": _tr("fax"), "voice": _tr("voice"), "sms": _tr("SMS")}
        super().__init__(
            numbers,
            parent,
            title=_tr("Delete sub-account"),
            question=_tr("Delete the sub-account “{0}”?").format(row.label()),
            explanation=text,
            items=[
                f"{format_number(n.number)}   ({services.get(n.service, n.service)})"
                for n in numbers
            ],
            list_name=_tr("Numbers that go back to the main account"),
            delete_text=_tr("&Delete sub-account"),
            delete_name=_tr("Delete the sub-account"),
            keep_name=_tr("Keep the sub-account"),
        )
        self.row = row
        self.setObjectName("deleteSubAccountDialog")
        self.setMinimumWidth(460)
