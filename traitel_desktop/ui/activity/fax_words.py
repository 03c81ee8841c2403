"""A sent fax's result for its owner: the plain reason, what they can do about it, and the
vendor's own line (state and error numbers) kept for the "As sent by TraiTel" disclosure."""

from __future__ import annotations

from traitel_desktop.api.decode import FaxResult, fax_result
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.core.fax_advice import fax_advice
from traitel_desktop.ui.activity.columns import tr

__all__ = ["advice", "fax_raw_line", "fax_tip"]


def fax_tip(code: int) -> str:
    """A result cell's tooltip: the plain reason and, when not delivered, what to do."""
    result = fax_result(code)
    if result.delivered:  # the cell's own words first: a cut cell shows whole on hover
        return f"{result.text}.\n{result.description}"
    return f"{result.text}.\n{advice(result)}"


def advice(result: FaxResult) -> str:
    """What the owner can do about a fax that was not delivered ("" for a delivered one)."""
    return tr(fax_advice(result)) if not result.delivered else ""


def fax_raw_line(result: FaxResult) -> str:
    """TraiTel's own words for the result: ``State 600, Error 19 (code 619): Fax aborted
    locally …`` ("" for a delivered fax)."""
    if result.delivered:
        return ""
    if result.state is None or result.error is None:
        return tr("Result code {0}").format(result.code)
    name, what = FAX_ERRORS[result.error]
    return tr("State {0}, Error {1} (code {2:03d}): {3}: {4} {5}").format(
        result.state, result.error, result.code, name, what, FAX_STATES[result.state]
    )
