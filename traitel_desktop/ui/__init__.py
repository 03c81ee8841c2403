"""ui layer: widgets only (main window, tabs, dialogs); talks to services/."""
