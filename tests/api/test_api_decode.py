"""The fax result code and inbound SMS text decoders."""

from __future__ import annotations

import pytest

from traitel_desktop.api import decode
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES


def test_zero_is_delivered() -> None:
    result = decode.fax_result(0)
    assert result.delivered
    assert (result.state, result.error) == (None, None)
    assert result.text == "Delivered"


@pytest.mark.parametrize(
    ("code", "state", "error", "text"),
    [
        (202, 200, 2, "Busy, while dialling"),
        (204, 200, 4, "No answer, while dialling"),
        (618, 600, 18, "Stopped by the receiving fax machine, while the fax was being sent"),
        (99, 0, 99, "Cancelled, or not enough credit, before the call started"),
        (127, 100, 27, "Timed out, before dialling"),
        (516, 500, 16, "No fax machine answered, while preparing to send the fax"),
    ],
)
def test_known_codes_split_into_state_and_error(
    code: int, state: int, error: int, text: str
) -> None:
    result = decode.fax_result(code)
    assert not result.delivered
    assert (result.code, result.state, result.error) == (code, state, error)
    assert result.text == text
    assert FAX_ERRORS[error][1] in result.description
    assert FAX_STATES[state] in result.description


@pytest.mark.parametrize("code", [742, 220, 1000, -5, 699 + 1])
def test_unknown_codes_are_shown_raw(code: int) -> None:
    result = decode.fax_result(code)
    assert not result.delivered
    assert result.text == f"Unknown result code {code}"
    assert str(code) in result.description


def test_every_table_code_decodes() -> None:
    for state in FAX_STATES:
        for error in FAX_ERRORS:
            code = state + error
            if code:
                assert not decode.fax_result(code).text.startswith("Unknown")


@pytest.mark.parametrize(
    ("kind", "message", "text"),
    [
        ("ASCII", "Hello\\nWorld", "Hello\nWorld"),
        ("ASCII", "back\\\\slash\\\\n", "back\\slash\\n"),
        ("ASCII", "tab\\t stays, lone end \\", "tab\\t stays, lone end \\"),
        ("ascii", "plain", "plain"),
        ("U16", "00480069", "Hi"),
        ("U16", "0048 0069", "Hi"),
        ("U16", "D83DDE00", "\U0001f600"),
        ("U16", "043f04400438043204350442", "привет"),
        ("U16", "", ""),
    ],
)
def test_sms_text(kind: str, message: str, text: str) -> None:
    assert decode.sms_text(kind, message) == text


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("U16", "0048006"),  # not whole code units
        ("U16", "zz48"),  # not hex
        ("U16", "D83D"),  # lone surrogate
        ("U16", "٠٠٤٨"),  # non-ASCII digits
        ("MMS", "whatever\\n"),  # unknown type
    ],
)
def test_malformed_sms_is_shown_raw(kind: str, message: str) -> None:
    assert decode.sms_text(kind, message) == message
