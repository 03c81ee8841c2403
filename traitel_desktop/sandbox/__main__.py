"""``python -m traitel_desktop.sandbox``: run the sandbox gateways until Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

from traitel_desktop.sandbox.data.accounts import ACCOUNTS, OTHER_ACCOUNT_EMAIL
from traitel_desktop.sandbox.data.generate import PRESETS
from traitel_desktop.sandbox.faults import GATEWAY_NAMES, Faults
from traitel_desktop.sandbox.live import MAX_RATE, check_rate
from traitel_desktop.sandbox.sandbox import Sandbox, start_sandbox

ACCOUNT_NOTES = {
    "demo": "IVR subscription, sub-accounts, a year of activity",
    "noivr": "no IVR subscription (addivml/updateivml give Error 115)",
    "other": f"a second customer; its sub-account e-mail {OTHER_ACCOUNT_EMAIL} gives Error 101",
    "locked": "always Error 002",
}

#: The signals that stop the sandbox (SIGBREAK is Ctrl+Break on Windows).
STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGBREAK")


def live_rate(text: str) -> float:
    """``--live RATE``: new events a minute, 0 to :data:`MAX_RATE` (else a plain usage error)."""
    try:
        return check_rate(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"RATE is how many new events a minute to add, a number from 0 to {MAX_RATE:g}"
            f" (for example 2), not {text!r}"
        ) from None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m traitel_desktop.sandbox",
        description="Run a TraiTel-compatible gateway pair on loopback with demo data.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="primary port (0: a free one)")
    parser.add_argument("--alt-port", type=int, default=0, help="alternate port (0: a free one)")
    parser.add_argument("--data-dir", default=None,
                        help="keep the state in DATA_DIR/sandbox.sqlite3 (default: in memory)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="demo", help="data size")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to answers")
    parser.add_argument("--error001-rate", type=float, default=0.0,
                        help="share of requests answered 'Error 001' (0..1)")
    parser.add_argument("--drop-rate", type=float, default=0.0,
                        help="share of connections closed without an answer (0..1)")
    parser.add_argument("--truncate-rate", type=float, default=0.0,
                        help="share of answers cut in half (0..1)")
    parser.add_argument("--down", choices=GATEWAY_NAMES, default=None,
                        help="keep this gateway's port closed")
    parser.add_argument("--live", type=live_rate, default=0.0, metavar="RATE",
                        help="keep adding new activity to the demo account while running:"
                        " about RATE events a minute (0: none, the default)")
    return parser.parse_args(argv)


def banner(sb: Sandbox, live: float = 0.0) -> str:
    """What the command prints once the gateways listen (no secrets: these are demo logins)."""
    lines = [
        "TraiTel sandbox is running.",
        f"  primary:   {sb.primary_url}",
        f"  alternate: {sb.alternate_url}",
        "Accounts (user / password):",
    ]
    for user, (_, password, *_rest) in ACCOUNTS.items():
        lines.append(f"  {user} / {password}  - {ACCOUNT_NOTES[user]}")
    if sb.faults != Faults():
        lines.append(f"Faults: {sb.faults}")
    if live:
        lines.append(f"Live: about {live:g} new events a minute on the demo account.")
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


class StopRequest:
    """Set by SIGINT (Ctrl+C), SIGTERM or SIGBREAK; :meth:`wait` returns once it is set.

    SIGINT gets a handler of its own rather than Python's ``KeyboardInterrupt``: a process
    started in the background by a non-interactive shell (``cmd &`` in a script or CI step)
    inherits SIGINT *ignored*, and Python then installs no ``KeyboardInterrupt`` handler, so
    Ctrl+C or ``kill -INT`` would never stop it. The handler only sets a flag: it runs in
    the main thread between two bytecodes of whatever that thread was doing, where taking a
    lock (``threading.Event.set``) can deadlock and raising can cut :meth:`Sandbox.stop`
    short. A second signal does cut it short, on purpose: it exits at once.
    """

    def __init__(self) -> None:
        self.requested = False

    def install(self) -> None:
        """Handle the stop signals this platform has (replacing an inherited SIG_IGN)."""
        for name in STOP_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is not None:
                signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            # A second Ctrl+C while stopping: leave at once, as terminals have taught people.
            raise SystemExit(128 + signum)
        self.requested = True

    def wait(self, poll: float = 0.1) -> None:
        """Return once a stop signal came (at most ``poll`` seconds later)."""
        while not self.requested:
            time.sleep(poll)


def main(argv: Sequence[str] | None = None) -> int:
    """Start, print the banner, wait for Ctrl+C, SIGTERM or SIGBREAK, stop."""
    args = parse_args(argv)
    try:
        faults = Faults(
            latency=args.latency, error001_rate=args.error001_rate, drop_rate=args.drop_rate,
            truncate_rate=args.truncate_rate, down=args.down,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = StopRequest()
    stop.install()  # before starting: a signal during the start stops right after it
    sb = start_sandbox(data_dir=args.data_dir, seed=args.seed, preset=args.preset,
                       faults=faults, host=args.host, port=args.port, alt_port=args.alt_port,
                       live_rate=args.live)
    try:
        print(banner(sb, args.live), flush=True)
        stop.wait()
    finally:
        sb.stop()
        print("TraiTel sandbox stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
