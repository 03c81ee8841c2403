"""Kill -9 during a sync through a flaky gateway: the archive stays consistent, and the next
sync fetches only what the killed one had not settled.

The killed sync runs in a child process (a real ``TraiTelClient`` against the sandbox of this
process, 30% of connections dropped); it is killed once it has stored a few chunks.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers.did_sandbox_api import Api
from tests.helpers.history_session import HISTORY_DAY
from tests.helpers.log_rows import fetch_rows
from traitel_desktop.core.history_sync import HistorySync, RetryPolicy
from traitel_desktop.store.archive import Archive

D = dt.date
TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
LOG = "logsmsout"
FIRST = TODAY - dt.timedelta(days=364)
ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import asyncio, datetime as dt, sys, threading
from pathlib import Path
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.history_sync import HistorySync, RetryPolicy
from traitel_desktop.store.archive import Archive

folder, primary, alternate, today = sys.argv[1:5]
today = dt.date.fromisoformat(today)
client = TraiTelClient("demo", "demo", gateways=(primary, alternate), connect_timeout=2.0,
                       read_timeout=10.0, verify=False)
lock = threading.Lock()

def locked(fn):
    with lock:
        return fn(client)

async def call(fn):
    return await asyncio.to_thread(locked, fn)

def progress(done, needed):
    print(done, needed, flush=True)

archive = Archive.in_directory(Path(folder))
sync = HistorySync(call, archive, today=lambda zone: today, parallel=1,
                   retry=RetryPolicy(attempts=4, base=0.01))
asyncio.run(sync.sync(["logsmsout"], today - dt.timedelta(days=364), today, progress))
print("finished", flush=True)
"""


def test_kill_during_a_flaky_sync_leaves_a_consistent_archive_that_resumes(
        sb: Any, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    sb.faults.drop_rate = 0.3
    sb.faults.latency = 0.05  # the child is still busy when it is killed
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), sb.primary_url, sb.alternate_url,
         TODAY.isoformat()],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            done, _needed = line.split()
            if int(done) >= 60:  # a few chunks stored
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()
    sb.faults.drop_rate = 0.0
    sb.faults.latency = 0.0

    with sqlite3.connect(folder / Archive.FILE_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    archive = Archive.in_directory(folder)
    api = Api(sb)
    try:
        left = archive.missing_days(LOG, FIRST, TODAY, TODAY)
        assert 2 <= len(left) <= 365 - 60  # the killed sync settled some days
        settled = sorted(set(archive.day_states(LOG, FIRST, TODAY)) - set(left))
        kept = {d: archive.rows(LOG, d, d) for d in settled}
        report = asyncio.run(HistorySync(api, archive, today=sb.today_for,
                                         retry=RetryPolicy(attempts=2, base=0.01))
                             .sync([LOG], FIRST, TODAY))
        assert report.needed_days == len(left)  # the settled days are not asked again
        assert report.missing == []
        assert {d: archive.rows(LOG, d, d) for d in settled} == kept
        assert archive.rows(LOG, FIRST, TODAY) == api.sync(
            lambda client: fetch_rows(client, LOG, FIRST, TODAY))
    finally:
        api.close()
        archive.close()
