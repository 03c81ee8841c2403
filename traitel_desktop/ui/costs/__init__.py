"""The Costs tab: price quotes, estimates and the comparison table."""
