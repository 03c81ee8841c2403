"""The Spend tab: chart, controls, totals and insights."""
