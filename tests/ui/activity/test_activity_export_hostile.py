"""The Activity tab's exports of text strangers wrote (issue 13): SMS texts (also full-width
ones, sent as UTF-16), fax station IDs and a sub-account's name, put in a fresh sandbox,
synced over HTTP, shown, exported as shown and raw, read back with openpyxl and csv. No cell
is a formula; text comes back as text (CSV: neutralised); dates, counts and durations typed."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from tests.helpers.activity import choose, column
from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.hostile import BELL, FIRST_ID, FORMULAS, TEXTS, add_hostile_rows
from traitel_desktop.core.export import CSV, XLSX
from traitel_desktop.core.sheet_cells import formula_like, neutralise
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.activity.tab import ActivityTab

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here

NAME = TEXTS[0]  # the hostile sub-account's name


@pytest.fixture
def day(fresh_sandbox: Any) -> dt.date:
    return add_hostile_rows(fresh_sandbox)


@pytest.fixture
def open_tab(
    day: dt.date, qtbot: Any, session: Session, run: Callable[..., Any]
) -> Iterator[Callable[[str], ActivityTab]]:
    history = HistoryService(session)

    def make(log: str) -> ActivityTab:
        widget = ActivityTab(session, history=history)
        qtbot.addWidget(widget)
        choose(widget, log, days=3, run=run)
        widget.view.sortByColumn(column(widget, "id"), Qt.SortOrder.AscendingOrder)
        widget.search.setText(NAME)  # only the added rows: the sub-account's name
        widget.apply_filter()
        return widget

    yield make
    history.close()


def export(tab: ActivityTab, run: Callable[..., Any], path: Path, raw: bool) -> list[list[Any]]:
    """Export the rows shown to ``path``; the data rows read back (CSV texts, XLSX cells)."""
    run(tab.export.start(path, CSV if path.suffix == ".csv" else XLSX, raw=raw))
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.reader(handle))[1:]
    rows = [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2)]
    assert all(c.data_type != "f" for r in rows for c in r)
    return rows


def text_cell(cell: Any, text: str) -> None:
    assert cell.data_type == "s" and cell.value == text
    assert bool(cell.quotePrefix) == formula_like(text)


def test_hostile_sms_and_sub_account_name_as_shown(
    open_tab: Callable[[str], ActivityTab], run: Callable[..., Any], tmp_path: Path,
    day: dt.date,
) -> None:
    tab = open_tab("logsmsin")
    # Sent as ASCII, then the formulas again as UTF-16 (full-width ones decode as such).
    messages = [*TEXTS, *FORMULAS, BELL]
    assert tab.model.rowCount() == len(messages)
    sub, message, when, ident = (column(tab, k) for k in ("sub", "message", "when", "id"))
    texts = export(tab, run, tmp_path / "sms.csv", raw=False)
    cells = export(tab, run, tmp_path / "sms.xlsx", raw=False)
    for i, (written, row, sent) in enumerate(zip(texts, cells, messages, strict=True)):
        assert written[sub] == "'" + NAME
        text_cell(row[sub], NAME)
        assert written[message] == neutralise(sent)
        assert not formula_like(written[message])
        if sent != BELL:
            text_cell(row[message], sent)
        assert written[ident] == str(FIRST_ID + i) and row[ident].value == FIRST_ID + i
        at = dt.datetime.combine(day, dt.time(10, i))
        assert written[when] == f"{at:%Y-%m-%d %H:%M:%S}" and row[when].value == at
        assert row[when].is_date
    assert "\ufffd" in cells[-1][message].value  # a character XLSX cannot hold, marked


def test_hostile_fax_station_ids_raw_and_shown(
    open_tab: Callable[[str], ActivityTab], run: Callable[..., Any], tmp_path: Path
) -> None:
    tab = open_tab("logfaxin")
    assert tab.model.rowCount() == len(TEXTS)
    stations = [t.strip() for t in TEXTS]  # the reading drops white space around a TEXT
    station, pages, speed, took = (column(tab, k)
                                   for k in ("station", "pages", "speed", "duration"))
    texts = export(tab, run, tmp_path / "fax.csv", raw=False)
    cells = export(tab, run, tmp_path / "fax.xlsx", raw=False)
    for written, row, sent in zip(texts, cells, stations, strict=True):
        assert written[station] == neutralise(sent)
        text_cell(row[station], sent)
        assert written[took] == "0:01:05" and row[took].value == dt.timedelta(seconds=65)
        assert row[took].number_format == "[h]:mm:ss"
        assert (written[pages], row[pages].value) == ("2", 2)
        assert (written[speed], row[speed].value) == ("14400", 14400)
        assert row[speed].number_format == '#,##0 "bit/s"'
    raw_texts = export(tab, run, tmp_path / "raw.csv", raw=True)
    raw_cells = export(tab, run, tmp_path / "raw.xlsx", raw=True)
    for written, row, sent in zip(raw_texts, raw_cells, stations, strict=True):
        assert written[6] == neutralise(sent) and written[4] == "'-61298765432"
        text_cell(row[6], sent)
        assert (written[-1], row[-1].value) == ("65", 65)  # raw Duration: the API's seconds
