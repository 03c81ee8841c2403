"""The documented error codes and the server's texts for them."""

from __future__ import annotations

#: code -> the human-readable text the gateway sends after ``Error NNN: ``.
ERROR_TEXTS: dict[int, str] = {
    1: "Service Unavailable.",
    2: "Authentication failed.",
    101: "Email address already registered elsewhere.",
    102: "Alias already registered.",
    104: "Invalid email address.",
    105: "Invalid sub-account ID.",
    107: "Invalid service.",
    108: "Service not available.",
    109: "Invalid IVR ID.",
    110: "Invalid IVML ID.",
    111: "Invalid country.",
    112: "Invalid city.",
    113: "Invalid DID.",
    114: "DID not available.",
    115: "No subscription to IVR.",
    116: "Duplicate name.",
    117: "Invalid end date.",
    118: "Invalid start date.",
    119: "Invalid timezone.",
    120: "Invalid destination number.",
    200: "Incomplete request.",
}

assert len(ERROR_TEXTS) == 21


def error_line(code: int) -> str:
    """The first line of a body for ``code``, e.g. ``Error 001: Service Unavailable.``."""
    return f"Error {code:03d}: {ERROR_TEXTS[code]}"
