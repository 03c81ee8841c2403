"""TraiTel Desktop: a desktop account manager for TraiTel fax, voice and SMS accounts."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # ``__version__`` is looked up lazily: importlib.metadata costs ~40 ms at start-up.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("traitel-desktop")
        except PackageNotFoundError:  # a source tree that was not installed
            return "0.0.0"
    raise AttributeError(name)
