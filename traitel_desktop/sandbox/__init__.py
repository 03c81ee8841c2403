"""An embedded TraiTel gateway on loopback, with realistic demo data.

The server side of the same contract as :mod:`traitel_desktop.api`, read independently from
the vendor's document and ``NOTES.md`` (it shares only :mod:`traitel_desktop.contract`).

    from traitel_desktop.sandbox import start_sandbox, Faults
    with start_sandbox(seed=1, preset="demo") as sb:
        sb.primary_url, sb.alternate_url      # two gateways over one state
        sb.faults.down = "primary"            # the primary port now refuses connections

Accounts (fixed credentials): ``demo``/``demo`` (IVR subscription, sub-accounts, a year of
activity), ``noivr``/``noivr`` (no IVR subscription: Error 115), ``other``/``other`` (a second
customer: its sub-account e-mail ``alex.morgan@bluegum-logistics.com.au`` gives Error 101 when
used on another account), ``locked``/``locked`` (always Error 002).

A live sandbox keeps adding new activity to ``demo`` while it runs (about RATE events a
minute, some of them failed faxes, missed calls and, rarely, a call to an unusual country):
``start_sandbox(live_rate=RATE)``, or ``--live RATE`` on the command line; tests drive
:class:`~traitel_desktop.sandbox.live.LiveGenerator` step by step instead.

Run it on its own with ``python -m traitel_desktop.sandbox --help``.
"""

from traitel_desktop.sandbox.data.accounts import OTHER_ACCOUNT_EMAIL
from traitel_desktop.sandbox.faults import Faults
from traitel_desktop.sandbox.sandbox import Sandbox, start_sandbox

__all__ = ["OTHER_ACCOUNT_EMAIL", "Faults", "Sandbox", "start_sandbox"]
