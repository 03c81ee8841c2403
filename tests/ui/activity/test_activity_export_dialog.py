"""Where the Activity export's save dialog opens and what it proposes (issue 14 item 6): the
owner's Documents folder the first time (home when there is none), a name a person would give
("Faxes sent 2026-11-30 to 2026-12-06.xlsx"), then the folder of the last export, also in a
new tab after a restart. The (non-native) dialog is driven as an owner would: the Export
menu, then Save."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from tests.helpers.activity import choose
from tests.helpers.log_titles import TITLES
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.services.settings import AppSettings
from traitel_desktop.ui.activity.columns import log_titles
from traitel_desktop.ui.activity.tab import ActivityTab

#: The Export menu's entries, in order.
CSV_SHOWN, CSV_RAW, XLSX_SHOWN, XLSX_RAW = range(4)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home folder of the test's own (QStandardPaths reads $HOME), and non-native dialogs."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    native = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield folder
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, native)


@pytest.fixture
def history(session: Session) -> Iterator[HistoryService]:
    service = HistoryService(session)
    yield service
    service.close()


def new_tab(qtbot: Any, session: Session, history: HistoryService,
            run: Callable[..., Any]) -> ActivityTab:
    tab = ActivityTab(session, history=history)
    qtbot.addWidget(tab)
    choose(tab, "logfaxout", days=7, run=run)
    return tab


def open_export(tab: ActivityTab, entry: int) -> QFileDialog:
    """Pick an entry of the Export menu; returns the save dialog it opened."""
    tab.export.menu.actions()[entry].trigger()
    dialog = tab.export.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.findChild(QLineEdit, "fileNameEdit") is not None  # Qt's own, not native
    return dialog


def dates(tab: ActivityTab) -> str:
    start, end = tab.date_range()
    return f"{start.isoformat()} to {end.isoformat()}"


def test_the_tab_shows_the_names_the_file_names_are_made_of() -> None:
    assert tuple(sorted(log_titles().values())) == tuple(sorted(TITLES))


def test_first_export_opens_in_documents_with_a_persons_name(
    qtbot: Any, home: Path, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    documents = home / "Documents"
    documents.mkdir()
    tab = new_tab(qtbot, session, history, run)
    dialog = open_export(tab, XLSX_SHOWN)
    assert Path(dialog.directory().absolutePath()) == documents
    name = f"Faxes sent {dates(tab)}.xlsx"
    assert [Path(f) for f in dialog.selectedFiles()] == [documents / name]
    dialog.reject()
    raw = open_export(tab, CSV_RAW)
    assert [Path(f).name for f in raw.selectedFiles()] == [
        f"Faxes sent {dates(tab)} (as sent by TraiTel).csv"]
    raw.reject()


def test_without_a_documents_folder_it_opens_at_home(
    qtbot: Any, home: Path, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = new_tab(qtbot, session, history, run)
    dialog = open_export(tab, CSV_SHOWN)
    assert Path(dialog.directory().absolutePath()) == home
    assert [Path(f).name for f in dialog.selectedFiles()] == [f"Faxes sent {dates(tab)}.csv"]
    dialog.reject()


def test_the_next_export_opens_where_the_last_was_saved_also_after_a_restart(
    qtbot: Any, home: Path, session: Session, history: HistoryService,
    run: Callable[..., Any],
) -> None:
    (home / "Documents").mkdir()
    chosen = home / "Accounts" / "December"
    chosen.mkdir(parents=True)
    tab = new_tab(qtbot, session, history, run)
    dialog = open_export(tab, XLSX_SHOWN)
    # The owner goes to another folder, keeps the proposed name and presses Save.
    dialog.setDirectory(str(chosen))
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text() == f"Faxes sent {dates(tab)}.xlsx"
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert buttons is not None
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    async def saved() -> None:
        while tab.export.task is None or not tab.export.task.done():
            await asyncio.sleep(0.02)
        await tab.export.task

    run(saved())
    written = chosen / f"Faxes sent {dates(tab)}.xlsx"
    book = openpyxl.load_workbook(written, read_only=True)
    assert next(book.active.iter_rows(values_only=True))[0] == "When"
    book.close()
    again = open_export(tab, CSV_SHOWN)
    assert Path(again.directory().absolutePath()) == chosen
    again.reject()

    # A restart: new settings read from the same file, a new tab.
    assert session.settings is not None
    session.settings.sync()
    session.settings = AppSettings(QSettings())
    later = new_tab(qtbot, session, history, run)
    after_restart = open_export(later, CSV_SHOWN)
    assert Path(after_restart.directory().absolutePath()) == chosen
    after_restart.reject()


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    qtbot: Any, home: Path, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    (home / "Documents").mkdir()
    assert session.settings is not None
    session.settings.export_folder = str(home / "removed since")
    tab = new_tab(qtbot, session, history, run)
    dialog = open_export(tab, CSV_SHOWN)
    assert Path(dialog.directory().absolutePath()) == home / "Documents"
    dialog.reject()
