"""The fax result tables at the end of the API document (``logfaxout`` ``ErrorCode``)."""

from __future__ import annotations

#: first digit x 100 -> (short state, description)
FAX_STATES: dict[int, str] = {
    0: "The fax was aborted before initialisation.",
    100: "Call establishment preparation: the number has not been dialled.",
    200: "Call establishment: the number has been dialled.",
    300: "Call answered: the call has been answered.",
    400: "Call voice channel: the call is answered and in a voice channel.",
    500: "Fax negotiation preparation: the call is ready to begin fax negotiation.",
    600: "Fax call: the fax is in progress.",
}

#: last two digits -> (error, description)
FAX_ERRORS: dict[int, tuple[str, str]] = {
    0: ("General Error", "An unknown error occurred."),
    1: ("Line Error", "An unspecified line error occurred."),
    2: ("Destination Busy", "The destination returned a busy signal."),
    3: ("Destination Rejected", "The call was remotely rejected."),
    4: ("No Answer", "The call was not answered."),
    5: ("No Answer", "The call was not answered."),
    6: ("Unknown Number", "The destination number is invalid."),
    7: ("Invalid Number", "The destination number is invalid."),
    8: ("Number Changed", "The destination number no longer exists."),
    9: ("No Channel", "There is no available line for this fax."),
    10: ("Line Error", "An unspecified line error occurred."),
    11: ("No Channel", "There is no available line for this fax."),
    12: ("Unspecified Error", "An unspecified error occurred."),
    13: ("Unallocated Number", "The number dialled is not allocated."),
    14: ("Transferred", "The call was transferred to another application."),
    15: ("Data Channel Failed", "The fax data channel could not be established."),
    16: ("No faxing device", "There was no fax device at the destination."),
    17: ("Fax Training Failed", "There was a failure establishing the fax channel."),
    18: (
        "Fax aborted remotely",
        "The destination aborted the fax transmission. Possible causes are: out of paper, "
        "poor line quality, etc.",
    ),
    19: (
        "Fax aborted locally",
        "The fax was aborted locally. This is normally due to a noisy or poor quality "
        "connection.",
    ),
    23: ("Incompatible Destination", "The destination could not accept a voice or fax call."),
    27: ("Timed out", "The fax transmission timed out."),
    99: ("Insufficient Funds / Fax Cancelled", "Indicates the fax was cancelled by user request."),
}
