"""Rows of the six activity logs for one account, with costs from the rate tables.

Costs (micro-units): voice out = flag fall + duration per second, or started minutes per
minute; voice in = started minutes x the receive rate; fax out = flag fall + pages x per page
(``Mixed`` adds seconds x per second; ``PerMinute``/``PerSecond`` bill the duration); SMS out =
the rate per part (by type) x parts. Failed calls and faxes that never connected cost nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from traitel_desktop.sandbox.data import catalog
from traitel_desktop.sandbox.data.accounts import AccountData, Did
from traitel_desktop.sandbox.data.messages import MESSAGE_WEIGHTS, MESSAGES
from traitel_desktop.sandbox.wire import to_micro

SPEEDS = (14400, 9600, 33600, 7200)
SPEED_WEIGHTS = (60, 20, 15, 5)
SECONDS_PER_PAGE = {14400: 25, 9600: 38, 33600: 11, 7200: 55}
#: Fax failures: state x 100 + error, from the tables at the end of the API document.
FAX_FAILURES = (202, 202, 202, 204, 205, 203, 106, 107, 113, 209, 316, 317, 404, 517, 618,
                619, 627, 99, 201, 215)
VOICE_IN_PER_MINUTE = to_micro(catalog.VOICE_IN_PER_MINUTE)

Row = tuple[object, ...]


@dataclass(frozen=True)
class Contact:
    """A correspondent: a valid number in a rated country."""

    number: str
    region: str
    mobile: bool


@dataclass
class Rates:
    """The rate tables in micro-units, by region."""

    sms: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    voice: dict[str, tuple[int, int, int, str]] = field(default_factory=dict)
    fax: dict[str, tuple[int, int, int, int, str]] = field(default_factory=dict)

    @classmethod
    def from_catalog(cls) -> Rates:
        """The catalogue's rates converted to micro-units."""
        rates = cls()
        for region, (_, *sms) in catalog.SMS_RATES.items():
            a, b, c, d = (to_micro(v) for v in sms)
            rates.sms[region] = (a, b, c, d)
        for region, (ff, ps, pm, billing) in catalog.VOICE_RATES.items():
            rates.voice[region] = (to_micro(ff), to_micro(ps), to_micro(pm), billing)
        for region, (ff, ps, pm, pp, billing) in catalog.FAX_RATES.items():
            rates.fax[region] = (to_micro(ff), to_micro(ps), to_micro(pm), to_micro(pp), billing)
        return rates


def voice_cost(rate: tuple[int, int, int, str], duration: int) -> int:
    """Cost of an answered outbound call of ``duration`` seconds."""
    flagfall, per_second, per_minute, billing = rate
    if billing == "PerMinute":
        return flagfall + -(-duration // 60) * per_minute
    return flagfall + duration * per_second


def fax_cost(rate: tuple[int, int, int, int, str], pages: int, duration: int) -> int:
    """Cost of an outbound fax of ``pages`` pages taking ``duration`` seconds."""
    flagfall, per_second, per_minute, per_page, billing = rate
    if billing == "PerPage":
        return flagfall + pages * per_page
    if billing == "Mixed":
        return flagfall + pages * per_page + duration * per_second
    if billing == "PerMinute":
        return flagfall + -(-duration // 60) * per_minute
    return flagfall + duration * per_second


class Traffic:
    """Makes log rows for one account; ``spend`` collects outgoing cost per day index."""

    def __init__(self, account: AccountData, contacts: list[Contact], rates: Rates,
                 rng: random.Random, days: int) -> None:
        self.a = account
        self.rng = rng
        self.rates = rates
        self.fixed = [c for c in contacts if not c.mobile]
        self.mobiles = [c for c in contacts if c.mobile]
        self.contacts = contacts
        self.spend = [0] * days
        self.senders = [0, *account.sub_ids]
        self.sender_weights = [3.0] + [1.0] * len(account.sub_ids)

    def _pick_dids(self, service: str, n: int) -> list[Did]:
        dids = self.a.dids_for(service)
        return self.rng.choices(dids, k=n) if dids else []

    def _out_dids(self, service: str, subs: list[int]) -> list[str]:
        dids = self.a.dids_for(service)
        by_owner: dict[int, list[str]] = {}
        for d in dids:
            by_owner.setdefault(d.owner_sub, []).append(d.number)
        every = [d.number for d in dids]
        choice = self.rng.choice
        return [choice(by_owner.get(s) or every) for s in subs]

    def fax_in(self, ts: list[int]) -> list[Row]:
        """logfaxin rows (account_id, ts, sub, from, to, station, pages, speed, duration)."""
        n, rng = len(ts), self.rng
        dst = self._pick_dids("fax", n)
        src = rng.choices(self.fixed, k=n)
        speeds = rng.choices(SPEEDS, SPEED_WEIGHTS, k=n)
        stations = rng.choices(catalog.FAX_STATIONS, k=n)
        rows: list[Row] = []
        for i in range(n):
            pages = 1 + int(rng.expovariate(0.4))
            duration = 8 + pages * SECONDS_PER_PAGE[speeds[i]] + rng.randrange(12)
            rows.append((self.a.id, ts[i], dst[i].owner_sub, src[i].number, dst[i].number,
                         stations[i], pages, speeds[i], duration))
        return rows

    def fax_out(self, ts: list[int], day_of: list[int]) -> list[Row]:
        """logfaxout rows (..., pages, speed, duration, cost, attempt, error code)."""
        n, rng = len(ts), self.rng
        subs = rng.choices(self.senders, self.sender_weights, k=n)
        src = self._out_dids("fax", subs)
        dst = rng.choices(self.fixed, k=n)
        speeds = rng.choices(SPEEDS, SPEED_WEIGHTS, k=n)
        rows: list[Row] = []
        for i in range(n):
            pages = 1 + int(rng.expovariate(0.35))
            duration = 10 + pages * SECONDS_PER_PAGE[speeds[i]] + rng.randrange(15)
            attempt, code = 1, 0
            if rng.random() < 0.2:
                attempt = rng.choice((1, 2, 2, 3))
                code = rng.choice(FAX_FAILURES) if attempt == 3 or rng.random() < 0.4 else 0
            cost = 0
            if code == 0:
                cost = fax_cost(self.rates.fax[dst[i].region], pages, duration)
            elif code >= 600:
                duration //= 2
                cost = fax_cost(self.rates.fax[dst[i].region], max(pages // 2, 1), duration)
            else:
                duration = rng.randrange(0, 45)
            self.spend[day_of[i]] += cost
            rows.append((self.a.id, ts[i], subs[i], src[i], dst[i].number, pages, speeds[i],
                         duration, cost, attempt, code))
        return rows

    def voice_in(self, ts: list[int], day_of: list[int]) -> list[Row]:
        """logvoicein rows (..., duration, result, cost, IVML id)."""
        n, rng = len(ts), self.rng
        dst = self._pick_dids("voice", n)
        src = rng.choices(self.contacts, k=n)
        rows: list[Row] = []
        for i in range(n):
            did = dst[i]
            ivml = did.assigned_id if did.assigned_service == "IVML" else None
            if rng.random() < 0.9:
                result, duration = "answered", 5 + int(rng.lognormvariate(4.6, 0.8))
                cost = -(-duration // 60) * VOICE_IN_PER_MINUTE
            else:
                result, duration, cost = "failed", 3 + rng.randrange(40), 0
            self.spend[day_of[i]] += cost
            rows.append((self.a.id, ts[i], did.owner_sub, src[i].number, did.number, duration,
                         result, cost, ivml))
        return rows

    def voice_out(self, ts: list[int], day_of: list[int]) -> list[Row]:
        """logvoiceout rows (..., duration, result, cost, IVML id)."""
        n, rng = len(ts), self.rng
        subs = rng.choices(self.senders, self.sender_weights, k=n)
        src = self._out_dids("voice", subs)
        dst = rng.choices(self.contacts, k=n)
        outbound = self.a.outbound_ivml
        rows: list[Row] = []
        for i in range(n):
            ivml = rng.choice(outbound) if outbound and rng.random() < 0.15 else None
            if rng.random() < 0.8:
                result, duration = "answered", 3 + int(rng.lognormvariate(4.4, 0.9))
                cost = voice_cost(self.rates.voice[dst[i].region], duration)
            else:
                result, duration, cost = "failed", 2 + rng.randrange(45), 0
            self.spend[day_of[i]] += cost
            rows.append((self.a.id, ts[i], subs[i], src[i], dst[i].number, duration, result,
                         cost, ivml))
        return rows

    def sms_in(self, ts: list[int]) -> list[Row]:
        """logsmsin rows (..., message type, message)."""
        n, rng = len(ts), self.rng
        dst = self._pick_dids("sms", n)
        src = rng.choices(self.mobiles, k=n)
        msgs = rng.choices(MESSAGES, MESSAGE_WEIGHTS, k=n)
        return [(self.a.id, ts[i], dst[i].owner_sub, src[i].number, dst[i].number, *msgs[i])
                for i in range(n)]

    def sms_out(self, ts: list[int], day_of: list[int]) -> list[Row]:
        """logsmsout rows (..., sent parts, tracking, cost)."""
        n, rng = len(ts), self.rng
        subs = rng.choices(self.senders, self.sender_weights, k=n)
        src = self._out_dids("sms", subs)
        dst = rng.choices(self.mobiles, k=n)
        parts = rng.choices((1, 2, 3), (75, 18, 7), k=n)
        recent = len(self.spend) - 2
        rows: list[Row] = []
        for i in range(n):
            replies, masking, tracking, masktrack = self.rates.sms[dst[i].region]
            roll = rng.random()
            if roll < 0.4:
                state = "failed" if rng.random() < 0.07 else "delivered"
                if day_of[i] >= recent and rng.random() < 0.3:
                    state = "pending"
                rate = masktrack if roll < 0.12 else tracking
            else:
                state, rate = "", masking if roll > 0.8 else replies
            cost = rate * parts[i]
            self.spend[day_of[i]] += cost
            rows.append((self.a.id, ts[i], subs[i], src[i], dst[i].number, parts[i], state, cost))
        return rows
