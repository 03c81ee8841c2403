"""The Alerts tab: what the watcher found on the account, newest first, and the watcher that
runs while the main window is open (one per session)."""
