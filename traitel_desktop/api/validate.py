"""Checking arguments before anything is sent.

Each check returns the value as it goes on the wire, or raises the ``ApiError`` subclass the
gateway would have answered, with ``field`` set to the parameter and ``local=True``.
:class:`Problems` runs the checks of one request and raises every problem found at once.
Free text (:func:`text`, :func:`required`) is never cut: see
:mod:`traitel_desktop.api.text_check` for its length and the characters it may not hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import ParamSpec, TypeVar
from urllib.parse import urlsplit

from traitel_desktop.api.errors import ApiError, error_for_code
from traitel_desktop.api.text_check import field_words, text
from traitel_desktop.contract.limits import MAX_ID_DIGITS
from traitel_desktop.contract.zones import today_in, zone_info

__all__ = [
    "Problems",
    "choice",
    "date_range",
    "destination",
    "did",
    "email",
    "id_number",
    "positive_int",
    "required",
    "text",
    "today_in",
    "url",
    "zone",
]


_DID_SEPARATORS = re.compile(r"[\s\-().]")


P = ParamSpec("P")
T = TypeVar("T")


def _fail(code: int, field: str, mode: str, explanation: str | None = None) -> ApiError:
    return error_for_code(code, field=field, mode=mode, explanation=explanation, local=True)


class Problems:
    """Runs the checks of one request and collects what they refuse; on leaving the ``with``
    block raises the first problem with the others attached (``ApiError.problems``)::

        with Problems() as p:
            alias = p.check(text, value, "alias", mode, required=True)
    """

    def __init__(self) -> None:
        self.errors: list[ApiError] = []

    def check(self, run: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """``run(*args, **kwargs)``; None (and the problem kept) when it refuses locally."""
        try:
            return run(*args, **kwargs)
        except ApiError as exc:
            if not exc.local:
                raise
            self.errors.append(exc)
            return None

    def raise_found(self) -> None:
        """Raise the first problem found (carrying the others), if any."""
        if self.errors:
            first, *others = self.errors
            first.others = tuple(others)
            raise first

    def __enter__(self) -> Problems:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.raise_found()


def required(value: str | None, field: str, mode: str) -> str:
    """A text that must be given and not blank (Error 200 otherwise); see :func:`text`."""
    checked = text(value, field, mode, required=True)
    assert checked is not None
    return checked


def _too_many_digits(field: str, mode: str) -> ApiError:
    return _fail(
        200, field, mode,
        f"{field_words(field)} is not a number TraiTel uses: its numbers have at most "
        f"{MAX_ID_DIGITS} digits. Pick it from the list and try again.",
    )


def choice(
    value: str | None, allowed: Iterable[str], field: str, mode: str, code: int = 200
) -> str:
    """One of ``allowed`` (case ignored, sent in the allowed spelling)."""
    if isinstance(value, str):
        for option in allowed:
            if value.strip().lower() == option.lower():
                return option
    raise _fail(code, field, mode)


def id_number(value: object, field: str, mode: str, code: int, *, minimum: int = 1) -> str:
    """A record ID: a whole number (or its digits as text) of at least ``minimum``.

    Not a number at all is Error 200; a number below ``minimum`` is ``code`` (105, 110 ...).
    """
    if isinstance(value, bool):
        raise _fail(200, field, mode)
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii():
        value = int(value.strip())
    if not isinstance(value, int):
        raise _fail(200, field, mode)
    if value < minimum:
        raise _fail(code, field, mode)
    if len(str(value)) > MAX_ID_DIGITS:
        raise _too_many_digits(field, mode)
    return str(value)


def positive_int(value: object, field: str, mode: str, *, maximum: int | None = None) -> str:
    """A whole number from 1 (to ``maximum``), else Error 200."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(200, field, mode)
    if maximum is not None and value > maximum:
        raise _fail(200, field, mode)
    if len(str(value)) > MAX_ID_DIGITS:
        raise _too_many_digits(field, mode)
    return str(value)


def email(value: str | None, mode: str) -> str:
    """An e-mail address with valid syntax (no DNS look-up), else Error 104."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(104, "email", mode)
    value = required(value, "email", mode)
    # Imported here: email_validator costs ~30 ms at start-up and is rarely needed.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise _fail(104, "email", mode) from None
    return value.strip()


def destination(value: str | None, mode: str) -> str:
    """A destination phone number in international form, sent as E.164 digits without ``+``.

    Accepts ``+61 2 9999 1234``, ``0061 2 9999 1234``, ``61-2-9999-1234``. Anything
    ``phonenumbers`` does not consider a valid number is Error 120.
    """
    if not isinstance(value, str) or not value.strip():
        raise _fail(200, "number", mode)
    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    elif not text.startswith("+"):
        text = "+" + text
    import phonenumbers  # lazily: ~30 ms at start-up

    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise _fail(120, "number", mode) from None
    if not phonenumbers.is_valid_number(parsed):
        raise _fail(120, "number", mode)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:]


def did(value: str | None, field: str, mode: str) -> str:
    """A DID as listed by the gateway: digits (spaces, dashes, a leading + or 00 dropped).

    The gateway is the judge of which DIDs exist, so only the form is checked (Error 113).
    """
    if not isinstance(value, str) or not value.strip():
        raise _fail(200, field, mode)
    digits = _DID_SEPARATORS.sub("", value)
    digits = digits.removeprefix("+")
    if not (digits.isdecimal() and digits.isascii()) or not 4 <= len(digits) <= 17:
        raise _fail(113, field, mode)
    return digits


def url(value: str | None, field: str, mode: str) -> str:
    """An ``http://`` or ``https://`` address with a host, else Error 200."""
    address = required(value, field, mode)
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:
        raise _fail(200, field, mode) from None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not host
        or any(c.isspace() for c in address)
    ):
        raise _fail(200, field, mode)
    return address


def zone(value: str | None, mode: str) -> str:
    """An IANA time-zone name known to this computer's tz database, else Error 119."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(200, "tz", mode)
    name = value.strip()
    if zone_info(name) is None:
        raise _fail(119, "tz", mode)
    return name


def _as_date(value: object, field: str, code: int, mode: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if value is None or value == "":
        raise _fail(200, field, mode)
    raise _fail(code, field, mode)


def date_range(start: object, end: object, mode: str, today: dt.date) -> tuple[str, str]:
    """``startdate``/``enddate`` as ``yyyy-mm-dd``: valid, not after ``today``, start <= end."""
    first = _as_date(start, "startdate", 118, mode)
    last = _as_date(end, "enddate", 117, mode)
    if first > today:
        raise _fail(
            118, "startdate", mode,
            "The start date is in the future. Choose a date no later than today.",
        )
    if last > today:
        raise _fail(
            117, "enddate", mode,
            "The end date is in the future. Choose a date no later than today.",
        )
    if first > last:
        raise _fail(
            200, "startdate", mode,
            "The start date is after the end date. Choose a start date on or before the end "
            "date.",
        )
    return first.isoformat(), last.isoformat()
