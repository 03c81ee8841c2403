"""The service layer: worker pool + qasync, superseded calls, typed errors, gateway signals,
and the Qt thread staying free while requests are slow."""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from traitel_desktop.api import errors
from traitel_desktop.services import Session, Superseded


def test_call_returns_on_the_qt_thread(session: Session, run: Any) -> None:
    import threading

    seen: list[str] = []

    def fn(client: Any) -> Decimal:
        seen.append(threading.current_thread().name)
        return client.query_balance()

    balance = run(session.call(fn))
    assert isinstance(balance, Decimal)
    assert seen and seen[0].startswith("traitel-api")
    assert threading.current_thread() is threading.main_thread()


def test_newer_call_with_same_key_supersedes_older(session: Session, run: Any) -> None:
    async def both() -> Any:
        first = asyncio.ensure_future(session.call(lambda c: c.query_balance(), key="view"))
        await asyncio.sleep(0)
        second = asyncio.ensure_future(session.call(lambda c: c.query_time_zone(), key="view"))
        return await asyncio.gather(first, second, return_exceptions=True)

    first, second = run(both())
    assert isinstance(first, Superseded)
    assert second == session.time_zone


def test_calls_with_other_keys_do_not_interfere(session: Session, run: Any) -> None:
    async def both() -> Any:
        a = session.call(lambda c: c.query_balance(), key="a")
        b = session.call(lambda c: c.query_balance(), key="b")
        return await asyncio.gather(a, b)

    a, b = run(both())
    assert a == b == session.balance


def test_errors_arrive_typed_with_field(session: Session, run: Any) -> None:
    with pytest.raises(errors.ApiError) as info:
        run(session.call(lambda c: c.del_sub_account(987654)))
    assert isinstance(info.value, errors.InvalidSubAccount)
    assert info.value.explanation


def test_refresh_balance_emits_signal(session: Session, run: Any, qtbot: Any) -> None:
    seen: list[object] = []
    session.balance_changed.connect(seen.append)
    session.balance = None
    value = run(session.refresh_balance())
    assert seen == [value]
    assert isinstance(value, Decimal)


def test_gateway_and_connection_signals(session: Session, run: Any, sandbox: Any) -> None:
    gateways: list[str] = []
    online: list[bool] = []
    session.gateway_changed.connect(gateways.append)
    session.connection_changed.connect(online.append)
    sandbox.faults.down = "primary"
    run(session.refresh_balance(), timeout=30)
    assert gateways == ["alternate"]
    assert session.gateway == "alternate"
    sandbox.faults.down = None


def test_unreachable_gateways_mean_offline(
    sign_in_request: Any, app_settings: Any, tmp_path: Any, run: Any
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/accountmanager.pl"
    sess = Session(
        "demo",
        "demo",
        (url, url),
        settings=app_settings,
        data_dir=tmp_path,
        connect_timeout=1.0,
        read_timeout=2.0,
    )
    online: list[bool] = []
    sess.connection_changed.connect(online.append)
    try:
        with pytest.raises(errors.GatewayUnreachable):
            run(sess.call(lambda c: c.query_balance()), timeout=20)
    finally:
        sess.close()
    assert online == [False]


def test_password_not_in_repr(session: Session) -> None:
    assert "demo" not in repr(session._pool)
    assert "pass" not in repr(session).lower()


@pytest.mark.slow
def test_ui_never_stalls_while_requests_are_slow(session: Session, run: Any, sandbox: Any) -> None:
    """With 2 s of gateway latency and six requests in flight, the Qt thread goes on serving
    its events: a 20 ms timer fires again and again before the first answer arrives. (How
    late it fires is a figure for bench/, not a test.)"""
    sandbox.faults.latency = 2.0
    answered: list[object] = []
    beats_before_an_answer: list[int] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(20)
    timer.timeout.connect(lambda: None if answered else beats_before_an_answer.append(1))

    async def noted(call: Any) -> Any:
        result = await call
        answered.append(result)
        return result

    async def scenario() -> Any:
        timer.start()
        try:
            calls: list[Any] = [session.call(lambda c: c.query_balance()) for _ in range(4)]
            calls.append(session.refresh_balance())
            calls.append(session.call(lambda c: c.query_sub_accounts()))
            return await asyncio.gather(*(noted(c) for c in calls))
        finally:
            timer.stop()

    started = time.perf_counter()
    results = run(scenario(), timeout=30)
    assert time.perf_counter() - started >= 2.0  # the latency was really there
    assert all(r is not None for r in results)
    assert len(beats_before_an_answer) >= 5


def test_the_qt_side_waits_longer_than_the_clients_own_deadline(session: Session) -> None:
    """Else a slow year of logs ended in a bare time-out on the Qt side at 75 s, before the
    client's plain "too slow" error (120 s) could reach the owner."""
    from traitel_desktop.api.bounded import limit_for

    for mode in ("querybalance", "querysubaccounts", "logsmsout", "addsubaccount"):
        assert session.call_timeout > limit_for(mode).deadline
