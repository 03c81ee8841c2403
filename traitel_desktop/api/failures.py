"""The root of the client's errors, and every way a request fails without an ``Error NNN``.

:class:`TraiTelError` is the root of every error the client raises (the gateway's own
``Error NNN`` answers are in :mod:`traitel_desktop.api.errors`, which re-exports all of these).
Here are the client's own findings: an answer that is not a TraiTel answer
(:class:`ProtocolError`) or is too large to read (:class:`AnswerTooLarge`); no usable answer
from any gateway (:class:`GatewayUnreachable`, and its kinds :class:`NoAnswer` and
:class:`AnswerTooSlow`); and a change whose answer went missing (:class:`UnknownOutcome`).
:class:`Failure` names what went wrong, so the plain explanation says which it was: a refused
certificate, a cut-off answer, no answer, a server error, a refused connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum, StrEnum

from traitel_desktop.api.explanations import (
    FAILURE_EXPLANATIONS,
    FAILURE_PRIORITY,
    explain_too_large,
    explain_too_slow,
    explain_unknown_outcome,
)

__all__ = [
    "REDACTED",
    "AnswerTooLarge",
    "AnswerTooSlow",
    "Failure",
    "GatewayUnreachable",
    "NoAnswer",
    "ProtocolError",
    "TraiTelError",
    "UnknownOutcome",
    "unreachable",
]

REDACTED = "********"


class Failure(StrEnum):
    """What went wrong with one attempt to get an answer."""

    CONNECT = "connect"  #: no connection was made: the request never left
    CERTIFICATE = "certificate"  #: the server's certificate was refused: nothing was sent
    NO_ANSWER = "no answer"  #: sent, but nothing came back within the read time-out
    CUT = "cut"  #: the answer started but the connection ended before it was complete
    SERVER = "server"  #: HTTP 5xx or ``Error 001`` instead of an answer
    TOO_SLOW = "too slow"  #: the request's total deadline passed
    TOO_LARGE = "too large"  #: the answer passed the size cap of its mode


class TraiTelError(Exception):
    """Root of every error the TraiTel client raises.

    ``str(error)`` is a short technical line (for logs); ``.explanation`` is the plain text
    to show to the account owner.
    """

    explanation: str

    def __init__(self, message: str, explanation: str) -> None:
        super().__init__(message)
        self.explanation = explanation

    def redact(self, secret: str) -> None:
        """Replace every occurrence of ``secret`` in this error's texts with asterisks."""
        if not secret:
            return
        self.args = tuple(
            a.replace(secret, REDACTED) if isinstance(a, str) else a for a in self.args
        )
        for name, value in list(vars(self).items()):
            if isinstance(value, str) and secret in value:
                setattr(self, name, value.replace(secret, REDACTED))
            elif isinstance(value, list | tuple):
                setattr(self, name, type(value)(_redact_item(v, secret) for v in value))


def _redact_item(value: object, secret: str) -> object:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return value.replace(secret, REDACTED)
    if isinstance(value, tuple):
        return tuple(_redact_item(v, secret) for v in value)
    return value


class ProtocolError(TraiTelError):
    """The gateway's answer was not a TraiTel answer (an HTML page, an empty or cut body ...).

    ``detail`` says what was wrong, for logs and bug reports.
    """

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"Unexpected answer from the server: {detail}",
            "The server sent an answer this program does not understand, so nothing could "
            "be shown. This is usually temporary (for example a network or proxy page in "
            "the way). Please try again in a few minutes; if it keeps happening, contact "
            "TraiTel support.",
        )


class AnswerTooLarge(ProtocolError):
    """The answer to a question passed its size cap (in bytes, or a CSV row too wide or long)
    and was not read. ``detail`` says which cap, ``what`` says it in plain words."""

    def __init__(self, detail: str, what: str) -> None:
        self.detail = detail
        self.what = what
        TraiTelError.__init__(
            self, f"Answer too large: {detail}", explain_too_large(what))


class GatewayUnreachable(TraiTelError):
    """No gateway gave a usable answer (connection refused, time-outs, server errors ...).

    ``attempts`` holds ``(gateway name, reason)`` pairs, one per gateway tried, and
    ``failures`` the :class:`Failure` of each (when known): the explanation follows the most
    telling one (``FAILURE_PRIORITY``).
    """

    def __init__(
        self, attempts: list[tuple[str, str]], failures: Sequence[Failure] = ()
    ) -> None:
        self.attempts = attempts
        self.failures = tuple(failures)
        tried = "; ".join(f"{name}: {reason}" for name, reason in attempts) or "none"
        super().__init__(
            f"No TraiTel gateway answered ({tried})",
            FAILURE_EXPLANATIONS[_most_telling(self.failures)],
        )


def _most_telling(failures: Sequence[Failure]) -> str:
    return next((f for f in FAILURE_PRIORITY if f in failures), Failure.CONNECT)


class NoAnswer(GatewayUnreachable):
    """A gateway received the question but sent nothing back in time (read time-out), and no
    other gateway answered either."""


class AnswerTooSlow(GatewayUnreachable):
    """The request passed its total deadline (``seconds``): an answer arriving too slowly (a
    dripping gateway) or gateways failing until no time was left. Nothing was changed."""

    def __init__(
        self,
        attempts: list[tuple[str, str]],
        failures: Sequence[Failure],
        seconds: float,
    ) -> None:
        super().__init__(attempts, failures)
        self.seconds = seconds
        self.explanation = explain_too_slow(seconds)


def unreachable(attempts: list[tuple[str, str]], failures: Sequence[Failure]) -> GatewayUnreachable:
    """The error for a question no gateway answered: :class:`NoAnswer` when the most telling
    failure is a gateway that kept silent, else :class:`GatewayUnreachable`."""
    if _most_telling(failures) == Failure.NO_ANSWER:
        return NoAnswer(attempts, failures)
    return GatewayUnreachable(attempts, failures)


#: What to look at after an unknown outcome, per write mode.
_CHECK_WHAT: dict[str, str] = {
    "addsubaccount": "the list of sub-accounts (the new sub-account may already be there)",
    "delsubaccount": "the list of sub-accounts (it may already be gone)",
    "updatesubaccount": "the sub-account's details (they may already be changed)",
    "assignnumber": "your numbers (the number may already be assigned)",
    "subscribedid": "your numbers and your balance (the number may already be yours, "
    "and charged)",
    "addivml": "the list of call flows (the new one may already be there)",
    "updateivml": "the call flow (it may already be changed)",
    "deleteivml": "the list of call flows (it may already be gone)",
    "settimezone": "the account time zone (it may already be changed)",
}


class UnknownOutcome(TraiTelError):
    """A change was sent but no usable answer came back: it may or may not have been made.

    The client never repeats such a request by itself. ``mode`` is the change that was sent,
    ``gateway`` the name of the gateway it was sent to, ``failure`` how the answer went
    missing (no answer, cut off, a server error, too slow, too large).
    """

    def __init__(
        self, mode: str, gateway: str, reason: str, failure: Failure = Failure.NO_ANSWER
    ) -> None:
        self.mode = mode
        self.gateway = gateway
        self.reason = reason
        self.failure = failure
        super().__init__(
            f"No answer to {mode} from the {gateway} gateway after sending it ({reason})",
            explain_unknown_outcome(failure, _CHECK_WHAT.get(mode, "your account")),
        )
