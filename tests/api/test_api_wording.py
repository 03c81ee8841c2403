"""The owner is told what went wrong: a refused certificate, a cut-off answer, a silent
gateway, a server error, no connection; each in plain words and not all as "check your
internet"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.fake_gateway import PASSWORD, FakeGateway, Reply, start_gateway
from traitel_desktop.api import TraiTelClient, errors

JARGON = ("HTTP", "SSL", "TLS", "socket", "CSV", "gzip", "timeout", "time-out")


@pytest.fixture
def untrusted(tmp_path: Path) -> Iterator[FakeGateway]:
    """A fake gateway on HTTPS with a self-signed certificate."""
    pytest.importorskip("cryptography")
    from tests.helpers.tls import self_signed_context

    gateway, stop = start_gateway(tls=self_signed_context(tmp_path))
    yield gateway
    stop()


def _client(*urls: str) -> TraiTelClient:
    return TraiTelClient("demo", PASSWORD, gateways=urls, connect_timeout=2.0, read_timeout=0.5)


def _plain(explanation: str) -> None:
    assert not [word for word in JARGON if word.lower() in explanation.lower()]
    assert explanation.endswith(".")


def test_refused_certificate_says_so(untrusted: FakeGateway, closed_url: str) -> None:
    with _client(untrusted.url, closed_url) as c, pytest.raises(
        errors.GatewayUnreachable) as info:
        c.query_balance()
    exc = info.value
    assert exc.attempts[0] == ("primary", "the server's certificate was not accepted")
    assert "certificate was not accepted" in exc.explanation
    assert "date and time" in exc.explanation
    assert "check that this computer is connected" not in exc.explanation.lower()
    _plain(exc.explanation)


def test_refused_certificate_on_a_change_fails_over(
    untrusted: FakeGateway, alternate: FakeGateway
) -> None:
    # Nothing was sent to a gateway whose certificate was refused: the change may go on.
    alternate.reply("Ok\n")
    with _client(untrusted.url, alternate.url) as c:
        c.del_sub_account(4)
    assert alternate.modes() == ["delsubaccount"]


def test_cut_off_answer_says_so(primary: FakeGateway, alternate: FakeGateway) -> None:
    primary.reply(Reply("Ok\nID,Name,DIDs\n3,Main menu,\n", cut=True))
    alternate.reply(Reply("Ok\nID,Name,DIDs\n3,Main menu,\n", cut=True))
    with _client(primary.url, alternate.url) as c, pytest.raises(
        errors.GatewayUnreachable) as info:
        c.list_ivr()
    assert "cut off before it was complete" in info.value.explanation
    assert "internet" not in info.value.explanation
    _plain(info.value.explanation)


def test_server_errors_say_so(primary: FakeGateway, alternate: FakeGateway) -> None:
    primary.reply(Reply("", status=500))
    alternate.reply("Error 001: Service Unavailable.\n")
    with _client(primary.url, alternate.url) as c, pytest.raises(
        errors.GatewayUnreachable) as info:
        c.query_balance()
    assert "reported a problem" in info.value.explanation
    _plain(info.value.explanation)


def test_no_connection_still_points_at_the_internet(closed_url: str) -> None:
    with _client(closed_url, closed_url) as c, pytest.raises(errors.GatewayUnreachable) as info:
        c.query_balance()
    assert type(info.value) is errors.GatewayUnreachable
    assert "internet" in info.value.explanation


Outcome = Callable[[FakeGateway], None]


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda g: g.reply(Reply("Ok\n17\n", cut=True)), "cut off before it was complete"),
        (lambda g: g.reply(Reply("Ok\n17\n", delay=3)), "the answer never arrived"),
        (lambda g: g.reply(Reply("", status=502)), "reported a problem instead of answering"),
    ],
    ids=["cut", "silent", "bad-gateway"],
)
def test_unknown_outcome_says_how_the_answer_went_missing(
    primary: FakeGateway, alternate: FakeGateway, setup: Outcome, words: str
) -> None:
    setup(primary)
    with _client(primary.url, alternate.url) as c, pytest.raises(
        errors.UnknownOutcome) as info:
        c.add_sub_account("sales")
    assert words in info.value.explanation
    assert "list of sub-accounts" in info.value.explanation
    _plain(info.value.explanation)
    assert alternate.requests == []


@pytest.mark.parametrize(
    "exc",
    [
        errors.AnswerTooLarge("x", "more than 64 MB"),
        errors.AnswerTooSlow([("primary", "x")], [errors.Failure.TOO_SLOW], 60),
        errors.NoAnswer([("primary", "x")], [errors.Failure.NO_ANSWER]),
        errors.GatewayUnreachable([("primary", "x")], [errors.Failure.CERTIFICATE]),
        errors.UnknownOutcome("addivml", "primary", "x", errors.Failure.TOO_LARGE),
        errors.UnknownOutcome("addivml", "primary", "x", errors.Failure.TOO_SLOW),
    ],
    ids=["too-large", "too-slow", "no-answer", "certificate", "change-too-large",
         "change-too-slow"],
)
def test_new_explanations_are_plain(exc: errors.TraiTelError) -> None:
    assert len(exc.explanation) > 80
    _plain(exc.explanation)
