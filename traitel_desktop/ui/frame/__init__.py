"""The frame of the app: main window, controller, header, tab list, look, sign-in and settings."""
