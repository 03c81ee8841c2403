"""How long a request's values may be: the one table both the client and the sandbox read.

The vendor's document gives no lengths. Our reading (recorded here, the single place): a
TraiTel gateway takes at most :data:`DEFAULT_TEXT_LIMIT` characters in a free-text parameter,
the names and contact details of a sub-account at most 100, and a record ID has at most
:data:`MAX_ID_DIGITS` digits. A longer value is refused with ``Error 200`` (too long), never
cut. Which characters a free-text value may hold is read by each side on its own (the client
in ``api/validate.py``, the sandbox in ``sandbox/modes/request.py``).
"""

from __future__ import annotations

__all__ = ["DEFAULT_TEXT_LIMIT", "MAX_ID_DIGITS", "TEXT_LIMITS", "text_limit"]

#: At most this many characters in a free-text parameter not listed in :data:`TEXT_LIMITS`.
DEFAULT_TEXT_LIMIT = 200

#: Request parameter -> the most characters a gateway takes in it.
TEXT_LIMITS: dict[str, int] = {
    # addsubaccount / updatesubaccount
    "alias": 100,
    "email": 200,
    "firstname": 100,
    "lastname": 100,
    "company": 100,
    "faxheadline": 100,
    # addivml / updateivml
    "name": 200,
    "launchurl": 200,
    "resulturl": 200,
    # querydidcities / querydids / subscribedid (names the gateway listed itself)
    "country": 100,
    "city": 100,
}

#: A record ID (``subid``, ``ivmlid``, ``serviceid``) or a count has at most this many digits.
MAX_ID_DIGITS = 12


def text_limit(param: str) -> int:
    """The most characters a gateway takes in ``param``."""
    return TEXT_LIMITS.get(param, DEFAULT_TEXT_LIMIT)
