"""Price look-ups for the Costs tab: reading a typed destination, asking TraiTel for the
SMS, voice and fax prices in parallel, and estimating totals in exact ``Decimal`` arithmetic.

Qt-free (the UI owns every user-visible word): :func:`read_destination` returns a
:class:`Destination` or a :class:`Problem`; :class:`CostQuoter` turns a destination into a
:class:`Quote`; :func:`estimate` applies a :class:`Plan` (N messages, N minutes, N pages).

Estimate rules (they reproduce TraiTel's own one-minute call and one-page fax ``Cost``):

* SMS: messages × the price of one message of the chosen type.
* Voice, billed ``PerMinute``: flag fall + minutes × per-minute rate;
  billed ``PerSecond``: flag fall + minutes × 60 × per-second rate.
* Fax, billed ``PerPage``: flag fall + pages × per page; ``Mixed``: flag fall + pages × per
  page + pages × 60 × per-second rate (line time, assuming one minute per page);
  ``PerMinute``: flag fall + pages × per-minute rate; ``PerSecond``: flag fall + pages × 60 ×
  per-second rate (one minute per page).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from traitel_desktop.contract.modes import SMS_COST_TYPES

if TYPE_CHECKING:
    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.errors import ApiError
    from traitel_desktop.api.records import FaxCost, VoiceCost

T = TypeVar("T")

#: ``await call(fn, key=...)``: the shape of :meth:`Session.call`.
Call = Callable[..., Awaitable[Any]]

SERVICES = ("sms", "voice", "fax")
SECONDS_PER_MINUTE = Decimal(60)
#: A fax page is assumed to take this many minutes on the line (TraiTel's own one-page quote
#: is for a one-minute fax).
MINUTES_PER_PAGE = Decimal(1)
#: The key prefix of the interactive quote: a newer quote supersedes an older one.
QUOTE_KEY = "costs.quote"


class Problem(enum.Enum):
    """Why a typed destination is refused before anything is sent."""

    EMPTY = "empty"
    LETTERS = "letters"
    NO_COUNTRY_CODE = "no-country-code"
    UNKNOWN_COUNTRY = "unknown-country"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Destination:
    """A valid phone number: ``digits`` as sent (E.164 without ``+``), ``international``
    for display (``+61 2 9999 1234``) and the ``region`` (ISO 3166 code, e.g. ``AU``)."""

    digits: str
    international: str
    region: str


_ALLOWED = set("0123456789+ -.()/\u00a0\t")


def read_destination(text: str) -> Destination | Problem:
    """Read a number typed in any common way: ``+61 2 9999 1234``, ``0061 2 9999 1234``,
    ``61-2-9999-1234``, ``(+61) 2.9999.1234``. A number without its country code (starting
    with a single ``0``) is refused with :attr:`Problem.NO_COUNTRY_CODE`."""
    typed = text.strip()
    if not typed:
        return Problem.EMPTY
    if any(ch not in _ALLOWED for ch in typed):
        return Problem.LETTERS
    compact = "".join(ch for ch in typed if ch.isdigit() or ch == "+")
    if compact.count("+") > 1 or ("+" in compact and not compact.startswith("+")):
        return Problem.INVALID
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif compact.startswith("0"):
        return Problem.NO_COUNTRY_CODE
    elif not compact.startswith("+"):
        compact = "+" + compact
    digits = compact[1:]
    if len(digits) < 4:
        return Problem.TOO_SHORT
    import phonenumbers  # lazily: ~30 ms at start-up

    try:
        parsed = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            return Problem.UNKNOWN_COUNTRY
        if exc.error_type == phonenumbers.NumberParseException.TOO_LONG:
            return Problem.TOO_LONG
        return Problem.TOO_SHORT
    region = phonenumbers.region_code_for_number(parsed)
    if not phonenumbers.is_valid_number(parsed):
        if region is None and not phonenumbers.region_codes_for_country_code(
            parsed.country_code or 0
        ):
            return Problem.UNKNOWN_COUNTRY
        reason = phonenumbers.is_possible_number_with_reason(parsed)
        codes = phonenumbers.ValidationResult
        if reason in (codes.TOO_SHORT, codes.INVALID_LENGTH):
            return Problem.TOO_SHORT
        if reason == codes.TOO_LONG:
            return Problem.TOO_LONG
        if reason == codes.INVALID_COUNTRY_CODE:
            return Problem.UNKNOWN_COUNTRY
        return Problem.INVALID
    return Destination(
        digits=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:],
        international=phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        ),
        region=region or "",
    )


@dataclass(frozen=True, slots=True)
class Quote:
    """TraiTel's prices for one destination.

    ``sms`` maps each asked SMS type to the price of one message; ``voice``/``fax`` are the
    breakdowns, or ``None`` when that service cannot reach the number (its Error 120 is in
    ``unavailable[service]``). At least one service has a price.
    """

    destination: Destination
    sms: Mapping[str, Decimal]
    voice: VoiceCost | None
    fax: FaxCost | None
    unavailable: Mapping[str, ApiError] = field(default_factory=dict)
    quoted_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())


@dataclass(frozen=True, slots=True)
class Plan:
    """What to estimate: ``messages`` of ``sms_type``, ``minutes`` of calls, fax ``pages``."""

    messages: int = 100
    sms_type: str = "replies"
    minutes: int = 30
    pages: int = 10


@dataclass(frozen=True, slots=True)
class Estimate:
    """Totals of a :class:`Plan` for one quote (``None``: no price for that service)."""

    sms: Decimal | None
    voice: Decimal | None
    fax: Decimal | None

    @property
    def total(self) -> Decimal | None:
        """The sum of the parts that have a price (``None`` when none has)."""
        parts = [p for p in (self.sms, self.voice, self.fax) if p is not None]
        return sum(parts, Decimal(0)) if parts else None


def sms_total(price: Decimal, messages: int) -> Decimal:
    """``messages`` × the price of one message."""
    return price * messages


def voice_minute_rate(cost: VoiceCost) -> Decimal:
    """What one minute of a call costs at the billing type (flag fall excluded)."""
    if cost.billing_type == "PerMinute":
        return cost.per_minute
    return cost.per_second * SECONDS_PER_MINUTE


def voice_total(cost: VoiceCost, minutes: int) -> Decimal:
    """Flag fall + minutes × per-minute rate (per minute), or + minutes × 60 × per-second
    rate (per second). ``voice_total(cost, 1)`` is TraiTel's ``Cost``."""
    return cost.flag_fall + minutes * voice_minute_rate(cost)


def fax_page_rate(cost: FaxCost) -> Decimal:
    """What one page costs at the billing type (flag fall excluded; one minute per page)."""
    seconds = MINUTES_PER_PAGE * SECONDS_PER_MINUTE
    if cost.billing_type == "PerPage":
        return cost.per_page
    if cost.billing_type == "Mixed":
        return cost.per_page + seconds * cost.per_second
    if cost.billing_type == "PerMinute":
        return MINUTES_PER_PAGE * cost.per_minute
    if cost.billing_type == "PerSecond":
        return seconds * cost.per_second
    return cost.per_page  # an unknown billing type: the page price is all we know


def fax_total(cost: FaxCost, pages: int) -> Decimal:
    """Flag fall + pages × the page rate (:func:`fax_page_rate`). ``fax_total(cost, 1)`` is
    TraiTel's ``Cost``."""
    return cost.flag_fall + pages * fax_page_rate(cost)


def estimate(quote: Quote, plan: Plan) -> Estimate:
    """The totals of ``plan`` for ``quote``."""
    price = quote.sms.get(plan.sms_type)
    return Estimate(
        sms=sms_total(price, plan.messages) if price is not None else None,
        voice=voice_total(quote.voice, plan.minutes) if quote.voice is not None else None,
        fax=fax_total(quote.fax, plan.pages) if quote.fax is not None else None,
    )


class CostQuoter:
    """Asks TraiTel for every price of a destination at once: one ``querysmscost`` per SMS
    type, ``queryvoicecost`` and ``queryfaxcost``, all in parallel through ``call``
    (:meth:`Session.call`).

    Error 120 for a service means TraiTel cannot deliver there with that service: the quote
    lists it in ``unavailable``; when no service has a price the first 120 is raised. Any
    other error (200, an unreachable gateway, :class:`Superseded` ...) is raised unchanged.
    """

    def __init__(self, call: Call, sms_types: tuple[str, ...] = SMS_COST_TYPES) -> None:
        self.call = call
        self.sms_types = sms_types

    async def quote(self, destination: Destination, *, key: str | None = QUOTE_KEY) -> Quote:
        """All the prices of ``destination``; calls made with keys under ``key`` supersede
        those of an older quote with the same ``key`` (``None``: never superseded)."""
        number = destination.digits

        def keyed(part: str) -> dict[str, str]:
            return {} if key is None else {"key": f"{key}.{part}"}

        def sms(kind: str) -> Callable[[TraiTelClient], Decimal]:
            return lambda c: c.query_sms_cost(number, kind)

        calls: list[Awaitable[Any]] = [
            self.call(sms(kind), **keyed(f"sms.{kind}")) for kind in self.sms_types
        ]
        calls.append(self.call(lambda c: c.query_voice_cost(number), **keyed("voice")))
        calls.append(self.call(lambda c: c.query_fax_cost(number), **keyed("fax")))
        results = await asyncio.gather(*calls, return_exceptions=True)
        return self._assemble(destination, list(results))

    def _assemble(self, destination: Destination, results: list[Any]) -> Quote:
        from traitel_desktop.api.errors import InvalidDestination, TraiTelError

        # Superseded, a time-out or a cancellation first: they say more than an API error.
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, TraiTelError):
                raise result
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, InvalidDestination):
                raise result
        count = len(self.sms_types)
        sms_results = dict(zip(self.sms_types, results[:count], strict=True))
        voice, fax = results[count], results[count + 1]
        unavailable: dict[str, ApiError] = {}
        sms_prices = {k: v for k, v in sms_results.items() if isinstance(v, Decimal)}
        sms_errors = [v for v in sms_results.values() if isinstance(v, InvalidDestination)]
        if sms_errors and not sms_prices:
            unavailable["sms"] = sms_errors[0]
        if isinstance(voice, InvalidDestination):
            unavailable["voice"] = voice
        if isinstance(fax, InvalidDestination):
            unavailable["fax"] = fax
        if len(unavailable) == len(SERVICES):
            raise unavailable["sms"]
        return Quote(
            destination,
            sms_prices,
            None if isinstance(voice, BaseException) else voice,
            None if isinstance(fax, BaseException) else fax,
            unavailable,
        )
