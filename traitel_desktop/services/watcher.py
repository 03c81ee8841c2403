"""The watcher: while the app runs it checks the account every few minutes and raises alerts.

One check (:meth:`Watcher.poll`) reads the balance (one request), then syncs the days since
the last check (today; yesterday too on the first check of the day) of the six logs through
the session's :class:`~.history.HistoryService` — the same worker pool and archive as the
Activity tab, so new rows land in the archive and nothing is fetched twice: at most one
request per log (two only on the first check of a month), plus the time zone. The rules
(:mod:`traitel_desktop.core.alerts`) run on the archived rows; the alerts and the state that
keeps them from repeating go to the account's record (:class:`~..store.alert_book.AlertBook`)
in one transaction; then ``alert_raised(alert)`` for each new one and ``alerts_changed()``.

While the gateway fails the next try waits longer each time (doubling, capped) and
:attr:`Watcher.status` says so ("Not reachable, retrying in 4 min"); ``status_changed(text)``
tells the header. :meth:`Watcher.start` runs checks on a ``QTimer``; tests call
:meth:`Watcher.poll` directly.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from traitel_desktop.api.errors import TraiTelError
from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.core.alerts import Alert, AlertConfig, Check, WatchState, evaluate
from traitel_desktop.core.alerts.fraud import country_of
from traitel_desktop.core.alerts.schedule import (
    DEFAULT_INTERVAL_MINUTES,
    next_wait_minutes,
    status_text,
)
from traitel_desktop.core.alerts.state import state_from_texts, state_to_texts
from traitel_desktop.core.dates import now_utc
from traitel_desktop.core.spend import daily_spend, sub_account_table
from traitel_desktop.services.changes import record_for
from traitel_desktop.services.history import OFFLINE, HistoryService
from traitel_desktop.store.alert_book import AlertBook, StoredAlert

if TYPE_CHECKING:
    from traitel_desktop.services import Session

__all__ = ["StoredAlert", "Watcher"]

log = logging.getLogger(__name__)
_DAY = dt.timedelta(days=1)
#: A sub-account's usual day is its average over this many days before today.
USUAL_DAYS = 28
#: Days of spend read for the runway and the unusual-spend rules.
SPEND_DAYS = 31
#: The longest stretch of days one check syncs (after the app was closed for long).
LONGEST_CATCH_UP = 7


class Watcher(QObject):
    """Checks one session's account (see the module docstring).

    Signals: ``alert_raised(Alert)``, ``alerts_changed()`` (alerts added, read or cleared),
    ``status_changed(str)``.
    """

    alert_raised = Signal(object)
    alerts_changed = Signal()
    status_changed = Signal(str)

    def __init__(
        self,
        session: Session,
        history: HistoryService | None = None,
        *,
        interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
        config: Callable[[], AlertConfig] = AlertConfig,
        now: Callable[[], dt.datetime] = now_utc,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.history = history if history is not None else HistoryService.for_session(session)
        self.book = AlertBook(record_for(session))
        self.interval_minutes = interval_minutes
        self._config = config
        self._now = now
        self.failures = 0
        self.paused = False
        self._last_day: dt.date | None = None
        self._task: asyncio.Task[list[Alert]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._status = status_text(paused=False, failures=0, wait_minutes=self.wait_minutes)
        self._closed = False

    # --- the schedule -------------------------------------------------------------------
    @property
    def interval_minutes(self) -> int:
        """Minutes between checks (never below one)."""
        return self._interval

    @interval_minutes.setter
    def interval_minutes(self, minutes: int) -> None:
        self._interval = next_wait_minutes(minutes, 0)

    @property
    def wait_minutes(self) -> int:
        """Minutes until the next check (longer while the gateway fails)."""
        return next_wait_minutes(self._interval, self.failures)

    @property
    def status(self) -> str:
        """The header's words: "Watching", "Paused" or "Not reachable, retrying in N min"."""
        return self._status

    def start(self) -> None:
        """Check now, then every :attr:`interval_minutes` (on a ``QTimer``)."""
        self.paused = False
        self._set_status()
        self._schedule(0)

    def pause(self) -> None:
        """Stop checking until :meth:`resume` (a running check finishes)."""
        self.paused = True
        self._timer.stop()
        self._set_status()

    def resume(self) -> None:
        """Check again now, then on schedule."""
        self.start()

    def close(self) -> None:
        """Stop the timer and a running check; nothing is scheduled after it."""
        self._closed = True
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()

    def _schedule(self, minutes: int) -> None:
        if not self.paused and not self._closed:
            self._timer.start(minutes * 60_000)

    def _tick(self) -> None:
        if self.paused or (self._task is not None and not self._task.done()):
            return
        self._task = asyncio.ensure_future(self.poll())
        self._task.add_done_callback(self._after_tick)

    def _after_tick(self, task: asyncio.Task[list[Alert]]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.warning("the check of the account failed: %s", task.exception())
        self._schedule(self.wait_minutes)

    def _set_status(self) -> None:
        text = status_text(paused=self.paused, failures=self.failures,
                           wait_minutes=self.wait_minutes)
        if text != self._status:
            self._status = text
            self.status_changed.emit(text)

    # --- one check ----------------------------------------------------------------------
    async def poll(self) -> list[Alert]:
        """Check the account once; returns the alerts raised (also emitted)."""
        try:
            balance: Decimal | None = await self.session.refresh_balance()
        except (TraiTelError, TimeoutError) as exc:
            log.info("watcher: balance not read: %s", exc)
            balance = None
        today = self.history.today()
        start = self._last_day or today - _DAY
        start = max(start, today - LONGEST_CATCH_UP * _DAY)
        try:
            offline = (await self.history.ensure(LOG_NAMES, start, today)).state == OFFLINE
        except TraiTelError as exc:  # an answer, but not the rows: try again later
            log.info("watcher: activity not read: %s", exc)
            offline = True
        if offline or balance is None:
            self.failures += 1
            self._set_status()
            return []
        today = self.history.today()  # the zone may have changed with the sync
        rows = {name: await self.history.load_rows(name, start, today) for name in LOG_NAMES}
        self._last_day = today
        state = state_from_texts(self.book.state())
        seen = frozenset() if state.started else await self._countries_called(today)
        outcome = evaluate(self._check(balance, rows, today), state, self._config(), seen)
        kept = self.book.record_check(outcome.alerts, [a.key for a in outcome.folded],
                                      state_to_texts(outcome.state))
        self.failures = 0
        self._set_status()
        raised = [a for a in kept if isinstance(a, Alert)]
        for alert in raised:
            self.alert_raised.emit(alert)
        if raised:
            self.alerts_changed.emit()
        return raised

    def _check(self, balance: Decimal, rows: dict[str, Any], today: dt.date) -> Check:
        totals = self.history.totals_by_day(today - SPEND_DAYS * _DAY, today)
        usual = {sub: sum(per_log.values(), Decimal(0)) / USUAL_DAYS
                 for sub, per_log in sub_account_table(
                     totals, today - USUAL_DAYS * _DAY, today - _DAY).items()}
        return Check(balance, rows, today, daily_spend(totals), self._now(), usual)

    async def _countries_called(self, today: dt.date) -> frozenset[str]:
        """The countries the archive shows called in the last year (the first check only)."""
        calls = await self.history.load_rows("logvoiceout", today - 365 * _DAY, today)
        return await asyncio.to_thread(
            lambda: frozenset(c for r in calls if (c := country_of(str(r[5]))) is not None))

    # --- the Alerts list ----------------------------------------------------------------
    def alerts(self, limit: int | None = None) -> list[StoredAlert]:
        """The kept alerts, newest first."""
        return self.book.alerts(limit)

    def unread_count(self) -> int:
        """How many kept alerts are unread."""
        return self.book.unread_count()

    def mark_read(self, alert_id: int | None = None) -> None:
        """Mark one alert (by its id), or all, as read."""
        self.book.mark_read(alert_id)
        self.alerts_changed.emit()

    def clear(self) -> None:
        """Remove every kept alert (none comes back)."""
        self.book.clear()
        self.alerts_changed.emit()

    @property
    def state(self) -> WatchState:
        """The state that keeps alerts from repeating (as stored)."""
        return state_from_texts(self.book.state())
