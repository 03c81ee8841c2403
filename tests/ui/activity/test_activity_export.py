"""Exporting the Activity tab's rows (after filter and sort), read back with the csv module and
openpyxl and compared with what the table showed (words as text, dates, numbers and amounts
typed); cancelled exports leave no file; the file dialog is opened non-blocking."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.helpers.activity import choose, column
from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.export import CSV, XLSX, Export, ExportCancelled
from traitel_desktop.core.money import format_amount, format_cost
from traitel_desktop.core.sheet_cells import neutralise
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.activity.model import Role
from traitel_desktop.ui.activity.tab import ActivityTab


@pytest.fixture
def tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> Iterator[ActivityTab]:
    history = HistoryService(session)
    widget = ActivityTab(session, history=history)
    qtbot.addWidget(widget)
    choose(widget, "logsmsin", run=run)
    widget.view.sortByColumn(column(widget, "from"), Qt.SortOrder.AscendingOrder)
    widget.model.set_filter("", None)
    yield widget
    history.close()


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    book.close()
    return rows


def expected_shown(tab: ActivityTab, kind: str) -> list[list[Any]]:
    """What the shown export holds: the table's words (the whole message) as text, "When" as
    a date and time, the ID as a number."""
    model, table = tab.model, tab.model.table
    out = []
    for r, row in enumerate(model.visible):
        cells: list[Any] = []
        for c, view in enumerate(table.view):
            if view.key == "when":
                day, time = (table.columns[i][row] for i in view.sources)
                when = dt.datetime.fromisoformat(f"{day} {time}")
                cells.append(when if kind == XLSX else f"{day} {time}")
            elif view.key == "id":
                ident = table.columns[view.sources[0]][row]
                cells.append(ident if kind == XLSX else str(ident))
            else:
                text = model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) if (
                    view.key == "message") else model.index(r, c).data()
                cells.append(text if kind == XLSX else neutralise(text))
        out.append(cells)
    return out


@pytest.mark.parametrize("kind", [CSV, XLSX])
def test_decoded_export_is_what_the_table_shows(
    tab: ActivityTab, tmp_path: Path, run: Callable[..., Any], kind: str
) -> None:
    path = tmp_path / f"shown.{kind}"
    run(tab.export.start(path, kind, raw=False))
    back = read_csv(path) if kind == CSV else read_xlsx(path)
    message = column(tab, "message")
    assert back[0] == [v.title for v in tab.model.table.view]
    assert len(back) - 1 == tab.model.rowCount() > 0
    assert back[1:] == expected_shown(tab, kind)  # the whole message, new lines kept
    assert any("\n" in w[message] for w in back[1:]) or any(
        "⏎" not in tab.model.index(r, message).data() for r in range(tab.model.rowCount()))
    assert "Saved" in tab.message_bar.text and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("kind", [CSV, XLSX])
def test_raw_export_has_the_api_columns_in_view_order(
    tab: ActivityTab, tmp_path: Path, run: Callable[..., Any], kind: str
) -> None:
    # Filter on a sender's number: the first one that leaves rows out (found in the data,
    # which depends on the day the demo was generated; a letter may match every row).
    sender = column(tab, "from")
    for number in sorted({tab.model.index(r, sender).data() for r in range(tab.model.rowCount())}):
        tab.search.setText(number)
        tab.apply_filter()
        if tab.model.rowCount() < tab.model.table.count:
            break
    path = tmp_path / f"raw.{kind}"
    run(tab.export.start(path, kind, raw=True))
    back = read_csv(path) if kind == CSV else read_xlsx(path)
    assert back[0] == list(LOGS["logsmsin"].headers)
    records = [tab.model.index(r, 0).data(Role.RECORD) for r in range(tab.model.rowCount())]
    assert 0 < len(records) < tab.model.table.count
    if kind == CSV:  # ID, Sub-ID, Date, Time, From, To, MessageType, Message
        assert back[1:] == [[*map(str, rec[:4]), *map(neutralise, rec[4:])] for rec in records]
    else:
        assert back[1:] == [[rec[0], rec[1], dt.datetime.fromisoformat(rec[2]),
                             dt.time.fromisoformat(rec[3]), *rec[4:]] for rec in records]


@pytest.mark.parametrize("log", ["logsmsout", "logvoiceout"])
def test_costs_are_amounts_written_as_the_table_shows_them(
    qtbot: Any, session: Session, run: Callable[..., Any], tmp_path: Path, log: str
) -> None:
    """CSV: the digits TraiTel writes ("0.0900", not "0.090000"), raw and shown alike (the
    table shows them by the app's rule, with the currency: not for a file); XLSX: numbers
    with a number format of those digits, so a spreadsheet totals them."""
    history = HistoryService(session)
    try:
        widget = ActivityTab(session, history=history)
        qtbot.addWidget(widget)
        choose(widget, log, run=run)
        model = widget.model
        at, cost = LOGS[log].money_index, column(widget, "cost")
        assert at is not None
        amounts = [Decimal(model.index(r, 0).data(Role.RECORD)[at]).scaleb(-6)
                   for r in range(model.rowCount())]
        on_screen = [model.index(r, cost).data() for r in range(model.rowCount())]
        assert amounts and on_screen == [format_amount(a) for a in amounts]
        shown = [format_cost(a) for a in amounts]
        for raw, at_column in ((True, at), (False, cost)):
            run(widget.export.start(tmp_path / "c.csv", CSV, raw=raw))
            assert [r[at_column] for r in read_csv(tmp_path / "c.csv")[1:]] == shown
            run(widget.export.start(tmp_path / "c.xlsx", XLSX, raw=raw))
            book = openpyxl.load_workbook(tmp_path / "c.xlsx")
            cells = [r[at_column] for r in book.active.iter_rows(min_row=2)]
            assert [Decimal(str(c.value)) for c in cells] == amounts
            assert [c.number_format for c in cells] == [
                "0." + "0" * len(t.partition(".")[2]) for t in shown]
    finally:
        history.close()


def test_cancelled_export_leaves_no_file_and_keeps_an_old_one(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "big.csv"
    target.write_text("old contents")
    export: Export

    def row(i: int) -> list[str]:
        if i == 5000:
            export.cancel()
        return [str(i), "x" * 20]

    export = Export(target, CSV, ["n", "x"], row, 50_000)
    with pytest.raises(ExportCancelled):
        run(export.run())
    assert target.read_text() == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]
    fresh = tmp_path / "new.xlsx"
    export = Export(fresh, XLSX, ["n", "x"], row, 50_000)
    with pytest.raises(ExportCancelled):
        run(export.run())
    assert not fresh.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_failed_export_leaves_no_file(tmp_path: Path, run: Callable[..., Any]) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    def row(i: int) -> list[str]:
        if i == 10:
            raise OSError(28, "No space left on device")
        return [str(i)]

    with pytest.raises(OSError):
        run(Export(tmp_path / "f.csv", CSV, ["n"], row, 100).run())
    assert list(tmp_path.iterdir()) == []


def test_cancel_from_the_tab_reports_it(
    tab: ActivityTab, tmp_path: Path, run: Callable[..., Any], qtbot: Any
) -> None:
    path = tmp_path / "c.xlsx"
    tab.show()

    async def go() -> None:
        task = tab.export.start(path, XLSX, raw=False)
        assert tab.export.running
        tab.cancel()  # Escape
        await task

    run(go())
    assert "cancelled" in tab.message_bar.text
    assert not path.exists() and not list(tmp_path.glob("*.part"))
    assert tab.export.row.isHidden()


def test_file_dialog_is_non_blocking_and_starts_the_export(
    tab: ActivityTab, tmp_path: Path, run: Callable[..., Any]
) -> None:
    dialog = tab.export.choose_file(CSV, False)
    assert dialog.isVisible()  # open(), not exec(): we got here while it is shown
    target = tmp_path / "picked.csv"

    async def go() -> None:
        dialog.fileSelected.emit(str(target))
        dialog.close()
        assert tab.export.task is not None
        await tab.export.task
        await asyncio.sleep(0)

    run(go())
    assert read_csv(target)[0][0] == "When"
