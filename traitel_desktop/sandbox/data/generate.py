"""Fill an empty sandbox database from a seed and a preset (``demo`` or ``large``).

Everything is drawn from one ``random.Random(seed)`` in a fixed order, so the same seed and
the same "today" give byte-for-byte the same database.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from traitel_desktop.sandbox.data import catalog
from traitel_desktop.sandbox.data.accounts import AccountData, insert_accounts, insert_offers
from traitel_desktop.sandbox.data.phones import NumberMaker
from traitel_desktop.sandbox.data.rhythm import make_calendar, timestamps
from traitel_desktop.sandbox.data.traffic import Contact, Rates, Traffic
from traitel_desktop.sandbox.db import SCHEMA_VERSION
from traitel_desktop.sandbox.wire import to_micro


@dataclass(frozen=True)
class Preset:
    """Size of the generated data."""

    log_rows: int  # across the six logs and all accounts
    scale: int  # multiplies the demo account's sub-accounts and DIDs
    contacts: int  # correspondents per account
    offers_per_city: int


PRESETS: dict[str, Preset] = {
    "demo": Preset(log_rows=10_000, scale=1, contacts=150, offers_per_city=8),
    "large": Preset(log_rows=1_050_000, scale=2, contacts=2_000, offers_per_city=10),
}
ACCOUNT_SHARE = {1: 0.9, 2: 0.04, 3: 0.06}
LOG_SHARE = {
    "smsout": 0.34, "smsin": 0.16, "voicein": 0.20, "voiceout": 0.14, "faxin": 0.08,
    "faxout": 0.08,
}
OPENING_CREDIT = to_micro("100.0000")
INSERT = {
    "faxin": "INSERT INTO log_faxin VALUES (NULL,?,?,?,?,?,?,?,?,?)",
    "faxout": "INSERT INTO log_faxout VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?)",
    "voicein": "INSERT INTO log_voicein VALUES (NULL,?,?,?,?,?,?,?,?,?)",
    "voiceout": "INSERT INTO log_voiceout VALUES (NULL,?,?,?,?,?,?,?,?,?)",
    "smsin": "INSERT INTO log_smsin VALUES (NULL,?,?,?,?,?,?,?)",
    "smsout": "INSERT INTO log_smsout VALUES (NULL,?,?,?,?,?,?,?,?)",
}


def _contacts(maker: NumberMaker, rng: random.Random, count: int) -> list[Contact]:
    contacts = []
    for i in range(count):
        region = rng.choice(catalog.CONTACT_REGIONS)
        mobile = i % 2 == 1
        contacts.append(Contact(maker.make(region, None, mobile), region, mobile))
    return contacts


def _insert_rates(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT INTO sms_rates VALUES (?,?,?,?,?,?)",
        [(r, c, *(to_micro(v) for v in vals)) for r, (c, *vals) in catalog.SMS_RATES.items()],
    )
    conn.executemany(
        "INSERT INTO voice_rates VALUES (?,?,?,?,?,?)",
        [
            (r, catalog.SMS_RATES[r][0], to_micro(ff), to_micro(ps), to_micro(pm), b)
            for r, (ff, ps, pm, b) in catalog.VOICE_RATES.items()
        ],
    )
    conn.executemany(
        "INSERT INTO fax_rates VALUES (?,?,?,?,?,?,?)",
        [
            (r, catalog.SMS_RATES[r][0], to_micro(ff), to_micro(ps), to_micro(pm),
             to_micro(pp), b)
            for r, (ff, ps, pm, pp, b) in catalog.FAX_RATES.items()
        ],
    )


def _account_logs(
    account: AccountData, rows: int, preset: Preset, maker: NumberMaker, rates: Rates,
    rng: random.Random, today: Callable[[str], date], out: dict[str, list[tuple[object, ...]]],
) -> list[tuple[int, str, int, str]]:
    """Add the account's log rows to ``out``; return its top-ups (account, date, amount, note)."""
    cal = make_calendar(today(account.timezone), account.timezone, rng)
    contacts = _contacts(maker, rng, preset.contacts if account.id == 1 else 40)
    traffic = Traffic(account, contacts, rates, rng, len(cal.days))
    for log, share in LOG_SHARE.items():
        ts, day_of = timestamps(cal, round(rows * share), rng)
        if log == "faxin":
            out[log] += traffic.fax_in(ts)
        elif log == "smsin":
            out[log] += traffic.sms_in(ts)
        else:
            out[log] += getattr(traffic, {"faxout": "fax_out", "voicein": "voice_in",
                                          "voiceout": "voice_out", "smsout": "sms_out"}[log])(
                ts, day_of
            )
    monthly: dict[int, int] = {}
    for i, spent in enumerate(traffic.spend):
        month = cal.month_index(i)
        monthly[month] = monthly.get(month, 0) + spent
    topups = [(account.id, cal.days[0].isoformat(), OPENING_CREDIT, "opening credit")]
    for month, spent in sorted(monthly.items()):
        first = next(d for i, d in enumerate(cal.days) if cal.month_index(i) == month)
        step = to_micro("50")
        amount = -(-(spent * 115 // 100 + to_micro("10")) // step) * step
        topups.append((account.id, first.isoformat(), amount, "top-up"))
    return topups


def generate(
    conn: sqlite3.Connection, seed: int, preset_name: str, today: Callable[[str], date]
) -> None:
    """Fill the (empty, schema-only) database; the caller commits.

    ``today(zone)`` is today's date in a time zone: each account's year ends on its today.
    """
    preset = PRESETS[preset_name]
    rng = random.Random(seed)
    maker = NumberMaker(rng)
    conn.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("schema_version", str(SCHEMA_VERSION)), ("seed", str(seed)),
         ("preset", preset_name), ("generated_for", today("UTC").isoformat())],
    )
    _insert_rates(conn)
    accounts = insert_accounts(conn, rng, maker, preset.scale)
    insert_offers(conn, rng, maker, preset.offers_per_city)
    rates = Rates.from_catalog()
    logs: dict[str, list[tuple[object, ...]]] = {name: [] for name in LOG_SHARE}
    topups = []
    for account in accounts:
        rows = round(preset.log_rows * ACCOUNT_SHARE[account.id])
        topups += _account_logs(account, rows, preset, maker, rates, rng, today, logs)
    for name, log_rows in logs.items():
        log_rows.sort(key=itemgetter(1))  # IDs increase with time, across accounts
        conn.executemany(INSERT[name], log_rows)
    conn.executemany("INSERT INTO topups VALUES (NULL,?,?,?,?)", topups)
    spend_sql = " + ".join(
        f"(SELECT coalesce(sum(cost_micro), 0) FROM log_{n} WHERE account_id = accounts.id)"
        for n in ("faxout", "voicein", "voiceout", "smsout")
    )
    conn.execute(
        "UPDATE accounts SET balance_micro = (SELECT coalesce(sum(amount_micro), 0) FROM topups"
        f" WHERE account_id = accounts.id) - ({spend_sql})"
    )
