"""Every way a TraiTel request can fail, as one class hierarchy.

``TraiTelError`` is the root. ``ApiError`` and its 21 subclasses are the gateway's own
``Error NNN: text`` answers (or the same error found locally before sending, see
:mod:`traitel_desktop.api.validate`). ``ProtocolError``, ``GatewayUnreachable`` and
``UnknownOutcome`` come from the client itself.

Every error has ``.explanation``: plain words for someone who has never seen an API, saying
what happened and what to do. No error text ever contains the account password: the client
calls :meth:`TraiTelError.redact` on anything built from server or network text.
"""

from __future__ import annotations

from traitel_desktop.api.explanations import explain, field_for
from traitel_desktop.contract.error_codes import ERROR_TEXTS

__all__ = [
    "AliasAlreadyRegistered",
    "ApiError",
    "AuthenticationFailed",
    "DidNotAvailable",
    "DuplicateName",
    "EmailAlreadyRegistered",
    "GatewayUnreachable",
    "IncompleteRequest",
    "InvalidCity",
    "InvalidCountry",
    "InvalidDestination",
    "InvalidDid",
    "InvalidEmail",
    "InvalidEndDate",
    "InvalidIvml",
    "InvalidIvr",
    "InvalidService",
    "InvalidStartDate",
    "InvalidSubAccount",
    "InvalidTimeZone",
    "NoIvrSubscription",
    "ProtocolError",
    "ServiceNotAvailable",
    "ServiceUnavailable",
    "TraiTelError",
    "UnknownOutcome",
    "error_for_code",
]

REDACTED = "********"


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
    if isinstance(value, str):
        return value.replace(secret, REDACTED)
    if isinstance(value, tuple):
        return tuple(_redact_item(v, secret) for v in value)
    return value


class ApiError(TraiTelError):
    """The gateway answered ``Error NNN: text`` (or would have, found before sending).

    ``code`` is the number, ``server_text`` the gateway's words, ``field`` the request
    parameter it concerns (``"email"``, ``"subid"`` ...) or ``None``, ``mode`` the request's
    mode when known, and ``local`` is true when the client found the problem itself and sent
    nothing.

    When the client finds several bad arguments in one request it raises the first, carrying
    the rest in ``others``: :attr:`problems` lists them all, so a form can mark every field at
    once. ``sent_fields`` names the parameters the request carried (set by the client on a
    gateway's ``Error 200`` that names no field).
    """

    code: int = 0

    def __init__(
        self,
        code: int,
        server_text: str,
        *,
        field: str | None = None,
        mode: str | None = None,
        explanation: str | None = None,
        local: bool = False,
    ) -> None:
        self.code = code
        self.server_text = server_text
        self.field = field
        self.mode = mode
        self.local = local
        self.others: tuple[ApiError, ...] = ()
        self.sent_fields: tuple[str, ...] = ()
        super().__init__(
            f"Error {code:03d}: {server_text}", explanation or explain(code, mode, field)
        )

    @property
    def problems(self) -> tuple[ApiError, ...]:
        """This error and every other one found in the same request, in the form's order."""
        return (self, *self.others)


class ServiceUnavailable(ApiError):
    """001: the gateway cannot process requests right now (nothing was done)."""

    code = 1


class AuthenticationFailed(ApiError):
    """002: wrong user name or password, or the account is locked or disabled."""

    code = 2


class EmailAlreadyRegistered(ApiError):
    """101: the e-mail address is used by another sub-account or account."""

    code = 101


class AliasAlreadyRegistered(ApiError):
    """102: another sub-account already has this alias."""

    code = 102


class InvalidEmail(ApiError):
    """104: the e-mail address is not a valid address."""

    code = 104


class InvalidSubAccount(ApiError):
    """105: no sub-account with this ID."""

    code = 105


class InvalidService(ApiError):
    """107: the service name is not one of the allowed ones."""

    code = 107


class ServiceNotAvailable(ApiError):
    """108: the number cannot be used for the chosen service."""

    code = 108


class InvalidIvr(ApiError):
    """109: no IVR menu with this ID."""

    code = 109


class InvalidIvml(ApiError):
    """110: no IVML configuration with this ID."""

    code = 110


class InvalidCountry(ApiError):
    """111: the country is unknown or has no numbers for this service."""

    code = 111


class InvalidCity(ApiError):
    """112: the city is unknown for this country and service."""

    code = 112


class InvalidDid(ApiError):
    """113: the number does not exist, is badly formatted or is not the account's."""

    code = 113


class DidNotAvailable(ApiError):
    """114: the offered number was taken before it could be subscribed."""

    code = 114


class NoIvrSubscription(ApiError):
    """115: the account has no IVR service, so IVR/IVML changes are not allowed."""

    code = 115


class DuplicateName(ApiError):
    """116: another IVML configuration already has this name."""

    code = 116


class InvalidEndDate(ApiError):
    """117: the end date is badly formatted, impossible or in the future."""

    code = 117


class InvalidStartDate(ApiError):
    """118: the start date is badly formatted, impossible or in the future."""

    code = 118


class InvalidTimeZone(ApiError):
    """119: the time-zone name is not known."""

    code = 119


class InvalidDestination(ApiError):
    """120: the destination number is invalid or cannot be reached by the service."""

    code = 120


class IncompleteRequest(ApiError):
    """200: a required parameter is missing or a value is outside the allowed options."""

    code = 200


ERROR_CLASSES: dict[int, type[ApiError]] = {
    cls.code: cls
    for cls in (
        ServiceUnavailable,
        AuthenticationFailed,
        EmailAlreadyRegistered,
        AliasAlreadyRegistered,
        InvalidEmail,
        InvalidSubAccount,
        InvalidService,
        ServiceNotAvailable,
        InvalidIvr,
        InvalidIvml,
        InvalidCountry,
        InvalidCity,
        InvalidDid,
        DidNotAvailable,
        NoIvrSubscription,
        DuplicateName,
        InvalidEndDate,
        InvalidStartDate,
        InvalidTimeZone,
        InvalidDestination,
        IncompleteRequest,
    )
}
assert set(ERROR_CLASSES) == set(ERROR_TEXTS)


def error_for_code(
    code: int,
    text: str | None = None,
    field: str | None = None,
    *,
    mode: str | None = None,
    explanation: str | None = None,
    local: bool = False,
) -> ApiError:
    """Build the error for ``Error code: text``.

    ``field`` defaults to the parameter the code concerns in ``mode`` (``109`` in
    ``assignnumber`` is ``serviceid``; ``110`` in ``updateivml`` is ``ivmlid``). ``text``
    defaults to the document's text. A code outside the document gives a plain ``ApiError``.
    """
    cls = ERROR_CLASSES.get(code, ApiError)
    if text is None:
        text = ERROR_TEXTS.get(code, "Unknown error.")
    if field is None:
        field = field_for(code, mode)
    return cls(code, text, field=field, mode=mode, explanation=explanation, local=local)


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


class GatewayUnreachable(TraiTelError):
    """No gateway answered (connection refused, time-outs, server errors).

    ``attempts`` holds ``(gateway name, reason)`` pairs, one per gateway tried.
    """

    def __init__(self, attempts: list[tuple[str, str]]) -> None:
        self.attempts = attempts
        tried = "; ".join(f"{name}: {reason}" for name, reason in attempts) or "none"
        super().__init__(
            f"No TraiTel gateway answered ({tried})",
            "TraiTel's servers could not be reached, so nothing was done. Check that this "
            "computer is connected to the internet, then try again. If your connection "
            "works, TraiTel may be having a short outage: try again in a few minutes.",
        )


#: What to look at after an unknown outcome, per write mode.
_CHECK_WHAT: dict[str, str] = {
    "addsubaccount": "the list of sub-accounts (the new sub-account may already be there)",
    "delsubaccount": "the list of sub-accounts (it may already be gone)",
    "updatesubaccount": "the sub-account's details (they may already be changed)",
    "assignnumber": "your numbers (the number may already be assigned)",
    "subscribedid": "your numbers and your balance (the number may already be yours, "
    "and charged)",
    "addivml": "the list of IVML configurations (the new one may already be there)",
    "updateivml": "the IVML configuration (it may already be changed)",
    "deleteivml": "the list of IVML configurations (it may already be gone)",
    "settimezone": "the account time zone (it may already be changed)",
}


class UnknownOutcome(TraiTelError):
    """A change was sent but no answer came back: it may or may not have been made.

    The client never repeats such a request by itself. ``mode`` is the change that was sent,
    ``gateway`` the name of the gateway it was sent to.
    """

    def __init__(self, mode: str, gateway: str, reason: str) -> None:
        self.mode = mode
        self.gateway = gateway
        self.reason = reason
        what = _CHECK_WHAT.get(mode, "your account")
        super().__init__(
            f"No answer to {mode} from the {gateway} gateway after sending it ({reason})",
            "The change was sent to TraiTel, but the answer never arrived, so we could not "
            f"confirm whether it happened. Please check {what} before trying again, so it "
            "is not done twice.",
        )
