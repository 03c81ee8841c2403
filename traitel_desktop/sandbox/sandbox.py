"""The :class:`Sandbox`: two gateways over one state, with faults and test hooks."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from zoneinfo import ZoneInfo

from traitel_desktop.sandbox import modes
from traitel_desktop.sandbox.data.accounts import ACCOUNTS
from traitel_desktop.sandbox.data.generate import PRESETS, generate
from traitel_desktop.sandbox.db import Database
from traitel_desktop.sandbox.faults import GATEWAY_NAMES, Dice, Faults
from traitel_desktop.sandbox.server import Gateway

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
    :attr:`request_count`, :meth:`set_today`.
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


#: Generated in-memory ``demo`` databases, copied (SQLite backup) into each new sandbox:
#: tests start many sandboxes with the same seed and date.
_TEMPLATES: dict[tuple[object, ...], Database] = {}
_TEMPLATES_LOCK = threading.Lock()


def _generated(seed: int, preset: str, today: Callable[[str], date], db: Database) -> None:
    db.create_schema()
    with db.transaction() as conn:
        generate(conn, seed, preset, today)
    db.create_indexes()


def _generator_fingerprint() -> str:
    """A digest of the code that shapes the generated data, so a cached copy made by other
    code is never reused."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sorted([package / "db.py", *(package / "data").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _load_template(key: tuple[object, ...], cache_dir: Path | None,
                   fill: Callable[[Database], None]) -> Database:
    """The generated demo state for ``key``: from memory, else from ``cache_dir``, else
    generated by ``fill`` (and then written to ``cache_dir`` for the next start)."""
    template = Database(None)
    cached = None
    if cache_dir is not None:
        name = hashlib.sha256(repr((key, _generator_fingerprint())).encode()).hexdigest()[:24]
        cached = Path(cache_dir) / f"sandbox-demo-{name}.sqlite3"
        if cached.is_file():
            try:
                source = sqlite3.connect(cached)
                try:
                    source.backup(template.conn)
                finally:
                    source.close()
                if template.is_initialised():
                    return template
            except sqlite3.DatabaseError:
                pass  # a damaged cache file: generate again
            template.close()
            template = Database(None)
    fill(template)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            target = sqlite3.connect(partial)
            try:
                template.conn.backup(target)
            finally:
                target.close()
            os.replace(partial, cached)
        except OSError:
            pass  # the cache is only a speed-up
    return template


def open_database(
    data_dir: str | Path | None, seed: int, preset: str, today: Callable[[str], date],
    cache_dir: str | Path | None = None,
) -> Database:
    """Open (or create and fill) the state; an existing database file is kept as it is.

    The ``demo`` preset is generated once per process (and, with ``cache_dir``, once per
    computer and day) and copied, so sandboxes start in milliseconds.
    """
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    db = Database(None if data_dir is None else Path(data_dir))
    if db.is_initialised():
        return db
    if preset != "demo":
        _generated(seed, preset, today, db)
        return db
    key = (seed, preset, *(today(v[5]) for v in ACCOUNTS.values()), today("UTC"))
    with _TEMPLATES_LOCK:
        template = _TEMPLATES.get(key)
        if template is None:
            template = _TEMPLATES[key] = _load_template(
                key,
                None if cache_dir is None else Path(cache_dir),
                lambda empty: _generated(seed, preset, today, empty),
            )
        with template.lock, db.lock:
            template.conn.backup(db.conn)
    return db


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
) -> Sandbox:
    """Generate (or reopen) the state and start both gateways on loopback.

    ``data_dir`` None keeps the state in memory; otherwise it lives in
    ``data_dir/sandbox.sqlite3`` and survives restarts. ``today`` fixes the date (for tests)
    or supplies a clock. Ports 0 pick free ports. ``cache_dir`` keeps a copy of the generated
    ``demo`` data there, so the next start on the same day skips generating it.
    """
    faults = faults if faults is not None else Faults()
    db = open_database(
        data_dir, seed, preset, lambda zone: resolve_today(today, zone), cache_dir
    )
    try:
        return Sandbox(db, faults, today, host, (port, alt_port), fault_seed=seed)
    except BaseException:
        db.close()
        raise
