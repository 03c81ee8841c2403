"""The numbers table model and proxy: qtmodeltester, words for every assignment, raw-value
sorting, the three filters, roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from traitel_desktop.api.records import IvmlConfig, IvrMenu, Number, SubAccount
from traitel_desktop.services.numbers import AssignChoice, build_rows, describe_choice
from traitel_desktop.services.subaccounts import SubAccountRow
from traitel_desktop.ui.numbers.model import Column, NumberModel, NumberProxy, Role

NUMBERS = [
    Number("61299991234", "voice", "IVR", 3),
    Number("442079460000", "voice", "IVML", 7),
    Number("61390001111", "voice", "SIP", 1002),
    Number("14155550100", "voice", "SIP", 0),
    Number("61290002222", "voice", "", None),
    Number("61738880000", "fax", "", None),
    Number("61412345678", "sms", "", None),
    Number("61299990000", "voice", "IVR", 99),  # a menu not in the list
]


def data() -> Any:
    return build_rows(
        NUMBERS,
        [IvrMenu(3, "Sales", (), False), IvrMenu(4, "Dialler", (), True)],
        [IvmlConfig(7, "After-hours", "https://x.example/l", "", (), False)],
        [SubAccountRow(SubAccount(1002, "jane@example.com", "Jane", "Doe", "", ""), "front")],
    )


def model() -> NumberModel:
    m = NumberModel()
    m.set_rows(data().rows)
    return m


def column(proxy: Any, col: Column) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    m = model()
    qtmodeltester.check(m)
    m.set_rows(data().rows[:2])
    qtmodeltester.check(m)
    m.set_rows([])
    qtmodeltester.check(m)


def test_proxy_passes_qtmodeltester_sorted_and_filtered(qtmodeltester: Any) -> None:
    proxy = NumberProxy()
    proxy.setSourceModel(model())
    proxy.sort(Column.ASSIGNMENT)
    proxy.set_service("voice")
    proxy.setFilterFixedString("61")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 4


def test_assignments_in_words() -> None:
    m = model()
    words = {m.index(r, Column.NUMBER).data(): m.index(r, Column.ASSIGNMENT).data()
             for r in range(m.rowCount())}
    assert words == {
        "+61 2 9999 1234": "Voice menu: Sales (#3)",
        "+44 20 7946 0000": "Call flow: After-hours (#7)",
        "+61 3 9000 1111": "Internet phone: sub-account Jane Doe",
        "+1 415-555-0100": "Internet phone: main account",
        "+61 2 9000 2222": "Unassigned",
        "+61 7 3888 0000": "Receives faxes",
        "+61 412 345 678": "Receives text messages",
        "+61 2 9999 0000": "Voice menu #99",
    }
    countries = {m.index(r, Column.COUNTRY).data() for r in range(m.rowCount())}
    assert countries == {"Australia", "United Kingdom", "United States"}


def test_sorting_uses_raw_keys_not_display_text() -> None:
    proxy = NumberProxy()
    proxy.setSourceModel(model())
    proxy.sort(Column.NUMBER)
    records = [proxy.record(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    digits = [r.digits for r in records if r is not None]
    assert digits == sorted(n.number for n in NUMBERS)
    proxy.sort(Column.SERVICE)
    assert column(proxy, Column.SERVICE) == ["Fax"] + ["Voice"] * 6 + ["SMS"]
    proxy.sort(Column.ASSIGNMENT)
    assert column(proxy, Column.ASSIGNMENT)[:4] == [
        "Voice menu #99", "Voice menu: Sales (#3)", "Call flow: After-hours (#7)",
        "Internet phone: main account",
    ]
    proxy.sort(Column.COUNTRY, Qt.SortOrder.DescendingOrder)
    assert column(proxy, Column.COUNTRY)[0] == "United States"


def test_filters_combine() -> None:
    proxy = NumberProxy()
    proxy.setSourceModel(model())
    proxy.set_service("fax")
    assert column(proxy, Column.NUMBER) == ["+61 7 3888 0000"]
    proxy.set_service(None)
    proxy.set_numbers({"61299991234", "61412345678"})
    assert sorted(column(proxy, Column.NUMBER)) == ["+61 2 9999 1234", "+61 412 345 678"]
    proxy.setFilterFixedString("SALES")
    assert column(proxy, Column.NUMBER) == ["+61 2 9999 1234"]
    proxy.set_numbers(None)
    proxy.setFilterFixedString("jane")
    assert column(proxy, Column.NUMBER) == ["+61 3 9000 1111"]
    proxy.setFilterFixedString("4420794")  # digits as typed, no spaces
    assert column(proxy, Column.NUMBER) == ["+44 20 7946 0000"]


def test_roles_and_flags() -> None:
    m = model()
    index = m.index(0, Column.SERVICE)
    record = index.data(Role.RECORD)
    assert record.digits == "61299991234" and record.kind == "IVR"
    assert index.data(Role.SORT) == (1, "61299991234")
    tip = m.index(0, Column.ASSIGNMENT).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Voice menu: Sales (#3)"
    assert not m.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert m.rowCount(index) == 0 and m.data(QModelIndex()) is None
    assert m.headerData(Column.ASSIGNMENT, Qt.Orientation.Horizontal) == "Used for"
    assert m.row_of("61412345678") == 6 and m.row_of("0") == -1


def test_change_log_detail_names_the_target() -> None:
    d = data()
    assert describe_choice(AssignChoice("fax"), d) == "to fax"
    assert describe_choice(AssignChoice("voice", "IVR", 3), d) == "voice → voice menu Sales (#3)"
    assert describe_choice(AssignChoice("voice", "SIP", 0), d) == (
        "voice → internet phone (SIP) of the main account"
    )
    assert describe_choice(AssignChoice("voice", "SIP", 1002), d) == (
        "voice → internet phone (SIP) of sub-account Jane Doe (ID 1002)"
    )
    assert [t.name for t in d.targets("IVR")] == ["Sales"]  # outbound menus are not offered
