"""Exporting the Activity tab's rows (after filter and sort), read back with the csv module and
openpyxl and compared with what the table showed; cancelled exports leave no file; the file
dialog is opened non-blocking."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.helpers.activity import choose, column
from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.export import CSV, XLSX, Export, ExportCancelled
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


def table_texts(tab: ActivityTab) -> list[list[str]]:
    model = tab.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path) -> list[list[str]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [["" if v is None else str(v) for v in row]
            for row in book.active.iter_rows(values_only=True)]
    book.close()
    return rows


@pytest.mark.parametrize("kind", [CSV, XLSX])
def test_decoded_export_is_what_the_table_shows(
    tab: ActivityTab, tmp_path: Path, run: Callable[..., Any], kind: str
) -> None:
    path = tmp_path / f"shown.{kind}"
    run(tab.export.start(path, kind, raw=False))
    back = read_csv(path) if kind == CSV else read_xlsx(path)
    shown = table_texts(tab)
    message = column(tab, "message")
    assert back[0] == [v.title for v in tab.model.table.view]
    assert len(back) - 1 == len(shown) > 0
    for written, row, r in zip(back[1:], shown, range(len(shown)), strict=True):
        full = tab.model.index(r, message).data(Qt.ItemDataRole.ToolTipRole)
        assert written[message] == full  # the whole message, new lines kept
        assert written[:message] + written[message + 1:] == row[:message] + row[message + 1:]
    assert any("\n" in w[message] for w in back[1:]) or any(
        "⏎" not in r[message] for r in shown)
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
    assert back[1:] == [[str(v) for v in rec] for rec in records]


def test_raw_cost_is_a_decimal_amount(
    qtbot: Any, session: Session, run: Callable[..., Any], tmp_path: Path
) -> None:
    history = HistoryService(session)
    try:
        widget = ActivityTab(session, history=history)
        qtbot.addWidget(widget)
        choose(widget, "logsmsout", run=run)
        path = tmp_path / "out.csv"
        run(widget.export.start(path, CSV, raw=True))
        back = read_csv(path)
        at = LOGS["logsmsout"].money_index
        assert at is not None
        records = [widget.model.index(r, 0).data(Role.RECORD)
                   for r in range(widget.model.rowCount())]
        from decimal import Decimal

        assert [Decimal(r[at]) for r in back[1:]] == [Decimal(x[at]).scaleb(-6)
                                                      for x in records]
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
