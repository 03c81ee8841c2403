"""A sent fax's result for its owner: the plain reason, what they can do about it, and the
vendor's own line (state and error numbers) kept for the "As sent by TraiTel" disclosure."""

from __future__ import annotations

from traitel_desktop.api.decode import FaxResult, fax_result
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.ui.activity.columns import tr

__all__ = ["advice", "fax_raw_line", "fax_tip"]

#: fax error (last two digits of the code) -> what the owner can do (whole sentences, so a
#: translation catalogue picks each up).
_ADVICE: dict[int, str] = {
    0: "Send the fax again later. If it fails again, send TraiTel its details (Copy details).",
    1: "Send the fax again later.",
    2: "The other side was busy. Send the fax again later.",
    3: "The other side refused the call. Check with the recipient that they expect a fax.",
    4: "Check with the recipient that their fax machine is on, then send the fax again.",
    5: "Check with the recipient that their fax machine is on, then send the fax again.",
    6: "Check the number (with its country code) and send the fax again.",
    7: "Check the number (with its country code) and send the fax again.",
    8: "The number has changed. Ask the recipient for their new fax number.",
    9: "No line was free. Send the fax again later.",
    10: "Send the fax again later.",
    11: "No line was free. Send the fax again later.",
    12: "Send the fax again later. If it fails again, send TraiTel its details (Copy details).",
    13: "Check the number (with its country code) and send the fax again.",
    14: "Check with the recipient that this number takes faxes.",
    15: "Send the fax again later.",
    16: (
        "A person or a voice service answered, not a fax machine. Check the number with the "
        "recipient."
    ),
    17: "The two fax machines could not agree how to talk. Send the fax again later.",
    18: (
        "The recipient's fax machine stopped it (perhaps out of paper). Ask them to check it,"
        " then send the fax again."
    ),
    19: "The line was noisy or poor. Send the fax again later.",
    23: "This number cannot take faxes. Check the number with the recipient.",
    27: "Send the fax again later.",
    99: "Check your balance; top it up if it is low, then send the fax again.",
}

assert set(_ADVICE) == set(FAX_ERRORS)


def fax_tip(code: int) -> str:
    """A result cell's tooltip: the plain reason and, when not delivered, what to do."""
    result = fax_result(code)
    if result.delivered:  # the cell's own words first: a cut cell shows whole on hover
        return f"{result.text}.\n{result.description}"
    return f"{result.text}.\n{advice(result)}"


def advice(result: FaxResult) -> str:
    """What the owner can do about a fax that was not delivered ("" for a delivered one)."""
    if result.delivered:
        return ""
    if result.error is None:
        return tr("Send the fax again. If it fails again, send TraiTel its details (Copy "
                  "details).")
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
