"""``python -m traitel_desktop.sandbox``: run the sandbox gateways until Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from traitel_desktop.sandbox.data.accounts import ACCOUNTS, OTHER_ACCOUNT_EMAIL
from traitel_desktop.sandbox.data.generate import PRESETS
from traitel_desktop.sandbox.faults import GATEWAY_NAMES, Faults
from traitel_desktop.sandbox.sandbox import Sandbox, start_sandbox

ACCOUNT_NOTES = {
    "demo": "IVR subscription, sub-accounts, a year of activity",
    "noivr": "no IVR subscription (addivml/updateivml give Error 115)",
    "other": f"a second customer; its sub-account e-mail {OTHER_ACCOUNT_EMAIL} gives Error 101",
    "locked": "always Error 002",
}


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
    return parser.parse_args(argv)


def banner(sb: Sandbox) -> str:
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
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Start, print the banner, wait for Ctrl+C or SIGTERM, stop."""
    args = parse_args(argv)
    try:
        faults = Faults(
            latency=args.latency, error001_rate=args.error001_rate, drop_rate=args.drop_rate,
            truncate_rate=args.truncate_rate, down=args.down,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    if hasattr(signal, "SIGBREAK"):
        signal.signal(signal.SIGBREAK, on_signal)
    sb = start_sandbox(data_dir=args.data_dir, seed=args.seed, preset=args.preset,
                       faults=faults, host=args.host, port=args.port, alt_port=args.alt_port)
    try:
        print(banner(sb), flush=True)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sb.stop()
        print("TraiTel sandbox stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
