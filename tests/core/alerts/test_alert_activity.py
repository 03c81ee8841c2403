"""New fax, text and missed call; a sent fax that failed: one alert per row, with who, on
which number, what (the text of a text; the plain reason and advice for a fax)."""

from __future__ import annotations

import datetime as dt

from tests.helpers.alert_rows import NOW, call, fax_in, fax_out, text_in
from traitel_desktop.core.alerts import Alert, AlertConfig, AlertKind
from traitel_desktop.core.alerts.activity import row_alerts
from traitel_desktop.core.alerts.rows import log_rows

DAY = dt.date(2026, 5, 20)


def alerts_for(log: str, *rows: tuple[object, ...], config: AlertConfig | None = None
               ) -> list[Alert]:
    return list(row_alerts(log_rows(log, rows), config or AlertConfig(), NOW))


def test_a_new_fax_says_from_whom_on_which_number_and_how_long() -> None:
    [alert] = alerts_for("logfaxin", fax_in(7, DAY, "23:59:59", pages=1))
    assert alert.kind is AlertKind.NEW_FAX
    assert alert.title == "New fax from +61 7 3333 4444"
    assert "1 page from +61 7 3333 4444" in alert.text
    assert "your number +61 2 9000 1111" in alert.text
    assert "2026-05-20 at 23:59" in alert.text
    assert alert.key == "new_fax:logfaxin:7"
    assert str(alert.target) == "logfaxin:7"


def test_a_new_text_carries_the_text() -> None:
    [alert] = alerts_for("logsmsin", text_in(3, DAY, message="Gate code is 4512"))
    assert "“Gate code is 4512”" in alert.text
    assert "+61 400 111 222" in alert.title


def test_only_unanswered_calls_received_are_missed_calls() -> None:
    found = alerts_for("logvoicein", call(1, DAY), call(2, DAY, result="failed"))
    assert alerts_for("logvoiceout", call(3, DAY, result="failed", out=True)) == []
    assert [a.key for a in found] == ["missed_call:logvoicein:2"]
    assert "nobody answered" in found[0].text


def test_a_failed_fax_gives_the_plain_reason_and_what_to_do() -> None:
    found = alerts_for("logfaxout", fax_out(1, DAY), fax_out(2, DAY, code=302),
                       fax_out(3, DAY, code=616))
    assert [a.key for a in found] == [
        "fax_failed:logfaxout:2", "fax_failed:logfaxout:3"]
    busy, no_machine = (a.text for a in found)
    assert "busy" in busy and "Send the fax again later" in busy
    assert "no fax machine answered" in no_machine and "Check the number" in no_machine


def test_each_kind_can_be_switched_off() -> None:
    config = AlertConfig(enabled=frozenset())
    assert alerts_for("logfaxin", fax_in(1, DAY), config=config) == []
    assert alerts_for("logsmsin", text_in(1, DAY), config=config) == []
