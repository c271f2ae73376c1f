"""``wcconnector log``: past sync runs and what happened to each record, from the Sync Log."""

from __future__ import annotations

import argparse
import json

from wcconnector_gui.cli.main import EXIT_OK, CliError, add_store_option, chosen_store, open_db
from wcconnector_gui.cli.run_report import (
    JSON_SCHEMA_VERSION,
    record_json,
    record_line,
    run_json,
    run_line,
    run_with_records,
)
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.context import PROBLEM_ACTIONS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "log",
        help="show past sync runs and their records",
        description="Without options: the last runs, newest first. --run ID: that run and "
        "every record it logged (records that needed nothing are counted, not listed). "
        "--errors: only skipped, failed and conflict records.",
    )
    parser.add_argument("--run", type=int, metavar="ID", help="one run and its records")
    parser.add_argument(
        "--errors", action="store_true", help="only records that were skipped, failed or conflict"
    )
    parser.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="how many runs (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    add_store_option(parser)
    parser.set_defaults(func=_log)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return value


def _log(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        store = chosen_store(args, db)
        if args.run is not None:
            report = run_with_records(db, args.run, store)
            if report is None:
                raise CliError(f"there is no sync run {args.run} (`wcconnector log` lists them)")
            if args.errors:
                report["records"] = [r for r in report["records"] if _is_problem(r)]
            _print_run(report, args.json)
            return EXIT_OK
        log = SyncLogRepository(db, store)
        runs = [run_json(r) for r in log.runs(limit=args.limit)]
        records = []
        if args.errors and runs:
            entries = log.entries(errors_only=True, limit=None, from_run=runs[-1]["run_id"])
            records = [record_json(e) for e in entries]
    finally:
        db.close()
    if args.json:
        shown: dict[str, object] = {"schema_version": JSON_SCHEMA_VERSION, "runs": runs}
        if args.errors:
            shown["records"] = records
        print(json.dumps(shown, indent=2, ensure_ascii=False))
    elif not runs:
        print("no sync has run yet")
    elif args.errors:
        for record in records:
            print(f"run {record['run_id']}: {record_line(record)}")
        print(f"{len(records)} problem record(s) in the last {len(runs)} run(s)")
    else:
        for run in runs:
            print(f"{run['started_at'][:19].replace('T', ' ')}  {run_line(run)}")
            if run["error"]:
                print(f"    {run['error']}")
    return EXIT_OK


def _is_problem(record: dict[str, object]) -> bool:
    return record["action"] in PROBLEM_ACTIONS


def _print_run(report: dict[str, object], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    started = str(report["started_at"])[:19].replace("T", " ")
    print(f"{started} UTC  {run_line(report)}")
    if report["error"]:
        print(f"error: {report['error']}")
    records = report["records"]
    assert isinstance(records, list)
    for record in records:
        print(record_line(record))
