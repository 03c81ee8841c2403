"""The :class:`Sandbox`: two gateways over one state, with faults and test hooks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from zoneinfo import ZoneInfo

from traitel_desktop.sandbox import modes
from traitel_desktop.sandbox.db import Database
from traitel_desktop.sandbox.faults import GATEWAY_NAMES, Dice, Faults
from traitel_desktop.sandbox.live import LiveGenerator, check_rate
from traitel_desktop.sandbox.live_driver import LiveDriver
from traitel_desktop.sandbox.server import Gateway
from traitel_desktop.sandbox.templates import open_database

#: A fixed date, or a clock giving the current instant (an aware ``datetime``).
Today = date | Callable[[], datetime] | None


def resolve_today(today: Today, zone: str) -> date:
    """Today's date in ``zone``: the fixed date, or the clock's (or the real) instant there."""
    if isinstance(today, date):
        return today
    now = today() if today is not None else datetime.now(UTC)
    return now.astimezone(ZoneInfo(zone)).date()


class Sandbox:
    """A running TraiTel-compatible sandbox: ``primary_url``, ``alternate_url``, ``faults``.

    Test hooks (not reachable over HTTP): :meth:`take_did`, :meth:`dump`,
    :attr:`request_count`, :meth:`set_today`. :meth:`start_live` keeps new activity coming.
    """

    def __init__(
        self, db: Database, faults: Faults, today: Today, host: str, ports: tuple[int, int],
        fault_seed: int,
    ) -> None:
        self.db = db
        self._today: Today = today
        self.dice = Dice(fault_seed)
        self._busy = threading.Condition()
        self._in_flight = 0
        self._stopped = False
        self._faults = faults
        self._live: LiveDriver | None = None
        self.gateways = {
            name: Gateway(self, name, host, port)
            for name, port in zip(GATEWAY_NAMES, ports, strict=True)
        }
        for gateway in self.gateways.values():
            gateway.start()
        faults.subscribe(self._apply_faults)
        self._apply_faults(faults)

    # -- public API -------------------------------------------------------------------------
    @property
    def primary_url(self) -> str:
        """URL of the primary gateway."""
        return self.gateways["primary"].url

    @property
    def alternate_url(self) -> str:
        """URL of the alternate gateway."""
        return self.gateways["alternate"].url

    @property
    def faults(self) -> Faults:
        """The live fault settings; change a field, or assign a new :class:`Faults`."""
        return self._faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._faults.unsubscribe(self._apply_faults)
        self._faults = faults
        faults.subscribe(self._apply_faults)
        self._apply_faults(faults)

    @property
    def request_count(self) -> dict[str, int]:
        """Requests answered so far: ``{"primary": n, "alternate": m, "total": n + m}``."""
        counts = {name: gw.requests for name, gw in self.gateways.items()}
        counts["total"] = sum(counts.values())
        return counts

    def today_for(self, zone: str) -> date:
        """Today's date in ``zone`` (the override when one was given)."""
        return resolve_today(self._today, zone)

    def now(self) -> int | None:
        """The current instant (UTC epoch seconds) by the sandbox's clock: the real one, or
        the clock override; None when a fixed date was given (a day with no time of day).

        The logs never show a row later than this (see :mod:`.modes.logs`)."""
        if isinstance(self._today, date):
            return None
        moment = self._today() if self._today is not None else datetime.now(UTC)
        return int(moment.timestamp())

    def start_live(self, rate: float, seed: int = 1) -> LiveGenerator:
        """Add about ``rate`` new events a minute to the demo account while the sandbox runs
        (a thread steps a :class:`LiveGenerator` by the sandbox's clock; :meth:`stop` ends it).
        """
        check_rate(rate)
        if self._live is not None or self._stopped:
            raise RuntimeError("this sandbox is already live, or stopped")
        if isinstance(self._today, date):
            raise ValueError("a live sandbox needs a clock, not a fixed date")
        generator = LiveGenerator(self.db, rate, seed=seed)
        self._live = LiveDriver(generator, lambda: float(self.now() or 0))
        self._live.start()
        return generator

    def set_today(self, today: Today) -> None:
        """Change the clock override (a date, a clock callable, or None for the real clock)."""
        self._today = today

    def take_did(self, did: str) -> None:
        """Someone else subscribes the offered ``did``: later ``subscribedid`` gives 114."""
        with self.db.transaction() as conn:
            cur = conn.execute("UPDATE offers SET taken = 1 WHERE number = ?", (did,))
            if cur.rowcount != 1:
                raise KeyError(f"{did} is not in the DID inventory")

    def dump(self) -> str:
        """The whole state as SQL text: equal states give equal strings."""
        return self.db.dump()

    def answer(self, params: dict[str, str]) -> bytes:
        """The body answering an API call (what both gateways serve)."""
        return modes.answer(self.db, params, self.today_for, self.now())

    @contextmanager
    def serving(self) -> Iterator[bool]:
        """Scope of one request: yields False once the sandbox is stopping (drop the request).

        :meth:`stop` waits for the requests in flight before it closes the database.
        """
        with self._busy:
            if self._stopped:
                yield False
                return
            self._in_flight += 1
        try:
            yield True
        finally:
            with self._busy:
                self._in_flight -= 1
                self._busy.notify_all()

    def stop(self) -> None:
        """Close both gateways, let the requests in flight finish, close the database."""
        with self._busy:
            if self._stopped:
                return
            self._stopped = True
        if self._live is not None:
            self._live.stop()
        self._faults.unsubscribe(self._apply_faults)
        for gateway in self.gateways.values():
            gateway.stop()
        with self._busy:
            self._busy.wait_for(lambda: self._in_flight == 0, timeout=self._faults.latency + 10)
        self.db.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Sandbox primary={self.primary_url} alternate={self.alternate_url}>"

    # -- internals --------------------------------------------------------------------------
    def _apply_faults(self, faults: Faults) -> None:
        for name, gateway in self.gateways.items():
            if faults.down == name:
                gateway.stop()
            else:
                gateway.start()


def start_sandbox(
    data_dir: str | Path | None = None,
    seed: int = 1,
    preset: str = "demo",
    faults: Faults | None = None,
    today: Today = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    alt_port: int = 0,
    cache_dir: str | Path | None = None,
    live_rate: float = 0.0,
) -> Sandbox:
    """Generate (or reopen) the state and start both gateways on loopback.

    ``data_dir`` None keeps the state in memory; otherwise it lives in
    ``data_dir/sandbox.sqlite3`` and survives restarts. ``today`` fixes the date (for tests)
    or supplies a clock. Ports 0 pick free ports. ``cache_dir`` keeps a copy of the generated
    ``demo`` data there, so the next start on the same day skips generating it.
    ``live_rate`` above 0 adds about that many new events a minute (:meth:`Sandbox.start_live`).
    """
    check_rate(live_rate)
    if live_rate and isinstance(today, date):
        raise ValueError("a live sandbox needs a clock, not a fixed date")
    faults = faults if faults is not None else Faults()
    db = open_database(
        data_dir, seed, preset, lambda zone: resolve_today(today, zone), cache_dir
    )
    try:
        sb = Sandbox(db, faults, today, host, (port, alt_port), fault_seed=seed)
    except BaseException:
        db.close()
        raise
    if live_rate:
        try:
            sb.start_live(live_rate, seed)
        except BaseException:
            sb.stop()
            raise
    return sb
