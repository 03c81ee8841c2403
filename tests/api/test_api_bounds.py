"""Every answer is bounded: a size cap per mode (inflated bytes too), a row cap for CSV, and a
total deadline per request that holds even against a gateway dripping its answer."""

from __future__ import annotations

import datetime as dt
import gzip
import time
from collections.abc import Iterator

import pytest

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import PASSWORD, FakeGateway, Reply
from traitel_desktop.api import TraiTelClient, errors
from traitel_desktop.api.body import MAX_COLUMNS
from traitel_desktop.api.bounded import LOG, TABLE, VALUE, limit_for

D = dt.date(2024, 1, 10)
#: A limit no busy machine reaches, far below how long the hostile answers would last.
SOON = 15.0
LOG_HEAD = "ID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost"


def bounded_client(
    gateways: tuple[str, ...], *, deadline: float = 30.0, max_bytes: int | None = None
) -> TraiTelClient:
    """A client with short time-outs and the given bounds."""
    return TraiTelClient("demo", PASSWORD, gateways=gateways, connect_timeout=2.0,
                         read_timeout=5.0, deadline=deadline, max_bytes=max_bytes)


@pytest.fixture
def two(primary: FakeGateway, alternate: FakeGateway) -> Iterator[TraiTelClient]:
    """A client of both fake gateways with a 1.5 s deadline."""
    with bounded_client((primary.url, alternate.url), deadline=1.5) as c:
        yield c


def test_caps_per_mode_are_documented_sizes() -> None:
    assert limit_for("querybalance") == limit_for("addsubaccount") == VALUE
    assert limit_for("delsubaccount") == limit_for("settimezone") == VALUE
    assert limit_for("querysubaccounts") == limit_for("listivml") == TABLE
    assert limit_for("logsmsout") == limit_for("logfaxin") == LOG
    assert VALUE.max_bytes < TABLE.max_bytes < LOG.max_bytes <= 64 * 2**20


# --- size ------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [True, False], ids=["with-length", "without-length"])
def test_answer_over_the_cap_is_refused(
    client: TraiTelClient, primary: FakeGateway, alternate: FakeGateway, length: bool
) -> None:
    primary.reply(Reply("Ok\n" + "1" * (VALUE.max_bytes + 10), length=length))
    with pytest.raises(errors.AnswerTooLarge) as info:
        client.query_balance()
    exc = info.value
    assert isinstance(exc, errors.ProtocolError)
    assert "larger than expected" in exc.explanation and "64 KB" in exc.explanation
    assert alternate.requests == []  # the other gateway holds the same data


def test_answer_just_under_the_cap_is_read(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Ok\n" + " " * (VALUE.max_bytes - 20) + "12.50\n")
    assert str(client.query_balance()) == "12.50"


def test_gzip_bomb_is_stopped_by_the_inflated_size(
    primary: FakeGateway, alternate: FakeGateway
) -> None:
    # 16 MB of zeros packs into 16 KB; the log cap here is 1 MB.
    bomb = gzip.compress(b"Ok\n" + b"0" * (16 << 20), compresslevel=9)
    assert len(bomb) < 100_000
    primary.reply(Reply(bomb, headers={"Content-Encoding": "gzip"}))
    with (
        bounded_client((primary.url, alternate.url), max_bytes=1 << 20) as c,
        pytest.raises(errors.AnswerTooLarge) as info,
    ):
        c.log_sms_out(D, D)
    assert "1 MB" in info.value.explanation


def test_gzip_answer_under_the_cap_is_read(client: TraiTelClient, primary: FakeGateway) -> None:
    packed = gzip.compress(SUCCESS["querysubaccounts"].encode())
    primary.reply(Reply(packed, headers={"Content-Encoding": "gzip"}))
    assert [a.sub_id for a in client.query_sub_accounts()] == [11, 12]


def test_gzip_that_does_not_unpack_is_a_protocol_error(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    primary.reply(Reply(b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(errors.ProtocolError) as info:
        client.query_balance()
    assert "unpacked" in str(info.value)


@pytest.mark.parametrize(
    "header",
    [LOG_HEAD + ",x" * (MAX_COLUMNS + 1), LOG_HEAD.replace("Tracking", '"Tracking"')
     + ",x" * (MAX_COLUMNS + 1)],
    ids=["plain", "quoted"],
)
def test_too_wide_log_is_refused_before_it_is_split(
    client: TraiTelClient, primary: FakeGateway, header: str
) -> None:
    primary.reply(f"Ok\n{header}\n1,0,2024-01-10,00:00:00,1,2,1,,0.1\n")
    with pytest.raises(errors.AnswerTooLarge) as info:
        client.log_sms_out(D, D)
    assert "columns" in info.value.explanation


def test_too_wide_row_is_refused(client: TraiTelClient, primary: FakeGateway) -> None:
    row = "1,0,2024-01-10,00:00:00,1,2,1,,0.1" + ",x" * (MAX_COLUMNS + 1)
    primary.reply(f"Ok\n{LOG_HEAD}\n{row}\n")
    with pytest.raises(errors.AnswerTooLarge):
        client.log_sms_out(D, D)


def test_row_of_many_quoted_lines_is_refused(client: TraiTelClient, primary: FakeGateway) -> None:
    # Each physical line (and cell) is short; the row they make is over the row size cap.
    cells = ",".join(['"a\n"'] * 300_000)
    primary.reply(f"Ok\n{LOG_HEAD}\n1,0,2024-01-10,00:00:00,1,2,1,{cells},0.1\n")
    with pytest.raises(errors.AnswerTooLarge):
        client.log_sms_out(D, D)


def test_too_wide_table_is_refused(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Ok\nCountryName" + ",x" * (MAX_COLUMNS + 1) + "\nAustralia\n")
    with pytest.raises(errors.AnswerTooLarge):
        client.query_did_countries("fax")


def test_too_large_answer_to_a_change_is_an_unknown_outcome(
    client: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply("Ok\n" + "7" * (VALUE.max_bytes + 10), length=False))
    with pytest.raises(errors.UnknownOutcome) as info:
        client.add_sub_account("sales")
    assert info.value.failure is errors.Failure.TOO_LARGE
    assert "larger than expected" in info.value.explanation
    assert alternate.requests == []


# --- time ------------------------------------------------------------------------------------


@pytest.mark.parametrize("drip_head", [False, True], ids=["body", "status-and-headers"])
def test_dripping_answer_ends_at_the_deadline(
    two: TraiTelClient, primary: FakeGateway, alternate: FakeGateway, drip_head: bool
) -> None:
    # One byte every 0.2 s: each read gets data long before the 5 s read time-out, and the
    # whole answer would take over a minute.
    primary.reply(Reply(SUCCESS["querysubaccounts"], drip=0.2, drip_head=drip_head))
    started = time.monotonic()
    with pytest.raises(errors.AnswerTooSlow) as info:
        two.query_sub_accounts()
    assert time.monotonic() - started < SOON
    exc = info.value
    assert isinstance(exc, errors.GatewayUnreachable)
    assert exc.seconds == 1.5
    assert "stopped waiting after 2 seconds" in exc.explanation
    assert exc.attempts == [("primary", "not answered within 1.5 s")]
    assert alternate.requests == []  # no time left for it


def test_dripping_answer_to_a_change_is_an_unknown_outcome(
    two: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply("Ok\n" + " " * 400 + "\n", drip=0.2))
    started = time.monotonic()
    with pytest.raises(errors.UnknownOutcome) as info:
        two.del_sub_account(7)
    assert time.monotonic() - started < SOON
    assert info.value.failure is errors.Failure.TOO_SLOW
    assert "stopped waiting" in info.value.explanation
    assert alternate.requests == []


def test_dripping_answer_without_length_is_not_taken_as_whole(
    two: TraiTelClient, primary: FakeGateway
) -> None:
    # Ended by the watchdog, an answer without a length would look complete ("Ok\n1").
    primary.reply(Reply("Ok\n1" + "0" * 400 + "\n", drip=0.05, length=False))
    with pytest.raises(errors.AnswerTooSlow):
        two.query_balance()


def test_deadline_spans_the_failover(primary: FakeGateway, alternate: FakeGateway) -> None:
    # The primary keeps silent past the read time-out; the alternate gets what is left.
    primary.reply(Reply(SUCCESS["querybalance"], delay=30))
    alternate.reply(Reply(SUCCESS["querybalance"], drip=0.2))
    with TraiTelClient("demo", PASSWORD, gateways=(primary.url, alternate.url),
                       read_timeout=0.5, deadline=2.0) as c:
        started = time.monotonic()
        with pytest.raises(errors.AnswerTooSlow) as info:
            c.query_balance()
        assert time.monotonic() - started < SOON
    assert [name for name, _ in info.value.attempts] == ["primary", "alternate"]
    assert info.value.failures == (errors.Failure.NO_ANSWER, errors.Failure.TOO_SLOW)


def test_silent_gateways_are_no_answer(primary: FakeGateway, alternate: FakeGateway) -> None:
    primary.reply(Reply(SUCCESS["querybalance"], delay=30))
    alternate.reply(Reply(SUCCESS["querybalance"], delay=30))
    with (
        TraiTelClient("demo", PASSWORD, gateways=(primary.url, alternate.url),
                      read_timeout=0.3, deadline=20) as c,
        pytest.raises(errors.NoAnswer) as info,
    ):
        c.query_balance()
    assert "did not answer in time" in info.value.explanation
    assert "internet" not in info.value.explanation


def test_slow_but_steady_answer_within_the_deadline_is_read(
    primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply("Ok\n12.50\n", drip=0.01))
    with bounded_client((primary.url, alternate.url), deadline=30) as c:
        assert str(c.query_balance()) == "12.50"
        # The connection's deadline does not outlive its request.
        primary.reply(SUCCESS["querybalance"])
        assert str(c.query_balance()) == "123.4500"


def test_deadline_holds_through_a_proxy(
    primary: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake gateway plays an HTTP proxy (it answers whatever URL it is asked for) that
    # drips; the connections of a proxy's pool are watched too.
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = primary.url.rsplit("/", 1)[0]
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("http_proxy", proxy)
    primary.reply(Reply(SUCCESS["querybalance"], drip=0.5, drip_head=True))
    with bounded_client(("http://gateway.invalid/accountmanager.pl",), deadline=1.0) as c:
        started = time.monotonic()
        with pytest.raises(errors.AnswerTooSlow):
            c.query_balance()
        assert time.monotonic() - started < SOON
    assert primary.requests[0].path == "http://gateway.invalid/accountmanager.pl"


def test_watched_pools_keep_their_kind() -> None:
    # A SOCKS proxy's pools (urllib3.contrib.socks) must stay SOCKS pools when watched.
    from urllib3.connectionpool import HTTPSConnectionPool

    from traitel_desktop.api.watchdog import _watched

    class ThroughSocks(HTTPSConnectionPool):
        """Stands for urllib3.contrib.socks.SOCKSHTTPSConnectionPool."""

    watched = _watched({"https": ThroughSocks})["https"]
    assert issubclass(watched, ThroughSocks) and watched is not ThroughSocks
    assert _watched({"https": watched})["https"] is watched
