"""Task b: "add a colleague" — a sub-account for a new member of staff, with the bad entries a
new user makes on the way: Save with no alias and half an e-mail address (refused on this
computer: both fields marked, nothing sent), then an e-mail address TraiTel refuses (in use on
another account: marked, nothing changed), then the right one. Each time the dialog keeps
everything typed; at the end the colleague is in the list, selected, and on the account
(read over HTTP by the test). A fresh sandbox: the task changes the account."""

from __future__ import annotations

from typing import Any

from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.owner import Key, Owner
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.subaccounts.dialog import SubAccountDialog
from traitel_desktop.ui.subaccounts.model import Column
from traitel_desktop.ui.subaccounts.tab import SubAccountsTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here

ALIAS, EMAIL, FIRST, LAST = "night-desk", "sam.okafor@example.com", "Sam", "Okafor"


def marked(dialog: SubAccountDialog) -> set[str]:
    """The fields the dialog marks as refused (request parameter names)."""
    fields = ("alias", "email", "firstname", "lastname", "company", "faxheadline")
    return {f for f in fields if dialog.field_errors.message(f)}


def save(owner: Owner, dialog: SubAccountDialog) -> None:
    """Save: the button, or Enter; then wait for what it started."""
    if owner.by_keyboard:
        owner.press(Key.Key_Return)
    else:
        owner.click(dialog.save_button)
    owner.wait_quiet()


@task_params
def test_add_a_colleague_with_bad_entries_on_the_way(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, fresh_sandbox: Any, size: Any,
    mode: str,
) -> None:
    tab = window.tab("subaccounts")
    assert isinstance(tab, SubAccountsTab)
    owner.use(tab.add_button)
    owner.wait_for(lambda: isinstance(tab.dialog, SubAccountDialog) and tab.dialog.isVisible(),
                   "the Add a sub-account dialog")
    dialog = tab.dialog
    assert isinstance(dialog, SubAccountDialog)
    owner.ensure_active(dialog)

    # 1. No alias, half an e-mail address: refused here, both marked, nothing sent.
    before = fresh_sandbox.dump()
    asked = fresh_sandbox.request_count["total"]
    owner.fill(dialog.email, "sam.okafor@")
    owner.fill(dialog.first_name, FIRST)
    typed = dialog.draft()
    save(owner, dialog)
    assert dialog.isVisible() and dialog.draft() == typed
    assert marked(dialog) == {"alias", "email"}
    for field in (dialog.alias, dialog.email):
        assert field.property(INVALID_PROPERTY) is True
    assert fresh_sandbox.request_count["total"] == asked
    owner.shot("b-refused-here")

    # 2. An alias, and an e-mail address another TraiTel account uses: TraiTel refuses it.
    owner.fill(dialog.alias, ALIAS)
    owner.fill(dialog.email, OTHER_ACCOUNT_EMAIL)
    owner.fill(dialog.last_name, LAST)
    typed = dialog.draft()
    save(owner, dialog)
    assert dialog.isVisible() and dialog.draft() == typed
    assert marked(dialog) == {"email"}
    assert dialog.email.property(INVALID_PROPERTY) is True
    assert fresh_sandbox.dump() == before  # a refused request changes nothing
    owner.shot("b-refused-by-traitel")

    # 3. The right address: added, the dialog closes, the colleague is in the list.
    owner.fill(dialog.email, EMAIL)
    save(owner, dialog)
    owner.wait_for(lambda: tab.dialog is None, "the dialog to close")
    added = [s for s in eyes.query_sub_accounts() if s.email == EMAIL]
    assert len(added) == 1 and (added[0].first_name, added[0].last_name) == (FIRST, LAST)
    chosen = tab.view.selectionModel().selectedRows()
    assert len(chosen) == 1
    row = chosen[0].row()
    shown = [str(tab.proxy.index(row, c).data()) for c in Column]
    assert str(added[0].sub_id) in shown and ALIAS in shown and EMAIL in shown
    assert window.isActiveWindow() or owner.top_window() is window
    owner.shot("b-added", window)

