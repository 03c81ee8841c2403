"""Sending one request to TraiTel: POST form data, bounds, and failover between gateways.

The trigger for trying the other gateway (``../shared/spec/NOTES.md``) is a gateway that
"fails to respond": a connection error, a time-out, an HTTP 5xx, or ``Error 001``. A question
(read-only mode) is asked again on the other gateway after any of them. A change is sent again
only when it is known not to have been processed: after ``Error 001`` or a connection that was
never made (refused, connect time-out, refused certificate). Every other failure of a change
(a read time-out, an answer cut off, any HTTP 5xx: a proxy may answer 502 after the gateway
made the change, an answer too slow or too large) raises :class:`UnknownOutcome`.
The gateway that answered last is tried first next time.

Every answer is bounded (:mod:`traitel_desktop.api.bounded`): a size cap per mode, and a total
deadline per request, failover included, enforced by :mod:`traitel_desktop.api.watchdog` even
against a gateway that drips its answer. Past the deadline a question raises
:class:`AnswerTooSlow`; over the cap, :class:`AnswerTooLarge` (neither is asked again: no time
is left, and the other gateway holds the same data).

No error raised here chains to a ``requests`` exception: those hold the prepared request, whose
body holds the password. Errors are built from words and raised outside ``except`` blocks.

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
import urllib3.exceptions

from traitel_desktop.api.attempts import AttemptFailed, describe, reading_failure
from traitel_desktop.api.body import Body, decode_bytes, parse_body
from traitel_desktop.api.bounded import (
    Deadline,
    PastDeadline,
    TooLarge,
    limit_for,
    megabytes,
    read_body,
)
from traitel_desktop.api.errors import (
    AnswerTooLarge,
    AnswerTooSlow,
    Failure,
    ProtocolError,
    ServiceUnavailable,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.api.failures import unreachable
from traitel_desktop.api.watchdog import DeadlineAdapter, Watch, watching
from traitel_desktop.contract.modes import is_read_only

__all__ = ["ALTERNATE_URL", "PRIMARY_URL", "Connection", "Gateway", "Response"]

log = logging.getLogger(__name__)

PRIMARY_URL = "https://api.traitel.com/accountmanager.pl"
ALTERNATE_URL = "https://api2.traitel.com/accountmanager.pl"

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


class Connection:
    """Credentials, gateways, one ``requests.Session`` and the failover logic.

    ``deadline`` (seconds, the whole request) and ``max_bytes`` (the answer's size cap)
    replace every mode's own bounds (:func:`bounded.limit_for`) when given.
    """

    def __init__(
        self,
        username: str,
        password: str,
        *,
        gateways: Sequence[str] = (PRIMARY_URL, ALTERNATE_URL),
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        verify: bool | str = True,
        deadline: float | None = None,
        max_bytes: int | None = None,
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
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.last_gateway: Gateway | None = None
        self._preferred = 0
        self._session = self._new_session()

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        session.headers["User-Agent"] = _USER_AGENT
        session.headers["Accept"] = "text/plain, text/csv, */*;q=0.5"
        session.trust_env = True
        adapter = DeadlineAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
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
        :class:`ProtocolError` (:class:`AnswerTooLarge`), :class:`GatewayUnreachable`
        (:class:`NoAnswer`, :class:`AnswerTooSlow`) or :class:`UnknownOutcome`.
        No argument checking happens here.
        """
        reserved = {"user", "pass", "mode"} & params.keys()
        if reserved:
            raise ValueError(f"request() sets {sorted(reserved)} itself")
        data = {"user": self.username, "pass": self._secret.value, "mode": mode}
        data.update({k: v for k, v in params.items() if v is not None})
        limit = limit_for(mode)
        deadline = Deadline(self.deadline or limit.deadline)
        cap = self.max_bytes or limit.max_bytes
        attempts: list[tuple[str, str]] = []
        failures: list[Failure] = []
        unavailable: list[ServiceUnavailable] = []
        with watching(deadline.seconds) as watch:
            for gateway in self._order():
                started = time.monotonic()
                log.debug("%s -> %s gateway", mode, gateway.name)
                failed: AttemptFailed | None = None
                error: ProtocolError | None = None
                try:
                    raw = self._exchange(gateway, data, deadline, cap, watch)
                except AttemptFailed as exc:
                    failed = exc
                except ProtocolError as exc:
                    error = exc
                if error is not None:
                    self._answered(gateway)
                    raise self._redacted(error)
                if failed is not None:
                    self._failed(mode, gateway, failed, attempts, failures, deadline, cap)
                    continue
                elapsed = time.monotonic() - started
                text = decode_bytes(raw)
                try:
                    parsed = parse_body(text, mode)
                except ServiceUnavailable as exc:
                    log.info("%s gateway answered Error 001 to %s", gateway.name, mode)
                    unavailable.append(self._redacted(exc))
                    attempts.append((gateway.name, "Error 001: service unavailable"))
                    failures.append(Failure.SERVER)
                    continue
                except TraiTelError as exc:
                    self._answered(gateway)
                    raise self._redacted(exc) from None
                self._answered(gateway)
                log.debug("%s answered by %s gateway in %.3f s", mode, gateway.name, elapsed)
                return Response(mode, gateway, text, parsed, elapsed)
        if unavailable and len(unavailable) == len(attempts):
            raise unavailable[-1]
        raise self._redacted(unreachable(attempts, failures))

    def _exchange(
        self, gateway: Gateway, data: dict[str, str], deadline: Deadline, cap: int, watch: Watch
    ) -> bytes:
        """POST ``data`` to ``gateway``; the body of its answer, within ``cap`` and
        ``deadline``. Raises :class:`AttemptFailed` (an HTTP 5xx included) or
        :class:`ProtocolError` (a body that does not decompress), outside ``except`` blocks."""
        if deadline.remaining() <= 0:
            raise AttemptFailed(Failure.TOO_SLOW, "no time left to ask", reached=False)
        too_slow = f"not answered within {deadline.seconds:g} s"
        failed: AttemptFailed | None = None
        try:
            answer = self._session.post(
                gateway.url,
                data=data,
                timeout=(deadline.cap(self.connect_timeout), deadline.cap(self.read_timeout)),
                allow_redirects=False,
                verify=self.verify,
                stream=True,
            )
        except requests.RequestException as exc:
            failed = describe(exc, self.read_timeout)
        if failed is not None:
            if watch.fired or deadline.remaining() <= 0:
                failed = AttemptFailed(Failure.TOO_SLOW, too_slow, failed.reached)
            raise failed
        problem: AttemptFailed | ProtocolError | None = None
        with answer:
            if answer.status_code >= 500:
                raise AttemptFailed(Failure.SERVER, f"HTTP {answer.status_code}", reached=True)
            try:
                raw = read_body(answer.raw, cap, deadline)
            except (TooLarge, PastDeadline, urllib3.exceptions.HTTPError, OSError) as exc:
                problem = reading_failure(exc, too_slow)
        if watch.fired:  # the watchdog cut the answer (one without a length may look whole)
            raise AttemptFailed(Failure.TOO_SLOW, too_slow, reached=True)
        if problem is not None:
            raise problem
        return raw

    def _failed(
        self,
        mode: str,
        gateway: Gateway,
        failed: AttemptFailed,
        attempts: list[tuple[str, str]],
        failures: list[Failure],
        deadline: Deadline,
        cap: int,
    ) -> None:
        """Record a failed attempt, or raise when the request ends with it (outside any
        ``except`` block: nothing chains to the ``requests`` error)."""
        if not is_read_only(mode) and failed.reached:
            log.warning("%s sent to %s gateway, outcome unknown: %s",
                        mode, gateway.name, failed.reason)
            raise self._redacted(UnknownOutcome(mode, gateway.name, failed.reason,
                                                failed.failure))
        log.info("%s gateway did not answer %s: %s", gateway.name, mode, failed.reason)
        attempts.append((gateway.name, failed.reason))
        failures.append(failed.failure)
        if failed.failure is Failure.TOO_SLOW:
            raise self._redacted(AnswerTooSlow(attempts, failures, deadline.seconds))
        if failed.failure is Failure.TOO_LARGE:
            self._answered(gateway)
            raise self._redacted(AnswerTooLarge(failed.reason, f"more than {megabytes(cap)}"))

    def _answered(self, gateway: Gateway) -> None:
        self.last_gateway = gateway
        self._preferred = gateway.index

    def _redacted(self, exc: E) -> E:
        exc.redact(self._secret.value)
        return exc
