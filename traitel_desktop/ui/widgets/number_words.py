"""What a number is and what it is used for, in an owner's words ("Receives faxes", "Voice
menu: Sales (#3)", "Unassigned"). Shared by the Numbers tab, its Assign dialog and the purchase
wizard's done page, so they always say the same thing about the same ``querynumbers`` row.
(Translation context ``"NumberModel"``, where these texts were first written.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from traitel_desktop.services.numbers import (
    FAX,
    IVR,
    MAIN_ACCOUNT,
    SIP,
    SMS,
    NumberRow,
    Target,
)

__all__ = ["assignment_words", "service_words", "target_words"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("NumberModel", text)


def service_words(service: str) -> str:
    """A service as its owner reads it ("Fax", "Voice", "SMS")."""
    words = {"fax": _tr("Fax"), "voice": _tr("Voice"), "sms": _tr("SMS")}
    return words.get(service, service)


def target_words(target: Target) -> str:
    """Where a voice number's calls go, in words ("Voice menu: Sales (#3)", "Internet phone:
    main account")."""
    if target.kind == SIP:
        if target.id == MAIN_ACCOUNT:
            return _tr("Internet phone: main account")
        if target.name:
            return _tr("Internet phone: sub-account {0}").format(target.name)
        return _tr("Internet phone: sub-account #{0}").format(target.id)
    if target.kind == IVR:
        if target.name:
            return _tr("Voice menu: {0} (#{1})").format(target.name, target.id)
        return _tr("Voice menu #{0}").format(target.id)
    if target.name:
        return _tr("Call flow: {0} (#{1})").format(target.name, target.id)
    return _tr("Call flow #{0}").format(target.id)


def assignment_words(row: NumberRow) -> str:
    """What a number is used for, in words (never a bare ID)."""
    if row.target is not None:
        return target_words(row.target)
    if row.kind == FAX:
        return _tr("Receives faxes")
    if row.kind == SMS:
        return _tr("Receives text messages")
    return _tr("Unassigned")
