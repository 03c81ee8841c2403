"""The sub-account dialog's field errors, in a 1024 x 700 window against a fresh sandbox:
every invalid field is marked at once, each message whole, what was typed kept and nothing
sent; an over-long paste is refused with its length (never cut); a field's error goes as soon
as it is edited; a gateway's Error 200 naming no field says which fields were sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.field_checks import assert_whole, paste
from tests.helpers.fresh_sandbox import click_and_wait, open_dialog, show_loaded
from tests.helpers.subaccount_fixtures import client, fresh_sandbox, sign_in_request
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL
from traitel_desktop.services import Session
from traitel_desktop.services.subaccounts import SubAccountDraft
from traitel_desktop.ui.subaccounts.dialog import PARAMS, SubAccountDialog
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["client", "fresh_sandbox", "sign_in_request"]  # fixtures used here


@pytest.fixture
def small_tab(qtbot: Any, session: Session, run: Callable[..., Any]) -> SubAccountsTab:
    """The tab in a window the size of a small screen."""
    return show_loaded(qtbot, SubAccountsTab(session), run, 1024, 700)


def open_add(qtbot: Any, tab: SubAccountsTab, run: Callable[..., Any]) -> SubAccountDialog:
    return open_dialog(
        qtbot, tab, run, SubAccountDialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )


def marked(dialog: SubAccountDialog) -> set[str]:
    return {p for p in (*PARAMS.values(), "subid") if dialog.field_errors.message(p)}


def test_every_bad_field_is_shown_at_once_whole_and_nothing_sent(
    qtbot: Any, small_tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    qtbot.keyClicks(dialog.email, "night shift@example")
    paste(qtbot, dialog.first_name, "N" * 150)
    paste(qtbot, dialog.company, "Okafor\nDaughters")
    paste(qtbot, dialog.fax_headline, "OKAFOR\tNIGHT")
    typed = dialog.draft()
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    click_and_wait(qtbot, dialog, dialog.save_button, run)

    assert dialog.task is None and fresh_sandbox.request_count["total"] == requests
    assert fresh_sandbox.dump() == before
    assert dialog.isVisible() and dialog.draft() == typed
    assert marked(dialog) == {"alias", "email", "firstname", "company", "faxheadline"}
    for param in marked(dialog):
        widget = dialog.field_errors.widget(param)
        assert widget is not None and widget.property(INVALID_PROPERTY) is True
        assert_whole(dialog, param)
    assert "alias" in dialog.field_errors.message("alias")
    assert "not valid" in dialog.field_errors.message("email")
    assert "at most 100 characters long; this one is 150" in dialog.field_errors.message(
        "firstname"
    )
    assert "line break" in dialog.field_errors.message("company")
    assert "tab" in dialog.field_errors.message("faxheadline")
    assert dialog.alias.hasFocus()  # the first marked field
    assert dialog.height() <= 700


def test_long_paste_is_refused_with_its_length_and_kept(
    qtbot: Any, small_tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    paste(qtbot, dialog.alias, "a" * 10_000)
    # Refused as it is pasted, never cut.
    assert len(dialog.alias.text()) == 10_000
    assert dialog.field_errors.message("alias") == (
        "The alias can be at most 100 characters long; this one is 10,000. Shorten it and "
        "try again."
    )
    assert_whole(dialog, "alias")
    before, requests = fresh_sandbox.dump(), fresh_sandbox.request_count["total"]
    click_and_wait(qtbot, dialog, dialog.save_button, run)
    assert fresh_sandbox.request_count["total"] == requests and fresh_sandbox.dump() == before
    assert len(dialog.alias.text()) == 10_000 and marked(dialog) == {"alias"}
    # Deleting down to the limit clears it as it is typed.
    dialog.alias.setCursorPosition(10_000)
    for _ in range(10_000 - 101):
        dialog.alias.backspace()
    qtbot.keyClick(dialog.alias, Qt.Key.Key_Backspace)
    assert len(dialog.alias.text()) == 100
    assert marked(dialog) == set()


def test_an_error_goes_as_soon_as_its_field_is_edited(
    qtbot: Any, small_tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    qtbot.keyClicks(dialog.email, "not-an-email")
    paste(qtbot, dialog.company, "C" * 101)
    click_and_wait(qtbot, dialog, dialog.save_button, run)
    assert marked(dialog) == {"alias", "email", "company"}
    qtbot.keyClicks(dialog.email, ".com")
    assert marked(dialog) == {"alias", "company"}
    assert dialog.email.property(INVALID_PROPERTY) is False
    qtbot.keyClicks(dialog.alias, "night-desk")
    assert marked(dialog) == {"company"}
    qtbot.keyClick(dialog.company, Qt.Key.Key_Backspace)
    assert marked(dialog) == set()


def test_duplicate_email_message_is_shown_whole(
    qtbot: Any, small_tab: SubAccountsTab, fresh_sandbox: Any, run: Callable[..., Any]
) -> None:
    dialog = open_add(qtbot, small_tab, run)
    qtbot.keyClicks(dialog.alias, "night-desk")
    qtbot.keyClicks(dialog.email, OTHER_ACCOUNT_EMAIL)
    before = fresh_sandbox.dump()
    click_and_wait(qtbot, dialog, dialog.save_button, run)
    assert marked(dialog) == {"email"}
    assert dialog.field_errors.message("email").endswith("enter a different one.")
    assert_whole(dialog, "email")
    assert fresh_sandbox.dump() == before


def test_gateway_error_200_without_field_lists_the_fields_sent(
    qtbot: Any,
    small_tab: SubAccountsTab,
    session: Session,
    fresh_sandbox: Any,
    run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The client refuses what the sandbox would answer 200 to, so send it raw (the client's
    ``request``), as an older client or a stricter gateway would meet it."""
    dialog = open_add(qtbot, small_tab, run)
    monkeypatch.setattr(dialog, "check", lambda draft: True)

    async def raw_add(draft: SubAccountDraft) -> Any:
        return await session.call(
            lambda c: c.request("addsubaccount", alias=draft.alias, company=draft.company)
        )

    dialog.submit = raw_add
    qtbot.keyClicks(dialog.alias, "night-desk")
    dialog.company.setText("Okafor\u202eDaughters")
    before = fresh_sandbox.dump()
    click_and_wait(qtbot, dialog, dialog.save_button, run)
    assert fresh_sandbox.dump() == before
    text = dialog.message_bar.text
    assert "the alias and the company" in text and "highlighted" not in text
    assert "200" in dialog.message_bar.details_label.text()
    label = dialog.message_bar.text_label
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.draft().company == "Okafor\u202eDaughters"
