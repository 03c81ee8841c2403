"""The sub-accounts table model and proxy: qtmodeltester, raw-value sorting, search, roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from traitel_desktop.api.records import SubAccount
from traitel_desktop.services.subaccounts import SubAccountRow
from traitel_desktop.ui.subaccounts.model import (
    UNKNOWN_ALIAS,
    Column,
    Role,
    SubAccountModel,
    SubAccountProxy,
)


def rows() -> list[SubAccountRow]:
    return [
        SubAccountRow(SubAccount(1010, "zoe@example.com", "Zoë", "Adams", "Acme", "Acme - Fax")),
        SubAccountRow(
            SubAccount(9, "ben@example.com", "Ben", "Young", "", "Young - Sales"), "sales"
        ),
        SubAccountRow(
            SubAccount(200, "", "Ana", "Miller", "Bluegum Pty", "Bluegum"), "Reception"
        ),
        SubAccountRow(
            SubAccount(31, "x@example.org", "", "", "", "", {"Alias": "from-gateway"}),
            "from-gateway",
        ),
    ]


def column(proxy: SubAccountProxy, col: Column) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_model_passes_qtmodeltester_with_rows(qtmodeltester: Any) -> None:
    model = SubAccountModel()
    model.set_rows(rows())
    qtmodeltester.check(model)
    model.set_rows(rows()[:2])
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_proxy_passes_qtmodeltester_while_sorted_and_filtered(qtmodeltester: Any) -> None:
    model = SubAccountModel()
    model.set_rows(rows())
    proxy = SubAccountProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.NAME)
    proxy.setFilterFixedString("example")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 3


def test_ids_sort_as_numbers_not_text() -> None:
    model = SubAccountModel()
    model.set_rows(rows())
    proxy = SubAccountProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.ID, Qt.SortOrder.AscendingOrder)
    assert column(proxy, Column.ID) == ["9", "31", "200", "1010"]  # as text: 1010, 200, 31, 9
    proxy.sort(Column.ID, Qt.SortOrder.DescendingOrder)
    assert column(proxy, Column.ID) == ["1010", "200", "31", "9"]


def test_names_sort_by_last_name_and_empty_values_last() -> None:
    model = SubAccountModel()
    model.set_rows(rows())
    proxy = SubAccountProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.NAME)
    assert column(proxy, Column.NAME) == ["Zoë Adams", "Ana Miller", "Ben Young", ""]
    proxy.sort(Column.ALIAS)
    # Case-insensitive, and the unknown alias ("—") after every known one.
    assert column(proxy, Column.ALIAS) == ["from-gateway", "Reception", "sales", UNKNOWN_ALIAS]


def test_search_is_case_insensitive_over_every_column() -> None:
    model = SubAccountModel()
    model.set_rows(rows())
    proxy = SubAccountProxy()
    proxy.setSourceModel(model)
    for text, ids in [
        ("RECEPTION", ["200"]),  # alias
        ("zoë", ["1010"]),  # name, not ASCII
        ("EXAMPLE.ORG", ["31"]),  # e-mail
        ("bluegum", ["200"]),  # company and headline
        ("sales", ["9"]),  # alias and headline of the same row: listed once
        ("101", ["1010"]),  # the ID
        ("—", []),  # the placeholder for an unknown alias is not searchable text
        ("nobody", []),
    ]:
        proxy.setFilterFixedString(text)
        assert sorted(column(proxy, Column.ID), key=int) == ids, text
    proxy.setFilterFixedString("")
    assert proxy.rowCount() == 4


def test_roles_record_tooltip_and_unknown_alias() -> None:
    model = SubAccountModel()
    data = rows()
    model.set_rows(data)
    first = model.index(0, Column.EMAIL)
    assert first.data(Role.RECORD) is data[0]
    assert model.index(0, Column.ALIAS).data() == UNKNOWN_ALIAS
    tip = model.index(0, Column.ALIAS).data(Qt.ItemDataRole.ToolTipRole)
    assert "never sends it back" in tip
    assert model.index(1, Column.ALIAS).data() == "sales"
    assert model.index(1, Column.ALIAS).data(Qt.ItemDataRole.ToolTipRole) == "sales"
    assert model.index(0, Column.ID).data(Role.SORT) == 1010
    assert model.headerData(Column.EMAIL, Qt.Orientation.Horizontal) == "E-mail"
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.row_of(200) == 2
    assert model.row_of(12345) == -1
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEditable
