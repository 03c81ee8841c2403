"""Masking private details in text an owner sends to support (Help ▸ Report a problem).

:func:`redact` hides, in this order:

1. credentials in web addresses (``https://name:secret@host`` → ``https://[hidden]@host``);
2. values after password-like or user-name-like keys (``pass=…``, ``"password": "…"``,
   ``Authorization: …``, ``user=…``);
3. e-mail addresses (``[e-mail]``);
4. phone numbers and any other run of six or more digits, with or without a space, dot,
   dash or bracket between them (``[number]``) — dates written ``2026-12-06`` (with an
   optional ``14:03:11`` time) are kept, they say when something happened;
5. the exact ``secrets`` given (the user name, a password the caller knows), wherever they
   appear, with a mask made of characters none of them contains (so no mask, alone or with
   the text around it, can spell a secret again).

:func:`safe_url` keeps only scheme, host, port and path of an address.
Qt-free; the masks are fixed English words, for TraiTel support to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

__all__ = ["EMAIL_MASK", "HIDDEN", "NUMBER_MASK", "redact", "safe_url"]

HIDDEN = "[hidden]"
EMAIL_MASK = "[e-mail]"
NUMBER_MASK = "[number]"
#: Masks for the secrets, tried in order: the first that shares no character with any of
#: them (none of these characters can be part of an e-mail address or a number).
_SECRET_MASKS = (HIDDEN, "[•••]", "(•••)", "<•••>", "•••", "◆◆◆", "■■■", "●●●")

_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@]+@")
_KEYS = (
    r"pass(?:word|wd|phrase)?|pwd|secret|token|api[_\-]?key|session[_\-]?id|cookie"
    r"|user(?:[_\-]?name)?|login"
)
_KEY_VALUE = re.compile(
    rf"""(?ix)
    (\b(?:{_KEYS})\b["']?\s*[=:]\s*)     # the key, an optional quote, '=' or ':'
    ("[^"\n]*"|'[^'\n]*'|[^\s&,;]+)      # a quoted value, or up to a space or separator
    """
)
_AUTHORIZATION = re.compile(r"(?i)(\bauthori[sz]ation\b\s*[=:]\s*)(\S+(?:[ \t]+\S+)?)")

_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~\-]+"
_EMAIL = rf"{_LOCAL}@[\w\-]+(?:\.[\w\-]+)+"
_DATE = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,3})?)?"
#: Between two digits of a phone number: a space, or one of - . ( ) with a space either side.
_SEP = r"(?:[ \t]?[\-.()][ \t]?|[ \t])"
_DATE_TIME = (
    # not the end of a longer number (one look-behind per separator shape: fixed widths)
    r"(?<![\d+])(?<![\d+][ \t\-.()])(?<![\d+][ \t][\-.()])(?<![\d+][\-.()][ \t])"
    r"(?<![\d+][ \t][\-.()][ \t])"
    rf"{_DATE}(?:[ T]{_TIME})?"
    rf"(?!{_SEP}?\d)"                       # nor its beginning
)
_NUMBER = rf"\+?\(?\d(?:{_SEP}?\d){{5,}}"
#: One pass, left to right: an e-mail, else a date (kept), else a long number.
_PATTERN = re.compile(rf"(?P<email>{_EMAIL})|(?P<date>{_DATE_TIME})|(?P<number>{_NUMBER})")


def _mask(match: re.Match[str]) -> str:
    if match.lastgroup == "email":
        return EMAIL_MASK
    if match.lastgroup == "number":
        return NUMBER_MASK
    return match.group()


def _secret_mask(secrets: Iterable[str]) -> str:
    used = set("".join(secrets))
    for mask in _SECRET_MASKS:
        if not set(mask) & used:
            return mask
    # Secrets made of all of those characters: a private-use character none of them holds.
    return next(chr(c) for c in range(0xE000, 0x110000) if chr(c) not in used) * 3


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with credentials, e-mail addresses, phone numbers, long digit runs and every
    one of ``secrets`` masked (see the module docstring)."""
    text = _URL_CREDENTIALS.sub(rf"\1{HIDDEN}@", text)
    text = _AUTHORIZATION.sub(rf"\1{HIDDEN}", text)
    text = _KEY_VALUE.sub(rf"\1{HIDDEN}", text)
    text = _PATTERN.sub(_mask, text)
    wanted = sorted({s for s in secrets if s}, key=len, reverse=True)
    mask = _secret_mask(wanted)
    for secret in wanted:
        text = text.replace(secret, mask)
    return text


def safe_url(url: str) -> str:
    """``url`` without user name, password, query or fragment (``https://host:8443/path``);
    text that is not an address comes back redacted."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:  # a port that is not a number, a broken IPv6 address
        return redact(url)
    if not parts.scheme or not host:
        return redact(url)
    if ":" in host:  # IPv6 goes back in brackets
        host = f"[{host}]"
    return urlunsplit((parts.scheme, host + port, parts.path, "", ""))
