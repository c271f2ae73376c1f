"""``wcconnector sandbox``: run the sandbox WooCommerce store until Ctrl+C / SIGTERM."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType
from typing import Any

from wcconnector_gui.cli.main import EXIT_OK, CliError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="run a local WooCommerce-compatible test store",
        description="Serve the sandbox store (customers API of WooCommerce REST v3) until "
        "interrupted. Prints its URL and API keys.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = any free port (default)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="start with N customers")
    parser.add_argument(
        "--fault-seed",
        type=int,
        metavar="N",
        help="seed of the fault dice (--fault NAME=RATE), independent of --seed; "
        "default: a random one, printed at start so a run can be repeated",
    )
    parser.add_argument("--state", metavar="FILE", help="load customers and keys, save on stop")
    parser.add_argument("--latency-ms", type=int, default=0, metavar="MS")
    parser.add_argument("--https", action="store_true", help="serve HTTPS")
    parser.add_argument("--cert", metavar="PEM", help="certificate (default: a self-signed one)")
    parser.add_argument("--key", metavar="PEM", help="private key of --cert")
    parser.add_argument("--profile", choices=["real"], help="model a real shop's speed")
    parser.add_argument("--workers", type=int, metavar="N", help="requests processed at once")
    parser.add_argument(
        "--max-queue",
        type=int,
        metavar="N",
        help="with --workers: answer 503 when N requests already wait (default: no limit)",
    )
    parser.add_argument("--batch-limit", type=int, default=100, metavar="N")
    parser.add_argument(
        "--require-password",
        action="store_true",
        help="creating a customer needs a password (shop setting)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME=RATE[,opt=value]",
        help="inject a fault, e.g. error_503=0.1, rate_limit=0.2,retry_after=2, poison=17",
    )
    parser.set_defaults(func=run)


def parse_fault(text: str) -> tuple[str, float, dict[str, Any]]:
    """``NAME=RATE[,opt=value...]`` → (name, rate, opts); raises CliError when malformed."""
    head, *rest = text.split(",")
    name, sep, rate_text = head.partition("=")
    if not sep:
        raise CliError(f"--fault {text!r}: expected NAME=RATE")
    try:
        rate = float(rate_text)
    except ValueError:
        raise CliError(f"--fault {text!r}: {rate_text!r} is not a number") from None
    if name.strip() != "poison" and not 0.0 <= rate <= 1.0:
        raise CliError(
            f"--fault {text!r}: the rate is a probability between 0 and 1 (0.1: one request in ten)"
        )
    opts: dict[str, Any] = {}
    for item in rest:
        key, sep, value = item.partition("=")
        if not sep:
            raise CliError(f"--fault {text!r}: expected opt=value after the rate")
        try:
            opts[key.strip()] = float(value)
        except ValueError:
            opts[key.strip()] = value
    return name.strip(), rate, opts


def run(args: argparse.Namespace) -> int:
    from wcconnector_gui.sandbox import FAULT_NAMES, start_sandbox
    from wcconnector_gui.sandbox.certs import CertificateError

    faults = [parse_fault(text) for text in args.fault]
    for name, _, _ in faults:
        if name != "poison" and name not in FAULT_NAMES:
            raise CliError(f"unknown fault {name!r}; known: poison, {', '.join(FAULT_NAMES)}")
    if bool(args.cert) != bool(args.key):
        raise CliError("--cert and --key go together")
    try:
        running = start_sandbox(
            host=args.host,
            port=args.port,
            seed=args.seed,
            fault_seed=args.fault_seed,
            https=args.https or bool(args.cert),
            cert=args.cert,
            key=args.key,
            latency_ms=args.latency_ms,
            state_file=args.state,
            profile=args.profile,
            workers=args.workers,
            max_queue=args.max_queue,
            batch_limit=args.batch_limit,
            require_password=args.require_password,
        )
    except (OSError, CertificateError) as exc:
        raise CliError(f"the sandbox store could not start: {exc}") from exc
    for name, rate, opts in faults:
        if name == "poison":
            running.store.poison(int(rate))
        else:
            running.store.set_fault(name, rate, **opts)

    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"URL: {running.url}")
        print(f"Consumer key: {running.consumer_key}")
        print(f"Consumer secret: {running.consumer_secret}")
        print(f"Read-only consumer key: {running.read_only_key}")
        print(f"Read-only consumer secret: {running.read_only_secret}")
        if running.ca_bundle:
            print(f"CA bundle: {running.ca_bundle}")
        if faults:
            print(f"Fault seed: {running.fault_seed}")
        print(f"Customers: {running.store.count()}", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        running.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print("sandbox store stopped", flush=True)
    return EXIT_OK
