"""The signed-in account: the one place where the UI meets the API client.

Every API call runs as ``fn(client)`` in a bounded pool of worker threads (each thread with its
own ``TraiTelClient`` and so its own ``requests.Session``) and is awaited on the Qt thread via
qasync's ``loop.run_in_executor``; the UI never blocks. A call made with a ``key`` supersedes any
older call with the same key: the older one raises :class:`Superseded` instead of returning.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from traitel_desktop.api.bounded import LOG as LOG_LIMIT
from traitel_desktop.services.pool import ClientPool

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.services.settings import AppSettings

log = logging.getLogger(__name__)


T = TypeVar("T")

APP_DIR_NAME = "TraiTel Desktop"
#: Topics of :attr:`Session.data_changed`.
TOPICS = ("subaccounts", "numbers", "ivml", "balance", "timezone")


class Superseded(Exception):
    """A newer call with the same key replaced this one; its result was dropped.

    The UI ignores it silently.
    """


def default_data_root() -> Path:
    """The per-user data directory of the app (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def safe_subdir(username: str, gateway: str) -> str:
    """A file-system-safe directory name for one account on one gateway."""
    raw = f"{username}@{gateway}"
    cleaned = re.sub(r"[^A-Za-z0-9._@-]+", "_", raw).strip("._") or "account"
    return cleaned[:120]


class Session(QObject):
    """The signed-in account (see the module docstring).

    Signals: ``balance_read(Decimal)`` (every read), ``balance_changed(Decimal)``,
    ``gateway_changed("primary"|"alternate")``, ``connection_changed(online: bool)``,
    ``data_changed(topic)``.
    """

    balance_changed = Signal(object)
    balance_read = Signal(object)
    gateway_changed = Signal(str)
    connection_changed = Signal(bool)
    data_changed = Signal(str)

    def __init__(
        self,
        username: str,
        password: str,
        gateways: tuple[str, str],
        *,
        settings: AppSettings | None = None,
        data_dir: Path | None = None,
        profile: str = "custom",
        max_workers: int = 4,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.username = username
        self.gateways = gateways
        self.profile = profile
        self.settings = settings
        self.time_zone = ""
        self.balance: Decimal | None = None
        self.gateway = ""
        self.online: bool | None = None
        if data_dir is None:
            data_dir = default_data_root() / safe_subdir(username, gateways[0])
        self.data_dir = data_dir
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only home must not prevent signing in
            log.warning("cannot create the data directory %s: %s", data_dir, exc)
        #: Upper bound for one call, as seen from the Qt thread: a safety net a little past
        #: the client's own total deadline (the longest, a log's), so the client's plain
        #: "too slow" error, not this one, is what the owner normally sees.
        self.call_timeout = max(2 * (connect_timeout + read_timeout), LOG_LIMIT.deadline) + 5
        self._generations: dict[str, int] = {}
        self._closed = False

        def factory() -> Any:
            from traitel_desktop.api import TraiTelClient

            return TraiTelClient(
                username,
                password,
                gateways=gateways,
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
            )

        self._pool = ClientPool(factory, max_workers=max_workers)

    def __repr__(self) -> str:
        return f"<Session {self.username!r} on {self.gateways[0]!r}>"

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._closed

    async def call(
        self, fn: Callable[[TraiTelClient], T], *, key: str | None = None,
        retried: bool = False,
    ) -> T:
        """Run ``fn(client)`` in the pool and return its result on the Qt thread.

        Raises the API layer's typed errors; :class:`Superseded` when a newer call with the
        same ``key`` was made meanwhile (whatever this one's outcome was).

        ``retried=True`` is for a caller that tries again by itself (the history sync): one
        unanswered try then does not mark the session offline, so the header does not flicker
        between Online and Offline through a flaky gateway; the caller says so with
        :meth:`mark_offline` when it gives up. An answer still marks it online.
        """
        if self._closed:
            raise RuntimeError("the session is closed")
        generation = 0
        if key is not None:
            generation = self._generations.get(key, 0) + 1
            self._generations[key] = generation
        loop = asyncio.get_running_loop()
        try:
            result, gateway = await asyncio.wait_for(
                loop.run_in_executor(self._pool.executor, self._pool.run, fn),
                timeout=self.call_timeout,
            )
        except BaseException as exc:
            if key is not None and self._generations.get(key) != generation:
                raise Superseded(key) from None
            if not (retried and _unanswered(exc)):
                self._after_error(exc)
            raise
        if key is not None and self._generations.get(key) != generation:
            raise Superseded(key)
        self._after_success(gateway)
        return result

    def _after_success(self, gateway: Any) -> None:
        if self._closed:
            return
        self._set_online(True)
        name = getattr(gateway, "name", None)
        if isinstance(name, str) and name and name != self.gateway:
            self.gateway = name
            self.gateway_changed.emit(name)

    def _after_error(self, exc: BaseException) -> None:
        if self._closed:
            return
        from traitel_desktop.api import errors

        if _unanswered(exc):
            self._set_online(False)
        elif isinstance(exc, errors.TraiTelError):
            # The server answered (even with an error): we are online.
            self._after_success(exc.__dict__.get("_traitel_gateway"))

    def mark_offline(self) -> None:
        """No gateway answers: said by a caller that retried on its own (see :meth:`call`)."""
        if not self._closed:
            self._set_online(False)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.connection_changed.emit(online)

    async def refresh_balance(self) -> Decimal:
        """Ask the gateway for the balance; emits ``balance_read`` (and ``balance_changed``
        when it changed) and returns it."""
        balance: Decimal = await self.call(lambda c: c.query_balance(), key="session.balance")
        self.set_balance(balance)
        return balance

    def set_balance(self, balance: Decimal) -> None:
        """Record a balance just read (here or elsewhere, e.g. at sign-in) and tell the
        views: ``balance_read`` every time (the header's "Updated" moves even when the
        amount is the same), ``balance_changed`` when the amount changed."""
        changed = balance != self.balance
        self.balance = balance
        self.balance_read.emit(balance)
        if changed:
            self.balance_changed.emit(balance)

    async def refresh_time_zone(self) -> str:
        """Ask the gateway for the account's time zone."""
        zone: str = await self.call(lambda c: c.query_time_zone(), key="session.timezone")
        self.time_zone = zone
        return zone

    async def set_time_zone(self, zone: str) -> str:
        """Store the account's time zone on the gateway; emits ``data_changed("timezone")``.

        Goes through the change log (area ``"time zone"``, action ``"set"``, target
        ``"account"``, detail ``"old → new"``), whether it works or not."""
        # Imported here: services.changes knows the session only as a protocol, and the
        # store it opens is not needed until the first change.
        from traitel_desktop.services.changes import AREA_TIME_ZONE, ChangeLog

        previous = self.time_zone
        detail = f"{previous} → {zone}" if previous else f"→ {zone}"
        stored: str = await ChangeLog(self).perform(
            AREA_TIME_ZONE, "set", "account", lambda c: c.set_time_zone(zone), detail=detail
        )
        self.time_zone = stored or zone
        self.notify("timezone")
        return self.time_zone

    def notify(self, topic: str) -> None:
        """Tell every view that ``topic`` changed (e.g. after a write)."""
        self.data_changed.emit(topic)

    def close(self) -> None:
        """Sign out: stop the worker pool (queued calls are dropped)."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown()


def _unanswered(exc: BaseException) -> bool:
    """True when no gateway answered: the request says nothing about the session but that."""
    from traitel_desktop.api import errors

    return isinstance(exc, errors.GatewayUnreachable | asyncio.TimeoutError | TimeoutError)
