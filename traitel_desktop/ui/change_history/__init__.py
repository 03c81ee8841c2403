"""The Change history window."""
