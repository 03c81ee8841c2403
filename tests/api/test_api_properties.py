"""Property tests: no input makes the parser or the decoders fail with an undocumented error."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from traitel_desktop.api import decode, errors, logs, tables
from traitel_desktop.api.body import Table, parse_body
from traitel_desktop.contract.logs import LOG_NAMES

BUILDERS: list[Callable[[Table], Any]] = [
    tables.sub_accounts,
    tables.numbers,
    tables.countries,
    tables.did_cities,
    tables.did_offers,
    tables.ivr_menus,
    tables.ivml_configs,
    tables.voice_cost,
    tables.fax_cost,
]

HEADERS = [
    "ID", "Sub-ID", "Date", "Time", "From", "To", "Cost", "DIDs", "Email", "Name", "Number",
    "MessageType", "Message", "Sent", "Tracking", "FlagFall", "BillingType", "ErrorCode",
    "FaxStationID", "Pages", "Speed", "Duration", "Attempt", "Result", "IVMLID",
]


def _read_everything(raw: bytes | str) -> None:
    """Everything a client might do with a body; only TraiTelError may come out."""
    try:
        body = parse_body(raw)
    except errors.TraiTelError:
        return
    for read in (tables.balance, tables.new_id):
        with contextlib.suppress(errors.TraiTelError):
            read(body)
    for mode in LOG_NAMES:
        with contextlib.suppress(errors.TraiTelError):
            logs.to_records(logs.log_columns(mode, body))
    try:
        table = body.table()
    except errors.TraiTelError:
        return
    for build in BUILDERS:
        with contextlib.suppress(errors.TraiTelError):
            build(table)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes(raw: bytes) -> None:
    _read_everything(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    _read_everything(text)
    _read_everything("Ok\n" + text)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["0", "12", "-1", "2024-02-29", "2023-02-29", "23:59:59", "1.50", "NaN",
                     "outbound", "", "  7 ", "1e3", "٣"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12),
    st.lists(st.lists(cells, max_size=14), max_size=5),
)
def test_tables_with_plausible_headers(header: list[str], rows: list[list[str]]) -> None:
    _read_everything("Ok\n" + _csv([header, *rows]))


@given(st.text(max_size=8), st.text(max_size=200))
def test_sms_text_never_raises(kind: str, message: str) -> None:
    assert isinstance(decode.sms_text(kind, message), str)
    assert isinstance(decode.sms_text("U16", message), str)
    assert isinstance(decode.sms_text("ASCII", message), str)


@given(st.integers())
def test_fax_result_never_raises(code: int) -> None:
    result = decode.fax_result(code)
    assert result.delivered == (code == 0)
    assert result.text
