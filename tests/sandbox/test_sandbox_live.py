"""The live sandbox: :class:`LiveGenerator` driven step by step with a pinned clock (no
sleeping), every row read back over HTTP through the real client (which checks every column),
and the driver thread that a live sandbox runs and stops."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import phonenumbers
import pytest

from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.contract.logs import to_money
from traitel_desktop.contract.modes import LOG_MODES
from traitel_desktop.sandbox import Sandbox, start_sandbox
from traitel_desktop.sandbox.data.catalog import UNUSUAL_REGIONS
from traitel_desktop.sandbox.live import LiveEvent, LiveGenerator, LiveShares

#: 09:30 on 10 May 2026 in Sydney (the demo account's zone): its morning half over.
T0 = datetime(2026, 5, 9, 23, 30, tzinfo=UTC)
SYDNEY = ZoneInfo("Australia/Sydney")


class Clock:
    """The sandbox's pinned clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def pinned() -> Iterator[tuple[Sandbox, Clock, TraiTelClient]]:
    clock = Clock(T0)
    with start_sandbox(seed=1, preset="demo", today=clock) as sb:
        client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url))
        try:
            yield sb, clock, client
        finally:
            client.close()


def advance(gen: LiveGenerator, clock: Clock, minutes: float, steps: int) -> list[LiveEvent]:
    """Move the clock ``minutes`` ahead in ``steps`` equal steps, stepping the generator."""
    events = []
    for _ in range(steps):
        clock.now += timedelta(minutes=minutes / steps)
        events += gen.step(clock.now)
    return events


def rows_by_id(
    client: TraiTelClient, mode: str, now: datetime, days: int = 1,
) -> dict[int, dict[str, object]]:
    """The log's rows (through the client: every column checked) from ``days`` days back to
    the day of ``now`` in the account's zone, by ID."""
    today = now.astimezone(ZoneInfo(client.query_time_zone())).date()
    columns = client.log(mode, today - timedelta(days=days), today)
    names = columns.spec.headers
    return {row[0]: dict(zip(names, row, strict=True)) for row in columns.rows()}


def test_rows_come_at_their_times_in_the_accounts_zone_and_read_back_valid(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    client.query_time_zone()
    gen = LiveGenerator(sb.db, rate=4, seed=7, start=T0)
    before = {mode: set(rows_by_id(client, mode, clock.now)) for mode in LOG_MODES}
    events = advance(gen, clock, minutes=90, steps=45)
    assert 250 < len(events) < 470  # about 4 a minute for 90 minutes
    assert {e.log for e in events} == {m.removeprefix("log") for m in LOG_MODES}
    for zone in ("Australia/Sydney", "America/Los_Angeles"):
        client.set_time_zone(zone)
        tz = ZoneInfo(zone)
        for mode in LOG_MODES:
            rows = rows_by_id(client, mode, clock.now, days=2)
            live = [e for e in events if "log" + e.log == mode]
            live_ids = {e.id for e in live}
            assert live_ids <= set(rows)
            # Besides them, only the generated morning the clock has reached (older IDs).
            assert all(i < min(live_ids) for i in set(rows) - before[mode] - live_ids)
            for event in live:
                row = rows[event.id]
                at = datetime.fromtimestamp(event.ts, UTC).astimezone(tz)
                assert (row["Date"], row["Time"]) == (at.date().isoformat(),
                                                       at.strftime("%H:%M:%S"))
                assert T0 < datetime.fromtimestamp(event.ts, UTC) <= clock.now


def test_nothing_new_before_its_time_and_ids_keep_increasing(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    gen = LiveGenerator(sb.db, rate=6, seed=3, start=T0)
    assert gen.step(T0) == []  # the stream starts at T0: nothing is due yet
    old_max = {mode: max(rows_by_id(client, mode, clock.now, days=30)) for mode in LOG_MODES}
    events = advance(gen, clock, minutes=60, steps=30)
    events += advance(gen, clock, minutes=60, steps=7)
    for mode in LOG_MODES:
        ids = [e.id for e in events if "log" + e.log == mode]
        assert ids and ids == sorted(set(ids)) and ids[0] > old_max[mode], mode
    times = [e.ts for e in events]
    assert times == sorted(times)
    assert gen.step(clock.now) == []  # a second step at the same instant adds nothing


def test_the_balance_goes_down_by_the_rows_costs(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    gen = LiveGenerator(sb.db, rate=5, seed=11, start=T0)
    before = client.query_balance()
    events = advance(gen, clock, minutes=120, steps=40)
    after = client.query_balance()
    logged = Decimal(0)
    for mode in ("logfaxout", "logvoicein", "logvoiceout", "logsmsout"):
        rows = rows_by_id(client, mode, clock.now)
        logged += sum((to_money(rows[e.id]["Cost"]) for e in events if "log" + e.log == mode),
                      Decimal(0))
    assert logged > 0
    assert before - after == logged == to_money(sum(e.cost_micro for e in events))


def test_the_unusual_rows_come_at_the_configured_shares(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    shares = LiveShares(failed_fax=0.3, missed_call=0.2, unusual_country=0.05)
    gen = LiveGenerator(sb.db, rate=20, seed=5, start=T0, shares=shares)
    year_before = rows_by_id(client, "logvoiceout", clock.now, days=364)
    events = advance(gen, clock, minutes=24 * 60, steps=96)  # about 28 800 events
    per_log = Counter(e.log for e in events)
    kinds = Counter(e.kind for e in events)
    # Binomial counts, within four standard deviations of the configured share.
    for kind, log, share in (("failed_fax", "faxout", 0.3), ("missed_call", "voicein", 0.2),
                             ("unusual_country", "voiceout", 0.05)):
        n = per_log[log]
        assert abs(kinds[kind] - n * share) < 4 * (n * share * (1 - share)) ** 0.5, kind
    faxes = rows_by_id(client, "logfaxout", clock.now, days=2)
    for e in events:
        if e.log == "faxout":
            code = faxes[e.id]["ErrorCode"]
            assert isinstance(code, int)
            assert (code != 0) == (e.kind == "failed_fax")
            if code:
                assert code // 100 * 100 in FAX_STATES and code % 100 in FAX_ERRORS
    calls_in = rows_by_id(client, "logvoicein", clock.now, days=2)
    for e in events:
        if e.log == "voicein":
            assert (calls_in[e.id]["Result"] == "failed") == (e.kind == "missed_call")
    never_called = set(UNUSUAL_REGIONS)
    for row in year_before.values():
        region = phonenumbers.region_code_for_number(phonenumbers.parse(f"+{row['To']}"))
        assert region not in never_called  # the archive never called these countries
    calls_out = rows_by_id(client, "logvoiceout", clock.now, days=2)
    unusual = [calls_out[e.id] for e in events if e.kind == "unusual_country"]
    assert unusual
    for row in unusual:
        number = phonenumbers.parse(f"+{row['To']}")
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.region_code_for_number(number) in never_called
        assert row["Result"] == "answered" and to_money(row["Cost"]) > 0


def test_the_same_seed_gives_the_same_rows() -> None:
    clock_a, clock_b = Clock(T0), Clock(T0)
    with start_sandbox(seed=1, today=clock_a) as a, start_sandbox(seed=1, today=clock_b) as b:
        gen_a = LiveGenerator(a.db, rate=30, seed=9, start=T0)
        gen_b = LiveGenerator(b.db, rate=30, seed=9, start=T0)
        # Stepped often or seldom, the same rows.
        assert advance(gen_a, clock_a, 30, 10) == advance(gen_b, clock_b, 30, 3)
        assert a.dump() == b.dump()


def test_rows_use_the_accounts_numbers_as_they_are_now(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    gen = LiveGenerator(sb.db, rate=10, seed=2, start=T0)
    events = advance(gen, clock, minutes=60, steps=12)
    gone = client.query_sub_accounts()[0].sub_id
    client.del_sub_account(gone)  # its numbers go back to the main account
    later = advance(gen, clock, minutes=60, steps=12)
    numbers = {(n.number, n.service) for n in client.query_numbers()}
    subs = {s.sub_id for s in client.query_sub_accounts()} | {0}
    assert gone not in subs
    rows = {m.removeprefix("log"): rows_by_id(client, m, clock.now) for m in LOG_MODES}
    for e in events + later:
        row = rows[e.log][e.id]
        own = row["To"] if e.log.endswith("in") else row["From"]
        assert (own, e.log.removesuffix("in").removesuffix("out")) in numbers, (e.log, row)
    assert {rows[e.log][e.id]["Sub-ID"] for e in later} <= subs
    assert gone in {rows[e.log][e.id]["Sub-ID"] for e in events}  # it had activity before


def test_a_step_after_a_long_sleep_catches_up_one_day_at_most(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, _client = pinned
    gen = LiveGenerator(sb.db, rate=1, seed=4, start=T0)
    clock.now = T0 + timedelta(days=3)
    events = gen.step(clock.now)
    assert 1200 < len(events) < 1700  # about 1440 in the last 24 hours, not 4320
    assert min(e.ts for e in events) >= (clock.now - timedelta(days=1)).timestamp()


@pytest.mark.parametrize("rate", [-1, 601, float("nan"), float("inf")])
def test_an_unusable_rate_is_refused_in_plain_words(rate: float) -> None:
    with pytest.raises(ValueError, match="new events a minute: a number from 0 to 600"):
        start_sandbox(seed=1, today=Clock(T0), live_rate=rate)


def test_a_live_sandbox_needs_a_clock_not_a_fixed_date() -> None:
    with pytest.raises(ValueError, match="needs a clock"):
        start_sandbox(seed=1, today=T0.date(), live_rate=1)


def live_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "traitel-sandbox-live"]


def test_a_live_sandbox_steps_in_a_thread_that_stops_with_it() -> None:
    clock = Clock(T0)
    sb = start_sandbox(seed=1, today=clock, live_rate=2)
    try:
        assert len(live_threads()) == 1
    finally:
        sb.stop()
    assert live_threads() == []


def test_steps_in_a_thread_while_the_client_reads_stay_consistent(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    sb, clock, client = pinned
    gen = LiveGenerator(sb.db, rate=30, seed=8, start=T0)
    before = client.query_balance()
    events: list[LiveEvent] = []
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(1, 301):  # 30 minutes in 6-second steps: about 900 rows
                events.extend(gen.step(T0 + timedelta(seconds=6 * i)))
        except BaseException as exc:
            failures.append(exc)

    clock.now = T0 + timedelta(hours=12)  # the readers may see every row the writer adds
    writer = threading.Thread(target=write)
    writer.start()
    seen: dict[str, set[int]] = {mode: set() for mode in LOG_MODES}
    reads = 0
    while writer.is_alive() or reads < 6:
        mode = LOG_MODES[reads % len(LOG_MODES)]
        ids = set(rows_by_id(client, mode, clock.now))  # every column checked by the client
        assert ids >= seen[mode]  # rows never vanish: no half-written step is seen
        seen[mode] = ids
        reads += 1
    writer.join()
    assert not failures and events
    spent = to_money(sum(e.cost_micro for e in events))
    assert before - client.query_balance() == spent


def test_the_driver_steps_by_the_clock_until_stopped(
    pinned: tuple[Sandbox, Clock, TraiTelClient],
) -> None:
    from traitel_desktop.sandbox.live_driver import LiveDriver

    sb, clock, client = pinned
    before = {m: len(rows_by_id(client, m, clock.now)) for m in LOG_MODES}
    stepped = threading.Event()
    calls: list[float] = []

    def minute_per_call() -> float:  # each step finds a minute gone by
        calls.append((T0 + timedelta(minutes=len(calls))).timestamp())
        if len(calls) >= 4:
            stepped.set()
        return calls[-1]

    driver = LiveDriver(LiveGenerator(sb.db, rate=60, seed=1), minute_per_call, interval=0.01)
    driver.start()
    try:
        assert stepped.wait(timeout=60)
    finally:
        driver.stop()
    assert not driver._thread.is_alive()
    steps = len(calls)
    clock.now = T0 + timedelta(minutes=steps)
    after = {m: len(rows_by_id(client, m, clock.now)) for m in LOG_MODES}
    assert sum(after.values()) - sum(before.values()) >= 60  # a minute or more at 60/min
    assert len(calls) == steps  # no step after stop
