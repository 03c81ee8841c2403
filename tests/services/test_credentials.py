"""The keyring check walks chained backends (issue 13, part 7): a ChainerBackend wrapping
keyrings.alt's plaintext file used to pass the check, and the password was written in clear.
Real backends: keyring's ChainerBackend and keyrings.alt's PlaintextKeyring writing under
tmp_path (XDG_DATA_HOME), the in-memory keyring of tests/ui/conftest.py as the real one."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import PlaintextKeyring  # a test dependency (pyproject)

from traitel_desktop.services import credentials

PASSWORD = "Zq9-chained-secret-PW"


def files_holding(root: Path, secret: str) -> list[Path]:
    """The files under ``root`` holding ``secret`` as it is, or base64-encoded (how the
    "plaintext" keyring writes it: readable by anyone who opens the file)."""
    forms = (secret.encode(), base64.b64encode(secret.encode()).rstrip(b"="))
    return [p for p in root.rglob("*")
            if p.is_file() and any(form in p.read_bytes() for form in forms)]


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where keyrings.alt's files go (its data root follows XDG_DATA_HOME)."""
    home = tmp_path / "data-home"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def chain_of(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ChainerBackend]]:
    """A real ChainerBackend of the installed backends of the given types, made the keyring
    (keyring's own ``limit``, as ``keyring.core.init_backend(limit)`` sets it)."""

    def make(*types: type) -> ChainerBackend:
        monkeypatch.setattr(keyring.backend, "_limit", lambda b: isinstance(b, types))
        chain = ChainerBackend()
        assert sorted(type(b).__name__ for b in chain.backends) == sorted(
            t.__name__ for t in types)
        keyring.set_keyring(chain)
        return chain

    yield make


def test_a_chain_of_a_plaintext_file_is_no_keyring(
    data_home: Path, chain_of: Callable[..., ChainerBackend],
) -> None:
    chain = chain_of(PlaintextKeyring)
    assert credentials.keyring_available() is False
    with pytest.raises(credentials.KeyringUnavailable):
        credentials.save_password("demo", "traitel", PASSWORD)
    assert credentials.load_password("demo", "traitel") is None
    credentials.forget_password("demo", "traitel")
    assert files_holding(data_home, PASSWORD) == []
    # The chain itself would have written it in clear right there:
    chain.set_password(credentials.SERVICE, "demo@traitel", PASSWORD)
    assert [p.name for p in files_holding(data_home, PASSWORD)] == ["keyring_pass.cfg"]


def test_a_chain_with_a_real_keyring_uses_only_that_one(
    data_home: Path, chain_of: Callable[..., ChainerBackend], keyring_backend: Any,
) -> None:
    in_memory = type(keyring_backend)  # tests/ui/conftest.py's InMemoryKeyring
    chain = chain_of(in_memory, PlaintextKeyring)
    real = next(b for b in chain.backends if isinstance(b, in_memory))
    plaintext = next(b for b in chain.backends if isinstance(b, PlaintextKeyring))
    plaintext.set_password(credentials.SERVICE, "demo@traitel", "planted-in-clear")
    assert credentials.keyring_available() is True
    # Never read from the file: the chain would give the planted password back.
    assert credentials.load_password("demo", "traitel") is None
    credentials.save_password("demo", "traitel", PASSWORD)
    assert real.passwords[(credentials.SERVICE, "demo@traitel")] == PASSWORD
    assert credentials.load_password("demo", "traitel") == PASSWORD
    assert files_holding(data_home, PASSWORD) == []


def test_chains_in_chains_are_walked(data_home: Path, keyring_backend: Any) -> None:
    class FixedChain(ChainerBackend):
        """A chain of given links (ChainerBackend finds its own; this one may nest)."""

        priority = 10

        def __init__(self, *links: Any) -> None:
            super().__init__()
            self.links = links

        @property  # type: ignore[override]
        def backends(self) -> tuple[Any, ...]:
            return self.links

    plaintext = PlaintextKeyring()
    keyring.set_keyring(FixedChain(FixedChain(plaintext), FixedChain()))
    assert credentials.keyring_available() is False
    keyring.set_keyring(FixedChain(FixedChain(plaintext, keyring_backend)))
    credentials.save_password("demo", "sandbox", PASSWORD)
    assert keyring_backend.passwords == {(credentials.SERVICE, "demo@sandbox"): PASSWORD}
    assert files_holding(data_home, PASSWORD) == []


def test_backends_keyring_does_not_recommend_are_refused(keyring_backend: Any) -> None:
    from keyring.backends import null

    for backend in (null.Keyring(), PlaintextKeyring()):
        keyring.set_keyring(backend)
        assert credentials.keyring_available() is False

    class Unsure(type(keyring_backend)):  # type: ignore[misc]
        priority = 0.9  # "not recommended" by keyring's own measure

    keyring.set_keyring(Unsure())
    assert credentials.keyring_available() is False
