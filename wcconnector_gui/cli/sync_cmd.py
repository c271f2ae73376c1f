"""``wcconnector sync`` and ``wcconnector suggest``: the toolbar's Synchronize and Suggest Mapping.

Exit codes of ``sync``: 0 every record done, 1 some were skipped, failed or are
in conflict (see the sync log), 2 nothing could be done (no setup, store
unreachable, credentials refused, no keyring).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from wcconnector_gui.cli.main import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, CliError, open_db
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.domain.sync_run import Direction, RunStatus
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncEngine, SyncOptions, SyncProgress
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
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=_sync)
    suggester = subparsers.add_parser("suggest", help="suggest mappings for unmapped customers")
    suggester.add_argument("--apply", action="store_true", help="link the unambiguous suggestions")
    suggester.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    suggester.set_defaults(func=_suggest)


def _engine(args: argparse.Namespace, **kwargs: Any) -> SyncEngine:
    db = open_db(args)
    setup = load_setup(db)
    try:
        client = make_client(db, setup)
    except (SyncError, SecretStoreUnavailable) as exc:
        db.close()
        raise CliError(str(exc)) from None
    return SyncEngine(db, client, setup, **kwargs)


def _sync(args: argparse.Namespace) -> int:
    nos = [n.strip() for n in args.customers.split(",") if n.strip()] if args.customers else None
    progress = None if args.json else _print_progress
    engine = _engine(args, progress=progress)
    try:
        options = SyncOptions(Direction(args.direction), nos, args.dry_run)
        summary = engine.run(options)
    except SyncError as exc:  # another sync runs on this database: nothing done
        raise CliError(exc.message) from None
    finally:
        engine.client.close()
        engine.db.close()
    if args.json:
        print(
            json.dumps(
                {
                    "run_id": summary.run_id,
                    "status": str(summary.status),
                    "counts": summary.counts,
                    "requests": summary.requests,
                    "error": summary.error,
                    "dry_run": args.dry_run,
                },
                indent=2,
            )
        )
    else:
        counts = ", ".join(f"{n} {a}" for a, n in sorted(summary.counts.items())) or "nothing to do"
        print(f"run {summary.run_id}: {summary.status}: {counts} ({summary.requests} requests)")
    if summary.status == RunStatus.FAILED:
        print(f"error: {summary.error}", file=sys.stderr)
        return EXIT_FATAL
    return EXIT_OK if summary.ok else EXIT_PARTIAL


def _print_progress(progress: SyncProgress) -> None:
    for outcome in progress.outcomes:
        if outcome.action in ("skipped", "failed", "conflict"):
            who = outcome.customer_no or f"store customer {outcome.webstore_id}"
            print(f"{outcome.action}: {who}: {outcome.reason}", file=sys.stderr)


def _suggest(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        try:
            suggestions = engine.suggest()
        except SyncError as exc:
            raise CliError(exc.message) from None
        applied = engine.apply_suggestions(suggestions) if args.apply else 0
    finally:
        engine.client.close()
        engine.db.close()
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
        print(json.dumps({"suggestions": rows, "applied": applied}, indent=2))
    else:
        for s in suggestions:
            flag = " (ambiguous)" if s.ambiguous else ""
            print(f"{s.customer_no} -> {s.webstore_id}: {s.reason}{flag}")
        print(f"{len(suggestions)} suggestion(s), {applied} applied")
    return EXIT_OK
