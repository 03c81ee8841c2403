"""The owner's currency (issue 14, item 5), driven through the real window on the demo
sandbox over HTTP: every amount carries the currency under one precision rule (the header's
balance, an Activity total, the Spend totals and axis, a Costs quote); the first real sign-in
asks once and remembers, the demo never asks (it is in AUD); Settings changes the currency
and the shown amounts follow. The locale is en_US (tests/ui/conftest.py): AUD reads ``A$``."""

from __future__ import annotations

import asyncio
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog

from tests.helpers.activity import choose, column
from tests.helpers.costs_fixtures import type_and_enter
from traitel_desktop.core.money import exact_money
from traitel_desktop.services import Session
from traitel_desktop.services.currency import show_currency
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.services.signin import PROFILE_CUSTOM
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.costs.tab import CostsTab
from traitel_desktop.ui.frame.controller import AppController
from traitel_desktop.ui.frame.currency_choice import CurrencyChoice
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog
from traitel_desktop.ui.frame.signin_dialog import SignInDialog
from traitel_desktop.ui.spend.tab import SpendTab

#: An amount in Australian dollars to the cent, as en_US writes it.
AUD_CENTS = r"-?A\$\d{1,3}(,\d{3})*\.\d\d"
#: A rate: at least two decimals, at most six.
AUD_RATE = r"-?A\$\d{1,3}(,\d{3})*\.\d{2,6}"


def load(qtbot: Any, window: MainWindow, name: str, run: Any) -> Any:
    """Show the tab ``name`` and wait until it has loaded; returns it."""
    index = [spec.name for spec in window.specs].index(name)
    window.tabs.setCurrentIndex(index)
    task = window.reload_tab(index)
    assert task is not None
    run(task, timeout=60.0)
    return window.tab(name)


def test_the_demo_shows_every_amount_in_aud_under_one_rule(
    qtbot: Any, session: Session, run: Any
) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()

    # The header: the balance to the cent, the exact one on hover.
    assert session.balance is not None
    balance = window.header.balance_label
    assert re.fullmatch(AUD_CENTS, balance.text()), balance.text()
    assert balance.toolTip() == f"Exact balance: {exact_money(session.balance)}"
    assert exact_money(session.balance).startswith("A$")

    # Activity: each call's cost and the total of the rows shown to the cent, one precision
    # down the column (exact on hover and in the details).
    activity = load(qtbot, window, "activity", run)
    assert isinstance(activity, ActivityTab)
    choose(activity, "logvoiceout", run=run)
    assert activity.model.rowCount() > 0
    cost = column(activity, "cost")
    cells = [activity.model.index(r, cost) for r in range(activity.model.rowCount())]
    assert all(re.fullmatch(AUD_CENTS, c.data()) for c in cells), [c.data() for c in cells[:5]]
    assert all(c.data(Qt.ItemDataRole.ToolTipRole).startswith("A$") for c in cells)
    assert not any(re.search(r"\.\d*00$", c.data()) and not c.data().endswith(".00")
                   for c in cells)  # no padding zeros such as 0.0300
    totals = activity.body.totals.text()
    found = re.search(r"cost (\S+)$", totals)
    assert found and re.fullmatch(AUD_CENTS, found.group(1)), totals
    assert activity.body.totals.toolTip().startswith("Exact cost: A$")
    activity.select_row(0)
    details = activity.body.details_text()
    assert f"Cost: {cells[0].data(Qt.ItemDataRole.ToolTipRole)}" in details

    # Spend: the totals and the chart's axis to the cent; a bar's exact amount on hover.
    spend = load(qtbot, window, "spend", run)
    assert isinstance(spend, SpendTab) and spend.chart is not None
    assert spend.totals.lines
    assert all(re.fullmatch(AUD_CENTS, text) for _name, text in spend.totals.lines), \
        spend.totals.lines
    spend.chart.canvas.draw()
    ticks = [t.get_text() for t in spend.chart.axes.get_yticklabels()]
    assert ticks and all(re.fullmatch(AUD_CENTS, t) for t in ticks), ticks
    index = max(range(len(spend.chart.data.series.buckets)),
                key=spend.chart.data.series.bucket_total)
    total = spend.chart.data.series.bucket_total(index)
    assert total > 0 and exact_money(total) in spend.chart.text_for(index)

    # Costs: prices with the digits they need, the plan's total to the cent.
    costs = load(qtbot, window, "costs", run)
    assert isinstance(costs, CostsTab)
    type_and_enter(qtbot, costs, run, "+33 1 23 45 67 89")  # France: per-second calls
    voice = costs.quote_view.voice_card
    # 0.0004 a second, shown per minute with the digits it needs (not "0.024", not "A$0.02")
    assert voice.value("per_minute") == "A$0.024"
    assert voice.value("flag_fall") == "A$0.02"
    assert re.fullmatch("Plan total: " + AUD_CENTS, costs.quote_view.total.text())

    # Another currency: every view writes its amounts again (cached cell texts included).
    show_currency("GBP")
    assert balance.text().startswith("£")
    assert all(c.data().startswith("£") for c in cells)
    assert "cost £" in activity.body.totals.text()
    assert all(text.startswith("£") for _name, text in spend.totals.lines)
    assert voice.value("per_minute") == "£0.024"
    assert costs.quote_view.total.text().startswith("Plan total: £")


def test_the_demo_never_asks_for_a_currency(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    controller = AppController(app_settings, demo=True, data_dir=tmp_path / "data")
    controller.sandbox = LocalSandbox(running=sandbox)

    async def scenario() -> None:
        task = asyncio.ensure_future(controller.run())
        while controller.window is None or not controller.window.isVisible():
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        assert _visible(CurrencyChoice) is None
        assert controller.window.header.balance_label.text().startswith("A$")
        controller.window.quit_action.trigger()
        await task

    run(scenario(), timeout=30)
    assert app_settings.currency == ""  # the demo's AUD is not the owner's choice


def _visible(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


async def _sign_in(qtbot: Any, sandbox: Any) -> None:
    """Sign in through the dialog as an owner would: demo/demo on the sandbox's address
    typed as a custom gateway (a real account to the app, not the demo)."""
    dialog: SignInDialog | None = None
    while dialog is None:
        await asyncio.sleep(0.02)
        dialog = _visible(SignInDialog)
    dialog.profile.setCurrentIndex(dialog.profile.findData(PROFILE_CUSTOM))
    for edit, text in ((dialog.username, "demo"), (dialog.password, "demo"),
                       (dialog.primary_url, sandbox.primary_url),
                       (dialog.alternate_url, sandbox.alternate_url)):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_first_sign_in_asks_once_and_remembers(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Australia))
    controller = AppController(app_settings, data_dir=tmp_path / "data")
    controller.sandbox = LocalSandbox(running=sandbox)
    seen: list[str] = []

    async def scenario() -> None:
        task = asyncio.ensure_future(controller.run())
        # First sign-in: asked, with the locale's currency (en_AU: AUD) preselected; the
        # window is usable meanwhile (the question is not modal) and shows AUD.
        await _sign_in(qtbot, sandbox)
        choice: CurrencyChoice | None = None
        while choice is None:
            await asyncio.sleep(0.02)
            choice = _visible(CurrencyChoice)
        window = controller.window
        assert window is not None and not choice.isModal()
        assert choice.combo.code() == "AUD"
        assert window.header.balance_label.text().startswith("$")  # en_AU writes AUD "$"
        choice.combo.setCurrentIndex(choice.combo.findData("EUR"))
        qtbot.mouseClick(choice.use_button, Qt.MouseButton.LeftButton)
        seen.append(window.header.balance_label.text())
        window.sign_out_action.trigger()
        while controller.window is not None:
            await asyncio.sleep(0.02)
        # Second sign-in: not asked again; the amounts are in euros.
        await _sign_in(qtbot, sandbox)
        while controller.window is None or not controller.window.isVisible():
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        seen.append("asked" if _visible(CurrencyChoice) is not None else "not asked")
        seen.append(controller.window.header.balance_label.text())
        controller.window.quit_action.trigger()
        await task

    run(scenario(), timeout=60)
    # (en_AU writes euros "EUR", a no-break space before the digits.)
    assert seen[0].startswith("EUR\xa0") and seen[1] == "not asked", seen
    assert seen[2].startswith("EUR\xa0"), seen
    assert app_settings.currency == "EUR"


def test_later_asks_again_at_the_next_sign_in(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, run: Any
) -> None:
    controller = AppController(app_settings, data_dir=tmp_path / "data")
    controller.sandbox = LocalSandbox(running=sandbox)
    asked = 0

    async def scenario() -> None:
        nonlocal asked
        task = asyncio.ensure_future(controller.run())
        for round_ in range(2):
            await _sign_in(qtbot, sandbox)
            choice = None
            while choice is None:
                await asyncio.sleep(0.02)
                choice = _visible(CurrencyChoice)
            asked += 1
            qtbot.mouseClick(choice.later_button, Qt.MouseButton.LeftButton)
            window = controller.window
            assert window is not None
            if round_ == 0:
                window.sign_out_action.trigger()
                while controller.window is not None:
                    await asyncio.sleep(0.02)
            else:
                window.quit_action.trigger()
        await task

    run(scenario(), timeout=60)
    assert asked == 2 and app_settings.currency == ""


def test_a_currency_changed_in_settings_is_shown_at_once_and_kept(
    qtbot: Any, session: Session, app_settings: Any, run: Any
) -> None:
    session.profile = PROFILE_CUSTOM  # the owner's own account, not the demo
    app_settings.currency = "AUD"
    session.set_balance(Decimal("664.7674"))
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    header = window.header
    assert header.balance_label.text() == "A$664.77"
    threshold = app_settings.low_balance_threshold

    dialog = SettingsDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.accepted.connect(window.apply_preferences)
    dialog.show()
    run(dialog.load_task)
    assert dialog.currency.code() == "AUD"
    dialog.currency.setCurrentIndex(dialog.currency.findData("GBP"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    run(dialog.task)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert header.balance_label.text() == "£664.77"
    assert header.balance_label.toolTip() == "Exact balance: £664.7674"
    assert app_settings.currency == "GBP"
    assert app_settings.low_balance_threshold == threshold  # nothing else changed


def test_the_demo_keeps_aud_in_settings(qtbot: Any, session: Session, run: Any) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    dialog = SettingsDialog(session, window)
    qtbot.addWidget(dialog)
    run(dialog.load_task)
    assert dialog.currency.code() == "AUD" and not dialog.currency.isEnabled()
    assert "Australian dollars" in dialog.currency.toolTip()
