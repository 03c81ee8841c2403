"""Who the live sandbox's account talks to: the correspondents already in its logs (so new
activity comes from and goes to people it knows), by kind of traffic, each with its region for
the rate tables; new valid numbers when its logs are empty."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field

import phonenumbers

from traitel_desktop.sandbox.data import catalog
from traitel_desktop.sandbox.data.phones import NumberMaker
from traitel_desktop.sandbox.data.traffic import Rates

#: A number (international digits) and its region.
Contact = tuple[str, str]


@dataclass
class Contacts:
    """The account's correspondents by kind of traffic."""

    fixed: list[Contact] = field(default_factory=list)  # fax machines
    mobiles: list[Contact] = field(default_factory=list)  # text messages
    voice: list[Contact] = field(default_factory=list)  # calls


def region_of(number: str) -> str:
    """The region (``AU``) of international digits, or ``""``."""
    try:
        parsed = phonenumbers.parse("+" + number)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.region_code_for_number(parsed) or ""


def read_contacts(
    conn: sqlite3.Connection, account_id: int, rates: Rates, rng: random.Random,
) -> Contacts:
    """The correspondents in ``account_id``'s logs with a rate (never in an unusual region),
    sorted; a kind with none gets new valid numbers in the usual regions."""

    def numbers(out_log: str, in_log: str, rated: set[str]) -> list[Contact]:
        sql = (f"SELECT dst FROM log_{out_log} WHERE account_id = ? UNION"
               f" SELECT src FROM log_{in_log} WHERE account_id = ? ORDER BY 1")
        found = []
        for (number,) in conn.execute(sql, (account_id, account_id)):
            region = region_of(number)
            if region in rated and region not in catalog.UNUSUAL_REGIONS:
                found.append((number, region))
        return found

    contacts = Contacts(
        fixed=numbers("faxout", "faxin", set(rates.fax)),
        mobiles=numbers("smsout", "smsin", set(rates.sms)),
        voice=numbers("voiceout", "voicein", set(rates.voice)),
    )
    maker = NumberMaker(rng)
    for kind, mobile in (("fixed", False), ("mobiles", True), ("voice", False)):
        if not getattr(contacts, kind):
            made = [(maker.make(r, None, mobile), r) for r in catalog.CONTACT_REGIONS]
            setattr(contacts, kind, made)
    return contacts
