"""Plain-language explanations of TraiTel's error codes, and the field each one concerns.

The texts are shown in the app to account owners who have never seen an API: each says what
happened and what to do, without jargon. Some codes read differently depending on the request
(``113`` is "this number is not yours" when assigning, "this offer is not valid" when buying),
so both functions take the request's mode.
"""

from __future__ import annotations

#: code -> explanation used when no mode-specific one applies.
EXPLANATIONS: dict[int, str] = {
    1: "TraiTel's server is busy or under maintenance and did not process the request, so "
    "nothing was changed. Please try again in a few minutes.",
    2: "TraiTel did not accept the user name and password. Check them (passwords are "
    "case-sensitive) and sign in again. If they are right, the account may be locked or "
    "disabled: contact TraiTel support.",
    101: "This e-mail address is already used by another sub-account or another TraiTel "
    "account. Each sub-account needs its own e-mail address: enter a different one.",
    102: "Another sub-account already has this alias. Choose a different alias.",
    104: "This e-mail address is not valid. Check it for typing mistakes; it should look like "
    "name@example.com.",
    105: "This sub-account does not exist (it may have been deleted). Refresh the list of "
    "sub-accounts and pick one from it.",
    107: "The service chosen is not one TraiTel offers here. Choose fax, voice or SMS from "
    "the list.",
    108: "This number cannot be used for the chosen service. Choose another service for it, "
    "or use a different number.",
    109: "The voice menu chosen does not exist (it may have been removed). Refresh the list of "
    "voice menus and pick one from it.",
    110: "This call flow does not exist (it may have been deleted). Refresh the list of call "
    "flows and pick one from it.",
    111: "TraiTel has no numbers for this service in this country. Refresh the list of "
    "countries and pick one from it.",
    112: "TraiTel has no numbers for this service in this city. Refresh the list of cities "
    "and pick one from it.",
    113: "This phone number is not valid or does not belong to your account. Refresh the list "
    "of numbers and pick one from it.",
    114: "Someone else took this number just before you. Nothing was charged. Ask for new "
    "numbers and pick another one.",
    115: "Your account does not include the voice menu service (IVR), which voice menus and "
    "call flows need. Contact TraiTel to add it to your account.",
    116: "Another call flow already has this name. Choose a different name.",
    117: "The end date is not valid: it may be badly written or in the future. Choose a date "
    "no later than today.",
    118: "The start date is not valid: it may be badly written or in the future. Choose a "
    "date no later than today.",
    119: "TraiTel does not know this time zone. Choose a time zone from the list, for example "
    "Australia/Sydney.",
    120: "This phone number is not valid or cannot be reached by this service. Check the number "
    "and include the country code, for example +61 2 9999 1234.",
    200: "Something required was missing, or a value was not one of the allowed choices. "
    "Check the highlighted entries and try again.",
}

#: (code, mode) -> explanation, where the mode changes the meaning.
MODE_EXPLANATIONS: dict[tuple[int, str], str] = {
    (105, "assignnumber"): "The sub-account chosen to receive the calls does not exist (it "
    "may have been deleted). Refresh the list of sub-accounts and pick one, or choose the "
    "main account.",
    (113, "subscribedid"): "This number is no longer on offer or was typed wrongly. Ask for new "
    "numbers and pick one from the list.",
    (114, "subscribedid"): "Someone else took this number just before you. Nothing was "
    "charged. Ask for new numbers and pick another one.",
    (120, "querysmscost"): "This mobile number is not valid or cannot receive text messages "
    "from TraiTel. Check the number and include the country code, for example +61 412 345 678.",
    (120, "queryfaxcost"): "This fax number is not valid or cannot be reached by fax. Check the "
    "number and include the country code, for example +61 2 9999 1234.",
    (120, "queryvoicecost"): "This phone number is not valid or cannot be called through "
    "TraiTel. Check the number and include the country code, for example +61 2 9999 1234.",
    (115, "assignnumber"): "Your account does not include the voice menu service (IVR), which "
    "voice menus need. Contact TraiTel to add it to your account.",
}

#: code -> the request parameter it concerns, unless the mode says otherwise.
FIELDS: dict[int, str] = {
    101: "email",
    102: "alias",
    104: "email",
    105: "subid",
    107: "service",
    108: "service",
    109: "serviceid",
    110: "ivmlid",
    111: "country",
    112: "city",
    113: "number",
    114: "did",
    116: "name",
    117: "enddate",
    118: "startdate",
    119: "tz",
    120: "number",
}

MODE_FIELDS: dict[tuple[int, str], str] = {
    (105, "assignnumber"): "serviceid",
    (110, "assignnumber"): "serviceid",
    (113, "subscribedid"): "did",
    (113, "assignnumber"): "number",
}

#: Parameter name -> the words for it in an explanation of Error 200.
FIELD_WORDS: dict[str, str] = {
    "alias": "the alias",
    "email": "the e-mail address",
    "firstname": "the first name",
    "lastname": "the last name",
    "company": "the company",
    "faxheadline": "the fax headline",
    "subid": "the sub-account",
    "service": "the service",
    "servicetype": "where calls go (voice menu, call flow or internet phone)",
    "serviceid": "the menu, call flow or sub-account that should take the calls",
    "number": "the phone number",
    "country": "the country",
    "city": "the city",
    "did": "the number to buy",
    "quantity": "how many numbers to show (1 to 10)",
    "name": "the name",
    "launchurl": "the start address (it must start with http:// or https://)",
    "resulturl": "the report address (it must start with http:// or https://)",
    "type": "the type",
    "ivmlid": "the call flow",
    "startdate": "the start date",
    "enddate": "the end date",
    "limit": "the number of records (a whole number above zero)",
    "tz": "the time zone",
}


#: The document spells the SMS cost mode two ways; both read the same here.
_SAME_MODE = {"querysmcost": "querysmscost"}


def field_for(code: int, mode: str | None) -> str | None:
    """The request parameter ``code`` concerns in ``mode``, or ``None`` (001, 002, 115, 200)."""
    mode = _SAME_MODE.get(mode, mode) if mode is not None else None
    if mode is not None and (code, mode) in MODE_FIELDS:
        return MODE_FIELDS[code, mode]
    return FIELDS.get(code)


def explain(code: int, mode: str | None = None, field: str | None = None) -> str:
    """Plain words for ``code`` (seen in ``mode``, concerning ``field``)."""
    mode = _SAME_MODE.get(mode, mode) if mode is not None else None
    if mode is not None and (code, mode) in MODE_EXPLANATIONS:
        return MODE_EXPLANATIONS[code, mode]
    if code == 200 and field is not None:
        words = FIELD_WORDS.get(field, f"'{field}'")
        return (
            f"TraiTel could not accept {words}: it was missing or not one of the allowed "
            "choices. Check it and try again."
        )
    if code == 200 and mode == "querysmscost":
        return (
            "TraiTel did not accept this price question. Check the number and the kind of "
            "message, then try again."
        )
    if code in EXPLANATIONS:
        return EXPLANATIONS[code]
    return (
        f"TraiTel answered with error {code}, which this program does not know. Nothing may "
        "have been done. Try again; if it keeps happening, contact TraiTel support and "
        "quote the error number."
    )


def unnamed_field_explanation(sent: tuple[str, ...]) -> str:
    """Error 200 naming no field: plain words listing what the request carried (``sent``
    parameter names), since any of them may be the one TraiTel did not accept."""
    words = [FIELD_WORDS.get(name, f"'{name}'") for name in sent]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return (
        f"TraiTel did not accept this request, but did not say which entry was wrong. It "
        f"carried {listed}. Check {'it' if len(words) == 1 else 'each of them'} (a value "
        "may be too long, or not one of the allowed choices) and try again."
    )


# --- requests that got no usable answer ---------------------------------------------------
# Keyed by ``failures.Failure`` values: what went wrong with the connection or the answer.

#: failure -> explanation when no gateway gave a usable answer to a question (nothing changed).
FAILURE_EXPLANATIONS: dict[str, str] = {
    "connect": "TraiTel's servers could not be reached, so nothing was done. Check that this "
    "computer is connected to the internet, then try again. If your connection works, "
    "TraiTel may be having a short outage: try again in a few minutes.",
    "certificate": "The secure connection to TraiTel could not be set up because the "
    "server's security certificate was not accepted, so nothing was sent. This happens on "
    "networks that inspect connections (some offices, hotels and public Wi-Fi) or when this "
    "computer's date and time are wrong. Check the date and time or try another network; if "
    "it keeps happening, contact TraiTel support.",
    "cut": "TraiTel started to answer, but the answer was cut off before it was complete, so "
    "nothing could be shown. This is usually a short network problem: please try again. If "
    "it keeps happening, try another network or contact TraiTel support.",
    "no answer": "TraiTel's servers received the request but did not answer in time, so "
    "nothing could be shown. They may be very busy: please try again in a few minutes.",
    "server": "TraiTel's servers reported a problem and could not answer, so nothing was "
    "done. This is usually temporary: please try again in a few minutes. If it keeps "
    "happening, contact TraiTel support.",
}

#: The order in which failures explain a request that failed on both gateways: the first one
#: present is shown (a refused certificate says more than a refused connection).
FAILURE_PRIORITY: tuple[str, ...] = ("certificate", "cut", "no answer", "server", "connect")

#: failure -> how a change's answer went missing (completes "The change was sent to TraiTel,
#: but ...").
_OUTCOME_WORDS: dict[str, str] = {
    "no answer": "the answer never arrived",
    "cut": "the answer was cut off before it was complete",
    "server": "TraiTel's server reported a problem instead of answering",
    "too slow": "the answer came so slowly that this program stopped waiting for it",
    "too large": "the answer was far larger than expected, so this program did not read it",
}


def explain_too_slow(seconds: float) -> str:
    """Plain words for a request that passed its total time limit of ``seconds``."""
    return (
        f"TraiTel's server was answering so slowly that this program stopped waiting after "
        f"{seconds:.0f} seconds, so nothing could be shown and nothing was changed. TraiTel "
        "may be overloaded or the connection very slow: please try again in a few minutes. "
        "If you asked for a long period, choose a shorter one."
    )


def explain_too_large(what: str) -> str:
    """Plain words for an answer refused for its size (``what``: "more than 64 MB" ...)."""
    return (
        f"TraiTel's answer was much larger than expected ({what}), so this program did not "
        "read it and nothing was shown. If you asked for a long period, choose a shorter one. "
        "If it keeps happening, contact TraiTel support."
    )


def explain_unknown_outcome(failure: str, check_what: str) -> str:
    """Plain words for a change whose answer went missing in the way ``failure`` says."""
    how = _OUTCOME_WORDS.get(failure, _OUTCOME_WORDS["no answer"])
    return (
        f"The change was sent to TraiTel, but {how}, so we could not confirm whether it "
        f"happened. Please check {check_what} before trying again, so it is not done twice."
    )
