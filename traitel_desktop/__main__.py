"""``python -m traitel_desktop`` starts the desktop app."""

from traitel_desktop.app import main

raise SystemExit(main())
