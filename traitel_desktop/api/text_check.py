"""Free text as a gateway takes it: within its length, without control characters.

Free text is never cut: over its limit (``contract.limits``) it is refused (Error 200). Nor
may it hold characters a gateway reads as structure or that nobody can see: control
characters (Unicode ``Cc``: NUL, tab, CR, LF, DEL, the C1 range), format characters (``Cf``:
zero-width spaces, the byte-order mark, bidirectional overrides, soft hyphens), line and
paragraph separators (``Zl``, ``Zp``) and lone surrogates (``Cs``). The zero-width joiner
and non-joiner and the emoji tag characters are allowed: some scripts and emoji need them.
"""

from __future__ import annotations

import unicodedata

from traitel_desktop.api.errors import ApiError, error_for_code
from traitel_desktop.api.explanations import FIELD_WORDS
from traitel_desktop.contract.limits import text_limit

__all__ = ["field_words", "refused_character", "text"]

#: Unicode categories refused in free text (see the module docstring).
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})  # zero-width non-joiner, joiner
_LINE_BREAKS = frozenset({"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"})


def field_words(field: str) -> str:
    """The words for request parameter ``field``, capitalised, without the explanation some
    have in brackets ("The alias", "The launch address")."""
    words = FIELD_WORDS.get(field, f"the {field}").split(" (")[0]
    return words[:1].upper() + words[1:]


def refused_character(value: str) -> str | None:
    """The first character free text may not hold (see the module docstring), or None."""
    for char in value:
        if char in _ALLOWED_FORMAT or "\U000e0020" <= char <= "\U000e007f":
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            return char
    return None


def _character_words(char: str) -> tuple[str, str]:
    """What ``char`` is, and what to do about it, in plain words."""
    if char in _LINE_BREAKS:
        return "a line break", "Remove it (keep the text on one line)"
    if char == "\t":
        return "a tab", "Replace it with a space"
    return (
        f"an invisible character (U+{ord(char):04X})",
        "Remove it (if you pasted the text, type it instead)",
    )


def text(value: str | None, field: str, mode: str, *, required: bool = False) -> str | None:
    """Free text as sent: surrounding spaces removed, never cut. ``None`` stays ``None`` (not
    sent) and "" stays "" (cleared) unless ``required``. Error 200 when required and blank,
    longer than the gateway takes (``contract.limits``) or holding a refused character."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise error_for_code(200, field=field, mode=mode, local=True)
    stripped = value.strip()
    limit = text_limit(field)
    if len(stripped) > limit:
        raise _refuse(
            200, field, mode,
            f"{field_words(field)} can be at most {limit:,} characters long; this one is "
            f"{len(stripped):,}. Shorten it and try again.",
        )
    char = refused_character(stripped)
    if char is not None:
        what, todo = _character_words(char)
        raise _refuse(
            200, field, mode,
            f"{field_words(field)} contains {what}, which TraiTel does not accept. {todo} "
            "and try again.",
        )
    return stripped


def _refuse(code: int, field: str, mode: str, explanation: str) -> ApiError:
    return error_for_code(code, field=field, mode=mode, explanation=explanation, local=True)
