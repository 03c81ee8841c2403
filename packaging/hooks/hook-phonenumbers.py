"""phonenumbers loads its metadata by name: bundle what the app uses, not the whole package.

Replaces the contrib hook, which collects every submodule. Kept: the per-region metadata
(``data``, ``shortdata``). Left out: the geocoder's place names, the carrier and the time-zone
tables (country names come from Qt's locale data, see ``services/numbers.py``).
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = [
    *collect_submodules("phonenumbers.data"),
    *collect_submodules("phonenumbers.shortdata"),
]
excludedimports = ["phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata"]
