"""Shared pieces: list tab, record table and dialog, message bar, field errors, confirmations."""
