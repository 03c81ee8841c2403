"""AppSettings (typed QSettings) and the keyring-only password store."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import keyring
from keyring.backends import fail

from traitel_desktop.services import credentials
from traitel_desktop.services.settings import DEFAULT_THRESHOLD, AppSettings


def test_settings_round_trip_with_types(app_settings: AppSettings) -> None:
    app_settings.low_balance_threshold = Decimal("12.345")
    app_settings.refresh_minutes = 7
    app_settings.remember_me = True
    app_settings.last_tab = "numbers"
    app_settings.sync()
    again = AppSettings(type(app_settings.qsettings)())
    assert again.low_balance_threshold == Decimal("12.345")
    assert isinstance(again.low_balance_threshold, Decimal)
    assert again.refresh_minutes == 7
    assert again.remember_me is True
    assert again.last_tab == "numbers"


def test_bad_threshold_in_file_falls_back_to_default(app_settings: AppSettings) -> None:
    app_settings.qsettings.setValue("balance/low_threshold", "lots")
    assert app_settings.low_balance_threshold == DEFAULT_THRESHOLD


def test_password_goes_to_the_keyring(keyring_backend: Any) -> None:
    credentials.save_password("demo", "sandbox", "s3cret")
    assert keyring_backend.passwords == {("TraiTel Desktop", "demo@sandbox"): "s3cret"}
    assert credentials.load_password("demo", "sandbox") == "s3cret"
    credentials.forget_password("demo", "sandbox")
    assert credentials.load_password("demo", "sandbox") is None


def test_fail_backend_counts_as_no_keyring() -> None:
    keyring.set_keyring(fail.Keyring())
    assert credentials.keyring_available() is False
    assert credentials.load_password("demo", "sandbox") is None
    try:
        credentials.save_password("demo", "sandbox", "x")
    except credentials.KeyringUnavailable:
        pass
    else:
        raise AssertionError("saving must fail without a keyring")
