"""The add / edit sub-account dialog.

Shown with ``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls). Save checks the
alias and the e-mail locally, then runs the ``submit`` coroutine it was given; while that is
in flight the dialog shows it is working and cannot be submitted (or closed) again. When
TraiTel refuses (101, 102, 104, 105, ...) the dialog stays open, marks the field concerned and
keeps everything typed; on success it closes with ``Accepted`` and keeps the submit result in
:attr:`SubAccountDialog.result_value`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccountRow, email_is_valid
from traitel_desktop.ui.async_tools import spawn
from traitel_desktop.ui.errors import show_unexpected
from traitel_desktop.ui.field_errors import FieldErrors
from traitel_desktop.ui.message_bar import MessageBar

Submit = Callable[[SubAccountDraft], Awaitable[Any]]

#: Draft field -> request parameter (``exc.field``) it is sent as.
PARAMS = {
    "alias": "alias",
    "email": "email",
    "first_name": "firstname",
    "last_name": "lastname",
    "company": "company",
    "fax_headline": "faxheadline",
}


class SubAccountDialog(QDialog):
    """Adds a sub-account (``row`` None) or edits ``row``; see the module docstring."""

    def __init__(
        self, submit: Submit, parent: QWidget | None = None, *, row: SubAccountRow | None = None
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.row = row
        self.result_value: Any = None
        #: True when a request failed in a way that leaves its outcome unknown.
        self.outcome_unknown = False
        #: The last error TraiTel (or the client) gave, if any.
        self.last_error: Exception | None = None
        self.task: asyncio.Task[None] | None = None
        self._busy = False
        self.setObjectName("subAccountDialog")
        self.setWindowTitle(
            self.tr("Add a sub-account") if row is None else self.tr("Change sub-account")
        )
        self.setMinimumWidth(460)
        self.message_bar = MessageBar(self)

        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setObjectName("accountSub")
        if row is None:
            intro.setText(
                self.tr(
                    "A sub-account gives a person or department its own numbers and logs. "
                    "Only the alias is required."
                )
            )
        else:
            intro.setText(self.tr("Change what you need; only the changes are sent to TraiTel."))

        form_box = QWidget(self)
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.sub_id: QLineEdit | None = None
        if row is not None:
            self.sub_id = QLineEdit(str(row.sub_id), form_box)
            self.sub_id.setReadOnly(True)
            self.sub_id.setAccessibleName(self.tr("Sub-account ID"))
            form.addRow(self.tr("Sub-account ID"), self.sub_id)
        self.alias = self._line(form, self.tr("&Alias"), self.tr("Alias"), 100)
        self.email = self._line(form, self.tr("&E-mail"), self.tr("E-mail address"), 254)
        self.first_name = self._line(form, self.tr("&First name"), self.tr("First name"), 100)
        self.last_name = self._line(form, self.tr("&Last name"), self.tr("Last name"), 100)
        self.company = self._line(form, self.tr("&Company"), self.tr("Company"), 100)
        self.fax_headline = self._line(
            form, self.tr("Fax &headline"), self.tr("Fax headline"), 100
        )
        self.alias.setPlaceholderText(self.tr("e.g. reception"))
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.fax_headline.setToolTip(
            self.tr("Printed at the top of the faxes this sub-account sends.")
        )
        if row is not None and row.alias is None:
            self.alias.setPlaceholderText(self.tr("Set outside this app — leave empty to keep it"))
            self.alias.setToolTip(
                self.tr(
                    "TraiTel does not tell the app a sub-account's alias. Leave this empty to "
                    "keep the current one, or type a new one."
                )
            )

        self.field_errors = FieldErrors()
        for name, param in PARAMS.items():
            self.field_errors.bind(param, getattr(self, name))
        if self.sub_id is not None:
            self.field_errors.bind("subid", self.sub_id)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sending to TraiTel"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Add") if row is None else self.tr("&Save"))
        self.save_button.setAccessibleName(
            self.tr("Add the sub-account") if row is None else self.tr("Save the changes")
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        layout.addWidget(intro)
        layout.addWidget(form_box)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(bottom)

        if row is not None:
            self.set_draft(row.draft())
        self.alias.setFocus()

    def _line(self, form: QFormLayout, label: str, accessible: str, limit: int) -> QLineEdit:
        edit = QLineEdit(form.parentWidget())
        edit.setAccessibleName(accessible)
        edit.setMaxLength(limit)
        form.addRow(label, edit)
        return edit

    # --- values -------------------------------------------------------------------------
    def draft(self) -> SubAccountDraft:
        """What is typed now."""
        return SubAccountDraft(*(getattr(self, name).text() for name in PARAMS))

    def set_draft(self, draft: SubAccountDraft) -> None:
        """Fill the form."""
        for name, value in draft.as_dict().items():
            getattr(self, name).setText(value)

    @property
    def busy(self) -> bool:
        """True while a request is in flight."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for name in PARAMS:
            getattr(self, name).setReadOnly(busy)
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.status.setText(self.tr("Sending to TraiTel…") if busy else "")

    # --- saving -------------------------------------------------------------------------
    def check(self, draft: SubAccountDraft) -> bool:
        """Local checks before anything is sent; marks the field and returns False on a
        problem."""
        d = draft.stripped()
        alias_needed = self.row is None or self.row.alias is not None
        if not d.alias and alias_needed:
            self.field_errors.show_text(
                "alias", self.tr("Give the sub-account an alias, for example “reception”.")
            )
            return False
        if d.email and not email_is_valid(d.email):
            self.field_errors.show_text(
                "email",
                self.tr(
                    "This e-mail address is not valid. Check it for typing mistakes; it should "
                    "look like name@example.com."
                ),
            )
            return False
        return True

    def start_save(self) -> None:
        """Save (the Save button, Enter): check locally, then send, unless already sending."""
        if self._busy:
            return
        self.field_errors.clear()
        self.message_bar.clear()
        draft = self.draft()
        if not self.check(draft):
            return
        self._set_busy(True)
        self.task = spawn(self._save(draft), name="subaccount-save")

    async def _save(self, draft: SubAccountDraft) -> None:
        from traitel_desktop.api.errors import TraiTelError, UnknownOutcome

        try:
            result = await self.submit(draft)
        except TraiTelError as exc:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self.last_error = exc
            self.outcome_unknown = self.outcome_unknown or isinstance(exc, UnknownOutcome)
            if not self.field_errors.show(exc):
                self.message_bar.show_error(exc)
            return
        except Exception as exc:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            show_unexpected(self, exc)
            return
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.result_value = result
        self.accept()

    def reject(self) -> None:
        """Cancel / Esc / close, except while a request is in flight."""
        if self._busy:
            return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:
        """Enter saves (through :meth:`start_save`, so never twice)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.start_save()
            event.accept()
            return
        super().keyPressEvent(event)
