"""A raw reading of the wire for the sandbox tests: ``requests`` plus ``csv``, no client code."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import requests

TIMEOUT = 10


@dataclass
class Reply:
    """One answer: the first line, the lines after it, and the raw body."""

    first: str
    rest: list[str]
    raw: bytes
    response: requests.Response

    @property
    def ok(self) -> bool:
        """True for ``Ok`` answers."""
        return self.first == "Ok"

    @property
    def code(self) -> int | None:
        """The error number of an ``Error NNN: text`` answer, else None."""
        if self.first.startswith("Error "):
            return int(self.first[6:9])
        return None

    @property
    def value(self) -> str:
        """The one bare value after ``Ok``."""
        assert self.ok, self.first
        assert len(self.rest) == 1, self.rest
        return self.rest[0]

    def table(self) -> list[dict[str, str]]:
        """The CSV table after ``Ok`` as dicts keyed by header name."""
        assert self.ok, self.first
        text = self.raw.decode("utf-8").split("\n", 1)[1]
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        return [dict(zip(header, row, strict=True)) for row in rows[1:]]

    def header(self) -> list[str]:
        """The CSV header row."""
        text = self.raw.decode("utf-8").split("\n", 1)[1]
        return next(csv.reader(io.StringIO(text)))


def call(
    url: str, mode: str, user: str = "demo", password: str = "demo", method: str = "POST",
    session: requests.Session | None = None, **params: object,
) -> Reply:
    """Send one API call and split its body (LF lines, one trailing LF)."""
    data = {"user": user, "pass": password, "mode": mode}
    data.update({k: str(v) for k, v in params.items()})
    http = session or requests
    if method == "POST":
        response = http.post(url, data=data, timeout=TIMEOUT)
    else:
        response = http.get(url, params=data, timeout=TIMEOUT)
    return _reply(response)


def _reply(response: requests.Response) -> Reply:
    assert response.status_code == 200, response.status_code
    raw = response.content
    text = raw.decode("utf-8")
    assert text.endswith("\n") and "\r" not in text, repr(text[:80])
    lines = text[:-1].split("\n")
    return Reply(lines[0], lines[1:], raw, response)


def call_with(url: str, mode: str, params: Mapping[str, object], user: str = "demo") -> Reply:
    """:func:`call` with the mode's parameters in a mapping (``user`` is also the password)."""
    data = {"user": user, "pass": user, "mode": mode}
    data.update({k: str(v) for k, v in params.items()})
    response = requests.post(url, data=data, timeout=TIMEOUT)
    return _reply(response)
