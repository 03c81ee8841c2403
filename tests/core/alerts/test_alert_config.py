"""The owner's alert settings (``AlertSettings``, what Settings stores) become what the rules
read (``AlertConfig``) in one place, ``config_from``: every switch turns exactly its own kind
of alert off, and the levels and hours chosen are the ones the rules use."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from traitel_desktop.core.alert_settings import AlertSettings
from traitel_desktop.core.alerts.config import SWITCHES, BusinessHours, config_from
from traitel_desktop.core.alerts.record import AlertKind


def test_every_kind_but_the_summary_has_a_switch_in_the_settings() -> None:
    fields = {f.name for f in dataclasses.fields(AlertSettings)}
    assert set(SWITCHES) == set(AlertKind) - {AlertKind.SUMMARY}
    assert set(SWITCHES.values()) <= fields


@pytest.mark.parametrize("kind", sorted(SWITCHES, key=str))
def test_a_switch_turns_off_its_own_kind_only(kind: AlertKind) -> None:
    config = config_from(dataclasses.replace(AlertSettings(), **{SWITCHES[kind]: False}))
    assert not config.on(kind)
    assert all(config.on(other) for other in AlertKind if other is not kind)


def test_the_levels_and_hours_chosen_are_the_ones_the_rules_read() -> None:
    chosen = AlertSettings(warning_level=Decimal("25.50"), critical_level=Decimal("4.00"),
                           runway_days=3, spend_factor=Decimal("2.5"),
                           business_start=dt.time(6, 30), business_end=dt.time(23, 0))
    config = config_from(chosen)
    assert (config.warning_level, config.critical_level) == (Decimal("25.50"), Decimal("4.00"))
    assert (config.runway_days, config.spend_factor) == (3, Decimal("2.5"))
    assert config.business_hours == BusinessHours(dt.time(6, 30), dt.time(23, 0))
    assert dt.time(6, 29) not in config.business_hours and dt.time(22, 59) in config.business_hours
