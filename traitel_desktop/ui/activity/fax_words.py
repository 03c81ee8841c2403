"""A sent fax's result for its owner: the plain reason, what they can do about it, and the
vendor's own line (state and error numbers) kept for the "As sent by TraiTel" disclosure."""

from __future__ import annotations

from traitel_desktop.api.decode import FaxResult, fax_result
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.ui.activity.columns import tr

__all__ = ["advice", "fax_raw_line", "fax_tip"]

_TRY_AGAIN = "Send the fax again later."
_CHECK_NUMBER = "Check the number (with its country code) and send the fax again."

#: fax error (last two digits of the code) -> what the owner can do, untranslated.
_ADVICE: dict[int, str] = {
    0: _TRY_AGAIN + " If it fails again, contact TraiTel with the details below.",
    1: _TRY_AGAIN,
    2: "The other side was busy. " + _TRY_AGAIN,
    3: "The other side refused the call. Check with the recipient that they expect a fax.",
    4: "Check with the recipient that their fax machine is on, then send the fax again.",
    5: "Check with the recipient that their fax machine is on, then send the fax again.",
    6: _CHECK_NUMBER,
    7: _CHECK_NUMBER,
    8: "The number has changed. Ask the recipient for their new fax number.",
    9: "No line was free. " + _TRY_AGAIN,
    10: _TRY_AGAIN,
    11: "No line was free. " + _TRY_AGAIN,
    12: _TRY_AGAIN + " If it fails again, contact TraiTel with the details below.",
    13: _CHECK_NUMBER,
    14: "Check with the recipient that this number takes faxes.",
    15: _TRY_AGAIN,
    16: "A person or a voice service answered, not a fax machine. Check the number with "
        "the recipient.",
    17: "The two fax machines could not agree how to talk. " + _TRY_AGAIN,
    18: "The recipient's fax machine stopped it (perhaps out of paper). Ask them to check "
        "it, then send the fax again.",
    19: "The line was noisy or poor. " + _TRY_AGAIN,
    23: "This number cannot take faxes. Check the number with the recipient.",
    27: _TRY_AGAIN,
    99: "Check your balance; top it up if it is low, then send the fax again.",
}

assert set(_ADVICE) == set(FAX_ERRORS)


def fax_tip(code: int) -> str:
    """A result cell's tooltip: the plain reason and, when not delivered, what to do."""
    result = fax_result(code)
    if result.delivered:
        return result.description
    return f"{result.text}.\n{advice(result)}"


def advice(result: FaxResult) -> str:
    """What the owner can do about a fax that was not delivered ("" for a delivered one)."""
    if result.delivered:
        return ""
    if result.error is None:
        return tr("Send the fax again. If it fails again, contact TraiTel with the details "
                  "below.")
    return tr(_ADVICE[result.error])


def fax_raw_line(result: FaxResult) -> str:
    """TraiTel's own words for the result: ``State 600, Error 19 (code 619): Fax aborted
    locally …`` ("" for a delivered fax)."""
    if result.delivered:
        return ""
    if result.state is None or result.error is None:
        return tr("Result code {0}").format(result.code)
    name, what = FAX_ERRORS[result.error]
    return tr("State {0}, Error {1} (code {2:03d}): {3}: {4} {5}").format(
        result.state, result.error, result.code, name, what, FAX_STATES[result.state]
    )
