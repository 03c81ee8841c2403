"""Fitting columns into a table's width: the least useful narrow first, each down to its
minimum; room to spare goes to the stretch column."""

from __future__ import annotations

from traitel_desktop.ui.widgets.column_fit import ColumnWidth, fit_widths

COLUMNS = [
    ColumnWidth(180, 180, shrink=99),  # a time: never cut
    ColumnWidth(150, 60, shrink=1, stretch=True),
    ColumnWidth(80, 40, shrink=0),  # an ID: first to give way
]


def test_room_to_spare_goes_to_the_stretch_column() -> None:
    assert fit_widths(500, COLUMNS) == [180, 240, 80]


def test_the_least_useful_column_narrows_first() -> None:
    assert fit_widths(390, COLUMNS) == [180, 150, 60]
    assert fit_widths(300, COLUMNS) == [180, 80, 40]


def test_never_below_the_minimums() -> None:
    assert fit_widths(100, COLUMNS) == [180, 60, 40]
    assert fit_widths(100, []) == []


def test_columns_of_one_tier_narrow_together() -> None:
    pair = [ColumnWidth(120, 40, shrink=1), ColumnWidth(120, 80, shrink=1)]
    assert fit_widths(200, pair) == [94, 106]  # 40 cut, two to one: as much as each can give
    assert sum(fit_widths(201, pair)) == 201
