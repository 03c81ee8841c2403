"""Decoders for coded log columns: the fax result code and the inbound SMS text.

Neither ever raises on bad input: an unknown fax code is shown as the raw number, and a
malformed SMS message is shown as it was received.
"""

from __future__ import annotations

from dataclasses import dataclass

from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES

__all__ = ["FaxResult", "fax_result", "sms_text"]

#: fax state (x100) -> when it happened, in plain words.
_STATE_WORDS: dict[int, str] = {
    0: "before the call started",
    100: "before dialling",
    200: "while dialling",
    300: "after the call was answered",
    400: "during the voice part of the call",
    500: "while preparing to send the fax",
    600: "while the fax was being sent",
}

#: fax error (last two digits) -> what went wrong, in plain words.
_ERROR_WORDS: dict[int, str] = {
    0: "Failed for an unknown reason",
    1: "Line problem",
    2: "Busy",
    3: "Call rejected",
    4: "No answer",
    5: "No answer",
    6: "Number not valid",
    7: "Number not valid",
    8: "Number no longer in use",
    9: "No free line",
    10: "Line problem",
    11: "No free line",
    12: "Failed for an unspecified reason",
    13: "Number not in use",
    14: "Call transferred elsewhere",
    15: "Fax connection failed",
    16: "No fax machine answered",
    17: "Fax machines could not connect",
    18: "Stopped by the receiving fax machine",
    19: "Stopped because of a poor line",
    23: "Destination cannot take the call",
    27: "Timed out",
    99: "Cancelled, or not enough credit",
}

assert set(_STATE_WORDS) == set(FAX_STATES)
assert set(_ERROR_WORDS) == set(FAX_ERRORS)


@dataclass(frozen=True, slots=True)
class FaxResult:
    """A decoded ``logfaxout`` ``ErrorCode``.

    ``text`` is a short phrase for a table cell ("Busy, while dialling"); ``description`` the
    longer explanation from the vendor's tables. ``state`` and ``error`` are ``None`` for a
    delivered fax and for codes outside the tables.
    """

    code: int
    delivered: bool
    state: int | None
    error: int | None
    text: str
    description: str


def fax_result(code: int) -> FaxResult:
    """Decode a fax result code: 0 is delivered; else state (first digit x100) + error."""
    if code == 0:
        return FaxResult(0, True, None, None, "Delivered", "The fax was delivered.")
    state, error = divmod(code, 100)
    state *= 100
    if code > 0 and state in FAX_STATES and error in FAX_ERRORS:
        name, what = FAX_ERRORS[error]
        return FaxResult(
            code,
            False,
            state,
            error,
            f"{_ERROR_WORDS[error]}, {_STATE_WORDS[state]}",
            f"{name}: {what} {FAX_STATES[state]} (code {code:03d})",
        )
    return FaxResult(
        code,
        False,
        None,
        None,
        f"Unknown result code {code}",
        f"The fax was not delivered. TraiTel reported result code {code}, which is not in "
        "its published list of fax results.",
    )


def sms_text(message_type: str, message: str) -> str:
    """The readable text of a ``logsmsin`` message.

    ``ASCII``: ``\\n`` becomes a new line and ``\\\\`` a backslash (other escapes are kept).
    ``U16``: hex digits of UTF-16 big-endian code units. Anything malformed, or an unknown
    type, gives the message back unchanged.
    """
    kind = message_type.strip().upper()
    if kind == "ASCII":
        return _unescape_ascii(message)
    if kind == "U16":
        return _decode_u16(message)
    return message


def _unescape_ascii(message: str) -> str:
    if "\\" not in message:
        return message
    out: list[str] = []
    i = 0
    n = len(message)
    while i < n:
        char = message[i]
        if char == "\\" and i + 1 < n:
            nxt = message[i + 1]
            if nxt == "n":
                out.append("\n")
                i += 2
                continue
            if nxt == "\\":
                out.append("\\")
                i += 2
                continue
        out.append(char)
        i += 1
    return "".join(out)


def _decode_u16(message: str) -> str:
    digits = "".join(message.split())
    if len(digits) % 4 or not digits.isascii():
        return message
    try:
        return bytes.fromhex(digits).decode("utf-16-be")
    except ValueError:  # not hex, or a lone surrogate (UnicodeDecodeError is a ValueError)
        return message
