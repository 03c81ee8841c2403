"""Properties of the one cell rule (core.sheet_cells), on any text, amount and count: no
exported text cell starts a formula, nothing typed is lost, numbers stay numbers. Files are
written with ``core.export.write_rows`` and read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from traitel_desktop.core.export import CSV, XLSX, CellKind, Column, write_rows
from traitel_desktop.core.money import format_cost
from traitel_desktop.core.sheet_cells import (
    FORMULA_STARTS,
    csv_cell,
    csv_text,
    formula_like,
    neutralise,
    xlsx_text,
)

#: Texts near the edge: formula starts, white space and control characters first.
_LEADS = st.sampled_from([*sorted(FORMULA_STARTS), " ", "\t", "\r", "\n", "\x00", "'", "#"])
texts = st.one_of(st.text(), st.builds(lambda a, b: a + b, st.text(_LEADS, max_size=3),
                                       st.text(max_size=20)))
amounts = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"),
                      allow_nan=False, allow_infinity=False, places=6)


def starts_a_formula(cell: str) -> bool:
    """What a spreadsheet could run: a trigger first, or after white space it trims."""
    return cell[:1] in FORMULA_STARTS | {"\t", "\r", "\n", "\x00"} or (
        cell.lstrip()[:1] in FORMULA_STARTS)


@given(texts)
def test_a_neutralised_text_starts_no_formula_and_loses_nothing(text: str) -> None:
    out = neutralise(text)
    assert not starts_a_formula(out)
    assert out == text or out == "'" + text
    assert (out != text) == formula_like(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=12))
def test_no_exported_text_cell_starts_a_formula(cells: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = [[c] for c in cells]
        csv_path, xlsx_path = Path(folder) / "t.csv", Path(folder) / "t.xlsx"
        write_rows(csv_path, CSV, [Column("Text")], rows.__getitem__, len(rows))
        write_rows(xlsx_path, XLSX, [Column("Text")], rows.__getitem__, len(rows))
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            back = [r[0] for r in list(csv.reader(handle))[1:]]
        book = openpyxl.load_workbook(xlsx_path)
        sheet = [r[0] for r in book.active.iter_rows(min_row=2, max_row=len(rows) + 1)]
    assert back == [neutralise(c) for c in cells]
    assert not any(starts_a_formula(c) for c in back)
    for cell, text in zip(sheet, cells, strict=True):
        stored = xlsx_text(text)
        assert cell.data_type != "f"
        if stored:
            assert cell.data_type == "s" and cell.value == stored
            assert bool(cell.quotePrefix) == starts_a_formula(stored)
        else:
            assert cell.value is None


@given(amounts)
def test_an_amount_reads_back_exactly_as_the_app_shows_it(amount: Decimal) -> None:
    text = csv_text(CellKind.MONEY, amount)
    assert Decimal(text) == amount and not text.startswith("'")
    assert text == format_cost(amount)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_a_count_reads_back_as_the_same_number(count: int) -> None:
    assert int(csv_text(CellKind.INTEGER, count)) == count


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(amounts, st.integers(-(10**9), 10**9)), min_size=1, max_size=10))
def test_xlsx_numbers_are_numbers(rows: list[tuple[Decimal, int]]) -> None:
    columns = [Column("Cost", CellKind.MONEY), Column("Count", CellKind.INTEGER)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "n.xlsx"
        write_rows(path, XLSX, columns, rows.__getitem__, len(rows))
        book = openpyxl.load_workbook(path)
        back = [tuple(r) for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert [(Decimal(str(cost)), count) for cost, count in back] == rows
    assert all(isinstance(cost, int | float) for cost, _count in back)


values = st.one_of(
    st.none(), texts, amounts, st.integers(), st.dates(), st.times(), st.datetimes(),
    st.timedeltas(min_value=dt.timedelta(days=-9999), max_value=dt.timedelta(days=9999)),
    st.lists(st.integers(), max_size=2),  # not hashable, of no kind
)


@given(st.sampled_from(list(CellKind)), st.lists(values, max_size=8))
def test_a_column_writer_writes_what_the_rule_says(kind: CellKind, column: list[object]) -> None:
    """The CSV writer's per-column shortcut (``csv_cell``) gives :func:`csv_text`'s texts,
    repeated values too; text and values not of the kind start no formula."""
    cell = csv_cell(kind)
    written = [cell(v) for v in column + column]
    assert written == [csv_text(kind, v) for v in column + column]
    for value, text in zip(column, written, strict=False):
        if isinstance(value, str) or kind is CellKind.TEXT:
            assert not starts_a_formula(text)
