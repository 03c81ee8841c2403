"""What the owner can do about a sent fax that was not delivered (English; views translate).

Shared by the Activity tab (a result cell's tooltip) and the alert for a failed fax.
"""

from __future__ import annotations

from traitel_desktop.api.decode import FaxResult
from traitel_desktop.contract.fax_codes import FAX_ERRORS

__all__ = ["FAX_ADVICE", "GENERAL_ADVICE", "fax_advice"]

#: fax error (last two digits of the code) -> what the owner can do (whole sentences, so a
#: translation catalogue picks each up).
FAX_ADVICE: dict[int, str] = {
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

assert set(FAX_ADVICE) == set(FAX_ERRORS)

#: For a result code outside the tables.
GENERAL_ADVICE = ("Send the fax again. If it fails again, send TraiTel its details (Copy "
                  "details).")


def fax_advice(result: FaxResult) -> str:
    """What to do about ``result`` ("" for a delivered fax)."""
    if result.delivered:
        return ""
    if result.error is None:
        return GENERAL_ADVICE
    return FAX_ADVICE[result.error]
