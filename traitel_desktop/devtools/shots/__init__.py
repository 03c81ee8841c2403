"""Screenshots of dialogs and wizard pages, one module per feature."""
