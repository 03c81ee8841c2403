"""Fixtures for the services: the GUI tests' Qt fixtures (settings, keyring, a signed-in
``session``; see tests/ui/conftest.py) and the domain tests' fresh sandbox per test with its
``api`` adapters (see tests/core/conftest.py), which overrides the shared session sandbox."""

from tests.core.conftest import api, make_api, sandbox
from tests.ui.conftest import *  # noqa: F403

__all__ = ["api", "make_api", "sandbox"]
