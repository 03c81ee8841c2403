"""TraiTel Desktop: a desktop account manager for TraiTel fax, voice and SMS accounts."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("traitel-desktop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
