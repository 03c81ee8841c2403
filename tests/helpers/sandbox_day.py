"""The day the sandbox conformance tests pin the sandbox's clock to (its data is generated
up to that day), so they read the same rows on any date."""

from datetime import date

TODAY = date(2026, 5, 9)
