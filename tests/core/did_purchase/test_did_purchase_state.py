"""The wizard's plain data: search, quantity rules, result texts, and the no-Qt rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import traitel_desktop.core.did_purchase as flow_pkg
from traitel_desktop.api.errors import InvalidCity, UnknownOutcome
from traitel_desktop.core.did_purchase.state import (
    DidResult,
    DidStatus,
    ListState,
    check_quantity,
    digits,
    filtered,
    fold,
)

FLOW_DIR = Path(flow_pkg.__file__).parent


def test_search_ignores_case_and_accents() -> None:
    cities = ["Zürich", "São Paulo", "Sydney", "MONTRÉAL", "Geneva"]
    assert filtered(cities, "zur") == ["Zürich"]
    assert filtered(cities, "SAO") == ["São Paulo"]
    assert filtered(cities, "montreal") == ["MONTRÉAL"]
    assert filtered(cities, "é") == ["Sydney", "MONTRÉAL", "Geneva"]
    assert filtered(cities, "ney") == ["Sydney"]
    assert filtered(cities, "xyz") == []


def test_search_keeps_order_and_blank_keeps_all() -> None:
    items = ["b", "a", "ab"]
    assert filtered(items, "") == items
    assert filtered(items, "   ") == items
    assert filtered(items, "a") == ["a", "ab"]


def test_search_with_key() -> None:
    rows = [("AU", "Sydney"), ("AU", "Melbourne")]
    assert filtered(rows, "melb", key=lambda r: r[1]) == [("AU", "Melbourne")]


def test_fold() -> None:
    assert fold("Ärger ÉTÉ") == "arger ete"


@pytest.mark.parametrize("quantity", [1, 5, 10])
def test_quantity_in_range(quantity: int) -> None:
    assert check_quantity(quantity) == quantity


@pytest.mark.parametrize("quantity", [0, -1, 11, 100])
def test_quantity_out_of_range(quantity: int) -> None:
    with pytest.raises(ValueError):
        check_quantity(quantity)


@pytest.mark.parametrize("quantity", [True, 2.0, "3"])
def test_quantity_must_be_int(quantity: object) -> None:
    with pytest.raises(TypeError):
        check_quantity(quantity)  # type: ignore[arg-type]


def test_digits() -> None:
    assert digits("+61 2 9999-1234") == "61299991234"


def test_result_messages_are_plain() -> None:
    unknown = UnknownOutcome("subscribedid", "primary", "read timeout")
    assert "yours" in DidResult("1", DidStatus.SUBSCRIBED).message
    assert "not charged" in DidResult("1", DidStatus.TAKEN).message
    assert "no answer" in DidResult("1", DidStatus.UNKNOWN, unknown).message
    failed = DidResult("1", DidStatus.FAILED, InvalidCity(112, "Invalid city."))
    assert failed.message.startswith("Not subscribed.")
    assert failed.error is not None and failed.error.explanation in failed.message
    for status in DidStatus:
        assert DidResult("1", status).message


def test_list_state_clear_drops_answers_in_flight() -> None:
    state: ListState[str] = ListState(key=("fax",), items=("AU",), loaded=True)
    assert state.ready
    generation = state.generation
    state.clear()
    assert state.generation == generation + 1
    assert state.items == () and state.key is None and not state.ready


@pytest.mark.parametrize(
    "module",
    [
        "flow.py",
        "loading.py",
        "progress.py",
        "subscribe.py",
        "state.py",
        "table.py",
    ],
)
def test_flow_logic_does_not_import_qt(module: str) -> None:
    """The wizard's logic is Qt-free (only its pages are Qt)."""
    tree = ast.parse((FLOW_DIR / module).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert imported, "no imports found: the parse went wrong"
    assert not {m for m in imported if m.split(".")[0] in {"PySide6", "qasync"}}
    internal = {m for m in imported if m.startswith("traitel_desktop.")}
    assert all(
        m.startswith(("traitel_desktop.api", "traitel_desktop.core.did_purchase"))
        for m in internal
    ), internal
