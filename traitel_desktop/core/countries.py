"""Country names in English sentences: "Cities in the United Kingdom", "Cities in Germany".

Some country names take "the" in running English text. A small table names them, and a few
words that make a name a plural or a description ("Islands", "Republic", "Kingdom",
"States", ...) cover the rest; every other name stands on its own. Views translate the
sentence around the name.
"""

from __future__ import annotations

__all__ = ["THE_COUNTRIES", "with_article"]

#: Country names that take "the" and have none of the words of :data:`_THE_WORDS`.
THE_COUNTRIES = frozenset({
    "Bahamas", "Comoros", "Gambia", "Holy See", "Isle of Man", "Ivory Coast", "Maldives",
    "Netherlands", "Netherlands Antilles", "Philippines", "Seychelles", "Vatican City",
    "Congo", "Democratic Republic of Congo", "Channel Islands", "Caribbean Netherlands",
})
#: A word that makes a country name take "the" ("the Czech Republic", "the Cook Islands",
#: "the United Arab Emirates", "the Russian Federation", ...).
_THE_WORDS = frozenset({
    "Republic", "Islands", "Kingdom", "States", "Emirates", "Federation", "Union",
    "Territories", "Territory", "Antilles",
})


def with_article(name: str) -> str:
    """``name`` as it stands after "in": "the United Kingdom", "the Netherlands", "Germany".

    A name that already starts with "the" is left as it is (with a small "the")."""
    name = name.strip()
    if not name:
        return name
    if name.lower().startswith("the "):
        return "the " + name[4:]
    if name in THE_COUNTRIES or _THE_WORDS.intersection(name.replace(",", " ").split()):
        return "the " + name
    return name
