"""phonenumbers loads its metadata by name: bundle what the app uses, not the whole package.

Replaces the contrib hook, which collects every submodule. Kept: the per-region metadata
(``data``, ``shortdata``) and the geocoder's tables (``services/numbers.py`` names a number's
country with ``geocoder.country_name_for_number``). Left out: the carrier and time-zone tables.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = [
    *collect_submodules("phonenumbers.data"),
    *collect_submodules("phonenumbers.shortdata"),
    *collect_submodules("phonenumbers.geodata"),
    "phonenumbers.geocoder",
]
