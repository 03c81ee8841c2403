"""Task g: "save my call log to a file for the accountant". The owner opens Activity (the calls
received of the last 7 days), presses Export and picks "CSV, columns as shown…"; the save
dialog opens in their Documents folder with a name a person would give the file (the log's
name and the dates shown); Save (a click, or Enter) writes every row shown, which the test
reads back. The shared sandbox: nothing changes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from tests.helpers.owner import Key, Owner
from tests.helpers.owner_sight import task_params
from traitel_desktop.core.export_name import export_file_name
from traitel_desktop.ui.activity.columns import log_titles
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.frame.main_window import MainWindow


@task_params
def test_export_a_log_to_documents(
    owner: Owner, window: MainWindow, home: Path, size: Any, mode: str
) -> None:
    owner.tab("Activity")
    tab = window.tab("activity")
    assert isinstance(tab, ActivityTab)
    owner.wait_quiet()
    assert tab.model.rowCount() > 0
    start, end = tab.date_range()

    owner.use(tab.export.button)
    owner.pick(tab.export.menu, "CSV, columns as shown…")
    owner.wait_for(lambda: isinstance(tab.export.dialog, QFileDialog)
                   and tab.export.dialog.isVisible(), "the save dialog")
    dialog = tab.export.dialog
    assert isinstance(dialog, QFileDialog)
    owner.ensure_active(dialog)
    documents = home / "Documents"
    name = export_file_name(log_titles()[tab.log], start, end, "csv")
    assert Path(dialog.directory().absolutePath()) == documents
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None and field.text() == name
    owner.shot("g-save-dialog")

    if owner.by_keyboard:
        owner.tab_to(field)
        owner.press(Key.Key_Return)
    else:
        buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
        assert buttons is not None
        owner.click(buttons.button(QDialogButtonBox.StandardButton.Save))
    owner.wait_for(lambda: tab.export.task is not None, "the export to start")
    owner.settle(tab.export.task)
    owner.wait_quiet()

    written = documents / name
    with written.open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 1 + tab.model.rowCount()  # the titles, then every row shown
    assert str(written) in tab.message_bar.text
    owner.shot("g-exported", window)
