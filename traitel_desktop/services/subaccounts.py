"""Sub-accounts: the list (with the aliases the app remembers), add, change and delete.

Qt-free apart from the session it is given. Every change goes through
:class:`~traitel_desktop.services.changes.ChangeLog`, so it lands in the account's change
log; after a change the session's ``data_changed`` is told (``"subaccounts"``, and
``"numbers"`` after a delete, since the numbers go back to the main account).

The API returns no alias (NOTES.md): a row's alias is a column the gateway added if it sent
one, else the alias the app set itself (:class:`~traitel_desktop.store.AccountRecord`), else
unknown (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from traitel_desktop.core.phones import format_number
from traitel_desktop.services.changes import AREA_SUB_ACCOUNTS, ChangeLog, SessionLike

if TYPE_CHECKING:
    from traitel_desktop.api.records import Number, SubAccount

LIST_KEY = "subaccounts.list"
NUMBERS_KEY = "subaccounts.numbers"

#: Draft field -> ``update_sub_account`` keyword (same names) and words for the change log.
FIELD_WORDS = {
    "alias": "alias",
    "email": "e-mail",
    "first_name": "first name",
    "last_name": "last name",
    "company": "company",
    "fax_headline": "fax headline",
}


@dataclass(frozen=True, slots=True)
class SubAccountDraft:
    """What the add/edit form holds; every field is text ("" = empty)."""

    alias: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    fax_headline: str = ""

    def stripped(self) -> SubAccountDraft:
        """The same draft with surrounding spaces removed from every field."""
        return SubAccountDraft(*(getattr(self, f.name).strip() for f in fields(self)))

    def as_dict(self) -> dict[str, str]:
        """Field name -> value."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class SubAccountRow:
    """One sub-account as the app shows it: the API's record plus what is known of its
    alias (``None`` when it was set outside this app)."""

    sub: SubAccount
    alias: str | None = None

    @property
    def sub_id(self) -> int:
        """The sub-account ID."""
        return self.sub.sub_id

    @property
    def name(self) -> str:
        """First and last name, joined."""
        return " ".join(p for p in (self.sub.first_name, self.sub.last_name) if p)

    def draft(self) -> SubAccountDraft:
        """The row as a form draft (the alias empty when unknown)."""
        s = self.sub
        return SubAccountDraft(
            self.alias or "", s.email, s.first_name, s.last_name, s.company, s.fax_headline
        )

    def label(self) -> str:
        """How to name the sub-account to its owner: alias, else name, else e-mail; with ID."""
        words = self.alias or self.name or self.sub.email
        return f"{words} (ID {self.sub_id})" if words else f"ID {self.sub_id}"


def server_alias(sub: SubAccount) -> str | None:
    """The alias from an extra ``Alias`` column, when the gateway sends one."""
    for name, value in sub.extra.items():
        if name.strip().lower() == "alias" and value.strip():
            return value.strip()
    return None


def email_is_valid(text: str) -> bool:
    """True when ``text`` is a syntactically valid e-mail address (no DNS look-up)."""
    from email_validator import EmailNotValidError, validate_email  # lazily: start-up

    try:
        validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def changed_fields(before: SubAccountDraft, after: SubAccountDraft) -> dict[str, str]:
    """The ``update_sub_account`` keywords for what differs between two drafts.

    Fields are compared stripped. An empty alias is never sent (an alias cannot be cleared,
    and an unknown alias shows as empty); any other field emptied is sent as "" (cleared).
    """
    old, new = before.stripped().as_dict(), after.stripped().as_dict()
    changes = {name: value for name, value in new.items() if value != old[name]}
    if changes.get("alias") == "":
        del changes["alias"]
    return changes


def describe(changes: dict[str, str]) -> str:
    """Change-log detail for an update: which fields changed, and to what."""
    return "; ".join(
        f"{FIELD_WORDS[name]} → {value!r}" if value else f"{FIELD_WORDS[name]} cleared"
        for name, value in changes.items()
    )


def numbers_detail(words: str, numbers: list[Number] | None) -> str:
    """The change-log detail naming the numbers a delete affects (``words: +61 2 …, …``);
    empty without numbers."""
    if not numbers:
        return ""
    return words + ": " + ", ".join(format_number(n.number) for n in numbers)


class SubAccounts:
    """The sub-accounts of a session's account (see the module docstring)."""

    def __init__(self, session: SessionLike) -> None:
        self.session = session
        self.changes = ChangeLog(session)

    async def load(self) -> list[SubAccountRow]:
        """Every sub-account with its alias where known (a newer load supersedes this one)."""
        subs = await self.session.call(lambda c: c.query_sub_accounts(), key=LIST_KEY)
        known = self.changes.aliases()
        return [SubAccountRow(s, server_alias(s) or known.get(s.sub_id)) for s in subs]

    async def numbers(self, sub_id: int) -> list[Number]:
        """The numbers a sub-account owns (``querynumbers subid=…``)."""
        result: list[Number] = await self.session.call(
            lambda c: c.query_numbers(sub_id=sub_id), key=NUMBERS_KEY
        )
        return result

    async def add(self, draft: SubAccountDraft) -> int:
        """Create a sub-account from ``draft``; remembers its alias and returns its ID."""
        d = draft.stripped()
        detail = "; ".join(
            f"{FIELD_WORDS[k]} {v!r}" for k, v in d.as_dict().items() if v and k != "alias"
        )
        new_id = await self.changes.perform(
            AREA_SUB_ACCOUNTS,
            "add",
            d.alias,
            lambda c: c.add_sub_account(
                d.alias,
                email=d.email or None,
                first_name=d.first_name or None,
                last_name=d.last_name or None,
                company=d.company or None,
                fax_headline=d.fax_headline or None,
            ),
            detail=detail,
        )
        self.changes.set_alias(new_id, d.alias)
        self._notify("subaccounts")
        return new_id

    async def update(self, row: SubAccountRow, draft: SubAccountDraft) -> dict[str, str]:
        """Send only the fields of ``draft`` that differ from ``row``; returns what was sent
        (nothing is sent, and ``{}`` returned, when nothing changed)."""
        changes = changed_fields(row.draft(), draft)
        if not changes:
            return {}
        kwargs: dict[str, Any] = dict(changes)
        sub_id = row.sub_id
        await self.changes.perform(
            AREA_SUB_ACCOUNTS,
            "change",
            row.label(),
            lambda c: c.update_sub_account(sub_id, **kwargs),
            detail=describe(changes),
        )
        if "alias" in changes:
            self.changes.set_alias(sub_id, changes["alias"])
        self._notify("subaccounts")
        return changes

    async def delete(self, row: SubAccountRow, numbers: list[Number] | None = None) -> None:
        """Delete a sub-account (its numbers go back to the main account, unassigned)."""
        sub_id = row.sub_id
        detail = numbers_detail("numbers back to the main account", numbers)
        await self.changes.perform(
            AREA_SUB_ACCOUNTS,
            "delete",
            row.label(),
            lambda c: c.del_sub_account(sub_id),
            detail=detail,
        )
        self.changes.forget_alias(sub_id)
        self._notify("subaccounts")
        self._notify("numbers")

    def _notify(self, topic: str) -> None:
        self.session.notify(topic)
