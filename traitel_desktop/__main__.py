"""``python -m traitel_desktop`` starts the desktop app."""

from traitel_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
