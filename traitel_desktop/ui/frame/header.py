"""The account header: name, balance (with refresh, auto-refresh and the low-balance
highlight), the gateway in use and the connection state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.dates import now_utc
from traitel_desktop.core.money import exact_money, format_amount
from traitel_desktop.services.currency import currency_events
from traitel_desktop.services.settings import DEFAULT_REFRESH_MINUTES, DEFAULT_THRESHOLD
from traitel_desktop.ui.frame.look import app_icon, repolish
from traitel_desktop.ui.widgets.zone_time import time_with_zone

if TYPE_CHECKING:
    from traitel_desktop.services import Session


class AccountHeader(QWidget):
    """Shows the session's state and asks for a balance refresh (``refresh_requested``) when
    the refresh button is pressed or the refresh interval has passed."""

    refresh_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.threshold = DEFAULT_THRESHOLD
        #: The clock "Updated" reads (tests pin it); shown in the account's time zone.
        self.clock: Callable[[], datetime] = now_utc
        self.updated_at: datetime | None = None

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(40, 40))
        logo.setAccessibleName(self.tr("TraiTel Desktop logo"))
        self.name_label = QLabel(session.username, self)
        self.name_label.setObjectName("accountName")
        self.name_label.setAccessibleName(self.tr("Account name"))
        self.zone_label = QLabel(self)
        self.zone_label.setObjectName("accountSub")
        self.zone_label.setAccessibleName(self.tr("Account time zone"))
        self.demo_badge = QLabel(self.tr("Demo — practice data"), self)
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.hide()
        self.demo_note = QLabel(self)
        self.demo_note.setObjectName("accountSub")
        self.demo_note.setAccessibleName(self.tr("About the practice data"))
        self.demo_note.hide()
        name_row = QHBoxLayout()
        name_row.setSpacing(10)
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.demo_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addStretch(1)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addLayout(name_row)
        names.addWidget(self.zone_label)
        names.addWidget(self.demo_note)

        # Balance box.
        self.balance_box = QFrame(self)
        self.balance_box.setObjectName("balanceBox")
        caption = QLabel(self.tr("Balance"), self.balance_box)
        caption.setObjectName("balanceCaption")
        self.balance_label = QLabel("—", self.balance_box)
        self.balance_label.setObjectName("balanceValue")
        self.balance_label.setAccessibleName(self.tr("Balance"))
        self.balance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.low_note = QLabel(self.balance_box)
        self.low_note.setObjectName("lowBalanceNote")
        self.low_note.hide()
        self.refresh_button = QToolButton(self.balance_box)
        self.refresh_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.refresh_button.setToolTip(self.tr("Refresh the balance (F5 refreshes everything)"))
        self.refresh_button.setAccessibleName(self.tr("Refresh balance"))
        self.refresh_button.setAutoRaise(True)
        self.refresh_button.clicked.connect(self.refresh_requested)
        value_row = QHBoxLayout()
        value_row.setSpacing(4)
        value_row.addWidget(self.balance_label)
        value_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignVCenter)
        box = QVBoxLayout(self.balance_box)
        box.setContentsMargins(12, 6, 12, 6)
        box.setSpacing(0)
        box.addWidget(caption)
        box.addLayout(value_row)
        box.addWidget(self.low_note)

        # Connection box.
        status_caption = QLabel(self.tr("Connection"), self)
        status_caption.setObjectName("statusCaption")
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionState")
        self.connection_label.setAccessibleName(self.tr("Connection state"))
        self.gateway_label = QLabel(self)
        self.gateway_label.setObjectName("accountSub")
        self.gateway_label.setAccessibleName(self.tr("Server in use"))
        self.updated_label = QLabel(self)
        self.updated_label.setObjectName("accountSub")
        self.updated_label.setAccessibleName(self.tr("Last updated"))
        self.watch_label = QLabel(self)
        self.watch_label.setObjectName("accountSub")
        self.watch_label.setAccessibleName(self.tr("Alerts"))
        self.watch_label.hide()
        status = QVBoxLayout()
        status.setSpacing(0)
        status.addWidget(status_caption)
        status.addWidget(self.connection_label)
        status.addWidget(self.watch_label)
        status.addWidget(self.gateway_label)
        status.addWidget(self.updated_label)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(16)
        layout.addWidget(logo)
        layout.addLayout(names)
        layout.addStretch(1)
        layout.addLayout(status)
        layout.addSpacing(12)
        layout.addWidget(self.balance_box)

        self.timer = QTimer(self)
        self.timer.setObjectName("balanceRefreshTimer")
        self.timer.timeout.connect(self.refresh_requested)
        self.set_refresh_minutes(DEFAULT_REFRESH_MINUTES)

        session.balance_read.connect(self._balance_read)
        session.gateway_changed.connect(self._show_gateway)
        session.connection_changed.connect(self._show_connection)
        session.data_changed.connect(self._on_data_changed)
        currency_events().changed.connect(self._write_amounts)
        self._show_zone()
        self._show_gateway(session.gateway)
        self._show_connection(session.online if session.online is not None else True)
        if session.balance is not None:
            self._balance_read(session.balance)

    # --- inputs -------------------------------------------------------------------------
    def set_threshold(self, threshold: Decimal) -> None:
        """The low-balance threshold; the balance turns red below it."""
        self.threshold = threshold
        if self.session.balance is not None:
            self.set_balance(self.session.balance)

    def set_refresh_minutes(self, minutes: int) -> None:
        """Automatic balance refresh every ``minutes`` (0: never)."""
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def set_balance(self, balance: object) -> None:
        """Show ``balance`` (a Decimal) and highlight it when below the threshold."""
        if not isinstance(balance, Decimal):
            return
        low = balance < self.threshold
        self._write_amounts(balance)
        for widget in (self.balance_label, self.balance_box):
            widget.setProperty("low", low)
            repolish(widget)
        self.low_note.setVisible(low)

    def _balance_read(self, balance: object) -> None:
        """The session read the balance just now (the same amount or not): show it and
        when it was read."""
        self.set_balance(balance)
        if isinstance(balance, Decimal):
            self.updated_at = self.clock()
            self._show_updated()

    def show_practice(self, kept_in: Path | None) -> None:
        """Show the demo badge: this is practice data, and whether changes are kept
        (``kept_in``: the ``--data-dir`` folder) or forgotten on quit (None)."""
        if kept_in is None:
            note = self.tr(
                "This is a practice account with made-up data, on this computer only. "
                "Changes you make are forgotten when you quit. To keep them, start the app "
                "with --demo --data-dir and a folder of your choice."
            )
        else:
            note = self.tr(
                "This is a practice account with made-up data, on this computer only. "
                "Changes you make are kept in {0}."
            ).format(kept_in)
        self.demo_badge.setToolTip(note)
        self.demo_badge.setAccessibleName(self.demo_badge.text())
        self.demo_badge.setAccessibleDescription(note)
        self.demo_badge.show()
        self.demo_note.setText(
            self.tr("Changes are forgotten when you quit") if kept_in is None
            else self.tr("Changes are kept in {0}").format(kept_in.name or kept_in)
        )
        self.demo_note.setToolTip(note)
        self.demo_note.show()

    def _write_amounts(self, balance: object = None) -> None:
        """``balance`` (the session's when not a Decimal: the currency changed) to the cent,
        the exact one on hover, and the threshold, in the owner's currency."""
        amount = balance if isinstance(balance, Decimal) else self.session.balance
        if amount is None:
            return
        self.balance_label.setText(format_amount(amount))
        self.balance_label.setToolTip(self.tr("Exact balance: {0}").format(exact_money(amount)))
        self.low_note.setText(self.tr("Low: below {0}").format(format_amount(self.threshold)))

    @property
    def is_low(self) -> bool:
        """Whether the balance is shown as low."""
        return bool(self.balance_label.property("low"))

    # --- session signals ----------------------------------------------------------------
    def _on_data_changed(self, topic: str) -> None:
        if topic == "timezone":
            self._show_zone()
            self._show_updated()

    def _show_zone(self) -> None:
        zone = self.session.time_zone
        self.zone_label.setText(self.tr("Time zone: {0}").format(zone) if zone else "")
        self.zone_label.setToolTip(
            self.tr("Every date and time in this app is shown in this zone. Change it in "
                    "Settings.") if zone else ""
        )

    def _show_updated(self) -> None:
        """"Updated 05:15 (Sydney time)": when the balance was read, on the account's clock."""
        if self.updated_at is None:
            return
        when = time_with_zone(self.updated_at, self.session.time_zone)
        self.updated_label.setText(self.tr("Updated {0}").format(when))

    def _show_gateway(self, name: str) -> None:
        names = {"primary": self.tr("main server"), "alternate": self.tr("backup server")}
        self.gateway_label.setText(
            self.tr("Using the {0}").format(names[name]) if name in names else ""
        )

    def show_watch_status(self, status: str) -> None:
        """Show the watcher's status ("Watching", "Paused", "Not reachable, retrying in 4
        min") in the owner's words."""
        words = {"Watching": self.tr("Watching your account"),
                 "Paused": self.tr("Alerts paused")}
        self.watch_label.setText(words.get(status, status))
        self.watch_label.setToolTip(self.tr(
            "The app checks your balance and activity every few minutes while it runs and "
            "tells you in the Alerts tab when something needs your attention."))
        self.watch_label.show()

    def focus_balance(self) -> None:
        """Bring the owner's eye to the balance (an alert about money was opened)."""
        self.refresh_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_connection(self, online: bool) -> None:
        self.connection_label.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self.connection_label.setProperty("online", bool(online))
        repolish(self.connection_label)
