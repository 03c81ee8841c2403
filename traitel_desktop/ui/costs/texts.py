"""The words of the Costs tab: SMS kinds, billing types, estimate formulas, country names,
and why a number was refused. Every text goes through ``tr`` (context ``Costs``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from traitel_desktop.core.costs import SECONDS_PER_MINUTE, Problem, voice_minute_rate
from traitel_desktop.core.money import exact_money, format_amount, format_money

if TYPE_CHECKING:
    from traitel_desktop.api.errors import ApiError
    from traitel_desktop.api.records import FaxCost, VoiceCost
    from traitel_desktop.core.costs import Destination

#: Shown where there is no price.
NOTHING = "—"

#: Example destinations for the empty state: (as typed, region).
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("+61 2 9999 1234", "AU"),
    ("0044 20 7946 0000", "GB"),
    ("1-212-555-0100", "US"),
)


def tr(text: str) -> str:
    """Translate ``text`` in the ``Costs`` context."""
    return QCoreApplication.translate("Costs", text)


def money(value: Decimal | None) -> str:
    """A price or rate, with the digits it needs (``—`` when there is none)."""
    return NOTHING if value is None else format_money(value)


def amount(value: Decimal | None) -> str:
    """An estimate or a total, to the cent (``—`` when there is none)."""
    return NOTHING if value is None else format_amount(value)


def exact(value: Decimal | None) -> str:
    """Every digit of an amount, for its tooltip ("" when there is none)."""
    return "" if value is None else tr("Exact: {0}").format(exact_money(value))


def sms_kinds() -> dict[str, tuple[str, str]]:
    """SMS ``type`` -> (short name, what it means), in the API's order."""
    return {
        "replies": (
            tr("Can reply"),
            tr("From a TraiTel number, so the recipient can reply (TraiTel's “Replies”)"),
        ),
        "masking": (
            tr("Your name"),
            tr("Your name (or own number) as sender"),
        ),
        "tracking": (
            tr("Delivery receipt"),
            tr("With delivery receipt, from a TraiTel number"),
        ),
        "masktrack": (
            tr("Your name + receipt"),
            tr("Your name as sender, with delivery receipt"),
        ),
    }


def sms_name(kind: str) -> str:
    """The short name of an SMS type (the raw type when unknown)."""
    return sms_kinds().get(kind, (kind, ""))[0]


def billing_words(billing_type: str) -> str:
    """A ``BillingType`` in words."""
    words = {
        "PerSecond": tr("by the second"),
        "PerMinute": tr("by the minute"),
        "PerPage": tr("per page"),
        "Mixed": tr("per page + line time"),
    }
    return words.get(billing_type, billing_type)


def rate_note(billing_type: str) -> str:
    """The grey note under a per-minute rate: how TraiTel counts the time."""
    if billing_type in ("PerSecond", "Mixed"):
        return tr("billed by the second")
    if billing_type == "PerMinute":
        return tr("billed by the minute")
    return ""


def second_tip(per_second: Decimal) -> str:
    """The exact per-second rate behind a per-minute figure, for its tooltip."""
    return tr("TraiTel's rate is {rate} per second; this is 60 seconds of it.").format(
        rate=money(per_second)
    )


def billing_tip(billing_type: str) -> str:
    """What a fax ``BillingType`` means, in a sentence."""
    tips = {
        "PerPage": tr("Each page costs the same, however long it takes to send."),
        "Mixed": tr(
            "Each page is charged, and so is the time the fax spends on the line (by the "
            "second)."
        ),
        "PerMinute": tr("Charged for the time on the line, by the minute."),
        "PerSecond": tr("Charged for the time on the line, by the second."),
    }
    return tips.get(billing_type, "")


def country_name(region: str) -> str:
    """The country of an ISO 3166 region code, in words (``AU`` -> ``Australia``)."""
    if region == "001":
        return tr("International network")
    territory = QLocale.codeToTerritory(region) if region else QLocale.Country.AnyTerritory
    if territory == QLocale.Country.AnyTerritory:
        return region or tr("Unknown country")
    return QLocale.territoryToString(territory)


def destination_title(destination: Destination) -> str:
    """``Australia · +61 2 9999 1234``."""
    return tr("{country} · {number}").format(
        country=country_name(destination.region), number=destination.international
    )


def problem_text(problem: Problem) -> str:
    """Why a typed number was refused, in plain words (nothing was sent)."""
    texts = {
        Problem.EMPTY: tr(
            "Type the number to price, with its country code, for example +61 2 9999 1234."
        ),
        Problem.LETTERS: tr(
            "A phone number has only digits (spaces, dashes, dots, brackets and a leading + "
            "are fine). Remove the other characters and try again."
        ),
        Problem.NO_COUNTRY_CODE: tr(
            "Add the country code: for example the Australian number 02 9999 1234 is "
            "+61 2 9999 1234 (the leading 0 goes)."
        ),
        Problem.UNKNOWN_COUNTRY: tr(
            "No country uses the code at the start of this number. Check the country code, "
            "for example +61 for Australia or +44 for the United Kingdom."
        ),
        Problem.TOO_SHORT: tr(
            "This number is too short. Check that you typed all of its digits, after the "
            "country code."
        ),
        Problem.TOO_LONG: tr("This number is too long. Check it for extra digits."),
        Problem.INVALID: tr(
            "This is not a valid phone number. Check the digits and the country code."
        ),
    }
    return texts[problem]


def typing_hint(problem: Problem) -> str:
    """What the live preview says about an unfinished number while it is typed."""
    if problem is Problem.EMPTY:
        return tr("For example +61 2 9999 1234, 0061 2 9999 1234 or 61-2-9999-1234")
    if problem in (Problem.TOO_SHORT, Problem.INVALID):
        return tr("Keep typing: this is not a complete number yet.")
    return problem_text(problem)


def service_missing(service: str) -> str:
    """A service that cannot reach the number (Error 120 for it)."""
    return {
        "sms": tr("TraiTel can't deliver text messages to this number."),
        "voice": tr("TraiTel can't place calls to this number."),
        "fax": tr("TraiTel can't send faxes to this number."),
    }.get(service, tr("TraiTel can't deliver to this number with this service."))


def error_text(exc: ApiError, destination: Destination | None) -> str:
    """Errors 120 and 200 of a quote in plain words; others use the error's own words."""
    if exc.code == 120 and destination is not None and not exc.local:
        return tr(
            "TraiTel can't deliver to this number with any of its services (text messages, "
            "calls or faxes), so it has no price for it. The number itself looks right "
            "({country}); TraiTel has no route there. Try another destination."
        ).format(country=country_name(destination.region))
    if exc.code == 120:
        return tr(
            "TraiTel says this is not a number it can reach. Check the number and its "
            "country code, for example +61 2 9999 1234."
        )
    if exc.code == 200:
        return tr(
            "TraiTel did not accept this price question: something in it was missing or not "
            "one of the allowed choices (Error 200). Your number is kept; check it and try "
            "again."
        )
    return exc.explanation


# --- formulas ----------------------------------------------------------------------------
def sms_formula(price: Decimal, messages: int, kind: str) -> str:
    """``100 × 0.065 per message (Can reply)``."""
    return tr("{n} × {price} per message ({kind})").format(
        n=messages, price=money(price), kind=sms_name(kind)
    )


def voice_formula(cost: VoiceCost, minutes: int) -> str:
    """How a call estimate is worked out, with this quote's numbers."""
    if cost.billing_type == "PerMinute":
        return tr(
            "connection fee {flag} + {n} min × {rate} per minute (billed by the minute)"
        ).format(flag=money(cost.flag_fall), n=minutes, rate=money(cost.per_minute))
    return tr(
        "connection fee {flag} + {n} min × {minute} per minute (billed by the second)"
    ).format(flag=money(cost.flag_fall), n=minutes, minute=money(voice_minute_rate(cost)))


def fax_formula(cost: FaxCost, pages: int) -> str:
    """How a fax estimate is worked out, with this quote's numbers."""
    flag, billing = money(cost.flag_fall), cost.billing_type
    minute = money(cost.per_second * SECONDS_PER_MINUTE)
    if billing == "Mixed":
        return tr(
            "connection fee {flag} + {n} pages × ({page} per page + {minute} per minute of "
            "line time, billed by the second). Each page is charged, and so is the time on "
            "the line; about one minute per page is assumed."
        ).format(flag=flag, n=pages, page=money(cost.per_page), minute=minute)
    if billing == "PerMinute":
        return tr(
            "connection fee {flag} + {n} pages × {rate} per minute (billed by the minute; "
            "assumes about one minute per page)"
        ).format(flag=flag, n=pages, rate=money(cost.per_minute))
    if billing == "PerSecond":
        return tr(
            "connection fee {flag} + {n} pages × {minute} per minute (billed by the second; "
            "assumes about one minute per page)"
        ).format(flag=flag, n=pages, minute=minute)
    return tr("connection fee {flag} + {n} pages × {page} per page").format(
        flag=flag, n=pages, page=money(cost.per_page)
    )


def count_text(n: int, one: str, many: str) -> str:
    """``1 page`` / ``10 pages`` (``many`` has a ``{n}``)."""
    return one if n == 1 else many.format(n=n)
