"""The main window's tabs, in order, and how each is built.

Each tab follows the tab protocol: a QWidget with ``__init__(self, session, parent=None)``,
``async def reload(self) -> None`` and a ``loaded = Signal()`` emitted after its data loaded.
A tab's module is imported only if it exists; until then a friendly placeholder stands in.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from traitel_desktop.services import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("tabs", text)


@dataclass(frozen=True, slots=True)
class TabSpec:
    """One tab: ``name`` (settings key and screenshot file stem), its module/class, the title
    and the placeholder text shown until the module exists."""

    name: str
    module: str
    class_name: str
    title: str
    coming: str
    icon: str  # a QStyle.StandardPixmap name for the placeholder

    def build(self, session: Session, parent: QWidget | None = None) -> QWidget:
        """The real tab if its module exists, else the placeholder."""
        factory = self.factory()
        if factory is not None:
            return factory(session, parent)
        from traitel_desktop.ui.widgets.placeholder import PlaceholderTab

        return PlaceholderTab(session, parent, title=self.title, text=self.coming, icon=self.icon)

    def factory(self) -> Callable[[Session, QWidget | None], QWidget] | None:
        """The tab class, or None when its module is not written yet. A module that exists
        but fails to import raises (a broken tab must not hide behind a placeholder)."""
        try:
            found = importlib.util.find_spec(self.module)
        except ModuleNotFoundError:
            found = None
        if found is None:
            return None
        module = importlib.import_module(self.module)
        cls: Callable[[Session, QWidget | None], QWidget] = getattr(module, self.class_name)
        return cls


def tab_specs() -> list[TabSpec]:
    """The tabs of the main window, in order."""
    return [
        TabSpec(
            "subaccounts",
            "traitel_desktop.ui.subaccounts.tab",
            "SubAccountsTab",
            _tr("Sub-accounts"),
            _tr(
                "See the sub-accounts of your TraiTel account, add new ones for staff or "
                "departments, and change or remove them."
            ),
            "SP_DirHomeIcon",
        ),
        TabSpec(
            "numbers",
            "traitel_desktop.ui.numbers.tab",
            "NumbersTab",
            _tr("Numbers"),
            _tr(
                "Your phone and fax numbers in one list: what each one is used for, who it "
                "belongs to, and buying new numbers in a few clicks."
            ),
            "SP_DriveNetIcon",
        ),
        TabSpec(
            "ivr-ivml",
            "traitel_desktop.ui.ivr.tab",
            "IvrTab",
            _tr("Menus & flows"),
            _tr(
                "The voice menus (IVR) callers hear when they ring your numbers, and the call "
                "flows (IVML) behind them: review, add and change them here."
            ),
            "SP_MediaVolume",
        ),
        TabSpec(
            "activity",
            "traitel_desktop.ui.activity.tab",
            "ActivityTab",
            _tr("Activity"),
            _tr(
                "Every fax, call and text message sent and received, searchable and kept on "
                "this computer so it stays available after TraiTel's own logs roll over."
            ),
            "SP_FileDialogDetailedView",
        ),
        TabSpec(
            "spend",
            "traitel_desktop.ui.spend.tab",
            "SpendTab",
            _tr("Spend"),
            _tr(
                "Where your money goes: spending by day, service and sub-account, with charts "
                "you can export."
            ),
            "SP_FileDialogInfoView",
        ),
        TabSpec(
            "costs",
            "traitel_desktop.ui.costs.tab",
            "CostsTab",
            _tr("Costs"),
            _tr(
                "Look up what a fax, call or text message to any number will cost before you "
                "send it."
            ),
            "SP_FileDialogContentsView",
        ),
        TabSpec(
            "alerts",
            "traitel_desktop.ui.alerts.tab",
            "AlertsTab",
            _tr("Alerts"),
            _tr(
                "What the app noticed on your account while it ran: low balance, new faxes "
                "and texts, missed calls, failed faxes and unusual spending."
            ),
            "SP_MessageBoxWarning",
        ),
    ]
