"""What went wrong with one attempt to get an answer from one gateway.

``requests`` and ``urllib3`` report a failed exchange as exceptions nested several deep (and
holding the prepared request, whose body holds the password). This module reads them into an
:class:`AttemptFailed`: the :class:`Failure` (what the owner is told), a short reason without
URLs or parameters (for logs), and whether the request may have reached the gateway (a change
that may have been made is never sent again).
"""

from __future__ import annotations

import ssl

import requests
import urllib3.exceptions
from urllib3.exceptions import NewConnectionError

from traitel_desktop.api.bounded import PastDeadline, TooLarge
from traitel_desktop.api.errors import Failure, ProtocolError

__all__ = ["AttemptFailed", "describe", "reached_server", "reading_failure"]


class AttemptFailed(Exception):
    """One attempt got no usable answer: ``failure``, ``reason`` (words for logs), and
    ``reached``: whether the request may have reached the gateway."""

    def __init__(self, failure: Failure, reason: str, reached: bool) -> None:
        super().__init__(reason)
        self.failure = failure
        self.reason = reason
        self.reached = reached


def _chain(exc: BaseException) -> list[object]:
    """``exc`` and what caused it (``requests`` and ``urllib3`` nest their reasons)."""
    seen: list[object] = []
    todo: list[object] = [exc]
    while todo and len(seen) < 20:
        item = todo.pop()
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        if isinstance(item, BaseException):
            todo += [getattr(item, "reason", None), item.__cause__, item.__context__,
                     *item.args[:1]]
    return seen


def reached_server(exc: requests.RequestException) -> bool:
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


def describe(exc: requests.RequestException, read_timeout: float) -> AttemptFailed:
    """A failed POST (no answer headers) as an :class:`AttemptFailed`."""
    reached = reached_server(exc)
    if isinstance(exc, requests.ConnectTimeout):
        return AttemptFailed(Failure.CONNECT, "connection timed out", reached)
    if isinstance(exc, requests.ReadTimeout):
        return AttemptFailed(Failure.NO_ANSWER, f"no answer within {read_timeout:g} s", reached)
    if isinstance(exc, requests.exceptions.SSLError):
        if any(isinstance(e, ssl.SSLCertVerificationError) for e in _chain(exc)):
            return AttemptFailed(
                Failure.CERTIFICATE, "the server's certificate was not accepted", reached)
        return AttemptFailed(Failure.CONNECT, "secure connection failed", reached)
    if not reached:
        return AttemptFailed(Failure.CONNECT, "could not connect", reached)
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return AttemptFailed(
            Failure.CUT, "connection dropped before the answer was complete", reached)
    return AttemptFailed(Failure.CUT, type(exc).__name__, reached)


def reading_failure(exc: Exception, too_slow: str) -> AttemptFailed | ProtocolError | None:
    """What an error while reading the body (the headers had come) means; None when it is
    not one of the expected ones. ``too_slow`` is the reason for a passed deadline."""
    if isinstance(exc, TooLarge):
        return AttemptFailed(Failure.TOO_LARGE, str(exc), reached=True)
    if isinstance(exc, PastDeadline):
        return AttemptFailed(Failure.TOO_SLOW, too_slow, reached=True)
    if isinstance(exc, urllib3.exceptions.DecodeError):
        return ProtocolError("the compressed answer could not be unpacked")
    if isinstance(exc, urllib3.exceptions.HTTPError | OSError):
        reason = f"connection dropped before the answer was complete ({type(exc).__name__})"
        return AttemptFailed(Failure.CUT, reason, reached=True)
    return None
