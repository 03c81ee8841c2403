"""LogTable and ActivityModel without a network: the same rows read from a response body (the
client's reading) and from archive tuples, sorting on raw values (numbers, money, durations),
filtering, totals as exact Decimals, and qtmodeltester over sort and filter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from traitel_desktop.api.logs import parse_log
from traitel_desktop.ui.activity.model import ActivityModel, Role
from traitel_desktop.ui.activity.table import LogTable

BODY = (
    b"Ok\n"
    b"ID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"
    b"1,0,2026-05-01,09:00:00,61299991234,61412345678,1,delivered,0.0900\n"
    b"2,3,2026-05-01,10:00:00,61299991234,447400123456,2,failed,0.1000\n"
    b"3,0,2026-05-02,08:30:00,61299991234,61412345678,10,,1.0500\n"
    b"4,3,2026-05-03,23:59:59,61299991234,15062321644,1,pending,0.0000001\n"
)

ROWS = [
    (1, 0, "2026-05-01", "09:00:00", "61299991234", "61412345678", 1, "delivered", 90000),
    (2, 3, "2026-05-01", "10:00:00", "61299991234", "447400123456", 2, "failed", 100000),
    (3, 0, "2026-05-02", "08:30:00", "61299991234", "61412345678", 10, "", 1050000),
    (4, 3, "2026-05-03", "23:59:59", "61299991234", "15062321644", 1, "pending",
     Decimal("0.1")),
]


def texts(table: LogTable) -> list[list[str]]:
    return [[table.text(c, r) for c in range(len(table.view))] for r in range(table.count)]


def test_body_and_archive_rows_read_alike() -> None:
    from_body = LogTable.from_log(parse_log("logsmsout", BODY))
    from_rows = LogTable.from_rows("logsmsout", ROWS)
    assert texts(from_body) == texts(from_rows)
    assert [from_body.raw_texts(r) for r in range(4)] == [
        from_rows.raw_texts(r) for r in range(4)]
    assert from_rows.raw_texts(3)[-1] == "0.0000001"  # below a micro-unit, still exact
    first = texts(from_rows)[0]
    assert first[2] == "+61 2 9999 1234" and first[3] == "+61 412 345 678"
    assert first[4] == "Delivered" and texts(from_rows)[2][4] == "Not tracked"


def test_sorting_is_on_raw_values_not_texts() -> None:
    for table in (LogTable.from_log(parse_log("logsmsout", BODY)),
                  LogTable.from_rows("logsmsout", ROWS)):
        parts = [v.key for v in table.view].index("parts")
        cost = [v.key for v in table.view].index("cost")
        # "10" sorts after "2" as a number (as text it would come first).
        assert [int(table.raw(r)[0]) for r in table.order(parts)] == [1, 4, 2, 3]
        assert [int(table.raw(r)[0]) for r in table.order(cost, True)] == [3, 2, 1, 4]
        assert [int(table.raw(r)[0]) for r in table.order(0, True)] == [4, 3, 2, 1]


def test_filters_and_totals_are_exact() -> None:
    table = LogTable.from_log(parse_log("logsmsout", BODY))
    everything = list(range(4))
    assert table.matching(everything, "NOT DELIVERED") == [1]
    assert table.matching(everything, "61412345678") == [0, 2]  # raw digits too
    assert table.matching(everything, "+61 412") == [0, 2]
    assert table.matching(everything, "", sub_id=3) == [1, 3]
    assert table.matching(everything, "pending", sub_id=0) == []
    totals = table.totals(everything)
    assert totals.count == 4 and totals.duration is None and totals.pages is None
    assert totals.cost == Decimal("1.2400001")
    assert isinstance(totals.cost, Decimal)


def test_model_sorts_and_filters_in_one_go(qtmodeltester: Any) -> None:
    model = ActivityModel()
    model.set_table(LogTable.from_rows("logsmsout", ROWS))
    qtmodeltester.check(model)
    cost = [v.key for v in model.table.view].index("cost")
    model.sort(cost, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, cost).data(Role.SORT) for r in range(4)] == [
        Decimal("0.1"), 90000, 100000, 1050000]
    assert model.index(0, cost).data() == "0.00"  # six decimals at most on show...
    assert model.index(0, cost).data(Qt.ItemDataRole.ToolTipRole) == "0.0000001"  # ...exact
    assert model.index(0, cost).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    model.set_filter("+61 412")
    assert model.rowCount() == 2
    assert model.totals().cost == Decimal("1.14")
    qtmodeltester.check(model)
    model.set_filter("", 3)
    assert [model.index(r, 0).data(Role.RECORD)[0] for r in range(2)] == [4, 2]
