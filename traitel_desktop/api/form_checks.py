"""The checks of the change requests the app's forms send, every bad field at once.

The client runs them before sending; the dialogs run the same ones as the owner saves, so a
field is marked with the same words whether the dialog or the client finds the problem.
Each function takes the values by keyword (``None``: not sent) and returns the request
parameters, or raises the first problem with the others attached (``ApiError.problems``).
"""

from __future__ import annotations

from traitel_desktop.api import validate as check
from traitel_desktop.contract.modes import IVML_TYPES

__all__ = ["IVML_PARAMS", "SUB_ACCOUNT_PARAMS", "ivml_fields", "sub_account_fields"]

#: Keyword -> request parameter of ``addsubaccount`` / ``updatesubaccount``.
SUB_ACCOUNT_PARAMS = {
    "alias": "alias",
    "email": "email",
    "first_name": "firstname",
    "last_name": "lastname",
    "company": "company",
    "fax_headline": "faxheadline",
}

#: Keyword -> request parameter of ``addivml`` / ``updateivml``.
IVML_PARAMS = {"name": "name", "launch_url": "launchurl", "result_url": "resulturl",
               "type": "type"}


def sub_account_fields(
    mode: str, problems: check.Problems, **values: str | None
) -> dict[str, str | None]:
    """Sub-account details (``alias``, ``email``, ``first_name`` ...) as request parameters.

    A given alias must not be blank; an e-mail address, when not blank, must be valid; the
    other fields are free text ("" clears them)."""
    params: dict[str, str | None] = {}
    for key, value in values.items():
        param = SUB_ACCOUNT_PARAMS[key]
        if value is None:
            params[param] = None
        elif key == "alias":
            params[param] = problems.check(check.required, value, param, mode)
        elif key == "email" and value.strip():
            params[param] = problems.check(check.email, value, mode)
        else:
            params[param] = problems.check(check.text, value, param, mode)
    return params


def ivml_fields(
    mode: str, problems: check.Problems, **values: str | None
) -> dict[str, str | None]:
    """IVML settings (``name``, ``launch_url``, ``result_url``, ``type``) as request
    parameters. A given name, launch address or type must not be blank; a result address
    may be "" (cleared)."""
    params: dict[str, str | None] = {}
    for key, value in values.items():
        param = IVML_PARAMS[key]
        if value is None or (key == "result_url" and not value.strip()):
            params[param] = None if value is None else ""
        elif key == "name":
            params[param] = problems.check(check.required, value, param, mode)
        elif key == "type":
            params[param] = problems.check(check.choice, value, IVML_TYPES, param, mode)
        else:
            params[param] = problems.check(check.url, value, param, mode)
    return params
