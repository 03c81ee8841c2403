"""IVR menus (read-only) and IVML configurations: the lists, add, change and delete.

Qt-free apart from the session it is given. Every change goes through
:class:`~traitel_desktop.services.changes.ChangeLog`, so it lands in the account's change log;
after a change the session is told (``"ivml"``, and ``"numbers"`` after a delete, since the
configuration's numbers go back to the main account, unassigned).

``listivml`` has no ``type`` column: a configuration is outbound when its ``DIDs`` column says
``outbound`` (``IvmlConfig.outbound``), inbound otherwise.

Error 115 (no IVR subscription) has no field; its plain text says what to do about it
(:data:`NO_IVR_TEXT`), and :func:`no_ivr_since` reads from the change log whether TraiTel
last said so, so the tab can show that state when it opens, not only when a change fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from traitel_desktop.core.phones import format_number
from traitel_desktop.services.changes import AREA_IVML, RESULT_OK, ChangeLog, SessionLike
from traitel_desktop.services.subaccounts import numbers_detail

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.records import IvmlConfig, IvrMenu, Number
    from traitel_desktop.store import AccountRecord

T = TypeVar("T")

MENUS_KEY = "ivml.menus"
CONFIGS_KEY = "ivml.configs"
NUMBERS_KEY = "ivml.numbers"

INBOUND = "inbound"
OUTBOUND = "outbound"

#: Draft field -> ``update_ivml`` keyword (same names) and the request parameter it is sent as.
PARAMS = {
    "name": "name",
    "launch_url": "launchurl",
    "result_url": "resulturl",
    "type": "type",
}

#: Draft field -> words for the change log.
FIELD_WORDS = {
    "name": "name",
    "launch_url": "start address",
    "result_url": "report address",
    "type": "type",
}

#: Error 115 in plain words, with what to do about it (shown and logged for IVML changes).
NO_IVR_TEXT = (
    "Your account does not include the voice menu service (IVR). Contact TraiTel to add it; "
    "until then, call flows cannot be created or changed."
)


@dataclass(frozen=True, slots=True)
class IvmlDraft:
    """What the add/edit form holds; every field is text ("" = empty)."""

    name: str = ""
    launch_url: str = ""
    result_url: str = ""
    type: str = INBOUND

    def stripped(self) -> IvmlDraft:
        """The same draft with surrounding spaces removed from every field."""
        return IvmlDraft(*(getattr(self, f.name).strip() for f in fields(self)))

    def as_dict(self) -> dict[str, str]:
        """Field name -> value."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def config_type(config: IvmlConfig) -> str:
    """``"outbound"`` or ``"inbound"`` (read from the ``DIDs`` column, see the docstring)."""
    return OUTBOUND if config.outbound else INBOUND


def draft_of(config: IvmlConfig) -> IvmlDraft:
    """A configuration as a form draft."""
    return IvmlDraft(config.name, config.launch_url, config.result_url, config_type(config))


def label(config: IvmlConfig) -> str:
    """How to name a configuration to its owner: ``"Support line (ID 302)"``."""
    return f"{config.name} (ID {config.id})" if config.name else f"ID {config.id}"


def is_web_address(text: str) -> bool:
    """True when ``text`` is an ``http://`` or ``https://`` address with a host and no spaces
    (what TraiTel accepts as a launch or result URL)."""
    value = text.strip()
    if not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def changed_fields(before: IvmlDraft, after: IvmlDraft) -> dict[str, str]:
    """The ``update_ivml`` keywords for what differs between two drafts (compared stripped;
    an emptied result address is sent as "" which clears it)."""
    old, new = before.stripped().as_dict(), after.stripped().as_dict()
    return {name: value for name, value in new.items() if value != old[name]}


def describe(changes: dict[str, str]) -> str:
    """Change-log detail: which fields changed, and to what."""
    return "; ".join(
        f"{FIELD_WORDS[name]} → {value!r}" if value else f"{FIELD_WORDS[name]} cleared"
        for name, value in changes.items()
    )


def numbers_text(dids: tuple[str, ...], outbound: bool, *, outbound_words: str) -> str:
    """The numbers of a menu or configuration as the owner reads them (``outbound_words`` for
    outbound services, "" when it has no numbers)."""
    if outbound:
        return outbound_words
    return ", ".join(format_number(d) for d in dids)


def no_ivr_texts() -> frozenset[str]:
    """Every text the change log may hold for Error 115 (ours, and the API's per mode)."""
    from traitel_desktop.api.explanations import explain

    return frozenset(
        {NO_IVR_TEXT, explain(115), explain(115, "addivml"), explain(115, "assignnumber")}
    )


def no_ivr_since(record: AccountRecord, scan: int = 500) -> datetime | None:
    """When TraiTel last said the account has no IVR service, unless an IVML change worked
    since (then ``None``). Reads the newest ``scan`` lines of the change log."""
    texts = no_ivr_texts()
    for change in record.changes(limit=scan):
        if change.result in texts:
            return change.at
        worked = change.result == RESULT_OK and change.action in ("add", "change")
        if worked and change.area == AREA_IVML:
            return None
    return None


def _plain_115(fn: Callable[[TraiTelClient], T]) -> Callable[[TraiTelClient], T]:
    """``fn`` with Error 115's explanation replaced by :data:`NO_IVR_TEXT` (so the change
    log and the form say what to do about it)."""

    def wrapped(client: TraiTelClient) -> T:
        from traitel_desktop.api.errors import NoIvrSubscription

        try:
            return fn(client)
        except NoIvrSubscription as exc:
            exc.explanation = NO_IVR_TEXT
            raise

    return wrapped


class IvmlService:
    """IVR menus and IVML configurations of a session's account (see the module docstring)."""

    def __init__(self, session: SessionLike) -> None:
        self.session = session
        self.changes = ChangeLog(session)

    async def menus(self) -> list[IvrMenu]:
        """The IVR menus (``listivr``; a newer load supersedes this one)."""
        result: list[IvrMenu] = await self.session.call(lambda c: c.list_ivr(), key=MENUS_KEY)
        return result

    async def configs(self) -> list[IvmlConfig]:
        """The IVML configurations (``listivml``; a newer load supersedes this one)."""
        result: list[IvmlConfig] = await self.session.call(
            lambda c: c.list_ivml(), key=CONFIGS_KEY
        )
        return result

    async def numbers(self, config: IvmlConfig) -> list[Number]:
        """The numbers assigned to ``config`` now (read fresh with ``querynumbers``)."""
        ident = config.id
        found: list[Number] = await self.session.call(
            lambda c: c.query_numbers(), key=NUMBERS_KEY
        )
        return [n for n in found if n.assigned_service == "IVML" and n.assigned_id == ident]

    def no_ivr_since(self) -> datetime | None:
        """See :func:`no_ivr_since` (this account's change log; None when it cannot be
        read)."""
        return self.changes.quietly(no_ivr_since)

    async def add(self, draft: IvmlDraft) -> int:
        """Create a configuration from ``draft``; returns its ID."""
        d = draft.stripped()
        detail = "; ".join(
            f"{FIELD_WORDS[k]} {v!r}" for k, v in d.as_dict().items() if v and k != "name"
        )
        new_id: int = await self.changes.perform(
            AREA_IVML,
            "add",
            d.name,
            _plain_115(
                lambda c: c.add_ivml(d.name, d.launch_url, d.type, result_url=d.result_url or None)
            ),
            detail=detail,
        )
        self.session.notify("ivml")
        return new_id

    async def update(self, config: IvmlConfig, draft: IvmlDraft) -> dict[str, str]:
        """Send only the fields of ``draft`` that differ from ``config``; returns what was sent
        (nothing is sent, and ``{}`` returned, when nothing changed)."""
        changes = changed_fields(draft_of(config), draft)
        if not changes:
            return {}
        kwargs: dict[str, Any] = dict(changes)
        ident = config.id
        await self.changes.perform(
            AREA_IVML,
            "change",
            label(config),
            _plain_115(lambda c: c.update_ivml(ident, **kwargs)),
            detail=describe(changes),
        )
        self.session.notify("ivml")
        return changes

    async def delete(self, config: IvmlConfig, numbers: list[Number] | None = None) -> None:
        """Delete a configuration (its numbers go back to the main account, unassigned)."""
        ident = config.id
        detail = numbers_detail("numbers left unassigned", numbers)
        await self.changes.perform(
            AREA_IVML,
            "delete",
            label(config),
            _plain_115(lambda c: c.delete_ivml(ident)),
            detail=detail,
        )
        self.session.notify("ivml")
        self.session.notify("numbers")
