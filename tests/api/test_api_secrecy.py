"""The password never shows: not in a URL, a log, a repr, or any error text."""

from __future__ import annotations

import logging
import traceback
import types
from collections.abc import Callable, Iterator

import pytest

from tests.helpers.fake_gateway import PASSWORD, FakeGateway, Reply
from traitel_desktop.api import TraiTelClient, errors


def fast_client(gateways: tuple[str, ...]) -> TraiTelClient:
    """A client with short time-outs."""
    return TraiTelClient("demo", PASSWORD, gateways=gateways, connect_timeout=1.0,
                         read_timeout=0.4)


def _all_text(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    if isinstance(exc, errors.TraiTelError):
        parts.append(exc.explanation)
        parts.extend(repr(v) for v in vars(exc).values())
    return "\n".join(parts)


Scenario = Callable[[FakeGateway, FakeGateway, str], tuple[tuple[str, ...], Callable[
    [TraiTelClient], object]]]


def _unreachable(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    return (closed, closed), lambda c: c.query_balance()


def _timeout_on_write(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(Reply("Ok\n", delay=3))
    return (primary.url, alternate.url), lambda c: c.del_sub_account(3)


def _echoing_error(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(f"Error 002: Authentication failed for demo/{PASSWORD}\n")
    return (primary.url, alternate.url), lambda c: c.query_balance()


def _echoing_html(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(Reply(f"{PASSWORD}<html>login</html>", content_type="text/html"))
    return (primary.url, alternate.url), lambda c: c.query_balance()


def _echoing_unavailable(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(f"Error 001: down, pass={PASSWORD}\n")
    alternate.reply(f"Error 001: down too, pass={PASSWORD}\n")
    return (primary.url, alternate.url), lambda c: c.query_balance()


@pytest.mark.parametrize(
    "scenario",
    [_unreachable, _timeout_on_write, _echoing_error, _echoing_html, _echoing_unavailable],
    ids=["unreachable", "unknown-outcome", "api-error-echo", "protocol-error-echo",
         "unavailable-echo"],
)
def test_password_not_in_errors_logs_or_repr(
    primary: FakeGateway,
    alternate: FakeGateway,
    closed_url: str,
    caplog: pytest.LogCaptureFixture,
    scenario: Scenario,
) -> None:
    caplog.set_level(logging.DEBUG)
    gateways, call = scenario(primary, alternate, closed_url)
    with fast_client(gateways) as client:
        with pytest.raises(errors.TraiTelError) as info:
            call(client)
        assert PASSWORD not in _all_text(info.value)
        assert PASSWORD not in repr(client)
        assert PASSWORD not in repr(vars(client))
        assert PASSWORD not in repr(client.copy())
    assert caplog.records, "the client should log its attempts"
    assert PASSWORD not in caplog.text
    for record in caplog.records:
        assert PASSWORD not in record.getMessage()


def test_password_only_in_the_post_body(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Ok\n1.00\n")
    client.query_balance()
    [sent] = primary.requests
    assert sent.method == "POST"
    assert "?" not in sent.path and PASSWORD not in sent.path
    assert all(PASSWORD not in value for value in sent.headers.values())
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.form["pass"] == PASSWORD


def test_redirects_are_not_followed(client: TraiTelClient, primary: FakeGateway,
                                    alternate: FakeGateway) -> None:
    # A redirect could carry the form (and password) to another host: never follow one.
    primary.reply(Reply("", status=307, headers={"Location": alternate.url}))
    with pytest.raises(errors.ProtocolError):
        client.query_balance()
    assert len(primary.requests) == 1 and alternate.requests == []


def _reachable(root: object) -> Iterator[object]:
    """Every object reachable from ``root`` through exception links (``__cause__``,
    ``__context__``, ``args``), attributes (``.request``, ``.response``, ``.reason`` ...) and
    containers; not through tracebacks (frames hold the sending function's locals)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, type | types.ModuleType | types.FunctionType):
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, str | bytes | bytearray | int | float | bool) or item is None:
            continue
        if isinstance(item, BaseException):
            todo += [item.__cause__, item.__context__, *item.args]
        if isinstance(item, dict):
            todo += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            todo += list(item)
        for name in getattr(type(item), "__slots__", ()):
            todo.append(getattr(item, name, None))
        if hasattr(item, "__dict__") and not isinstance(item, types.TracebackType):
            todo += [v for k, v in vars(item).items() if k != "__traceback__"]


def _carries_password(root: object) -> list[object]:
    encoded = PASSWORD.encode()
    return [item for item in _reachable(root)
            if (isinstance(item, str) and PASSWORD in item)
            or (isinstance(item, bytes | bytearray) and encoded in item)]


def _dripping_write(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(Reply("Ok\n" + " " * 100, drip=0.2))
    return (primary.url, alternate.url), lambda c: c.del_sub_account(3)


def _dropped_write(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(Reply(drop=True))
    return (primary.url, alternate.url), lambda c: c.set_time_zone("Europe/Paris")


def _cut_read(primary: FakeGateway, alternate: FakeGateway, closed: str) -> tuple[
        tuple[str, ...], Callable[[TraiTelClient], object]]:
    primary.reply(Reply("Ok\n1.00\n", cut=True))
    alternate.reply(Reply(drop=True))
    return (primary.url, alternate.url), lambda c: c.query_balance()


@pytest.mark.parametrize(
    "scenario",
    [_unreachable, _timeout_on_write, _dropped_write, _dripping_write, _cut_read,
     _echoing_html],
    ids=["unreachable", "read-timeout-on-write", "dropped-write", "dripping-write", "cut-read",
         "protocol-error-echo"],
)
def test_no_error_reaches_the_request_body(
    primary: FakeGateway, alternate: FakeGateway, closed_url: str, scenario: Scenario
) -> None:
    gateways, call = scenario(primary, alternate, closed_url)
    with (
        TraiTelClient("demo", PASSWORD, gateways=gateways, connect_timeout=1.0,
                      read_timeout=0.4, deadline=1.0) as client,
        pytest.raises(errors.TraiTelError) as info,
    ):
        call(client)
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert _carries_password(info.value) == []


def test_the_walk_finds_a_password_in_a_request_body() -> None:
    # The check above can see a password where it hides: in a prepared request's body.
    import requests

    prepared = requests.Request("POST", "http://127.0.0.1/", data={"pass": PASSWORD}).prepare()
    wrapped = requests.ConnectionError("dropped", request=prepared)
    outer = errors.ProtocolError("x")
    outer.__context__ = wrapped
    assert _carries_password(outer) == [prepared.body]
