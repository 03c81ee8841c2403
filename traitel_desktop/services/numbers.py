"""Numbers (DIDs): the list with what each one is assigned to, and assigning them.

Qt-free apart from the session it is given. :meth:`Numbers.load` reads ``querynumbers``,
``listivr``, ``listivml`` and ``querysubaccounts`` in parallel and joins them, so the views can
name every assignment in words ("IVR menu Sales (#3)", "SIP: sub-account Jane Doe") and offer
pick lists instead of raw IDs. Every assignment goes through
:class:`~traitel_desktop.services.changes.ChangeLog` (area ``numbers``) and is followed by
``session.notify("numbers")``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import phonenumbers
from PySide6.QtCore import QLocale

from traitel_desktop.core.phones import format_number
from traitel_desktop.services.changes import AREA_NUMBERS, ChangeLog, SessionLike
from traitel_desktop.services.subaccounts import SubAccountRow, server_alias

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig, IvrMenu, Number

LIST_KEY = "numbers.list"
IVR_KEY = "numbers.ivr"
IVML_KEY = "numbers.ivml"
SUBS_KEY = "numbers.subaccounts"
OWNER_KEY = "numbers.owner"

#: The ``Assigned-Service`` values of a voice number, and the assignment kinds of a row.
IVR, IVML, SIP = "IVR", "IVML", "SIP"
#: Kinds of :attr:`NumberRow.kind` besides IVR/IVML/SIP.
FAX, SMS, UNASSIGNED = "fax", "sms", ""
#: Sub-account ID of the main account (SIP ``serviceid`` 0; ``querynumbers subid=0``).
MAIN_ACCOUNT = 0


def country_name(digits: str) -> str:
    """The English name of the country a number belongs to ("" when unknown).

    Names come from Qt's locale data: phonenumbers' geocoder would load 40 MB of place names
    (close to a second) for the country alone.
    """
    try:
        parsed = phonenumbers.parse("+" + digits.strip().lstrip("+"), None)
    except phonenumbers.NumberParseException:
        return ""
    region = phonenumbers.region_code_for_number(parsed)
    if not region or region == "ZZ":
        return ""
    territory = QLocale.codeToTerritory(region)
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale.territoryToString(territory)


def sub_account_words(row: SubAccountRow) -> str:
    """How a sub-account is named in an assignment: its people's name, else alias, else
    e-mail, else its ID."""
    return row.name or row.alias or row.sub.email or f"ID {row.sub_id}"


@dataclass(frozen=True, slots=True)
class Target:
    """Something a voice number can send its calls to: an IVR menu, an IVML configuration,
    or SIP (``id`` 0 = the main account, else a sub-account). ``name`` is "" when unknown."""

    kind: str
    id: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class NumberRow:
    """One DID as the app shows it: the API's record, its formatted number and country, and
    the target it is assigned to (None when it has none: fax, SMS, unassigned voice)."""

    number: Number
    formatted: str
    country: str
    target: Target | None = None

    @property
    def digits(self) -> str:
        """The number as the API writes it (international digits, no ``+``)."""
        return self.number.number

    @property
    def service(self) -> str:
        """``fax``, ``voice`` or ``sms``."""
        return self.number.service

    @property
    def kind(self) -> str:
        """``IVR``, ``IVML``, ``SIP``, ``fax``, ``sms`` or ``""`` (unassigned)."""
        if self.target is not None:
            return self.target.kind
        if self.number.service in (FAX, SMS):
            return self.number.service
        return UNASSIGNED


@dataclass(frozen=True, slots=True)
class AssignChoice:
    """Where to send a number: ``fax``, or ``voice`` with a ``kind`` (IVR/IVML/SIP) and the
    ID of the menu, configuration or sub-account (0 = main account for SIP)."""

    service: str
    kind: str | None = None
    target_id: int | None = None


@dataclass(frozen=True, slots=True)
class NumbersData:
    """What :meth:`Numbers.load` returns: rows and the pick lists of the Assign dialog."""

    rows: list[NumberRow] = field(default_factory=list)
    ivrs: list[IvrMenu] = field(default_factory=list)
    ivmls: list[IvmlConfig] = field(default_factory=list)
    subs: list[SubAccountRow] = field(default_factory=list)

    def targets(self, kind: str) -> list[Target]:
        """The pick list for ``kind``: inbound IVR menus, inbound IVML configurations, or the
        main account followed by every sub-account (for SIP)."""
        if kind == IVR:
            return [Target(IVR, m.id, m.name) for m in self.ivrs if not m.outbound]
        if kind == IVML:
            return [Target(IVML, c.id, c.name) for c in self.ivmls if not c.outbound]
        if kind == SIP:
            return [Target(SIP, MAIN_ACCOUNT)] + [
                Target(SIP, s.sub_id, sub_account_words(s)) for s in self.subs
            ]
        raise ValueError(f"unknown kind {kind!r}")

    def target(self, kind: str, ident: int) -> Target:
        """The named target ``kind``/``ident`` (name "" when it is not in the lists)."""
        if kind == SIP and ident == MAIN_ACCOUNT:
            return Target(SIP, MAIN_ACCOUNT)
        names: dict[int, str]
        if kind == IVR:
            names = {m.id: m.name for m in self.ivrs}
        elif kind == IVML:
            names = {c.id: c.name for c in self.ivmls}
        else:
            names = {s.sub_id: sub_account_words(s) for s in self.subs}
        return Target(kind, ident, names.get(ident, ""))


def build_rows(
    numbers: list[Number],
    ivrs: list[IvrMenu],
    ivmls: list[IvmlConfig],
    subs: list[SubAccountRow],
) -> NumbersData:
    """Join the four lists into :class:`NumbersData` (formats each number once)."""
    data = NumbersData([], list(ivrs), list(ivmls), list(subs))
    for number in numbers:
        target = None
        kind = number.assigned_service.strip().upper()
        if kind in (IVR, IVML, SIP) and number.assigned_id is not None:
            target = data.target(kind, number.assigned_id)
        data.rows.append(
            NumberRow(number, format_number(number.number), country_name(number.number), target)
        )
    return data


def describe_choice(choice: AssignChoice, data: NumbersData) -> str:
    """The change-log detail for an assignment, in words (``"voice → voice menu Sales (#3)"``)."""
    if choice.service != "voice" or choice.kind is None or choice.target_id is None:
        return f"to {choice.service}"
    target = data.target(choice.kind, choice.target_id)
    if target.kind == SIP:
        if target.id == MAIN_ACCOUNT:
            return "voice → internet phone (SIP) of the main account"
        return (f"voice → internet phone (SIP) of sub-account {target.name or target.id} "
                f"(ID {target.id})")
    words = "voice menu" if target.kind == IVR else "call flow"
    name = f"{target.name} " if target.name else ""
    return f"voice → {words} {name}(#{target.id})"


class Numbers:
    """The numbers of a session's account (see the module docstring)."""

    def __init__(self, session: SessionLike) -> None:
        self.session = session
        self.changes = ChangeLog(session)

    async def load(self, view: str = "numbers") -> NumbersData:
        """Numbers, IVR menus, IVML configurations and sub-accounts, read in parallel and
        joined (a newer load for the same ``view`` supersedes this one: :class:`Superseded`;
        another view, e.g. the purchase wizard's, loads alongside without superseding)."""
        call = self.session.call
        keys: tuple[str, ...] = (LIST_KEY, IVR_KEY, IVML_KEY, SUBS_KEY)
        if view != "numbers":
            keys = tuple(view + key.removeprefix("numbers") for key in keys)
        results: tuple[Any, ...] = await asyncio.gather(
            call(lambda c: c.query_numbers(), key=keys[0]),
            call(lambda c: c.list_ivr(), key=keys[1]),
            call(lambda c: c.list_ivml(), key=keys[2]),
            call(lambda c: c.query_sub_accounts(), key=keys[3]),
            return_exceptions=True,
        )
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            from traitel_desktop.services import Superseded

            # A superseded load says nothing; otherwise the first real error is shown.
            raise next((e for e in errors if isinstance(e, Superseded)), errors[0])
        numbers, ivrs, ivmls, subs = results
        known = self.changes.aliases()
        rows = [SubAccountRow(s, server_alias(s) or known.get(s.sub_id)) for s in subs]
        return build_rows(numbers, ivrs, ivmls, rows)

    async def owned_by(self, sub_id: int) -> set[str]:
        """The numbers ``sub_id`` owns (``querynumbers subid=…``; 0 = the main account's own)."""
        numbers: list[Number] = await self.session.call(
            lambda c: c.query_numbers(sub_id=sub_id), key=OWNER_KEY
        )
        return {n.number for n in numbers}

    async def assign(self, row: NumberRow, choice: AssignChoice, data: NumbersData) -> None:
        """Send ``row``'s number to ``choice`` (logged; tells the views ``"numbers"``)."""
        digits = row.digits
        service, kind, ident = choice.service, choice.kind, choice.target_id
        await self.changes.perform(
            AREA_NUMBERS,
            "assign",
            row.formatted,
            lambda c: c.assign_number(digits, service, kind, ident),
            detail=describe_choice(choice, data),
        )
        self.session.notify("numbers")
