"""How the history sync repeats a request that failed on the way (Qt-free, plain asyncio).

A :class:`RetryPolicy` bounds the attempts of one request and spaces them with exponential
backoff and jitter (``tenacity``). The waits are ``asyncio.sleep`` on the event loop, never a
sleeping worker thread, so cancelling the sync ends a wait at once.

Repeated (:data:`TRANSIENT`): no gateway answered (:class:`GatewayUnreachable`: refused, dropped
or cut-off connections on both gateways, time-outs) and ``Error 001`` (service unavailable on
both). Any other answer is final: an ``ApiError`` about the request's arguments would only come
back the same. Reads are the only requests the sync sends, so an unknown outcome cannot occur.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from traitel_desktop.api.errors import GatewayUnreachable, ServiceUnavailable

__all__ = ["TRANSIENT", "UNREACHABLE", "RetryPolicy"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Failures that tell nothing about the request itself: worth another attempt.
TRANSIENT: tuple[type[BaseException], ...] = (GatewayUnreachable, ServiceUnavailable,
                                              TimeoutError)
#: Of those, the ones where no gateway answered at all.
UNREACHABLE: tuple[type[BaseException], ...] = (GatewayUnreachable, TimeoutError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """At most ``attempts`` tries of one request; before try ``n + 1`` a wait of
    ``base * 2 ** (n - 1)`` seconds plus up to ``base`` of random jitter, never above ``cap``.

    The defaults (4 tries, 3.5 to 5 seconds of waiting in all) ride out a gateway that drops
    a third of its connections; tests pass a small ``base``.
    """

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.base < 0 or self.cap < 0:
            raise ValueError("base and cap must not be negative")

    async def run(self, attempt: Callable[[], Awaitable[T]], what: str = "request") -> T:
        """``await attempt()`` until it returns, raises something not :data:`TRANSIENT`, or
        the tries run out (then the last failure is raised). ``what`` names it in the log."""

        def before_sleep(state: RetryCallState) -> None:
            failure = state.outcome.exception() if state.outcome is not None else None
            wait = state.next_action.sleep if state.next_action is not None else 0.0
            log.info("%s: try %d of %d failed (%s); again in %.1f s", what,
                     state.attempt_number, self.attempts, failure, wait)

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential_jitter(multiplier=self.base, jitter=self.base, max=self.cap),
            retry=retry_if_exception_type(TRANSIENT),
            sleep=asyncio.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(attempt)
