"""The Spend tab on planted data, offline: a real archive in ``tmp_path`` holds 60 days of
1.00 a day with one 10.00 day, and the session's gateways do not answer. The tab shows the
archive marked offline, outlines the planted day on the daily chart, lists it, and computes
the runway from a known balance."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.log_rows import log_columns
from traitel_desktop.contract.logs import LOGS
from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.spend import Bucket, Period
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.spend.chart import ANOMALY_COLOR
from traitel_desktop.ui.spend.tab import SpendTab


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/accountmanager.pl"


def _row(n: int, day: dt.date, cost: str) -> list[str]:
    values = {"ID": str(n), "Sub-ID": "0", "Date": day.isoformat(), "Time": "09:30:00",
              "From": "61255550000", "To": "61411111111", "Sent": "1",
              "Tracking": "delivered", "Cost": cost}
    return [values[h] for h in LOGS["logsmsout"].headers]


@pytest.fixture
def offline(tmp_path: Path, run: Callable[..., Any]) -> Iterator[tuple[Session, HistoryService]]:
    session = Session("demo", "demo", (_dead_url(), _dead_url()), data_dir=tmp_path / "data",
                      connect_timeout=1.0, read_timeout=2.0)
    history = HistoryService(session)
    today = today_in("UTC")
    first = today - dt.timedelta(days=59)
    rows = [_row(i + 1, first + dt.timedelta(days=i),
                 "10.0000" if i == 49 else "1.0000") for i in range(60)]
    history.archive.store_range("logsmsout", first, today,
                                log_columns("logsmsout", rows),
                                today=today)
    session.set_balance(Decimal("78.00"))
    yield session, history
    history.close()
    session.close()


def test_planted_spike_is_outlined_listed_and_runway_known(
    qtbot: Any, offline: tuple[Session, HistoryService], run: Callable[..., Any]
) -> None:
    session, history = offline
    tab = SpendTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.controls.set_period(Period.LAST_30_DAYS)
    tab.show()
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    run(tab.reload(), timeout=30)
    assert loaded == [True]
    assert tab.last_result is not None and tab.last_result.state == "offline"
    assert tab.note.text().startswith("Offline — showing spend saved on this computer")

    today = history.today()
    spike = today - dt.timedelta(days=10)
    [found] = tab.anomalies_found
    assert (found.day, found.amount, found.median, found.ratio) == (
        spike, Decimal("10.0000"), Decimal("1.0000"), Decimal("10.0"))
    assert spike.strftime("%d %b %Y") in tab.insights.anomaly_list.text()
    assert "10.0× the median 1.00" in tab.insights.anomaly_list.text()

    chart = tab.chart
    assert chart is not None and chart.data is not None
    index = list(chart.data.series.buckets).index(spike)
    assert chart.data.marked == frozenset({index})
    [outline] = chart.outlines
    assert outline.get_x() < index < outline.get_x() + outline.get_width()
    assert outline.get_height() == pytest.approx(10.0)
    assert outline.get_edgecolor()[:3] == pytest.approx(
        tuple(int(ANOMALY_COLOR[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert legend == ["Faxes sent", "Calls received", "Calls made", "Texts sent",
                      "Unusual day (over 3× the usual)"]

    # 29 x 1.00 + 10.00 = 39.00 in 30 days: 78.00 lasts 60 days.
    assert tab.insights.runway_headline.text() == (
        "At your last-30-days spend, your balance lasts about 60 days.")
    assert "spent 39.00" in tab.insights.runway_details.text()
    assert "1.30 a day" in tab.insights.runway_details.text()
    session.set_balance(Decimal("39.00"))
    assert "about 30 days" in tab.insights.runway_headline.text()
    # The numbers could not be read offline: said instead of an empty list.
    assert "could not be read" in tab.insights.unused_list.text()

    # Weekly bars: no outline (the list still names the day).
    tab.controls.bucket_box.setCurrentIndex(tab.controls.bucket_box.findData(Bucket.WEEK.value))
    assert tab.chart is not None and tab.chart.outlines == []
    assert spike.strftime("%d %b %Y") in tab.insights.anomaly_list.text()
    assert tab.totals.lines[-1] == ("All services", "39.00")
