"""Phone numbers as the owner reads them, with ``phonenumbers`` (imported lazily: it costs
start-up time). The API writes numbers as international digits without ``+``."""

from __future__ import annotations

__all__ = ["format_number"]


def format_number(digits: str) -> str:
    """A number as the owner reads it (``+61 2 9999 1234``); invalid numbers as ``+digits``."""
    text = digits.strip()
    import phonenumbers  # lazily: start-up

    try:
        parsed = phonenumbers.parse("+" + text.lstrip("+"), None)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(parsed):
        return "+" + text.lstrip("+")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
