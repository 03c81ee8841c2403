"""The four accounts, their sub-accounts, DIDs, IVR menus, IVML configurations and the
inventory of DIDs offered for subscription.

The credentials are fixed: ``demo``/``demo`` (IVR subscription, rich data), ``noivr``/``noivr``
(no IVR subscription: Error 115), ``other``/``other`` (a second customer; its sub-account e-mail
:data:`OTHER_ACCOUNT_EMAIL` gives Error 101 when used on ``demo``), ``locked``/``locked``
(always Error 002).
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from traitel_desktop.sandbox.data import catalog
from traitel_desktop.sandbox.data.phones import NumberMaker

#: A sub-account e-mail of the ``other`` account (fixed for every seed): Error 101 on ``demo``.
OTHER_ACCOUNT_EMAIL = "alex.morgan@bluegum-logistics.com.au"

#: username -> (id, password, account e-mail, IVR subscription, locked, time zone)
ACCOUNTS: dict[str, tuple[int, str, str, bool, bool, str]] = {
    "demo": (1, "demo", "owner@harbourside-group.com.au", True, False, "Australia/Sydney"),
    "noivr": (2, "noivr", "admin@kestrel-freight.co.uk", False, False, "Europe/London"),
    "other": (3, "other", "office@bluegum-logistics.com.au", True, False, "America/New_York"),
    "locked": (4, "locked", "billing@closed-shop.com.au", False, True, "UTC"),
}

ACCOUNTS_BY_ID = {v[0]: (user, *v[1:]) for user, v in ACCOUNTS.items()}

ALIASES = (
    "reception", "sales", "accounts", "legal", "dispatch", "support", "marketing", "warehouse",
    "clinic-north", "clinic-south", "after-hours", "payroll", "projects", "orders", "service",
    "front-desk",
)

FIRST_SUB_ID = 1001


@dataclass
class Did:
    """One DID owned by an account, as generated."""

    number: str
    service: str
    capable: str
    owner_sub: int
    assigned_service: str = ""
    assigned_id: int | None = None
    region: str = ""
    country: str = ""
    city: str = ""


@dataclass
class AccountData:
    """What the activity generator needs to know about one account."""

    id: int
    timezone: str
    sub_ids: list[int] = field(default_factory=list)
    dids: list[Did] = field(default_factory=list)
    outbound_ivml: list[int] = field(default_factory=list)

    def dids_for(self, service: str) -> list[Did]:
        """The account's DIDs currently serving ``service``."""
        return [d for d in self.dids if d.service == service]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _sub_accounts(
    rng: random.Random, count: int, domain: str | None
) -> list[tuple[str, str, str, str, str, str]]:
    """(alias, email, first, last, company, headline) for ``count`` sub-accounts."""
    subs = []
    aliases = rng.sample(ALIASES, count)
    for i, alias in enumerate(aliases):
        first = rng.choice(catalog.FIRST_NAMES)
        last = rng.choice(catalog.LAST_NAMES)
        company = rng.choice(catalog.COMPANIES) if rng.random() < 0.85 else ""
        dom = domain or rng.choice(catalog.EMAIL_DOMAINS)
        email = f"{_ascii(first)}.{_ascii(last)}{i}@{dom}" if i != 2 else ""
        headline = f"{company or last} - {alias.replace('-', ' ').title()}"[:40]
        subs.append((alias, email, first, last, company, headline))
    return subs


def _city_dids(
    maker: NumberMaker, rng: random.Random, service: str, count: int, cities: list[catalog.City]
) -> list[Did]:
    dids = []
    for _ in range(count):
        city = rng.choice(cities)
        mobile = service == "sms"
        prefix = city.sms_prefix if mobile else city.fixed_prefix
        number = maker.make(city.region, prefix, mobile)
        capable = {"sms": "sms", "voice": "fax,voice"}.get(service) or rng.choice(
            ("fax", "fax", "fax,voice")
        )
        dids.append(
            Did(number, service, capable, 0, "", None, city.region, city.country, city.name)
        )
    return dids


def insert_accounts(
    conn: sqlite3.Connection, rng: random.Random, maker: NumberMaker, scale: int
) -> list[AccountData]:
    """Insert accounts, sub-accounts, IVR/IVML and DIDs; return what the logs need."""
    conn.executemany(
        "INSERT INTO accounts VALUES (?,?,?,?,?,?,?,0)",
        [
            (aid, user, pw, mail, int(ivr), int(locked), tz)
            for user, (aid, pw, mail, ivr, locked, tz) in ACCOUNTS.items()
        ],
    )
    au_cities = [c for c in catalog.CITIES if c.region == "AU"]
    sms_cities = [c for c in au_cities if c.sms_prefix]
    plan = {  # account id -> (sub-accounts, e-mail domain, fax, voice, sms DIDs, DID cities)
        1: (6 * scale, None, 6 * scale, 8 * scale, 4 * scale, au_cities),
        2: (1, "kestrel-freight.co.uk", 2, 2, 1, [c for c in catalog.CITIES if c.region == "GB"]),
        3: (3, "bluegum-logistics.com.au", 2, 3, 1, au_cities),
    }
    result = []
    next_sub = FIRST_SUB_ID
    for aid, (n_subs, domain, n_fax, n_voice, n_sms, cities) in plan.items():
        data = AccountData(aid, next(v[5] for v in ACCOUNTS.values() if v[0] == aid))
        subs = _sub_accounts(rng, min(n_subs, len(ALIASES)), domain)
        if aid == 3:
            alias, _, _, _, company, headline = subs[0]
            subs[0] = (alias, OTHER_ACCOUNT_EMAIL, "Alex", "Morgan", company, headline)
        for sub in subs:
            conn.execute(
                "INSERT INTO subaccounts VALUES (?,?,?,?,?,?,?,?)", (next_sub, aid, *sub)
            )
            data.sub_ids.append(next_sub)
            next_sub += 1
        dids = _city_dids(maker, rng, "fax", n_fax, cities)
        dids[-1:] = _city_dids(maker, rng, "fax", 1, [catalog.CITIES[5]])  # one London fax
        dids += _city_dids(maker, rng, "voice", n_voice, cities)
        sms_here = [c for c in cities if c.sms_prefix] or sms_cities
        dids += _city_dids(maker, rng, "sms", n_sms, sms_here)
        owned = 0
        for i, did in enumerate(dids):
            if i % 3 != 0 and data.sub_ids:
                did.owner_sub = data.sub_ids[owned % len(data.sub_ids)]
                owned += 1
        data.dids = dids
        result.append(data)
    _insert_ivr_ivml(conn, result)
    conn.executemany(
        "INSERT INTO dids VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (d.number, a.id, d.owner_sub, d.service, d.capable, d.assigned_service,
             d.assigned_id, d.country, d.city)
            for a in result for d in a.dids
        ],
    )
    return result


def _insert_ivr_ivml(conn: sqlite3.Connection, accounts: list[AccountData]) -> None:
    """IVR menus and IVML configurations; voice DIDs spread over IVR, IVML, SIP and none."""
    ivr_id, ivml_id = 11, 301
    for data in accounts:
        if not ACCOUNTS_BY_ID[data.id][3]:
            for did in data.dids_for("voice"):
                did.assigned_service, did.assigned_id = "SIP", did.owner_sub
            continue
        menus = [("Main reception menu", 0), ("After hours", 0), ("Outbound reminders", 1)]
        if data.id != 1:
            menus = menus[:1]
        ivrs = []
        for name, outbound in menus:
            conn.execute("INSERT INTO ivr VALUES (?,?,?,?)", (ivr_id, data.id, name, outbound))
            if not outbound:
                ivrs.append(ivr_id)
            ivr_id += 1
        host = "ivml.harbourside-group.com.au" if data.id == 1 else "voice.bluegum-logistics.com.au"
        configs = [
            ("Appointment booking", "booking", "inbound", True),
            ("Support line", "support", "inbound", False),
            ("Survey call-out", "survey", "outbound", True),
            ("Overflow queue", "overflow", "inbound", True),
        ]
        if data.id != 1:
            configs = configs[:1]
        ivmls: list[int] = []
        for name, path, kind, with_result in configs:
            result = f"https://{host}/{path}/result?src=traitel" if with_result else ""
            conn.execute(
                "INSERT INTO ivml VALUES (?,?,?,?,?,?)",
                (ivml_id, data.id, name, f"https://{host}/{path}/launch.xml", result, kind),
            )
            (data.outbound_ivml if kind == "outbound" else ivmls).append(ivml_id)
            ivml_id += 1
        for i, did in enumerate(data.dids_for("voice")):
            slot = i % 6
            if slot in (0, 1):
                did.assigned_service, did.assigned_id = "IVR", ivrs[slot % len(ivrs)]
            elif slot in (2, 3):
                did.assigned_service, did.assigned_id = "IVML", ivmls[0 if slot == 2 else -1]
            elif slot == 4:
                did.assigned_service, did.assigned_id = "SIP", did.owner_sub
            # slot 5: unassigned


def insert_offers(
    conn: sqlite3.Connection, rng: random.Random, maker: NumberMaker, per_city: int
) -> None:
    """The inventory of DIDs offered for subscription, per service, country and city."""
    rows = []
    for city in catalog.CITIES:
        for service in ("fax", "voice", "sms"):
            if service == "sms" and city.sms_prefix is None:
                continue
            prefix = city.sms_prefix if service == "sms" else city.fixed_prefix
            for _ in range(per_city):
                number = maker.make(city.region, prefix, service == "sms")
                rows.append((number, service, city.country, city.name, 0))
    rng.shuffle(rows)
    conn.executemany("INSERT INTO offers VALUES (?,?,?,?,?)", rows)
