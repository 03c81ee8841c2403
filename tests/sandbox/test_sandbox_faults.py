"""Fault injection for failover tests: down, Error 001, latency, truncation, drops."""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from tests.helpers.sandbox_day import TODAY
from tests.helpers.wire import call
from traitel_desktop.sandbox import Faults, Sandbox, start_sandbox


@pytest.fixture(scope="module")
def sb() -> Iterator[Sandbox]:
    """One sandbox for this module; each test resets its faults."""
    with start_sandbox(today=TODAY) as sandbox:
        yield sandbox


@pytest.fixture(autouse=True)
def no_faults(sb: Sandbox) -> Iterator[None]:
    sb.faults = Faults()
    yield
    sb.faults = Faults()


def refused(url: str) -> bool:
    try:
        requests.post(url, data={"user": "demo", "pass": "demo", "mode": "querybalance"},
                      timeout=5)
    except requests.ConnectionError as exc:
        return "refused" in str(exc).lower()
    return False


def test_faults_are_off_by_default(sb: Sandbox) -> None:
    assert sb.faults == Faults(0.0, 0.0, 0.0, 0.0, None, None)
    assert call(sb.primary_url, "querybalance").ok


@pytest.mark.parametrize("down", ["primary", "alternate"])
def test_a_down_gateway_refuses_connections_and_comes_back(sb: Sandbox, down: str) -> None:
    urls = {"primary": sb.primary_url, "alternate": sb.alternate_url}
    with requests.Session() as session:  # a kept-alive connection must not survive either
        assert call(urls[down], "querybalance", session=session).ok
        sb.faults.down = down
        assert refused(urls[down])
        with pytest.raises(requests.ConnectionError):
            call(urls[down], "querybalance", session=session)
        up = "alternate" if down == "primary" else "primary"
        assert call(urls[up], "querybalance").ok
        sb.faults.down = None
        assert call(urls[down], "querybalance", session=session).ok
    assert urls == {"primary": sb.primary_url, "alternate": sb.alternate_url}


def test_down_from_the_start() -> None:
    with start_sandbox(today=TODAY, faults=Faults(down="primary")) as sandbox:
        assert refused(sandbox.primary_url)
        assert call(sandbox.alternate_url, "querybalance").ok


def test_error_001_processes_nothing(sb: Sandbox) -> None:
    before = sb.dump()
    sb.faults.error001_rate = 1.0
    reply = call(sb.primary_url, "addsubaccount", alias="never")
    assert reply.raw == b"Error 001: Service Unavailable.\n"
    assert call(sb.alternate_url, "querybalance").code == 1
    assert sb.dump() == before


def test_target_limits_faults_to_one_gateway(sb: Sandbox) -> None:
    sb.faults = Faults(error001_rate=1.0, target="primary")
    assert call(sb.primary_url, "querybalance").code == 1
    assert call(sb.alternate_url, "querybalance").ok


def test_a_rate_between_zero_and_one_mixes(sb: Sandbox) -> None:
    sb.faults.error001_rate = 0.5
    codes = {call(sb.primary_url, "querybalance").code for _ in range(40)}
    assert codes == {None, 1}


def test_latency(sb: Sandbox) -> None:
    sb.faults.latency = 0.3
    before = sb.request_count["primary"]
    started = time.perf_counter()
    assert call(sb.primary_url, "querybalance").ok
    assert time.perf_counter() - started >= 0.3
    with pytest.raises(requests.Timeout):
        requests.post(sb.primary_url, data={"user": "demo", "pass": "demo",
                                            "mode": "querybalance"}, timeout=0.1)
    # The sandbox still answers the abandoned request; wait for it, or it would be counted
    # in the middle of the next test (test_request_count_per_gateway).
    deadline = time.monotonic() + 10
    while sb.request_count["primary"] < before + 2:
        assert time.monotonic() < deadline, "the abandoned request was never answered"
        time.sleep(0.01)


def test_truncated_body_is_shorter_than_declared(sb: Sandbox) -> None:
    sb.faults.truncate_rate = 1.0
    parts = urlsplit(sb.primary_url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    conn.request("POST", parts.path, "user=demo&pass=demo&mode=querysubaccounts",
                 {"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    declared = int(response.getheader("Content-Length") or 0)
    with pytest.raises(http.client.IncompleteRead) as info:
        response.read()
    conn.close()
    assert 0 < len(info.value.partial) < declared
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        call(sb.primary_url, "querysubaccounts")


def test_dropped_connection_gets_no_answer(sb: Sandbox) -> None:
    sb.faults.drop_rate = 1.0
    with pytest.raises(requests.ConnectionError, match=r"without response|aborted"):
        call(sb.primary_url, "querybalance")


def test_request_count_per_gateway(sb: Sandbox) -> None:
    before = sb.request_count
    call(sb.primary_url, "querybalance")
    call(sb.alternate_url, "querybalance")
    call(sb.alternate_url, "querybalance", password="wrong")
    sb.faults.drop_rate = 1.0
    with pytest.raises(requests.ConnectionError):
        call(sb.primary_url, "querybalance")
    after = sb.request_count
    assert after["primary"] - before["primary"] == 1
    assert after["alternate"] - before["alternate"] == 2
    assert after["total"] == after["primary"] + after["alternate"]


@pytest.mark.parametrize(
    "kwargs",
    [{"error001_rate": 1.5}, {"drop_rate": -0.1}, {"latency": -1.0}, {"down": "both"},
     {"target": "secondary"}],
)
def test_invalid_fault_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Faults(**kwargs)  # type: ignore[arg-type]
    faults = Faults()
    name, value = next(iter(kwargs.items()))
    with pytest.raises(ValueError):
        setattr(faults, name, value)
