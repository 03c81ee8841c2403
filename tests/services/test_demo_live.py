"""``--demo`` runs a gently live sandbox (new activity now and then, so alerts arrive); the
sandbox the app starts otherwise (screenshots, tests) stays still, and stopping it leaves no
thread."""

from __future__ import annotations

import threading

import pytest

from traitel_desktop.app import parse_args
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.services.early_sandbox import DEMO_LIVE_RATE, start_early


def live_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "traitel-sandbox-live"]


def test_demo_is_gently_live_by_default_and_can_be_turned_off() -> None:
    assert 0 < DEMO_LIVE_RATE <= 2  # gentle: a new event every minute or so
    assert parse_args(["--demo"]).demo_live == DEMO_LIVE_RATE
    assert parse_args(["--demo", "--demo-live", "0"]).demo_live == 0
    assert parse_args(["--demo", "--demo-live", "5"]).demo_live == 5


@pytest.mark.parametrize("rate", ["-1", "601", "nan", "often"])
def test_an_unusable_demo_live_rate_is_a_plain_usage_error(
    rate: str, capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["--demo", "--demo-live", rate])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"a number from 0 to 600, not {rate!r}" in err


def test_the_early_demo_sandbox_is_live_and_stops_without_a_thread_left() -> None:
    sandbox = start_early(live_rate=DEMO_LIVE_RATE).result(timeout=120)
    try:
        assert len(live_threads()) == 1
    finally:
        sandbox.stop()
    assert live_threads() == []


def test_a_sandbox_started_by_the_app_is_live_only_when_asked() -> None:
    still = LocalSandbox()  # as the screenshot run and the tests make it
    still.start()
    try:
        assert live_threads() == []
    finally:
        still.stop()
    live = LocalSandbox(live_rate=DEMO_LIVE_RATE)  # as the app's controller makes it
    live.start()
    try:
        assert len(live_threads()) == 1
    finally:
        live.stop()
    assert live_threads() == []
