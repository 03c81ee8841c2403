"""Country names in English sentences take "the" where English does."""

from __future__ import annotations

import pytest

from traitel_desktop.core.countries import with_article


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("United Kingdom", "the United Kingdom"),
        ("United States", "the United States"),
        ("Netherlands", "the Netherlands"),
        ("Philippines", "the Philippines"),
        ("Czech Republic", "the Czech Republic"),
        ("United Arab Emirates", "the United Arab Emirates"),
        ("Bahamas", "the Bahamas"),
        ("Gambia", "the Gambia"),
        ("Dominican Republic", "the Dominican Republic"),
        ("Cayman Islands", "the Cayman Islands"),
        ("The Gambia", "the Gambia"),
        ("Australia", "Australia"),
        ("Germany", "Germany"),
        ("Dominica", "Dominica"),
        ("Ireland", "Ireland"),
        ("", ""),
    ],
)
def test_with_article(name: str, shown: str) -> None:
    assert with_article(name) == shown
