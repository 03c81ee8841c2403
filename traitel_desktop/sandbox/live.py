"""New activity while the sandbox runs (``--live RATE``): the :class:`LiveGenerator`.

About ``rate`` events a minute arrive at random (exponential gaps: a Poisson stream, from a
seeded generator) across the six logs of one account, in the generated data's proportions;
the same seed gives the same rows, however often the stream is stepped. Each
:meth:`LiveGenerator.step` appends, in one transaction, every event due by ``now``: rows
stamped with their own due time (UTC epoch seconds, shown in the account's zone), numbered
after every row already in their log, between the account's own numbers (its DIDs and
sub-accounts, read afresh each step) and its correspondents (read from its logs), costed from
the sandbox's rate tables (the same rules as the generated year, :mod:`.data.traffic`), and the
balance debited by their cost. Shares (:class:`LiveShares`) of sent faxes fail (codes from the
fax result tables), of inbound calls are missed (``failed``), and of outbound calls go to an
unusual country (:data:`~.data.catalog.UNUSUAL_REGIONS`, which no correspondent is in).

Tests drive :meth:`step` with a pinned clock; :class:`.live_driver.LiveDriver` calls it every
few seconds in a thread while a sandbox runs with a live rate.
"""

from __future__ import annotations

import math
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from traitel_desktop.sandbox.data import catalog
from traitel_desktop.sandbox.data.generate import INSERT, LOG_SHARE
from traitel_desktop.sandbox.data.messages import MESSAGE_WEIGHTS, MESSAGES
from traitel_desktop.sandbox.data.phones import NumberMaker
from traitel_desktop.sandbox.data.traffic import (
    FAX_FAILURES,
    SECONDS_PER_PAGE,
    SPEED_WEIGHTS,
    SPEEDS,
    VOICE_IN_PER_MINUTE,
    Rates,
    fax_cost,
    voice_cost,
)
from traitel_desktop.sandbox.db import Database
from traitel_desktop.sandbox.live_contacts import Contacts, read_contacts

#: The most events a minute a live sandbox accepts (ten a second).
MAX_RATE = 600.0
#: A step after a long pause (a computer that slept) catches up at most this much time.
MAX_CATCH_UP = 24 * 3600
#: Which service of DID each log needs.
SERVICE = {"faxin": "fax", "faxout": "fax", "voicein": "voice", "voiceout": "voice",
           "smsin": "sms", "smsout": "sms"}


def check_rate(rate: float) -> float:
    """``rate`` (events a minute) when it is usable, else ValueError in plain words."""
    if not (isinstance(rate, int | float) and math.isfinite(rate) and 0 <= rate <= MAX_RATE):
        raise ValueError(
            f"the live rate is the number of new events a minute: a number from 0 to "
            f"{MAX_RATE:g}, not {rate!r}"
        )
    return float(rate)


@dataclass(frozen=True)
class LiveShares:
    """Shares of the live events that are out of the ordinary (0..1 each)."""

    failed_fax: float = 0.15  # of sent faxes: a result code other than 0
    missed_call: float = 0.15  # of inbound calls: nobody answered (``failed``)
    unusual_country: float = 0.02  # of outbound calls: to a country never called before


@dataclass(frozen=True)
class LiveEvent:
    """One row the generator added: its log, ID, time (UTC epoch seconds), cost in
    micro-units and what was unusual about it (``failed_fax``, ``missed_call``,
    ``unusual_country`` or ``""``)."""

    log: str
    id: int
    ts: int
    cost_micro: int
    kind: str = ""


@dataclass
class _Account:
    """The account's own numbers, as they are now."""

    subs: list[int]
    dids: dict[str, list[tuple[str, int, str, int | None]]]  # service -> number, owner, ...
    outbound_ivml: list[int]


def _epoch(now: datetime | float) -> float:
    return now.timestamp() if isinstance(now, datetime) else float(now)


class LiveGenerator:
    """Appends realistic new activity to one account of a sandbox database, step by step.

    ``start`` (epoch seconds or an aware datetime) is when the stream begins; by default the
    first :meth:`step` starts it (and adds nothing).
    """

    def __init__(
        self, db: Database, rate: float, *, seed: int = 1, account_id: int = 1,
        start: datetime | float | None = None, shares: LiveShares | None = None,
    ) -> None:
        self.db = db
        self.rate = check_rate(rate)
        self.account_id = account_id
        self.shares = shares or LiveShares()
        # Two streams: when events come, and what they are; so the rows are the same however
        # often the stream is stepped.
        self.timing = random.Random(seed)
        self.rng = random.Random(f"live rows {seed}")
        self.rates = Rates.from_catalog()
        self._next: float | None = None if start is None else _epoch(start) + self._gap()
        self._contacts: Contacts | None = None
        self._unusual = NumberMaker(self.rng)
        self._logs = list(LOG_SHARE)
        self._log_weights = list(LOG_SHARE.values())

    def _gap(self) -> float:
        return self.timing.expovariate(self.rate / 60) if self.rate else math.inf

    def step(self, now: datetime | float) -> list[LiveEvent]:
        """Add every event due by ``now`` (in one transaction); return them, oldest first."""
        moment = _epoch(now)
        if self._next is None:
            self._next = moment + self._gap()
            return []
        if self._next > moment:
            return []
        self._next = max(self._next, moment - MAX_CATCH_UP)
        due: list[int] = []
        while self._next <= moment:
            due.append(int(self._next))
            self._next += self._gap()
        with self.db.transaction() as conn:
            if self._contacts is None:
                self._contacts = read_contacts(conn, self.account_id, self.rates, self.rng)
            account = self._read_account(conn)
            events = [e for e in (self._event(conn, account, ts) for ts in due) if e]
            spent = sum(e.cost_micro for e in events)
            if spent:
                conn.execute(
                    "UPDATE accounts SET balance_micro = balance_micro - ? WHERE id = ?",
                    (spent, self.account_id),
                )
        return events

    # -- the account ------------------------------------------------------------------------
    def _read_account(self, conn: sqlite3.Connection) -> _Account:
        aid = (self.account_id,)
        subs = [r[0] for r in conn.execute(
            "SELECT id FROM subaccounts WHERE account_id = ? ORDER BY id", aid)]
        dids: dict[str, list[tuple[str, int, str, int | None]]] = {}
        for number, owner, service, assigned, assigned_id in conn.execute(
            "SELECT number, owner_sub, service, assigned_service, assigned_id FROM dids"
            " WHERE account_id = ? ORDER BY number", aid,
        ):
            dids.setdefault(service, []).append((number, owner, assigned, assigned_id))
        ivml = [r[0] for r in conn.execute(
            "SELECT id FROM ivml WHERE account_id = ? AND type = 'outbound' ORDER BY id", aid)]
        return _Account(subs, dids, ivml)

    # -- one event --------------------------------------------------------------------------
    def _event(self, conn: sqlite3.Connection, account: _Account, ts: int) -> LiveEvent | None:
        possible = [(log, w) for log, w in zip(self._logs, self._log_weights, strict=True)
                    if account.dids.get(SERVICE[log])]
        if not possible:
            return None
        log = self.rng.choices([p[0] for p in possible], [p[1] for p in possible])[0]
        row, cost, kind = getattr(self, f"_{log}")(account, ts)
        cur = conn.execute(INSERT[log], (self.account_id, ts, *row))
        assert cur.lastrowid is not None
        return LiveEvent(log, cur.lastrowid, ts, cost, kind)

    def _did_in(self, account: _Account, service: str) -> tuple[str, int, str, int | None]:
        return self.rng.choice(account.dids[service])

    def _sender(self, account: _Account, service: str) -> tuple[int, str]:
        """A sender (main account or a sub-account) and one of its DIDs (any when it has
        none)."""
        sub = self.rng.choices([0, *account.subs], [3.0] + [1.0] * len(account.subs))[0]
        dids = account.dids[service]
        own = [d[0] for d in dids if d[1] == sub]
        return sub, self.rng.choice(own or [d[0] for d in dids])

    def _faxin(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        rng = self.rng
        number, owner, _, _ = self._did_in(account, "fax")
        src, _ = rng.choice(self._contacts_of().fixed)
        speed = rng.choices(SPEEDS, SPEED_WEIGHTS)[0]
        pages = 1 + int(rng.expovariate(0.4))
        duration = 8 + pages * SECONDS_PER_PAGE[speed] + rng.randrange(12)
        station = rng.choice(catalog.FAX_STATIONS)
        return (owner, src, number, station, pages, speed, duration), 0, ""

    def _faxout(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        rng = self.rng
        sub, src = self._sender(account, "fax")
        dst, region = rng.choice(self._contacts_of().fixed)
        speed = rng.choices(SPEEDS, SPEED_WEIGHTS)[0]
        pages = 1 + int(rng.expovariate(0.35))
        duration = 10 + pages * SECONDS_PER_PAGE[speed] + rng.randrange(15)
        rate = self.rates.fax[region]
        attempt, code, kind = 1, 0, ""
        if rng.random() < self.shares.failed_fax:
            attempt, code, kind = rng.choice((1, 2, 3)), rng.choice(FAX_FAILURES), "failed_fax"
        if code == 0:
            cost = fax_cost(rate, pages, duration)
        elif code >= 600:  # failed during the fax: the pages sent are billed
            duration //= 2
            cost = fax_cost(rate, max(pages // 2, 1), duration)
        else:  # never got through: nothing billed
            duration, cost = rng.randrange(0, 45), 0
        return (sub, src, dst, pages, speed, duration, cost, attempt, code), cost, kind

    def _voicein(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        rng = self.rng
        number, owner, assigned, assigned_id = self._did_in(account, "voice")
        src, _ = rng.choice(self._contacts_of().voice)
        ivml = assigned_id if assigned == "IVML" else None
        if rng.random() < self.shares.missed_call:
            duration, result, cost, kind = 3 + rng.randrange(40), "failed", 0, "missed_call"
        else:
            duration, result, kind = 5 + int(rng.lognormvariate(4.6, 0.8)), "answered", ""
            cost = -(-duration // 60) * VOICE_IN_PER_MINUTE
        return (owner, src, number, duration, result, cost, ivml), cost, kind

    def _voiceout(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        rng = self.rng
        sub, src = self._sender(account, "voice")
        if rng.random() < self.shares.unusual_country:
            region = rng.choice(catalog.UNUSUAL_REGIONS)
            dst, kind = self._unusual.make(region, None, False), "unusual_country"
        else:
            (dst, region), kind = rng.choice(self._contacts_of().voice), ""
        outbound = account.outbound_ivml
        ivml = rng.choice(outbound) if outbound and rng.random() < 0.15 else None
        if kind or rng.random() < 0.8:
            result, duration = "answered", 3 + int(rng.lognormvariate(4.4, 0.9))
            cost = voice_cost(self.rates.voice[region], duration)
        else:
            result, duration, cost = "failed", 2 + rng.randrange(45), 0
        return (sub, src, dst, duration, result, cost, ivml), cost, kind

    def _smsin(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        number, owner, _, _ = self._did_in(account, "sms")
        src, _ = self.rng.choice(self._contacts_of().mobiles)
        message_type, message = self.rng.choices(MESSAGES, MESSAGE_WEIGHTS)[0]
        return (owner, src, number, message_type, message), 0, ""

    def _smsout(self, account: _Account, ts: int) -> tuple[tuple[object, ...], int, str]:
        rng = self.rng
        sub, src = self._sender(account, "sms")
        dst, region = rng.choice(self._contacts_of().mobiles)
        parts = rng.choices((1, 2, 3), (75, 18, 7))[0]
        replies, masking, tracking, masktrack = self.rates.sms[region]
        roll = rng.random()
        if roll < 0.4:  # tracked: just sent, so still pending, or already known
            state = rng.choices(("pending", "delivered", "failed"), (60, 37, 3))[0]
            rate = masktrack if roll < 0.12 else tracking
        else:
            state, rate = "", masking if roll > 0.8 else replies
        cost = rate * parts
        return (sub, src, dst, parts, state, cost), cost, ""

    def _contacts_of(self) -> Contacts:
        assert self._contacts is not None
        return self._contacts

