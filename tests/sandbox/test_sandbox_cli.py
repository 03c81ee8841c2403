"""``python -m traitel_desktop.sandbox``: banner with both URLs and logins, clean stop."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import requests

from tests.helpers.wire import call
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL

ROOT = Path(__file__).resolve().parents[2]


#: Starts a command with SIGINT ignored, as ``cmd &`` in a non-interactive shell does.
SIGINT_IGNORED = ["sh", "-c", 'trap "" INT; exec "$@"', "sh"]


def run(*args: str, prefix: Sequence[str] = ()) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [*prefix, sys.executable, "-m", "traitel_desktop.sandbox", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl+C"):
            break
    return proc, lines


def stop_and_wait(proc: subprocess.Popen[str], stop: int) -> tuple[str, str]:
    """Send ``stop`` and collect the output; a process that does not exit is killed."""
    proc.send_signal(stop)
    try:
        return proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise


@pytest.mark.parametrize(
    ("stop", "prefix"),
    [
        pytest.param(signal.SIGTERM, [], id="SIGTERM"),
        pytest.param(signal.SIGINT, [], id="SIGINT"),
        pytest.param(signal.SIGINT, SIGINT_IGNORED, id="SIGINT-inherited-ignored",
                     marks=pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")),
    ],
)
def test_banner_then_clean_stop(stop: signal.Signals, prefix: list[str], tmp_path: Path) -> None:
    proc, lines = run("--data-dir", str(tmp_path), "--seed", "5", "--latency", "0.01",
                      prefix=prefix)
    try:
        text = "\n".join(lines)
        urls = re.findall(r"http://127\.0\.0\.1:\d+/accountmanager\.pl", text)
        assert len(urls) == 2 and urls[0] != urls[1]
        for login in ("demo / demo", "noivr / noivr", "other / other", "locked / locked"):
            assert login in text
        assert OTHER_ACCOUNT_EMAIL in text and "latency=0.01" in text
        assert call(urls[1], "querybalance").ok
    finally:
        out, err = stop_and_wait(proc, stop)
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert (tmp_path / "sandbox.sqlite3").exists()


def test_down_option_closes_that_port() -> None:
    proc, lines = run("--down", "alternate")
    try:
        urls = re.findall(r"http://\S+", "\n".join(lines))
        assert call(urls[0], "querybalance").ok
        with pytest.raises(requests.ConnectionError):
            call(urls[1], "querybalance")
    finally:
        stop_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 0


def test_bad_rate_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "traitel_desktop.sandbox", "--drop-rate", "2"], cwd=ROOT,
        capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 2 and "drop_rate" in proc.stderr


def test_a_second_stop_signal_leaves_at_once() -> None:
    from traitel_desktop.sandbox.__main__ import StopRequest

    stop = StopRequest()
    stop._on_signal(signal.SIGINT, None)
    assert stop.requested
    with pytest.raises(SystemExit) as left:
        stop._on_signal(signal.SIGINT, None)
    assert left.value.code == 128 + signal.SIGINT


def test_live_option_is_accepted_and_said_in_the_banner() -> None:
    from traitel_desktop.sandbox.__main__ import parse_args

    assert parse_args(["--live", "2.5"]).live == 2.5
    assert parse_args([]).live == 0.0
    proc, lines = run("--live", "30")
    try:
        assert "Live: about 30 new events a minute on the demo account." in lines
        urls = re.findall(r"http://\S+", "\n".join(lines))
        assert call(urls[0], "querybalance").ok
    finally:
        _out, err = stop_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 0 and "Traceback" not in err


@pytest.mark.parametrize("rate", ["-1", "601", "1e9", "nan", "lots"])
def test_an_unusable_live_rate_is_a_plain_usage_error(rate: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "traitel_desktop.sandbox", "--live", rate], cwd=ROOT,
        capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 2
    assert "RATE is how many new events a minute to add, a number from 0 to 600" in proc.stderr
    assert f"not {rate!r}" in proc.stderr and "Traceback" not in proc.stderr
