"""The Numbers tab: list, filters, the Assign dialog."""
