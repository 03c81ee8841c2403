"""The 27 modes of the API, and which of them only read state."""

from __future__ import annotations

MODES: tuple[str, ...] = (
    "querybalance",
    "querysubaccounts",
    "addsubaccount",
    "delsubaccount",
    "updatesubaccount",
    "querynumbers",
    "assignnumber",
    "querydidcountries",
    "querydidcities",
    "querydids",
    "subscribedid",
    "listivr",
    "listivml",
    "addivml",
    "updateivml",
    "deleteivml",
    "logfaxin",
    "logfaxout",
    "logvoicein",
    "logvoiceout",
    "logsmsin",
    "logsmsout",
    "settimezone",
    "querytimezone",
    "querysmscost",
    "queryvoicecost",
    "queryfaxcost",
)

#: The section heading of the document spells the SMS cost mode this way (NOTES.md).
SMS_COST_ALT_SPELLING = "querysmcost"

LOG_MODES: tuple[str, ...] = (
    "logfaxin",
    "logfaxout",
    "logvoicein",
    "logvoiceout",
    "logsmsin",
    "logsmsout",
)

SERVICES: tuple[str, ...] = ("fax", "voice", "sms")
ASSIGN_SERVICES: tuple[str, ...] = ("fax", "voice")
VOICE_SERVICE_TYPES: tuple[str, ...] = ("IVR", "IVML", "SIP")
SMS_COST_TYPES: tuple[str, ...] = ("replies", "masking", "tracking", "masktrack")
IVML_TYPES: tuple[str, ...] = ("inbound", "outbound")


def is_read_only(mode: str) -> bool:
    """True for modes that only read state and may be repeated safely (query*, list*, log*)."""
    return mode.startswith(("query", "list", "log"))


assert len(MODES) == 27
