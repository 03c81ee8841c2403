"""Entry point of the desktop app (the full start-up arrives with the main window)."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="traitel-desktop", description="TraiTel Desktop")
    parser.add_argument("--demo", action="store_true", help="sign in to the built-in sandbox")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    app.setApplicationName("TraiTel Desktop")
    label = QLabel("TraiTel Desktop is being built. The sign-in window arrives next.")
    label.setMargin(40)
    label.show()
    return app.exec()
