"""The Spend tab against the demo sandbox over real HTTP: the chart's bars and totals match
the gateway's own logs, hovering a bar shows its exact amount, stacking by sub-account and
one sub-account, saving PNG and SVG (also through the file dialog), the palette and font,
and Cancel keeping what arrived while the chart redraws meanwhile."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.insights import unused_since
from traitel_desktop.core.money import exact_money, format_amount
from traitel_desktop.core.spend import BY_SUB_ACCOUNT, SPEND_LOGS, Bucket, Period
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.spend.tab import SpendTab

FETCH = {
    "logfaxout": "log_fax_out",
    "logvoicein": "log_voice_in",
    "logvoiceout": "log_voice_out",
    "logsmsout": "log_sms_out",
}


@pytest.fixture
def client(sandbox: Any) -> Iterator[TraiTelClient]:
    with TraiTelClient("demo", "demo", gateways=(sandbox.primary_url,
                                                  sandbox.alternate_url)) as c:
        yield c


def make_tab(qtbot: Any, session: Session, period: Period = Period.LAST_30_DAYS,
             history: HistoryService | None = None) -> SpendTab:
    tab = SpendTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.controls.set_period(period)
    tab.show()
    return tab


def direct(client: TraiTelClient, tab: SpendTab, sub_id: int | None = None) -> dict[str, list[Any]]:
    shown = tab.controls.date_range()
    return {log: getattr(client, name)(shown.start, shown.end, sub_id=sub_id)
            for log, name in FETCH.items()}


def amounts(tab: SpendTab) -> dict[str, Decimal]:
    """The totals as shown: to the cent (the exact ones are on hover)."""
    return {name: Decimal(text.replace(",", "")) for name, text in tab.totals.lines}


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_chart_bars_and_totals_match_the_gateways_logs(
    qtbot: Any, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session)
    assert tab.controls.bucket() is Bucket.DAY  # suggested for 30 days
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    run(tab.reload(), timeout=60)
    assert loaded == [True]
    assert tab.last_result is not None and tab.last_result.state == "done"
    chart = tab.chart
    assert chart is not None
    # 30 daily bars for each of the four services.
    assert len(chart.bar_patches()) == 30 * 4
    assert sum(1 for p in chart.bar_patches() if p.get_height() > 0) > 30
    # The rendered picture is not blank: the SMS colour fills a good part of it.
    chart.canvas.draw()
    pixels = np.asarray(chart.canvas.buffer_rgba())
    violet = (pixels[..., 0] == 0x8B) & (pixels[..., 1] == 0x5C) & (pixels[..., 2] == 0xF6)
    assert violet.sum() > 500
    records = direct(client, tab)
    want = {log: sum((r.cost for r in rows), Decimal(0)) for log, rows in records.items()}
    shown = amounts(tab)
    assert shown["Faxes sent"] == cents(want["logfaxout"])
    assert shown["Calls received"] == cents(want["logvoicein"])
    assert shown["Calls made"] == cents(want["logvoiceout"])
    assert shown["Texts sent"] == cents(want["logsmsout"])
    assert shown["All services"] == cents(sum(want.values())) > 0
    total = tab.totals.findChild(QLabel, "spendTotal")
    assert total.toolTip() == exact_money(sum(want.values(), Decimal(0)))
    # Per bar, exact: the series behind the chart against the records.
    data = chart.data
    assert data is not None
    per_day: dict[tuple[dt.date, str], Decimal] = defaultdict(Decimal)
    for log, rows in records.items():
        for r in rows:
            per_day[(r.date, log)] += r.cost
    for i, day in enumerate(data.series.buckets):
        for log in SPEND_LOGS:
            assert data.series.amount(log, i) == per_day.get((day, log), Decimal(0))
    # Insights: the runway names the balance.
    assert "your balance lasts about" in tab.insights.runway_headline.text()
    assert session.balance is not None
    assert format_amount(session.balance) in tab.insights.runway_details.text()


def test_hovering_a_bar_shows_its_exact_amount(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session)
    run(tab.reload(), timeout=60)
    chart = tab.chart
    assert chart is not None and chart.data is not None
    series = chart.data.series
    index = max(range(len(series.buckets)), key=lambda i: series.amount("logsmsout", i))
    patch = chart.bars["logsmsout"].patches[index]
    x, y = chart.axes.transData.transform(
        (patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2))
    ratio = chart.canvas.devicePixelRatioF()
    point = QPointF(x / ratio, (chart.figure.bbox.height - y) / ratio)
    move = QMouseEvent(QEvent.Type.MouseMove, point, chart.canvas.mapToGlobal(point),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(chart.canvas, move)
    text = tab.hover_label.text()
    amount = series.amount("logsmsout", index)
    assert "Texts sent" in text
    assert f": {exact_money(amount)} " in text
    assert chart.data.bucket_names[index] in text
    assert exact_money(series.bucket_total(index)) in text
    # Away from the bars: the hint comes back.
    away = QPointF(2, 2)
    QApplication.sendEvent(chart.canvas, QMouseEvent(
        QEvent.Type.MouseMove, away, chart.canvas.mapToGlobal(away), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert tab.hover_label.text().startswith("Point at a bar")
    # The keyboard path: End reads the newest bar, Left the one before.
    chart.canvas.setFocus()
    qtbot.keyClick(chart.canvas, Qt.Key.Key_End)
    assert tab.hover_label.text().startswith(chart.data.bucket_names[-1])
    qtbot.keyClick(chart.canvas, Qt.Key.Key_Left)
    assert tab.hover_label.text().startswith(chart.data.bucket_names[-2])


def test_stacked_by_sub_account_and_one_sub_account(
    qtbot: Any, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, Period.LAST_90_DAYS)
    assert tab.controls.bucket() is Bucket.WEEK
    run(tab.reload(), timeout=60)
    records = direct(client, tab)
    by_sub: dict[int, Decimal] = defaultdict(Decimal)
    for rows in records.values():
        for r in rows:
            by_sub[r.sub_id] += r.cost
    tab.controls.stack_box.setCurrentIndex(tab.controls.stack_box.findData(BY_SUB_ACCOUNT))
    chart = tab.chart
    assert chart is not None and chart.data is not None
    assert chart.data.series.keys == tuple(sorted(k for k, v in by_sub.items() if v))
    assert chart.data.series.totals == {k: v for k, v in by_sub.items() if v}
    assert chart.data.labels[0] == "Main account"
    assert tab.controls.sub_box.count() >= 4  # all, main account, and the sub-accounts
    shown = amounts(tab)
    assert shown["All sub-accounts"] == cents(sum(by_sub.values(), Decimal(0)))
    assert shown["Main account"] == cents(by_sub[0])
    # One sub-account: the gateway's own subid filter gives the same totals.
    sub = next(k for k in sorted(by_sub) if k != 0 and by_sub[k])
    tab.controls.stack_box.setCurrentIndex(0)
    tab.controls.sub_box.setCurrentIndex(tab.controls.sub_box.findData(sub))
    want = direct(client, tab, sub_id=sub)
    assert amounts(tab)["All services"] == cents(
        sum((r.cost for rows in want.values() for r in rows), Decimal(0)))
    assert amounts(tab)["Texts sent"] == cents(sum((r.cost for r in want["logsmsout"]), Decimal(0)))


def test_unused_numbers_match_the_inbound_logs(
    qtbot: Any, session: Session, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session)
    tab.insights.unused_days.setValue(7)  # before the first reload: no sync of its own
    run(tab.reload(), timeout=60)
    today = tab.history.today()
    since = unused_since(today, 7)
    received = {r.to for r in client.log_fax_in(since, today)}
    received |= {r.to for r in client.log_voice_in(since, today)}
    received |= {r.to for r in client.log_sms_in(since, today)}
    want = list(dict.fromkeys(n.number for n in client.query_numbers()
                              if n.number not in received))
    assert tab.insights.unused is not None
    assert [n.number for n in tab.insights.unused] == want
    if not want:
        assert tab.insights.unused_list.text() == "Every number received something."


def test_save_png_and_svg(
    qtbot: Any, session: Session, run: Callable[..., Any], tmp_path: Path
) -> None:
    tab = make_tab(qtbot, session)
    run(tab.reload(), timeout=60)
    png = tab.save_to(tmp_path / "spend.png")
    assert png is not None and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    svg = tab.save_to(tmp_path / "spend.svg")
    assert svg is not None
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "Texts sent" in text
    assert str(svg) in tab.message_bar.text
    # Through the (non-blocking) file dialog, as the owner does it.
    dialog = tab.save_chart()
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    target = tmp_path / "from-dialog.svg"
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.exists() and "<svg" in target.read_text()
    # A folder that does not exist: said in plain words, nothing raised.
    assert tab.save_to(tmp_path / "missing" / "x.png") is None
    assert "could not be saved" in tab.message_bar.text


def test_chart_follows_the_palette_and_the_app_font(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    font = QFont(original)
    font.setPointSizeF(13.0)
    app.setFont(font)
    try:
        tab = make_tab(qtbot, session)
        dark = QPalette(tab.palette())
        dark.setColor(QPalette.ColorRole.Base, QColor("#111827"))
        dark.setColor(QPalette.ColorRole.Text, QColor("#f9fafb"))
        tab.setPalette(dark)
        run(tab.reload(), timeout=60)
        chart = tab.chart
        assert chart is not None
        assert QColor.fromRgbF(*chart.figure.get_facecolor()).name() == "#111827"
        assert QColor.fromRgbF(*chart.axes.get_facecolor()).name() == "#111827"
        legend = chart.figure.legends[0]
        assert legend.get_texts()[0].get_fontsize() == pytest.approx(13.0)
        assert QColor(legend.get_texts()[0].get_color()).name() == "#f9fafb"
        tick = chart.axes.get_yticklabels()[0]
        assert tick.get_fontsize() == pytest.approx(13.0 * 0.92)
        assert QColor(tick.get_color()).name() != "#000000"  # the muted text colour
    finally:
        app.setFont(original)


def test_cancel_keeps_what_arrived_and_the_chart_redraws_meanwhile(
    qtbot: Any, sandbox: Any, session: Session, run: Callable[..., Any]
) -> None:
    sandbox.faults.latency = 0.25
    history = HistoryService(session, parallel=1)
    tab = make_tab(qtbot, session, Period.LAST_12_MONTHS, history)
    draws_before_cancel: list[int] = []

    async def scenario() -> None:
        task = asyncio.ensure_future(tab.reload())
        deadline = asyncio.get_running_loop().time() + 30
        # The first draw, then (throttled) redraws as the days arrive.
        while history.done_days < 3 or tab.chart is None or tab.chart.draws < 3:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)
        assert tab.sync_row.isVisible() and "days of activity" in tab.sync_label.text()
        assert tab.chart is not None
        draws_before_cancel.append(tab.chart.draws)
        tab.cancel_button.click()
        await task

    run(scenario(), timeout=60)
    history.close()
    assert draws_before_cancel[0] >= 3  # first draw, then redraws while fetching
    assert tab.last_result is not None and tab.last_result.state == "cancelled"
    assert "Fetching stopped" in tab.note.text() and tab.note.isVisible()
    assert not tab.sync_row.isVisible()
    assert tab.chart is not None and tab.chart.data is not None
    assert tab.chart.data.series.total > 0  # the days that arrived are drawn
