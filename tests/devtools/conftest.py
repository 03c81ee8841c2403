"""The GUI tests' fixtures (tests/ui/conftest.py): Qt settings and keyring per test, the
shared demo sandbox, a signed-in ``session``."""

from tests.ui.conftest import *  # noqa: F403
