"""The Qt-free IVML helpers: web-address checks, changed fields, change-log details, and
reading "no IVR service" from a real change log (SQLite in ``tmp_path``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from traitel_desktop.api.errors import error_for_code
from traitel_desktop.api.records import IvmlConfig
from traitel_desktop.services.ivml import (
    NO_IVR_TEXT,
    IvmlDraft,
    changed_fields,
    config_type,
    describe,
    draft_of,
    is_web_address,
    label,
    no_ivr_since,
)
from traitel_desktop.store import AccountRecord

T0 = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://flows.example.com/launch.xml", True),
        ("http://10.0.0.5:8080/ivml?x=1", True),
        ("  HTTPS://Example.com  ", True),
        ("", False),
        ("example.com/launch.xml", False),
        ("ftp://example.com/a", False),
        ("https://", False),
        ("https:///path", False),
        ("https://exa mple.com/", False),
        ("https://[::1", False),
        ("javascript:alert(1)", False),
    ],
)
def test_web_addresses(text: str, ok: bool) -> None:
    assert is_web_address(text) is ok


def test_type_draft_label_and_changed_fields() -> None:
    config = IvmlConfig(7, "Support", "https://a.example.com/l", "https://a.example.com/r",
                        (), True)
    assert config_type(config) == "outbound"
    assert draft_of(config) == IvmlDraft("Support", "https://a.example.com/l",
                                         "https://a.example.com/r", "outbound")
    assert label(config) == "Support (ID 7)"
    same = IvmlDraft(" Support ", "https://a.example.com/l ", "https://a.example.com/r",
                     "outbound")
    assert changed_fields(draft_of(config), same) == {}
    edited = IvmlDraft("Support 2", "https://a.example.com/l", "", "inbound")
    changes = changed_fields(draft_of(config), edited)
    assert changes == {"name": "Support 2", "result_url": "", "type": "inbound"}
    assert describe(changes) == "name → 'Support 2'; report address cleared; type → 'inbound'"


def test_no_ivr_read_from_the_change_log(tmp_path: Path) -> None:
    record = AccountRecord.in_directory(tmp_path)
    assert no_ivr_since(record) is None

    def log(minutes: int, area: str, action: str, result: str) -> None:
        record.log_change(actor="noivr", area=area, action=action, target="x", result=result,
                          at=T0 + timedelta(minutes=minutes))

    log(0, "ivml", "add", "Another IVML configuration already has this name.")
    assert no_ivr_since(record) is None  # another failure says nothing about the service
    log(1, "ivml", "add", NO_IVR_TEXT)
    assert no_ivr_since(record) == T0 + timedelta(minutes=1)
    log(2, "ivml", "delete", "ok")  # a delete works without the service: still unknown
    assert no_ivr_since(record) == T0 + timedelta(minutes=1)
    log(3, "ivml", "change", "ok")  # a change worked: the service is there now
    assert no_ivr_since(record) is None
    # The Numbers tab's 115 (assigning a number to an IVR menu) says the same.
    numbers_115 = error_for_code(115, mode="assignnumber").explanation
    log(4, "numbers", "assign", numbers_115)
    assert no_ivr_since(record) == T0 + timedelta(minutes=4)
    record.close()
