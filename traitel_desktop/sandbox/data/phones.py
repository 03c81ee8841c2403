"""Real-looking, valid phone numbers (checked with ``phonenumbers.is_valid_number``).

Numbers are international digits without ``+`` (``61291234567``), as on the wire.
"""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberType as T

FIXED_TYPES = (T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE)
MOBILE_TYPES = (T.MOBILE, T.FIXED_LINE_OR_MOBILE)


def _national_length(region: str, kind: int) -> int:
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        example = phonenumbers.example_number(region)
    assert example is not None, region
    return len(str(example.national_number))


def is_valid_digits(digits: str) -> bool:
    """True when ``digits`` (international, no ``+``) is a valid number anywhere."""
    try:
        parsed = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


class NumberMaker:
    """Makes unique valid numbers from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, region: str, prefix: str | None, mobile: bool) -> str:
        """A new valid number in ``region`` starting (nationally) with ``prefix``.

        Without a prefix the example number of the type has its last digits varied.
        """
        kind = T.MOBILE if mobile else T.FIXED_LINE
        wanted = MOBILE_TYPES if mobile else FIXED_TYPES
        code = phonenumbers.country_code_for_region(region)
        length = _national_length(region, kind)
        example = phonenumbers.example_number_for_type(region, kind)
        base = str(example.national_number) if example is not None else ""
        for attempt in range(400):
            if prefix is not None and attempt < 300:
                tail = length - len(prefix)
                national = prefix + "".join(str(self.rng.randrange(10)) for _ in range(tail))
            else:
                keep = max(len(base) - 5, 1)
                national = base[:keep] + "".join(
                    str(self.rng.randrange(10)) for _ in range(len(base) - keep)
                )
            digits = f"{code}{national}"
            if digits in self.used:
                continue
            parsed = phonenumbers.parse("+" + digits)
            if phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in wanted:
                self.used.add(digits)
                return digits
        raise RuntimeError(f"could not make a valid number for {region} {prefix}")
