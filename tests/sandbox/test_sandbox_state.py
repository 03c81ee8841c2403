"""State: one transaction per request, persistence, determinism, concurrent writers."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import requests

from tests.helpers.sandbox_day import TODAY
from tests.helpers.wire import call
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL, Sandbox, start_sandbox
from traitel_desktop.sandbox.db import DB_FILE_NAME


def test_rejected_addsubaccount_changes_nothing(fresh: Sandbox) -> None:
    before = fresh.dump()
    reply = call(fresh.primary_url, "addsubaccount", alias="new-one", email=OTHER_ACCOUNT_EMAIL,
                 firstname="Should", lastname="Vanish")
    assert reply.code == 101
    assert fresh.dump() == before


def test_a_failing_transaction_rolls_back(fresh: Sandbox) -> None:
    before = fresh.dump()
    with pytest.raises(RuntimeError), fresh.db.transaction() as conn:
        conn.execute("DELETE FROM subaccounts")
        raise RuntimeError("crash half-way")
    assert fresh.dump() == before


def test_successful_write_changes_the_dump(fresh: Sandbox) -> None:
    before = fresh.dump()
    assert call(fresh.primary_url, "addsubaccount", alias="visible").ok
    assert fresh.dump() != before


def test_state_persists_across_restarts(tmp_path: Path) -> None:
    with start_sandbox(data_dir=tmp_path, seed=3, today=TODAY) as sb:
        new_id = call(sb.primary_url, "addsubaccount", alias="persisted").value
        call(sb.primary_url, "settimezone", tz="Asia/Tokyo")
        dump = sb.dump()
    assert (tmp_path / DB_FILE_NAME).exists()
    with start_sandbox(data_dir=tmp_path, seed=99, today=date(2030, 1, 1)) as sb:
        assert sb.dump() == dump  # not regenerated, whatever the seed and date
        rows = call(sb.primary_url, "querysubaccounts").table()
        assert new_id in {r["Sub-ID"] for r in rows}
        assert call(sb.primary_url, "querytimezone").value == "Asia/Tokyo"


def test_same_seed_and_day_give_the_same_state(tmp_path: Path) -> None:
    dumps = []
    for name in ("a", "b"):  # files are generated afresh, never copied from a template
        with start_sandbox(data_dir=tmp_path / name, seed=7, today=TODAY) as sb:
            dumps.append(sb.dump())
    with start_sandbox(seed=7, today=TODAY) as sb:
        dumps.append(sb.dump())
    assert dumps[0] == dumps[1] == dumps[2]
    assert "INSERT INTO \"log_smsout\"" in dumps[0]


def test_other_seed_or_day_gives_other_data(shared: Sandbox) -> None:
    base = shared.dump()
    with start_sandbox(seed=2, today=TODAY) as sb:
        assert sb.dump() != base
    with start_sandbox(seed=1, today=date(2026, 5, 10)) as sb:
        assert sb.dump() != base


def test_unknown_preset_is_refused() -> None:
    with pytest.raises(ValueError, match="preset"):
        start_sandbox(preset="huge")


def test_parallel_writers_lose_and_duplicate_nothing(fresh: Sandbox) -> None:
    urls = (fresh.primary_url, fresh.alternate_url)

    def add_subs(worker: int) -> list[str]:
        with requests.Session() as session:
            return [call(urls[worker % 2], "addsubaccount", session=session,
                         alias=f"w{worker}-{i}", email=f"w{worker}.{i}@example.com.au").value
                    for i in range(12)]

    def add_ivml(worker: int) -> list[str]:
        return [call(urls[worker % 2], "addivml", name=f"flow {worker}-{i}",
                     launchurl=f"https://x.example.com/{worker}/{i}", type="inbound").value
                for i in range(8)]

    with ThreadPoolExecutor(max_workers=10) as pool:
        sub_jobs = [pool.submit(add_subs, w) for w in range(6)]
        ivml_jobs = [pool.submit(add_ivml, w) for w in range(4)]
        sub_ids = [i for job in sub_jobs for i in job.result()]
        ivml_ids = [i for job in ivml_jobs for i in job.result()]
    assert len(set(sub_ids)) == len(sub_ids) == 72
    assert len(set(ivml_ids)) == len(ivml_ids) == 32
    listed = {r["Sub-ID"]: r for r in call(urls[0], "querysubaccounts").table()}
    assert set(sub_ids) <= set(listed) and len(listed) == 6 + 72
    names = [r["Name"] for r in call(urls[1], "listivml").table()]
    assert len(names) == len(set(names)) == 4 + 32


def test_racing_for_one_alias_lets_exactly_one_win(fresh: Sandbox) -> None:
    barrier = threading.Barrier(8)

    def race(i: int) -> int | None:
        barrier.wait()
        url = (fresh.primary_url, fresh.alternate_url)[i % 2]
        return call(url, "addsubaccount", alias="the-one").code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(race, range(8)))
    assert codes.count(None) == 1 and codes.count(102) == 7
