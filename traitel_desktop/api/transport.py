"""Sending one request to TraiTel: POST form data, timeouts, and failover between gateways.

The trigger for trying the other gateway (``../shared/spec/NOTES.md``) is a gateway that
"fails to respond": a connection error, a time-out, an HTTP 5xx, or ``Error 001``. A request
that may already have reached the gateway (read time-out, connection dropped mid-answer) is
repeated only for read-only modes; for a change it raises :class:`UnknownOutcome` instead.
The gateway that answered last is tried first next time.

A :class:`Connection` (and so a ``TraiTelClient``) must be used from one thread at a time; give
each worker thread its own with :meth:`Connection.copy`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self, TypeVar

import requests
from urllib3.exceptions import NewConnectionError

from traitel_desktop.api.body import Body, decode_bytes, parse_body
from traitel_desktop.api.errors import (
    GatewayUnreachable,
    ServiceUnavailable,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.contract.modes import is_read_only

__all__ = ["ALTERNATE_URL", "PRIMARY_URL", "Connection", "Gateway", "Response"]

log = logging.getLogger(__name__)

PRIMARY_URL = "https://api.traitel.com/accountmanager.pl"
ALTERNATE_URL = "https://api2.traitel.com/accountmanager.pl"

#: HTTP statuses that say the request was not processed (bad gateway, service unavailable):
#: any mode, writes included, may be sent to the other gateway after them.
_NOT_PROCESSED = frozenset({502, 503})
_NAMES = ("primary", "alternate")
_USER_AGENT = "TraiTel-Desktop/0.1"
E = TypeVar("E", bound=TraiTelError)


@dataclass(frozen=True, slots=True)
class Gateway:
    """One gateway: its URL, its position (0 primary, 1 alternate) and that name."""

    url: str
    index: int
    name: str


@dataclass(frozen=True, slots=True)
class Response:
    """A gateway's ``Ok`` answer: the whole decoded body text and the parsed part after Ok."""

    mode: str
    gateway: Gateway
    body_text: str
    parsed: Body
    elapsed: float


class _Secret:
    """Holds the password; its repr never shows it."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<hidden>"


def _reached_server(exc: requests.RequestException) -> bool:
    """False when the request certainly never left (connect failure), True when it may have."""
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return False
    if isinstance(exc, requests.exceptions.ProxyError | requests.exceptions.InvalidURL):
        return False
    if isinstance(exc, requests.exceptions.MissingSchema | requests.exceptions.InvalidSchema):
        return False
    if isinstance(exc, requests.ConnectionError) and not isinstance(
        exc, requests.exceptions.ChunkedEncodingError
    ):
        reason = getattr(exc.args[0], "reason", None) if exc.args else None
        if isinstance(reason, NewConnectionError):
            return False
    return True


def _describe(exc: requests.RequestException, read_timeout: float) -> str:
    """A short reason without URLs or parameters."""
    if isinstance(exc, requests.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.ReadTimeout):
        return f"no answer within {read_timeout:g} s"
    if isinstance(exc, requests.exceptions.SSLError):
        return "secure connection failed"
    if isinstance(exc, requests.ConnectionError) and not _reached_server(exc):
        return "could not connect"
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return "connection dropped before the answer was complete"
    return type(exc).__name__


class Connection:
    """Credentials, gateways, one ``requests.Session`` and the failover logic."""

    def __init__(
        self,
        username: str,
        password: str,
        *,
        gateways: Sequence[str] = (PRIMARY_URL, ALTERNATE_URL),
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        verify: bool | str = True,
    ) -> None:
        if not 1 <= len(gateways) <= len(_NAMES):
            raise ValueError("give one or two gateway URLs")
        self.username = username
        self._secret = _Secret(password)
        self.gateways: tuple[Gateway, ...] = tuple(
            Gateway(url, i, _NAMES[i]) for i, url in enumerate(gateways)
        )
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.verify = verify
        self.last_gateway: Gateway | None = None
        self._preferred = 0
        self._session = self._new_session()

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.headers["User-Agent"] = _USER_AGENT
        session.headers["Accept"] = "text/plain, text/csv, */*;q=0.5"
        session.trust_env = True
        return session

    def __repr__(self) -> str:
        urls = tuple(g.url for g in self.gateways)
        return f"{type(self).__name__}(user={self.username!r}, gateways={urls!r})"

    def copy(self) -> Self:
        """A new client with the same credentials, gateways and learned state, and its own
        ``requests.Session`` (cheap: use one per thread)."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._session = self._new_session()
        return clone

    def close(self) -> None:
        """Close the HTTP connections."""
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _order(self) -> list[Gateway]:
        first = self.gateways[self._preferred]
        return [first, *(g for g in self.gateways if g is not first)]

    def request(self, mode: str, **params: str | None) -> Response:
        """POST ``mode`` with ``params`` (``None`` values are left out), failing over as needed.

        Returns the ``Ok`` answer; raises the ``ApiError`` for ``Error NNN`` answers,
        :class:`ProtocolError`, :class:`GatewayUnreachable` or :class:`UnknownOutcome`.
        No argument checking happens here.
        """
        reserved = {"user", "pass", "mode"} & params.keys()
        if reserved:
            raise ValueError(f"request() sets {sorted(reserved)} itself")
        data = {"user": self.username, "pass": self._secret.value, "mode": mode}
        data.update({k: v for k, v in params.items() if v is not None})
        read_only = is_read_only(mode)
        attempts: list[tuple[str, str]] = []
        unavailable: list[ServiceUnavailable] = []
        for gateway in self._order():
            started = time.monotonic()
            log.debug("%s -> %s gateway", mode, gateway.name)
            try:
                answer = self._session.post(
                    gateway.url,
                    data=data,
                    timeout=(self.connect_timeout, self.read_timeout),
                    allow_redirects=False,
                    verify=self.verify,
                )
                raw = answer.content
            except requests.RequestException as exc:
                reason = _describe(exc, self.read_timeout)
                if not read_only and _reached_server(exc):
                    log.warning("%s sent to %s gateway, outcome unknown: %s",
                                mode, gateway.name, reason)
                    raise self._redacted(UnknownOutcome(mode, gateway.name, reason)) from None
                log.info("%s gateway did not answer %s: %s", gateway.name, mode, reason)
                attempts.append((gateway.name, reason))
                continue
            elapsed = time.monotonic() - started
            if answer.status_code >= 500:
                if not read_only and answer.status_code not in _NOT_PROCESSED:
                    # 500/504 and the like: the gateway may have made the change before
                    # failing, so a write is not repeated on the other gateway.
                    reason = f"HTTP {answer.status_code}"
                    log.warning("%s sent to %s gateway, outcome unknown: %s",
                                mode, gateway.name, reason)
                    raise self._redacted(UnknownOutcome(mode, gateway.name, reason))
                log.info("%s gateway answered HTTP %d to %s", gateway.name,
                         answer.status_code, mode)
                attempts.append((gateway.name, f"HTTP {answer.status_code}"))
                continue
            try:
                parsed = parse_body(raw, mode)
            except ServiceUnavailable as exc:
                log.info("%s gateway answered Error 001 to %s", gateway.name, mode)
                unavailable.append(self._redacted(exc))
                attempts.append((gateway.name, "Error 001: service unavailable"))
                continue
            except TraiTelError as exc:
                self._answered(gateway)
                raise self._redacted(exc) from None
            self._answered(gateway)
            log.debug("%s answered by %s gateway in %.3f s", mode, gateway.name, elapsed)
            return Response(mode, gateway, decode_bytes(raw), parsed, elapsed)
        if unavailable and len(unavailable) == len(attempts):
            raise unavailable[-1]
        raise self._redacted(GatewayUnreachable(attempts))

    def _answered(self, gateway: Gateway) -> None:
        self.last_gateway = gateway
        self._preferred = gateway.index

    def _redacted(self, exc: E) -> E:
        exc.redact(self._secret.value)
        return exc
