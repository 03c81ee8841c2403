"""The Numbers tab's filters: by service, by owner (the main account or a sub-account, read
with ``querynumbers subid=…``) and by free text, applied to the tab's :class:`NumberProxy`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.numbers import MAIN_ACCOUNT, sub_account_words
from traitel_desktop.ui.numbers.model import SERVICE_ORDER, NumberProxy, service_words
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.tab_tools import SEARCH_WIDTH

if TYPE_CHECKING:
    from traitel_desktop.services.numbers import Numbers
    from traitel_desktop.services.subaccounts import SubAccountRow


class NumberFilters(QObject):
    """The three filter widgets (children of ``parent``) and what they do to ``proxy``.

    Signals: ``changed()`` after any filter changed what is shown (or started/finished
    reading an owner's numbers), ``failed(error)`` when reading an owner's numbers failed.
    """

    changed = Signal()
    failed = Signal(object)

    def __init__(self, service: Numbers, proxy: NumberProxy, parent: QWidget) -> None:
        super().__init__(parent)
        self.service = service
        self.proxy = proxy
        self._subs: list[SubAccountRow] = []
        #: True while an owner's numbers are being read.
        self.owner_loading = False
        self.task: asyncio.Task[Any] | None = None

        self.service_filter = QComboBox(parent)
        self.service_filter.setAccessibleName(self.tr("Show the numbers of this service"))
        self.service_filter.addItem(self.tr("All services"), None)
        for name in SERVICE_ORDER:
            self.service_filter.addItem(service_words(name), name)
        self.owner_filter = QComboBox(parent)
        self.owner_filter.setAccessibleName(self.tr("Show the numbers of this owner"))
        self.owner_filter.setToolTip(self.tr("Show the numbers of one sub-account"))
        self.owner_filter.setMinimumContentsLength(16)
        self.owner_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.fill_owners([])
        self.search = QLineEdit(parent)
        self.search.setPlaceholderText(self.tr("Search numbers"))
        self.search.setAccessibleName(self.tr("Search numbers"))
        self.search.setToolTip(self.tr("Matches any column, ignoring upper and lower case"))
        self.search.setClearButtonEnabled(True)
        self.search.setFixedWidth(SEARCH_WIDTH)

        self.search.textChanged.connect(self._search_changed)
        self.service_filter.currentIndexChanged.connect(self._service_changed)
        self.owner_filter.currentIndexChanged.connect(lambda _i: self._owner_changed())

    def widgets(self) -> tuple[QWidget, ...]:
        """The filter widgets, in toolbar order."""
        return (self.service_filter, self.owner_filter, self.search)

    def fill_owners(self, subs: list[SubAccountRow]) -> None:
        """Owner filter: everyone, the main account, then each sub-account (kept selected)."""
        self._subs = list(subs)
        keep = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(self.tr("All owners"), None)
        self.owner_filter.addItem(self.tr("Main account"), MAIN_ACCOUNT)
        for sub in subs:
            self.owner_filter.addItem(sub_account_words(sub), sub.sub_id)
        position = self.owner_filter.findData(keep) if keep is not None else 0
        self.owner_filter.setCurrentIndex(max(position, 0))
        self.owner_filter.blockSignals(False)
        if keep is not None and position < 0:
            self._owner_changed()  # that sub-account is gone: show everyone

    def set_service(self, service: str | None) -> None:
        """Show only ``service`` (None: all), as the filter box would."""
        self.service_filter.setCurrentIndex(max(self.service_filter.findData(service), 0))

    def set_owner(self, sub_id: int | None) -> None:
        """Show only the numbers ``sub_id`` owns (None: all), as the filter box would."""
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(sub_id), 0))

    def owner(self) -> int | None:
        """The owner chosen now (None: everyone)."""
        owner = self.owner_filter.currentData()
        return None if owner is None else int(owner)

    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.changed.emit()

    def _service_changed(self, _index: int) -> None:
        self.proxy.set_service(self.service_filter.currentData())
        self.changed.emit()

    def _owner_changed(self) -> None:
        owner = self.owner()
        if owner is None:
            self.owner_loading = False
            self.proxy.set_numbers(None)
            self.changed.emit()
            return
        self.task = spawn(self.load_owner(owner), name="numbers-owner")

    async def load_owner(self, owner: int) -> None:
        """Read the numbers ``owner`` owns and show only those (errors: ``failed``)."""
        from traitel_desktop.api.errors import TraiTelError

        self.owner_loading = True
        self.changed.emit()
        try:
            numbers = await self.service.owned_by(owner)
        except Superseded:
            return
        except TraiTelError as exc:
            if alive(self):
                self.owner_loading = False
                self.failed.emit(exc)
                self.changed.emit()
            return
        if not alive(self) or self.owner() != owner:
            return
        self.owner_loading = False
        self.proxy.set_numbers(numbers)
        self.changed.emit()
