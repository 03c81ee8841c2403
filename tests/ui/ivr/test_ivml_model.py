"""The IVR menus and IVML configurations table models and proxies: qtmodeltester, raw-value
sorting, search, roles, "Outbound calling"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from traitel_desktop.api.records import IvmlConfig, IvrMenu
from traitel_desktop.ui.ivr.ivml_model import Column, IvmlModel, IvmlProxy
from traitel_desktop.ui.ivr.ivr_model import IvrColumn, IvrMenuModel
from traitel_desktop.ui.widgets.record_model import NOTHING, RecordProxy, Role


def menus() -> list[IvrMenu]:
    return [
        IvrMenu(11, "Main reception", ("61299991234", "61390388368"), False),
        IvrMenu(9, "after hours", ("442079460000",), False),
        IvrMenu(100, "Reminders", (), True),
        IvrMenu(12, "Spare", (), False),
    ]


def configs() -> list[IvmlConfig]:
    return [
        IvmlConfig(301, "Support", "https://a.example.com/l.xml", "", ("61299991234",), False),
        IvmlConfig(
            30, "bookings", "https://b.example.com/l.xml", "https://b.example.com/r", (), True
        ),
        IvmlConfig(1200, "Zeta", "http://c.example.com/l.xml", "", (), False),
    ]


def column(proxy: Any, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_models_pass_qtmodeltester(qtmodeltester: Any) -> None:
    ivr = IvrMenuModel()
    ivr.set_rows(menus())
    qtmodeltester.check(ivr)
    ivml = IvmlModel()
    ivml.set_rows(configs())
    qtmodeltester.check(ivml)
    ivml.set_rows(configs()[:1])
    qtmodeltester.check(ivml)
    ivml.set_rows([])
    qtmodeltester.check(ivml)


def test_proxies_pass_qtmodeltester_while_sorted_and_filtered(qtmodeltester: Any) -> None:
    ivml = IvmlModel()
    ivml.set_rows(configs())
    proxy = IvmlProxy()
    proxy.setSourceModel(ivml)
    proxy.sort(Column.NUMBERS)
    proxy.setFilterFixedString("example.com/l")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 3
    ivr = IvrMenuModel()
    ivr.set_rows(menus())
    ivr_proxy = RecordProxy()
    ivr_proxy.setSourceModel(ivr)
    ivr_proxy.sort(IvrColumn.NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(ivr_proxy)


def test_ivr_numbers_formatted_and_outbound_calling() -> None:
    model = IvrMenuModel()
    model.set_rows(menus())
    numbers = [model.index(r, IvrColumn.NUMBERS).data() for r in range(4)]
    assert numbers == [
        "+61 2 9999 1234, +61 3 9038 8368",
        "+44 20 7946 0000",
        "Outbound calling",
        NOTHING,
    ]
    tip = model.index(3, IvrColumn.NUMBERS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Numbers tab" in tip
    assert model.index(0, IvrColumn.ID).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )


def test_ids_sort_as_numbers_and_names_case_insensitively() -> None:
    model = IvmlModel()
    model.set_rows(configs())
    proxy = IvmlProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.ID)
    assert column(proxy, Column.ID) == ["30", "301", "1200"]  # as text: 1200, 30, 301
    proxy.sort(Column.ID, Qt.SortOrder.DescendingOrder)
    assert column(proxy, Column.ID) == ["1200", "301", "30"]
    proxy.sort(Column.NAME)
    assert column(proxy, Column.NAME) == ["bookings", "Support", "Zeta"]  # "Z" < "b" as text


def test_numbers_sort_with_numbers_first_then_outbound_then_none() -> None:
    model = IvrMenuModel()
    model.set_rows(menus())
    proxy = RecordProxy()
    proxy.setSourceModel(model)
    proxy.sort(IvrColumn.NUMBERS)
    assert column(proxy, IvrColumn.NAME) == ["after hours", "Main reception", "Reminders", "Spare"]
    ivml = IvmlModel()
    ivml.set_rows(configs())
    ivml_proxy = IvmlProxy()
    ivml_proxy.setSourceModel(ivml)
    ivml_proxy.sort(Column.NUMBERS)
    assert column(ivml_proxy, Column.NUMBERS) == ["+61 2 9999 1234", "Outbound calling", NOTHING]


def test_type_and_result_cells_and_the_record_role() -> None:
    model = IvmlModel()
    model.set_rows(configs())
    assert [model.index(r, Column.TYPE).data() for r in range(3)] == [
        "Inbound", "Outbound", "Inbound"
    ]
    assert model.index(0, Column.RESULT_URL).data() == NOTHING
    assert "not sent anywhere" in model.index(0, Column.RESULT_URL).data(
        Qt.ItemDataRole.ToolTipRole
    )
    proxy = IvmlProxy()
    proxy.setSourceModel(model)
    assert proxy.config(proxy.index(1, Column.LAUNCH_URL)) == configs()[1]
    assert proxy.config(QModelIndex()) is None
    assert model.index(2, Column.ID).data(Role.SORT) == 1200
    assert model.row_of(1200) == 2 and model.row_of(5) == -1


def test_search_matches_any_column_and_raw_digits() -> None:
    model = IvmlModel()
    model.set_rows(configs())
    proxy = IvmlProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("outbound")
    assert column(proxy, Column.NAME) == ["bookings"]
    proxy.setFilterFixedString("61299991234")  # the digits as TraiTel writes them
    assert column(proxy, Column.NAME) == ["Support"]
    proxy.setFilterFixedString("+61 2 9999")  # or as shown
    assert column(proxy, Column.NAME) == ["Support"]
    proxy.setFilterFixedString("—")  # the placeholder is not searchable text
    assert proxy.rowCount() == 0
    proxy.setFilterFixedString("ZETA")
    assert column(proxy, Column.NAME) == ["Zeta"]


def test_headers_and_flags() -> None:
    model = IvmlModel()
    model.set_rows(configs())
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert titles == ["ID", "Name", "Type", "Numbers", "Start address", "Report address"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and not flags & Qt.ItemFlag.ItemIsEditable
