"""Every way a TraiTel request can fail, as one class hierarchy.

``TraiTelError`` is the root. ``ApiError`` and its 21 subclasses are the gateway's own
``Error NNN: text`` answers (or the same error found locally before sending, see
:mod:`traitel_desktop.api.validate`). ``ProtocolError`` (and ``AnswerTooLarge``),
``GatewayUnreachable`` (and ``NoAnswer``, ``AnswerTooSlow``) and ``UnknownOutcome`` come from
the client itself; they live in :mod:`traitel_desktop.api.failures` and are re-exported here.

Every error has ``.explanation``: plain words for someone who has never seen an API, saying
what happened and what to do. No error text ever contains the account password: the client
calls :meth:`TraiTelError.redact` on anything built from server or network text.
"""

from __future__ import annotations

from traitel_desktop.api.explanations import explain, field_for
from traitel_desktop.api.failures import (
    REDACTED,
    AnswerTooLarge,
    AnswerTooSlow,
    Failure,
    GatewayUnreachable,
    NoAnswer,
    ProtocolError,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.contract.error_codes import ERROR_TEXTS

__all__ = [
    "REDACTED",
    "AliasAlreadyRegistered",
    "AnswerTooLarge",
    "AnswerTooSlow",
    "ApiError",
    "AuthenticationFailed",
    "DidNotAvailable",
    "DuplicateName",
    "EmailAlreadyRegistered",
    "Failure",
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
    "NoAnswer",
    "NoIvrSubscription",
    "ProtocolError",
    "ServiceNotAvailable",
    "ServiceUnavailable",
    "TraiTelError",
    "UnknownOutcome",
    "error_for_code",
]

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
