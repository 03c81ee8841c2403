"""Help ▸ Report a problem… on the real main window: the save dialog starts in Documents with
a dated name, the file holds the versions and no password, e-mail address or phone number
from the log lines planted here, and the owner can open its folder."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from traitel_desktop.services import log_buffer
from traitel_desktop.ui.frame.main_window import MainWindow

PASSWORD = "Wr0ng-Horse-Battery"
PLANTED = [
    ("sign in failed for owner@example.com with pass=%s", PASSWORD),
    ("assign %s failed: Error 107", "+61 2 9999 1234"),
    ("fax to %s: busy", "(02) 8888-4321"),
]


@pytest.fixture
def planted() -> Iterator[None]:
    """The app's in-memory log (as app.py installs it) with private details in it."""
    root = logging.getLogger()
    level = root.level
    log_buffer.uninstall_recent_log()
    log_buffer.install_recent_log()
    log = logging.getLogger("traitel_desktop.test")
    for message, arg in PLANTED:
        log.warning(message, arg)
    yield
    log_buffer.uninstall_recent_log()
    root.setLevel(level)


class FolderOpener(QObject):
    """Receives the ``file:`` URLs the app asks the desktop to open
    (``QDesktopServices.setUrlHandler``: Qt's own hook, instead of a file manager)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def opener() -> Iterator[FolderOpener]:
    handler = FolderOpener()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")



def test_report_a_problem_writes_a_file_without_private_details(
    qtbot: Any, main_window: MainWindow, planted: None, opener: FolderOpener, tmp_path: Path
) -> None:
    window = main_window
    window.help.report_action.trigger()
    dialog = window.help.report.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()  # open(), not exec()
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    # Documents, or the home folder on a computer that has no Documents folder.
    expected = documents if documents.is_dir() else Path.home()
    assert Path(dialog.directory().absolutePath()) == expected
    suggested = dialog.selectedFiles()[0]
    assert re.fullmatch(r"TraiTel Desktop diagnostics \d{4}-\d{2}-\d{2}\.txt",
                        Path(suggested).name)

    target = tmp_path / "for support.txt"
    dialog.selectFile(str(target))
    dialog.accept()

    text = target.read_text(encoding="utf-8")
    assert f"PySide6: {pyside_version}" in text and "Python: " in text and "Qt: " in text
    assert "busy" in text and "Error 107" in text  # the planted lines are there, masked
    for private in (PASSWORD, "owner@example.com", "+61 2 9999 1234", "9999 1234",
                    "(02) 8888-4321", "8888-4321", window.session.username):
        assert private not in text, private

    box = window.help.report.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Saved. Attach this file to an e-mail to TraiTel support."
    assert str(target) in box.informativeText()
    folder = next(b for b in box.findChildren(QPushButton) if "Open folder" in b.text())
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert [Path(url.toLocalFile()) for url in opener.opened] == [tmp_path]


def test_a_file_that_cannot_be_written_is_said_plainly(
    qtbot: Any, main_window: MainWindow, planted: None, tmp_path: Path
) -> None:
    window = main_window
    target = tmp_path / "no such folder" / "diagnostics.txt"
    assert not window.help.report.save(target)
    assert not target.exists()
    box = window.help.report.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "The diagnostics file could not be saved"
    assert "Choose another folder" in box.informativeText() and str(target) in (
        box.informativeText())
    # Asked again, the dialog suggests Documents (nothing was saved to remember).
    assert window.help.report.last_path is None


def test_the_next_report_is_suggested_in_the_folder_used_last(
    qtbot: Any, main_window: MainWindow, planted: None, tmp_path: Path
) -> None:
    window = main_window
    assert window.help.report.save(tmp_path / "first.txt")
    window.help.report.message.close()  # type: ignore[union-attr]
    dialog = window.help.report_problem()
    assert Path(dialog.directory().absolutePath()) == tmp_path
    dialog.reject()
