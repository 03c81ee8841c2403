"""Help ▸ Report a problem…: save a diagnostics file the owner attaches to an e-mail.

Asks where with a (non-blocking) save dialog that starts in the Documents folder with a name
like ``TraiTel Desktop diagnostics 2026-12-06.txt`` (today in the account's time zone), writes
:func:`~traitel_desktop.services.diagnostics.diagnostics_text` there, then says "Saved." with a
button that opens the folder. A file that cannot be written is said in plain words; nothing
else changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from traitel_desktop.contract.zones import today_in
from traitel_desktop.services.diagnostics import diagnostics_text, file_name
from traitel_desktop.services.log_buffer import recent_log

if TYPE_CHECKING:
    from traitel_desktop.services import Session

__all__ = ["ProblemReport"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


class ProblemReport:
    """The Report a problem flow for ``session``'s window ``parent``.

    ``dialog`` is the save dialog while it is open; ``message`` the box shown after writing
    (kept so tests and the owner's screen reader can find them)."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        self.session = session
        self.parent = parent
        self.dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None
        self.last_path: Path | None = None

    def suggested_path(self) -> Path:
        """``TraiTel Desktop diagnostics <today>.txt`` in the folder used last time, else
        Documents, else the home folder (the first that exists)."""
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        for folder in (self.last_path.parent if self.last_path else None,
                       Path(documents) if documents else None):
            if folder is not None and folder.is_dir():
                break
        else:
            folder = Path.home()
        return folder / file_name(today_in(self.session.time_zone or None))

    def choose_file(self) -> QFileDialog:
        """Open the save dialog (``open()``, never blocking); writing starts once a file is
        chosen."""
        dialog = QFileDialog(self.parent, _tr("Save diagnostics for TraiTel support"),
                             str(self.suggested_path()))
        dialog.setObjectName("problemReportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("txt")
        dialog.setNameFilter(_tr("Text files (*.txt)"))
        dialog.fileSelected.connect(lambda path: self.save(Path(path)))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def text(self) -> str:
        """What the file says now."""
        log = recent_log()
        return diagnostics_text(
            self.session.settings,
            self.session,
            log.lines() if log is not None else None,
            now=dt.datetime.now().astimezone(),
        )

    def save(self, path: Path) -> bool:
        """Write the file at ``path`` and say so; False (said in plain words) if it could not
        be written."""
        try:
            path.write_text(self.text(), encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._say(
                QMessageBox.Icon.Warning,
                _tr("The diagnostics file could not be saved"),
                _tr("{0} could not be written: {1}.\n\nChoose another folder, such as "
                    "Documents, and try again.").format(path, reason),
                None,
            )
            return False
        self.last_path = path
        self._say(
            QMessageBox.Icon.Information,
            _tr("Saved. Attach this file to an e-mail to TraiTel support."),
            _tr("The file is {0}\n\nIt holds the versions of the app and your computer, your "
                "settings and the app's recent messages, with no password, user name, e-mail "
                "address or phone number. You can open it to check what it says.").format(path),
            path,
        )
        return True

    def _say(self, icon: QMessageBox.Icon, text: str, details: str, saved: Path | None) -> None:
        box = QMessageBox(self.parent)
        box.setObjectName("problemReportSaved" if saved is not None else "problemReportFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(_tr("Report a problem"))
        box.setIcon(icon)
        box.setText(text)
        box.setInformativeText(details)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if saved is not None:
            folder = box.addButton(_tr("&Open folder"), QMessageBox.ButtonRole.ActionRole)
            folder.setToolTip(_tr("Show {0} in your file manager").format(saved.parent))
            folder.clicked.connect(lambda: self.open_folder(saved.parent))
        box.addButton(QMessageBox.StandardButton.Close)
        self.message = box
        box.open()

    @staticmethod
    def open_folder(folder: Path) -> bool:
        """Show ``folder`` in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
