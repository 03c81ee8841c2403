"""The add / edit sub-account dialog.

Shown with ``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls). Save checks every
field locally with the client's own checks (all problems marked at once: a missing alias, an
invalid e-mail address, text too long or holding a line break ...), then runs the ``submit``
coroutine it was given; while that is
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

from traitel_desktop.api import validate as check
from traitel_desktop.api.errors import ApiError
from traitel_desktop.api.form_checks import SUB_ACCOUNT_PARAMS, sub_account_fields
from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccountRow, changed_fields
from traitel_desktop.ui.subaccounts.model import alias_note
from traitel_desktop.ui.widgets.record_dialog import RecordDialog

Submit = Callable[[SubAccountDraft], Awaitable[Any]]

#: Draft field -> request parameter (``exc.field``) it is sent as.
PARAMS = SUB_ACCOUNT_PARAMS


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
                "Only the alias is required: a short name, different for each sub-account."
            )
            if row is None
            else self.tr("Change what you need; only the changes are sent to TraiTel.")
            + ("" if row.alias is not None else " " + alias_note())
        )
        form_box, form, self.sub_id = self.make_form(
            None if row is None else row.sub_id, self.tr("Sub-account ID"), "subid"
        )
        self.alias = self.line(form, self.tr("&Alias"), self.tr("Alias"))
        self.email = self.line(form, self.tr("&E-mail"), self.tr("E-mail address"))
        self.first_name = self.line(form, self.tr("&First name"), self.tr("First name"))
        self.last_name = self.line(form, self.tr("&Last name"), self.tr("Last name"))
        self.company = self.line(form, self.tr("&Company"), self.tr("Company"))
        self.fax_headline = self.line(form, self.tr("Fax &headline"), self.tr("Fax headline"))
        self.alias.setPlaceholderText(self.tr("e.g. reception"))
        self.alias.setToolTip(alias_note())
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.fax_headline.setToolTip(
            self.tr("Printed at the top of the faxes this sub-account sends.")
        )
        if row is not None and row.alias is None:
            self.alias.setPlaceholderText(self.tr("Not known to this app — leave empty to keep it"))
            self.alias.setToolTip(alias_note() + " " + self.tr(
                "Leave this empty to keep the current alias, or type a new one."))

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
        """Local checks before anything is sent (the client's, on what would be sent: all of
        a new sub-account, the changes of an existing one); marks every field with a problem
        and returns False when there is one."""
        alias_needed = self.row is None or self.row.alias is not None
        if self.row is None:
            values = draft.as_dict()
        else:
            values = changed_fields(self.row.draft(), draft)
            if alias_needed and not draft.alias.strip():
                values["alias"] = ""  # a known alias cannot be emptied
        mode = "addsubaccount" if self.row is None else "updatesubaccount"
        try:
            with check.Problems() as problems:
                sub_account_fields(mode, problems, **values)
        except ApiError as exc:
            self.mark_problems(exc, {
                ("alias", 200): self.tr(
                    "Give the sub-account an alias, for example “reception”."
                ),
            } if not draft.alias.strip() else None)
            return False
        return True

    #: Save (the Save button, Enter): check locally, then send, unless already sending.
    start_save = RecordDialog.start_submit
