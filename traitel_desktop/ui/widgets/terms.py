"""One plain name per concept, with TraiTel's own word for it.

The app shows the plain name; where an owner may meet TraiTel's word elsewhere (TraiTel's
portal, an e-mail from support) the technical word follows in brackets: "Voice menu (IVR)".
Every screen takes its names from here, so a concept reads the same everywhere, and the Help
glossary can list the same pairs (:func:`glossary`).

:data:`JARGON` lists the technical words that must never stand alone on screen: a test scans
every tab and dialog and allows each only inside brackets after its plain name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

__all__ = ["JARGON", "TERMS", "Term", "both", "glossary", "plain", "technical"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Terms", text)


@dataclass(frozen=True, slots=True)
class Term:
    """A concept: the owner's name for it, TraiTel's word, and what it is in one sentence."""

    plain: str
    technical: str
    meaning: str


#: key -> the concept, untranslated (translate with :func:`plain`, :func:`both`).
TERMS: dict[str, Term] = {
    "ivr": Term(
        "Voice menu", "IVR",
        "A recorded menu callers hear and answer with their keypad; TraiTel sets it up.",
    ),
    "ivml": Term(
        "Call flow", "IVML",
        "Instructions for calls that TraiTel fetches from a web address you give it.",
    ),
    "sip": Term(
        "Internet phone", "SIP",
        "A desk phone, app or phone system that takes calls over the internet.",
    ),
    "did": Term(
        "Phone number", "DID",
        "A phone, fax or text number you rent from TraiTel.",
    ),
    "sub_id": Term(
        "Sub-account number", "Sub-ID",
        "The number TraiTel gives each sub-account.",
    ),
    "launch_url": Term(
        "Start address", "launch URL",
        "The web address TraiTel asks for a call's instructions when a call starts.",
    ),
    "result_url": Term(
        "Report address", "result URL",
        "A web address TraiTel sends the outcome of each call to (optional).",
    ),
    "flag_fall": Term(
        "Connection fee", "flag fall",
        "A fixed amount charged once for each call or fax, however long it lasts.",
    ),
    "replies": Term(
        "Can reply", "Replies",
        "A text message sent from a TraiTel number, so the recipient can reply to it.",
    ),
    "gateway": Term(
        "Server", "gateway",
        "The TraiTel computer the app talks to; there is a main one and a backup.",
    ),
    "archive": Term(
        "History saved on this computer", "archive",
        "The copy of your activity the app keeps, so it stays after TraiTel's logs roll over.",
    ),
    "log_days": Term(
        "Days of history", "log-days",
        "Activity is fetched one kind of activity and one day at a time.",
    ),
    "sandbox": Term(
        "Practice data", "sandbox",
        "A stand-in for TraiTel on this computer, with made-up data to try the app.",
    ),
    "fax_station": Term(
        "Fax machine name", "fax station ID",
        "The name the sending fax machine gives itself.",
    ),
}

#: Technical words (regular expressions, matched case-sensitively on whole words) that may
#: appear on screen only inside brackets, after their plain name.
JARGON: tuple[str, ...] = (
    r"IVR", r"IVML", r"SIP", r"DID", r"CSID", r"ANI", r"E\.164", r"Sub-?ID",
    r"[Gg]ateways?", r"[Ll]aunch (address|URL)", r"[Rr]esult (address|URL)",
    r"[Ff]lag fall", r"Replies", r"[Ll]og-days?", r"PerSecond", r"PerMinute", r"PerPage",
    r"ASCII", r"U16", r"query[a-z]+", r"log(fax|voice|sms)(in|out)", r"HTTP", r"XML",
    r"[Aa]rchive", r"[Ss]ync(ed|ing|s)?", r"[Ss]andbox", r"State:? \d+", r"Error: \d+",
)


def plain(key: str) -> str:
    """The owner's name of a concept: ``Voice menu``."""
    return _tr(TERMS[key].plain)


def technical(key: str) -> str:
    """TraiTel's word for a concept: ``IVR``."""
    return TERMS[key].technical


def both(key: str) -> str:
    """The plain name with TraiTel's word after it: ``Voice menu (IVR)``."""
    return _tr("{plain} ({technical})").format(plain=plain(key), technical=technical(key))


def glossary() -> list[tuple[str, str]]:
    """(``Voice menu (IVR)``, what it is) for every concept, for the Help glossary."""
    return [(both(key), _tr(term.meaning)) for key, term in TERMS.items()]
