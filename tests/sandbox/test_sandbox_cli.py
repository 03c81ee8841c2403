"""``python -m traitel_desktop.sandbox``: banner with both URLs and logins, clean stop."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.sandbox.wire import call
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "traitel_desktop.sandbox", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl+C"):
            break
    return proc, lines


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_banner_then_clean_stop(stop: signal.Signals, tmp_path: Path) -> None:
    proc, lines = run("--data-dir", str(tmp_path), "--seed", "5", "--latency", "0.01")
    try:
        text = "\n".join(lines)
        urls = re.findall(r"http://127\.0\.0\.1:\d+/accountmanager\.pl", text)
        assert len(urls) == 2 and urls[0] != urls[1]
        for login in ("demo / demo", "noivr / noivr", "other / other", "locked / locked"):
            assert login in text
        assert OTHER_ACCOUNT_EMAIL in text and "latency=0.01" in text
        assert call(urls[1], "querybalance").ok
    finally:
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=20)
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
        proc.terminate()
        proc.communicate(timeout=20)
    assert proc.returncode == 0


def test_bad_rate_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "traitel_desktop.sandbox", "--drop-rate", "2"], cwd=ROOT,
        capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 2 and "drop_rate" in proc.stderr
