"""The add / edit sub-account dialog.

Shown with ``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls). Save checks the
alias and the e-mail locally, then runs the ``submit`` coroutine it was given; while that is
in flight the dialog shows it is working and cannot be submitted (or closed) again. When
TraiTel refuses (101, 102, 104, 105, ...) the dialog stays open, marks the field concerned and
keeps everything typed; on success it closes with ``Accepted`` and keeps the submit result in
:attr:`SubAccountDialog.result_value`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)

from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccountRow, email_is_valid
from traitel_desktop.ui.widgets.record_dialog import RecordDialog

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


class SubAccountDialog(RecordDialog):
    """Adds a sub-account (``row`` None) or edits ``row``; see the module docstring."""

    task_name = "subaccount-save"

    def __init__(
        self, submit: Submit, parent: QWidget | None = None, *, row: SubAccountRow | None = None
    ) -> None:
        super().__init__(submit, parent)
        self.row = row
        self.setObjectName("subAccountDialog")
        self.setWindowTitle(
            self.tr("Add a sub-account") if row is None else self.tr("Change sub-account")
        )
        self.setMinimumWidth(460)

        intro = self.make_intro(
            self.tr(
                "A sub-account gives a person or department its own numbers and logs. "
                "Only the alias is required."
            )
            if row is None
            else self.tr("Change what you need; only the changes are sent to TraiTel.")
        )
        form_box, form, self.sub_id = self.make_form(
            None if row is None else row.sub_id, self.tr("Sub-account ID"), "subid"
        )
        self.alias = self.line(form, self.tr("&Alias"), self.tr("Alias"), 100)
        self.email = self.line(form, self.tr("&E-mail"), self.tr("E-mail address"), 254)
        self.first_name = self.line(form, self.tr("&First name"), self.tr("First name"), 100)
        self.last_name = self.line(form, self.tr("&Last name"), self.tr("Last name"), 100)
        self.company = self.line(form, self.tr("&Company"), self.tr("Company"), 100)
        self.fax_headline = self.line(
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

        self.save_button = self.finish_form(
            intro, form_box, PARAMS, adding=row is None, add_name=self.tr("Add the sub-account")
        )

        if row is not None:
            self.set_draft(row.draft())
        self.alias.setFocus()

    # --- values -------------------------------------------------------------------------
    def draft(self) -> SubAccountDraft:
        """What is typed now."""
        return SubAccountDraft(*(getattr(self, name).text() for name in PARAMS))

    def set_draft(self, draft: SubAccountDraft) -> None:
        """Fill the form."""
        for name, value in draft.as_dict().items():
            getattr(self, name).setText(value)

    def lock(self, busy: bool) -> None:
        """Make the fields read-only (and the buttons disabled) while sending."""
        for name in PARAMS:
            getattr(self, name).setReadOnly(busy)
        super().lock(busy)

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

    #: Save (the Save button, Enter): check locally, then send, unless already sending.
    start_save = RecordDialog.start_submit
