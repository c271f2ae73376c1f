"""``wcconnector sync`` and ``wcconnector suggest``: the toolbar's Synchronize and Suggest Mapping.

Exit codes of ``sync``: 0 every record done, 1 some were skipped, failed or are
in conflict (see ``wcconnector log``), 2 the run could not start or stopped
(no setup, unknown customer No., store unreachable, credentials refused, no
keyring, another sync running, SIGTERM); what a stopped run did is kept.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from types import FrameType
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.cli.main import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    CliError,
    add_store_option,
    chosen_store,
    open_db,
)
from wcconnector_gui.cli.run_report import (
    JSON_SCHEMA_VERSION,
    not_started_json,
    run_line,
    run_with_records,
)
from wcconnector_gui.cli.store_access import engine_for, store_error
from wcconnector_gui.domain.sync_run import Direction, RunStatus
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.sync.context import PROBLEM_ACTIONS
from wcconnector_gui.sync.engine import SyncOptions, SyncProgress
from wcconnector_gui.sync.errors import SyncError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("sync", help="synchronize customers with the store")
    parser.add_argument(
        "--customers", metavar="NO,NO", help="only these back-office customers (comma-separated)"
    )
    parser.add_argument(
        "--direction", choices=[d.value for d in Direction], default=Direction.BOTH.value
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen; change nothing"
    )
    parser.add_argument(
        "--no-create",
        action="store_true",
        help="send updates only: create no new store accounts (WooCommerce e-mails each one)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the run and its records as JSON (docs/cli.md)"
    )
    add_store_option(parser)
    parser.set_defaults(func=_sync)
    suggester = subparsers.add_parser("suggest", help="suggest mappings for unmapped customers")
    suggester.add_argument("--apply", action="store_true", help="link the unambiguous suggestions")
    suggester.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    add_store_option(suggester)
    suggester.set_defaults(func=_suggest)


def _customer_nos(args: argparse.Namespace, db: Database) -> list[str] | None:
    """The Nos. of ``--customers``; each must be a back-office customer."""
    if args.customers is None:
        return None
    nos = list(dict.fromkeys(n.strip() for n in args.customers.split(",") if n.strip()))
    if not nos:
        raise CliError("--customers is empty: give customer Nos., e.g. C00010,C00020")
    customers = CustomerRepository(db)
    unknown = [no for no in nos if not customers.exists(no)]
    if unknown:
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        shown = ", ".join(unknown[:5]) + more
        noun = "customer" if len(unknown) == 1 else "customers"
        raise CliError(f"there is no {noun} {shown} (see `wcconnector customers export`)")
    return nos


def _sync(args: argparse.Namespace) -> int:
    try:
        return _run_sync(args)
    except CliError as exc:  # nothing was done: with --json, stdout still says so
        if args.json:
            print(json.dumps(not_started_json(str(exc)), indent=2, ensure_ascii=False))
        raise


def _run_sync(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    stop = _StopOnSignal()
    try:
        store = chosen_store(args, db)
        nos = _customer_nos(args, db)
        engine = engine_for(
            db, store, progress=None if args.json else _print_progress, is_cancelled=stop.is_set
        )
        try:
            with stop:
                options = SyncOptions(
                    Direction(args.direction), nos, args.dry_run, create_accounts=not args.no_create
                )
                summary = engine.run(options)
        except SyncError as exc:  # another sync of this store runs: nothing done
            raise CliError(exc.message) from None
        finally:
            engine.client.close()
        report = run_with_records(db, summary.run_id, store)
    finally:
        db.close()
    assert report is not None  # the engine has just written it
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(run_line(report))
    if summary.status == RunStatus.FAILED:
        print(f"error: {summary.error}", file=sys.stderr)
        return EXIT_FATAL
    if summary.status == RunStatus.CANCELLED:
        print(
            f"error: stopped by {stop.signal_name}; what was done is kept, the next run carries on",
            file=sys.stderr,
        )
        return EXIT_FATAL
    return EXIT_OK if summary.ok else EXIT_PARTIAL


class _StopOnSignal:
    """While entered, SIGINT/SIGTERM ask the run to stop after the batch in flight.

    A scheduler stopping the job (systemd's SIGTERM, Ctrl+C) then leaves a run
    marked cancelled with its finished records committed, not a cut-off one. A
    second signal stops at once, as a kill would (still safe: see run_lock).
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signal_name = ""
        self._previous: dict[int, Any] = {}

    def is_set(self) -> bool:
        return self._event.is_set()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._event.is_set():
            # Asked twice: stop now, as a kill would (the next run closes this one). Not
            # KeyboardInterrupt: the interpreter would still wait for the request in flight
            # on a worker thread before it exits.
            print("interrupted", file=sys.stderr, flush=True)
            logging.shutdown()
            os._exit(EXIT_FATAL)
        self.signal_name = signal.Signals(signum).name
        self._event.set()

    def __enter__(self) -> _StopOnSignal:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._on_signal)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()


def _print_progress(progress: SyncProgress) -> None:
    for outcome in progress.outcomes:
        if outcome.action in PROBLEM_ACTIONS:
            who = outcome.customer_no or f"store customer {outcome.webstore_id}"
            print(f"{outcome.direction} {outcome.action}: {who}: {outcome.reason}", file=sys.stderr)


def _suggest(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        engine = engine_for(db, chosen_store(args, db))
        try:
            suggestions = engine.suggest()
            applied = engine.apply_suggestions(suggestions) if args.apply else 0
        except SyncError as exc:
            raise store_error(engine, exc) from None
        finally:
            engine.client.close()
    finally:
        db.close()
    if args.json:
        rows = [
            {
                "customer_no": s.customer_no,
                "webstore_id": s.webstore_id,
                "reason": s.reason,
                "ambiguous": s.ambiguous,
                "score": s.score,
            }
            for s in suggestions
        ]
        shown = {"schema_version": JSON_SCHEMA_VERSION, "suggestions": rows, "applied": applied}
        print(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        for s in suggestions:
            flag = " (ambiguous)" if s.ambiguous else ""
            print(f"{s.customer_no} -> {s.webstore_id}: {s.reason}{flag}")
        print(f"{len(suggestions)} suggestion(s), {applied} applied")
    return EXIT_OK
