"""Static tables the generator draws from: countries, cities, names, companies and rates.

Rates are decimal strings (exact); per-second voice rates are whole multiples of 0.0001 so
every logged cost is exact to four places. Brazil (``BR``) is deliberately absent from the
rate tables: a valid Brazilian number is "unroutable" (Error 120).
"""

from __future__ import annotations

from typing import NamedTuple


class City(NamedTuple):
    """A city where DIDs are offered: national-number prefixes for fixed and SMS numbers."""

    region: str
    country: str
    name: str
    fixed_prefix: str
    sms_prefix: str | None  # None: no SMS DIDs offered in this city


CITIES: tuple[City, ...] = (
    City("AU", "Australia", "Sydney", "29", "4"),
    City("AU", "Australia", "Melbourne", "39", "4"),
    City("AU", "Australia", "Brisbane", "73", "4"),
    City("AU", "Australia", "Perth", "89", None),
    City("AU", "Australia", "Adelaide", "88", None),
    City("GB", "United Kingdom", "London", "207", "7"),
    City("GB", "United Kingdom", "Manchester", "161", "7"),
    City("GB", "United Kingdom", "Birmingham", "121", None),
    City("US", "United States", "New York", "212", "212"),
    City("US", "United States", "Los Angeles", "213", "213"),
    City("US", "United States", "Chicago", "312", None),
    City("DE", "Germany", "Berlin", "30", "151"),
    City("DE", "Germany", "Munich", "89", None),
    City("DE", "Germany", "Hamburg", "40", None),
    City("FR", "France", "Paris", "1", None),
    City("FR", "France", "Lyon", "47", None),
    City("CA", "Canada", "Toronto", "416", "416"),
    City("CA", "Canada", "Vancouver", "604", "604"),
    City("NZ", "New Zealand", "Auckland", "9", "21"),
    City("NZ", "New Zealand", "Wellington", "4", None),
    City("JP", "Japan", "Tokyo", "3", None),
)

#: Regions whose numbers appear as correspondents (From of inbound, To of outbound traffic).
CONTACT_REGIONS: tuple[str, ...] = (
    "AU", "AU", "AU", "AU", "NZ", "GB", "GB", "US", "US", "CA", "DE", "FR", "JP", "SG", "HK",
    "IN", "IE", "NL", "ZA",
)

#: Rated destinations no correspondent of the demo data is in: the live sandbox's rare call to
#: an unusual country (a fraud tripwire: the first call ever to a country) goes to one of them.
UNUSUAL_REGIONS: tuple[str, ...] = ("LV", "CU", "SL")

#: region -> (country, replies, masking, tracking, masktrack) per SMS part.
SMS_RATES: dict[str, tuple[str, str, str, str, str]] = {
    "AU": ("Australia", "0.0650", "0.0750", "0.0700", "0.0800"),
    "NZ": ("New Zealand", "0.0900", "0.1000", "0.0950", "0.1050"),
    "GB": ("United Kingdom", "0.0550", "0.0600", "0.0600", "0.0650"),
    "IE": ("Ireland", "0.0700", "0.0800", "0.0750", "0.0850"),
    "US": ("United States", "0.0250", "0.0300", "0.0300", "0.0350"),
    "CA": ("Canada", "0.0250", "0.0300", "0.0300", "0.0350"),
    "DE": ("Germany", "0.0850", "0.0950", "0.0900", "0.1000"),
    "FR": ("France", "0.0800", "0.0900", "0.0850", "0.0950"),
    "NL": ("Netherlands", "0.0950", "0.1050", "0.1000", "0.1100"),
    "JP": ("Japan", "0.0750", "0.0850", "0.0800", "0.0900"),
    "SG": ("Singapore", "0.0450", "0.0550", "0.0500", "0.0600"),
    "HK": ("Hong Kong", "0.0500", "0.0600", "0.0550", "0.0650"),
    "IN": ("India", "0.0200", "0.0250", "0.0250", "0.0300"),
    "ZA": ("South Africa", "0.0350", "0.0400", "0.0400", "0.0450"),
    "LV": ("Latvia", "0.0900", "0.1000", "0.0950", "0.1050"),
    "CU": ("Cuba", "0.1500", "0.1700", "0.1600", "0.1800"),
    "SL": ("Sierra Leone", "0.1200", "0.1400", "0.1300", "0.1500"),
}

#: region -> (flag fall, per second, per minute, billing type) for outbound calls.
VOICE_RATES: dict[str, tuple[str, str, str, str]] = {
    "AU": ("0.0000", "0.0005", "0.0300", "PerSecond"),
    "NZ": ("0.0500", "0.0008", "0.0480", "PerSecond"),
    "GB": ("0.0000", "0.0003", "0.0180", "PerSecond"),
    "IE": ("0.0400", "0.0004", "0.0240", "PerSecond"),
    "US": ("0.0000", "0.0002", "0.0120", "PerSecond"),
    "CA": ("0.0000", "0.0002", "0.0120", "PerSecond"),
    "DE": ("0.0200", "0.000417", "0.0250", "PerMinute"),
    "FR": ("0.0200", "0.0004", "0.0240", "PerSecond"),
    "NL": ("0.0300", "0.0005", "0.0300", "PerMinute"),
    "JP": ("0.1000", "0.0012", "0.0720", "PerMinute"),
    "SG": ("0.0000", "0.0003", "0.0180", "PerSecond"),
    "HK": ("0.0000", "0.0003", "0.0180", "PerSecond"),
    "IN": ("0.0150", "0.0006", "0.0360", "PerMinute"),
    "ZA": ("0.0250", "0.0010", "0.0600", "PerSecond"),
    "LV": ("0.0500", "0.0040", "0.2400", "PerSecond"),
    "CU": ("0.1000", "0.0150", "0.9000", "PerMinute"),
    "SL": ("0.0800", "0.0080", "0.4800", "PerSecond"),
}

#: region -> (flag fall, per second, per minute, per page, billing type) for outbound faxes.
FAX_RATES: dict[str, tuple[str, str, str, str, str]] = {
    "AU": ("0.0000", "0.0000", "0.0000", "0.0900", "PerPage"),
    "NZ": ("0.0500", "0.0000", "0.0000", "0.1200", "PerPage"),
    "GB": ("0.0000", "0.0000", "0.0000", "0.0800", "PerPage"),
    "IE": ("0.0200", "0.0000", "0.0000", "0.1000", "PerPage"),
    "US": ("0.0000", "0.0000", "0.0000", "0.0600", "PerPage"),
    "CA": ("0.0000", "0.0000", "0.0000", "0.0600", "PerPage"),
    "DE": ("0.0300", "0.0005", "0.0300", "0.0500", "Mixed"),
    "FR": ("0.0300", "0.0005", "0.0300", "0.0500", "Mixed"),
    "NL": ("0.0000", "0.0000", "0.0000", "0.1100", "PerPage"),
    "JP": ("0.1000", "0.0012", "0.0720", "0.0000", "PerMinute"),
    "SG": ("0.0000", "0.0004", "0.0240", "0.0000", "PerSecond"),
    "HK": ("0.0000", "0.0000", "0.0000", "0.0900", "PerPage"),
    "IN": ("0.0200", "0.0000", "0.0000", "0.0700", "PerPage"),
    "ZA": ("0.0200", "0.0000", "0.0000", "0.0800", "PerPage"),
    "LV": ("0.0500", "0.0000", "0.0000", "0.2000", "PerPage"),
    "CU": ("0.1000", "0.0150", "0.9000", "0.0000", "PerMinute"),
    "SL": ("0.0800", "0.0000", "0.0000", "0.4000", "PerPage"),
}

#: Receiving a call on a DID costs this much per started minute (answered calls only).
VOICE_IN_PER_MINUTE = "0.0100"

FIRST_NAMES: tuple[str, ...] = (
    "Olivia", "Jack", "Charlotte", "William", "Amelia", "Noah", "Isla", "Oliver", "Mia",
    "Thomas", "Chloe", "James", "Grace", "Lucas", "Zoe", "Henry", "Ruby", "Leo", "Sienna",
    "Ethan", "Priya", "Wei", "Mohammed", "Sofia", "Nikos", "Aiko", "Mateo", "Fatima", "Liam",
    "Harper",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin",
    "Anderson", "Thompson", "Walker", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King",
    "Papadopoulos", "Chen", "O'Brien", "Singh", "Rossi", "Müller", "Tanaka", "García",
)
COMPANIES: tuple[str, ...] = (
    "Harbourside Dental", "Smith, Jones & Partners", "Kookaburra Couriers", "Southern Cross Legal",
    "Eastside Physio", "The \"Corner\" Bakery", "Wattle Accounting", "Bondi Property Group",
    "Redgum Engineering", "Coastal Medical Centre", "Blue Mountains Vets", "Parramatta Auto",
    "Northern Beaches Plumbing", "Inner West Architects", "Riverina Grain Co.", "Opal Travel",
)
EMAIL_DOMAINS: tuple[str, ...] = (
    "harbourside-dental.com.au", "sjp-law.com.au", "kookaburra-couriers.com.au",
    "wattle-accounting.com.au", "redgum-eng.com.au", "opal-travel.com.au", "gmail.com",
    "outlook.com", "bigpond.com",
)
FAX_STATIONS: tuple[str, ...] = (
    "RECEPTION", "ACCOUNTS DEPT", "Legal Office", "HQ FAX", "PHARMACY 2", "Medical Records",
    "Orders Desk", "FAX SERVER", "", "Dispatch",
)
