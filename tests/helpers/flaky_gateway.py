"""A loopback gateway that passes requests on to a sandbox but fails the ones a test chooses.

``FlakyGateway`` is a real HTTP server (:mod:`tests.helpers.fake_gateway`) in front of a
sandbox's primary gateway. ``fail(request)`` decides per request: ``None`` passes it on (the
sandbox's answer, or a dropped connection when the sandbox dropped it), ``DROP`` closes the
connection without an answer, any other text is answered as the body (``"Error 001: ..."``).
Every request is recorded, so a test counts the tries of each date range with :meth:`tries`.
Clients get ``urls`` (also as ``primary_url`` / ``alternate_url``, so the ``Api`` adapter takes
a ``FlakyGateway`` where it takes a sandbox): the flaky gateway first, a closed port as the
alternate, so one try of a request is exactly one request here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from tests.helpers.fake_gateway import Recorded, Reply, closed_port_url, start_gateway

DROP = "drop"
#: ``fail(request) -> None | DROP | body``.
Rule = Callable[[Recorded], str | None]


def log_range(request: Recorded) -> tuple[str, str, str]:
    """``(mode, startdate, enddate)`` of a recorded request."""
    return (request.form.get("mode", ""), request.form.get("startdate", ""),
            request.form.get("enddate", ""))


class FlakyGateway:
    """See the module docstring; ``close()`` stops it."""

    def __init__(self, sandbox: Any, fail: Rule | None = None) -> None:
        self.sandbox = sandbox
        self.fail: Rule = fail or (lambda request: None)
        self.gateway, self._stop = start_gateway()
        self.gateway.handler = self._answer
        self._forward = requests.Session()
        self.urls = (self.gateway.url, closed_port_url())
        self.primary_url, self.alternate_url = self.urls

    def _answer(self, request: Recorded) -> Reply:
        verdict = self.fail(request)
        if verdict == DROP:
            return Reply(drop=True)
        if verdict is not None:
            return Reply(verdict)
        try:
            answer = self._forward.post(self.sandbox.primary_url, data=request.form, timeout=30)
        except requests.ConnectionError:  # the sandbox's own fault injection dropped it
            return Reply(drop=True)
        return Reply(answer.content, status=answer.status_code,
                     content_type=answer.headers.get("Content-Type", "text/plain"))

    def tries(self, mode: str, start: str, end: str) -> int:
        """How many requests for ``mode`` from ``start`` to ``end`` (ISO dates) arrived."""
        with self.gateway.lock:
            return sum(1 for r in self.gateway.requests if log_range(r) == (mode, start, end))

    def modes(self) -> list[str]:
        """The modes of every request received, in order."""
        with self.gateway.lock:
            return self.gateway.modes()

    def close(self) -> None:
        self._stop()
        self._forward.close()
