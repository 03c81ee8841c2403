"""The Costs tab's comparison model: qtmodeltester (while rows are added, replaced, removed
and the plan changes), raw Decimal sorting, missing prices, the estimate column."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from traitel_desktop.api.records import FaxCost, VoiceCost
from traitel_desktop.core.costs import Destination, Plan, Quote, estimate
from traitel_desktop.ui.costs.model import (
    CompareColumn,
    ComparisonModel,
    ComparisonProxy,
    Role,
)


def quote(
    digits: str, shown: str, region: str, sms: str | None, minute: str | None,
    page: str | None,
) -> Quote:
    """A quote with every SMS kind at ``sms`` (+0.01 per kind), calls billed by the minute at
    ``minute`` and faxes per page at ``page`` (``None``: the service can't reach it)."""
    prices = {}
    if sms is not None:
        for step, kind in enumerate(("replies", "masking", "tracking", "masktrack")):
            prices[kind] = Decimal(sms) + Decimal("0.01") * step
    voice = None if minute is None else VoiceCost(
        Decimal("0.02"), Decimal("0"), Decimal(minute), "PerMinute",
        Decimal("0.02") + Decimal(minute),
    )
    fax = None if page is None else FaxCost(
        Decimal("0"), Decimal("0"), Decimal("0"), Decimal(page), "PerPage", Decimal(page)
    )
    return Quote(Destination(digits, shown, region), prices, voice, fax)


def quotes() -> list[Quote]:
    return [
        quote("61299991234", "+61 2 9999 1234", "AU", "0.0650", "0.0300", "0.0900"),
        quote("442079460000", "+44 20 7946 0000", "GB", "0.1000", "0.9000", "0.0800"),
        quote("12125550100", "+1 212-555-0100", "US", None, "0.0120", None),
    ]


def column(proxy: ComparisonProxy, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [proxy.index(r, col).data(role) for r in range(proxy.rowCount())]


def test_model_and_proxy_pass_qtmodeltester(qtmodeltester: Any) -> None:
    model = ComparisonModel()
    qtmodeltester.check(model)
    for item in quotes():
        model.upsert(item)
    qtmodeltester.check(model)
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    proxy.sort(CompareColumn.ESTIMATE)
    qtmodeltester.check(proxy)
    model.set_plan(Plan(messages=5, sms_type="masktrack", minutes=1, pages=0))
    model.upsert(quotes()[0])  # replaces the row
    model.remove(1)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_rows_show_prices_and_missing_services() -> None:
    model = ComparisonModel()
    for item in quotes():
        model.upsert(item)
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    assert column(proxy, CompareColumn.COUNTRY) == ["Australia", "United Kingdom", "United States"]
    assert column(proxy, CompareColumn.NUMBER)[0] == "+61 2 9999 1234"
    assert column(proxy, CompareColumn.SMS_REPLIES) == ["0.065", "0.10", "—"]
    assert column(proxy, CompareColumn.SMS_MASKTRACK) == ["0.095", "0.13", "—"]
    assert column(proxy, CompareColumn.VOICE_MINUTE) == ["0.03", "0.90", "0.012"]
    assert column(proxy, CompareColumn.FAX_PAGE) == ["0.09", "0.08", "—"]
    us = proxy.index(2, CompareColumn.SMS_REPLIES)
    assert us.data(Qt.ItemDataRole.ToolTipRole) == (
        "TraiTel can't deliver text messages to this number."
    )
    assert proxy.index(2, CompareColumn.FAX_PAGE).data(Qt.ItemDataRole.ToolTipRole) == (
        "TraiTel can't send faxes to this number."
    )
    assert "by the minute" in proxy.index(0, CompareColumn.VOICE_MINUTE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert proxy.index(1, 0).data(Role.RECORD).destination.region == "GB"
    assert proxy.quote(proxy.index(1, 0)) is model.rows()[1]
    assert proxy.headerData(CompareColumn.SMS_MASKING, Qt.Orientation.Horizontal) == (
        "SMS your name"
    )
    assert "sender" in proxy.headerData(
        CompareColumn.SMS_MASKING, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    # Right-aligned prices, not editable.
    price = proxy.index(0, CompareColumn.ESTIMATE)
    assert price.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not price.flags() & Qt.ItemFlag.ItemIsEditable


def test_estimate_column_follows_the_plan_exactly() -> None:
    model = ComparisonModel()
    for item in quotes():
        model.upsert(item)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.column(),
                                                                      bottom.column())))
    plan = Plan(messages=1000, sms_type="tracking", minutes=120, pages=3)
    model.set_plan(plan)
    assert changed == [(CompareColumn.ESTIMATE, CompareColumn.ESTIMATE)]
    for row, item in enumerate(quotes()):
        total = estimate(item, plan).total
        assert total is not None
        shown = model.index(row, CompareColumn.ESTIMATE).data()
        assert Decimal(shown.replace(",", "")) == total
    # AU: 1000 × 0.0850 + (0.02 + 120 × 0.03) + 3 × 0.09
    assert model.index(0, CompareColumn.ESTIMATE).data() == "88.89"
    assert model.index(2, CompareColumn.ESTIMATE).data() == "1.46"  # calls only
    model.set_plan(plan)  # the same plan again: nothing to redo
    assert len(changed) == 1


def test_sorting_uses_raw_decimals_and_puts_missing_prices_last() -> None:
    model = ComparisonModel()
    for item in quotes():
        model.upsert(item)
    model.set_plan(Plan(messages=0, minutes=10, pages=0))
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    proxy.sort(CompareColumn.VOICE_MINUTE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, CompareColumn.VOICE_MINUTE) == ["0.012", "0.03", "0.90"]
    proxy.sort(CompareColumn.SMS_REPLIES, Qt.SortOrder.AscendingOrder)
    assert column(proxy, CompareColumn.SMS_REPLIES) == ["0.065", "0.10", "—"]
    # As text "19.02" < "6.82"; as money it is the other way round.
    model.set_plan(Plan(messages=100, minutes=10, pages=0))
    proxy.sort(CompareColumn.ESTIMATE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, CompareColumn.ESTIMATE) == ["0.14", "6.82", "19.02"]


def test_upsert_replaces_the_same_destination_and_remove_takes_it_out() -> None:
    model = ComparisonModel()
    first = quotes()[0]
    assert model.upsert(first) == 0
    assert model.upsert(quotes()[1]) == 1
    newer = quote("61299991234", "+61 2 9999 1234", "AU", "0.0700", "0.0300", "0.0900")
    assert model.upsert(newer) == 0
    assert model.rowCount() == 2
    assert model.index(0, CompareColumn.SMS_REPLIES).data() == "0.07"
    assert model.row_of_number("442079460000") == 1
    model.remove(0)
    assert [q.destination.region for q in model.rows()] == ["GB"]
    model.remove(5)  # out of range: nothing happens
    assert model.rowCount() == 1
