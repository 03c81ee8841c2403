"""Failover between the primary and alternate gateways, and the SMS cost spelling fallback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import PASSWORD, FakeGateway, Recorded, Reply
from traitel_desktop.api import TraiTelClient, errors


def fast_client(gateways: tuple[str, ...]) -> TraiTelClient:
    """A client with short time-outs."""
    return TraiTelClient("demo", PASSWORD, gateways=gateways, connect_timeout=1.0,
                         read_timeout=0.4)


@pytest.fixture
def fast(primary: FakeGateway, alternate: FakeGateway) -> Iterator[TraiTelClient]:
    """A client with short time-outs."""
    with fast_client((primary.url, alternate.url)) as c:
        yield c


def _gateway_name(client: TraiTelClient) -> str:
    assert client.last_gateway is not None
    return client.last_gateway.name


def test_refused_primary_fails_over(closed_url: str, alternate: FakeGateway) -> None:
    alternate.reply(SUCCESS["querybalance"])
    with fast_client((closed_url, alternate.url)) as c:
        assert str(c.query_balance()) == "123.4500"
        assert c.last_gateway is not None
        assert (c.last_gateway.index, c.last_gateway.name) == (1, "alternate")
        assert c.last_gateway.url == alternate.url


def test_refused_primary_fails_over_for_writes_too(
    closed_url: str, alternate: FakeGateway
) -> None:
    alternate.reply("Ok\n31\n")
    with fast_client((closed_url, alternate.url)) as c:
        assert c.add_sub_account("sales") == 31
    assert alternate.modes() == ["addsubaccount"]


def test_error_001_fails_over_even_for_writes(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply("Error 001: Service Unavailable.\n")
    alternate.reply("Ok\n")
    fast.subscribe_did("voice", "Australia", "Sydney", "61280001111")
    assert primary.modes() == alternate.modes() == ["subscribedid"]
    assert _gateway_name(fast) == "alternate"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_fails_over(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway, status: int
) -> None:
    primary.reply(Reply("<html>oops</html>", status=status, content_type="text/html"))
    alternate.reply(SUCCESS["listivr"])
    assert [m.id for m in fast.list_ivr()] == [3, 4]
    assert _gateway_name(fast) == "alternate"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_write_is_not_repeated_after_any_5xx(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway, status: int
) -> None:
    # A proxy may answer 502 or 503 after the gateway behind it made the change: for a
    # change, every 5xx is an unknown outcome, never a reason to send it again.
    primary.reply(Reply("<html>Internal error</html>", status=status, content_type="text/html"))
    alternate.reply("Ok\n")
    with pytest.raises(errors.UnknownOutcome) as info:
        fast.del_sub_account(7)
    assert primary.modes() == ["delsubaccount"]
    assert alternate.requests == []
    assert str(status) in str(info.value)
    assert info.value.failure is errors.Failure.SERVER
    assert "reported a problem" in info.value.explanation
    assert "could not confirm whether it happened" in info.value.explanation


def test_read_timeout_on_read_only_mode_retries_on_alternate(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    # The primary would answer after 30 s; the client (0.4 s read time-out) asks the
    # alternate instead, long before (10 s: a limit no busy machine reaches).
    primary.reply(Reply(SUCCESS["querybalance"], delay=30))
    alternate.reply("Ok\n9.99\n")
    started = time.monotonic()
    assert str(fast.query_balance()) == "9.99"
    assert time.monotonic() - started < 10
    assert primary.modes() == alternate.modes() == ["querybalance"]


@pytest.mark.parametrize(
    ("call", "mode", "check_words"),
    [
        (lambda c: c.add_sub_account("sales"), "addsubaccount", "list of sub-accounts"),
        (lambda c: c.subscribe_did("fax", "Australia", "Sydney", "61280001111"), "subscribedid",
         "your numbers and your balance"),
        (lambda c: c.delete_ivml(4), "deleteivml", "list of call flows"),
    ],
)
def test_read_timeout_on_write_is_unknown_outcome_and_not_repeated(
    fast: TraiTelClient,
    primary: FakeGateway,
    alternate: FakeGateway,
    call: object,
    mode: str,
    check_words: str,
) -> None:
    primary.reply(Reply("Ok\n5\n", delay=3))
    alternate.reply("Ok\n5\n")
    with pytest.raises(errors.UnknownOutcome) as info:
        call(fast)  # type: ignore[operator]
    exc = info.value
    assert exc.mode == mode and exc.gateway == "primary"
    assert "could not confirm whether it happened" in exc.explanation
    assert check_words in exc.explanation
    assert primary.modes() == [mode]
    assert alternate.requests == []


def test_dropped_connection_on_write_is_unknown_outcome(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply(drop=True))
    with pytest.raises(errors.UnknownOutcome):
        fast.set_time_zone("Australia/Sydney")
    assert alternate.requests == []


def test_dropped_connection_on_read_fails_over(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply(drop=True))
    alternate.reply(SUCCESS["querytimezone"])
    assert fast.query_time_zone() == "Europe/London"


def test_cut_body_on_read_fails_over(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply(SUCCESS["listivml"], cut=True))
    alternate.reply(SUCCESS["listivml"])
    assert len(fast.list_ivml()) == 2
    assert primary.modes() == alternate.modes() == ["listivml"]


def test_cut_body_on_write_is_unknown_outcome(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply("Ok\n12\n", cut=True))
    with pytest.raises(errors.UnknownOutcome) as info:
        fast.add_ivml("n", "https://example.com/", "inbound")
    assert "complete" in info.value.reason
    assert alternate.requests == []


def test_nothing_answers(closed_url: str) -> None:
    with fast_client((closed_url, closed_url)) as c:
        with pytest.raises(errors.GatewayUnreachable) as info:
            c.query_balance()
        assert [name for name, _ in info.value.attempts] == ["primary", "alternate"]
        assert all(reason == "could not connect" for _, reason in info.value.attempts)
        assert "internet" in info.value.explanation
        assert c.last_gateway is None


def test_both_unavailable_is_service_unavailable(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply("Error 001: Service Unavailable.\n")
    alternate.reply("Error 001: Service Unavailable.\n")
    with pytest.raises(errors.ServiceUnavailable):
        fast.query_sub_accounts()


def test_mixed_failures_are_gateway_unreachable(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply("Error 001: Service Unavailable.\n")
    alternate.reply(Reply("", status=503))
    with pytest.raises(errors.GatewayUnreachable) as info:
        fast.query_sub_accounts()
    assert info.value.attempts == [("primary", "Error 001: service unavailable"),
                                   ("alternate", "HTTP 503")]


def test_real_answers_do_not_fail_over(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply("Error 002: Authentication failed.\n")
    with pytest.raises(errors.AuthenticationFailed):
        fast.query_balance()
    assert alternate.requests == []
    assert _gateway_name(fast) == "primary"


def test_gateway_that_worked_is_tried_first(
    fast: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    primary.reply(Reply("", status=500))
    alternate.reply(SUCCESS["querybalance"])
    fast.query_balance()
    fast.query_balance()
    twin = fast.copy()
    twin.query_balance()
    twin.close()
    assert len(primary.requests) == 1
    assert len(alternate.requests) == 3
    # When the alternate fails, the primary is asked again and becomes preferred.
    alternate.reply(Reply("", status=500))
    primary.reply(SUCCESS["querybalance"])
    fast.query_balance()
    fast.query_balance()
    assert len(primary.requests) == 3 and len(alternate.requests) == 4
    assert _gateway_name(fast) == "primary"


def test_single_gateway(primary: FakeGateway) -> None:
    primary.reply(Reply("", status=503))
    with (
        fast_client((primary.url,)) as c,
        pytest.raises(errors.GatewayUnreachable),
    ):
        c.query_balance()
    with pytest.raises(ValueError, match="one or two"):
        TraiTelClient("demo", PASSWORD, gateways=())


def test_copy_has_own_session_and_same_state(fast: TraiTelClient) -> None:
    fast.time_zone = "Australia/Perth"
    fast.sms_cost_mode = "querysmcost"
    twin = fast.copy()
    assert twin._session is not fast._session
    assert (twin.username, twin.gateways, twin.time_zone, twin.sms_cost_mode) == (
        "demo", fast.gateways, "Australia/Perth", "querysmcost")
    assert (twin.connect_timeout, twin.read_timeout) == (1.0, 0.4)
    twin.close()


def test_copies_work_in_parallel_threads(fast: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply(SUCCESS["querybalance"])
    results: list[str] = []

    def work() -> None:
        with fast.copy() as mine:
            results.extend(str(mine.query_balance()) for _ in range(5))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == ["123.4500"] * 20


def _spelling_gateway(accepts: str) -> object:
    def handler(recorded: Recorded) -> Reply:
        if recorded.form["mode"] == accepts:
            return Reply("Ok\n0.0750\n")
        return Reply("Error 200: Incomplete request.\n")

    return handler


def test_sms_cost_falls_back_to_document_heading_spelling(
    fast: TraiTelClient, primary: FakeGateway
) -> None:
    primary.handler = _spelling_gateway("querysmcost")  # type: ignore[assignment]
    assert str(fast.query_sms_cost("+61 412 345 678", "replies")) == "0.0750"
    assert primary.modes() == ["querysmscost", "querysmcost"]
    assert fast.sms_cost_mode == "querysmcost"
    fast.query_sms_cost("+61 412 345 678", "masking")
    assert primary.modes() == ["querysmscost", "querysmcost", "querysmcost"]


def test_sms_cost_keeps_table_spelling_when_it_works(
    fast: TraiTelClient, primary: FakeGateway
) -> None:
    primary.handler = _spelling_gateway("querysmscost")  # type: ignore[assignment]
    fast.query_sms_cost("+61 412 345 678", "replies")
    fast.query_sms_cost("+61 412 345 678", "replies")
    assert primary.modes() == ["querysmscost", "querysmscost"]
    assert fast.sms_cost_mode == "querysmscost"


def test_sms_cost_fallback_happens_once(fast: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Error 200: Incomplete request.\n")
    with pytest.raises(errors.IncompleteRequest):
        fast.query_sms_cost("+61 412 345 678", "replies")
    assert primary.modes() == ["querysmscost", "querysmcost"]
    assert fast.sms_cost_mode is None


def test_sms_cost_real_error_is_not_retried(fast: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Error 120: Invalid destination number.\n")
    with pytest.raises(errors.InvalidDestination) as info:
        fast.query_sms_cost("+61 412 345 678", "replies")
    assert info.value.field == "number"
    assert primary.modes() == ["querysmscost"]
