"""How the command line shows a sync run and its records: short text, or JSON.

The JSON shape is a contract for scripts (docs/cli.md); ``schema_version``
changes whenever a field is removed or changes meaning. ``sync --json`` and
``log --run ID --json`` print the same object, read back from the sync log.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from wcconnector_gui.storage.sync_log import SyncLogRepository

JSON_SCHEMA_VERSION = 1

# The order directions run in and are shown in.
DIRECTIONS = ("pull", "push")


def record_json(entry: dict[str, Any]) -> dict[str, Any]:
    """One logged outcome (a record that was not unchanged)."""
    return {
        "run_id": entry["run_id"],
        "at": entry["at"],
        "customer_no": entry["customer_no"] or None,
        "webstore_id": entry["webstore_id"],
        "direction": entry["direction"] or None,
        "action": entry["action"],
        "reason": entry["reason"],
    }


def run_json(run: dict[str, Any]) -> dict[str, Any]:
    """A run's row as JSON: counts per direction (``counts``) and in all (``totals``)."""
    return {
        "run_id": run["id"],
        "started_at": run["started_at"],
        "finished_at": run["finished_at"] or None,
        "status": run["status"],
        "direction": run["direction"],
        "customers": run["selection"].split(",") if run["selection"] else None,
        "dry_run": bool(run["dry_run"]),
        "requests": run["requests"],
        "counts": run["direction_counts"],
        "totals": run["counts"],
        "error": run["error"] or None,
        "problem": run["problem"] or None,
    }


def run_with_records(db: Database, run_id: int, store: int) -> dict[str, Any] | None:
    """A run of ``store`` and every record it logged, oldest first; None when there is none."""
    log = SyncLogRepository(db, store)
    run = log.get_run(run_id)
    if run is None:
        return None
    records = log.entries(run_id, limit=None, newest_first=False)
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        **run_json(run),
        "records": [record_json(e) for e in records],
    }


def not_started_json(error: str, problem: str = "") -> dict[str, Any]:
    """``sync --json`` when no run could start (no setup, no credentials, no keyring...)."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "run_id": None,
        "status": "failed",
        "counts": {},
        "totals": {},
        "error": error,
        "problem": problem or None,
        "records": [],
    }


def describe_counts(run: dict[str, Any]) -> str:
    """ "pull: 4 unchanged, 1 failed; push: 1 skipped" for a :func:`run_json`; '' if none."""
    by_direction: dict[str, dict[str, int]] = run["counts"]
    if not by_direction:  # a run logged before outcomes had a direction
        return _list_counts(run["totals"])
    order = [d for d in DIRECTIONS if d in by_direction]
    order += sorted(d for d in by_direction if d not in DIRECTIONS)
    parts = [f"{d or 'other'}: {_list_counts(by_direction[d])}" for d in order]
    return "; ".join(p for p in parts if not p.endswith(": "))


def _list_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {action}" for action, n in sorted(counts.items()) if n)


def run_line(run: dict[str, Any]) -> str:
    """One line for a :func:`run_json`: what happened to its records, or why nothing did."""
    outcomes = describe_counts(run)
    dry = " (dry run)" if run["dry_run"] else ""
    status = run["status"]
    if status == "failed":
        what = f"stopped after {outcomes}" if outcomes else "no record was handled"
    elif status == "cancelled":
        what = f"cancelled after {outcomes}" if outcomes else "cancelled before any record"
    elif status == "running":
        what = f"still running: {outcomes}" if outcomes else "still running"
    else:
        what = outcomes or "nothing needed doing"
    requests = f"{run['requests']} request{'' if run['requests'] == 1 else 's'}"
    return f"run {run['run_id']}{dry}: {status}: {what} ({requests})"


def record_line(record: dict[str, Any]) -> str:
    """One :func:`record_json`, e.g. ``push skipped C00002 (webstore ID 3): <reason>``."""
    who = record["customer_no"] or "-"
    if record["webstore_id"] is not None:
        who += f" (webstore ID {record['webstore_id']})"
    reason = f": {record['reason']}" if record["reason"] else ""
    return f"{record['direction'] or '-'} {record['action']} {who}{reason}"
