"""The Sub-accounts tab: list, add/edit dialog, delete confirmation."""
