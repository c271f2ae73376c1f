"""``wcconnector status`` and ``wcconnector test-connection``: is this setup ready to run?

``status`` reads only the database (and whether credentials exist, never their
values); ``test-connection`` asks the store, with the same checks and words as
the window's Test connection (woo.diagnose).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.cli.main import (
    EXIT_FATAL,
    EXIT_OK,
    CliError,
    add_store_option,
    chosen_store,
    open_db,
    store_option,
)
from wcconnector_gui.cli.run_report import JSON_SCHEMA_VERSION, run_json, run_line
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.domain.setup import Setup, setup_to_texts
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.connection import find_credentials
from wcconnector_gui.sync.engine import pending_push
from wcconnector_gui.woo.diagnose import test_connection


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "status",
        help="the setup at a glance: store, credentials (present or not), last run, pending work",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    add_store_option(parser)
    parser.set_defaults(func=_status)
    tester = subparsers.add_parser(
        "test-connection",
        help="check the store URL, key and secret, as the window's Test connection does",
        description="Exit 0 when the store can be used; 2 with a plain diagnosis otherwise.",
    )
    tester.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    add_store_option(tester)
    tester.set_defaults(func=_test_connection)


def _credential_source(db: Database, store: int) -> str:
    try:
        key, secret, source = find_credentials(db, store)
    except SecretStoreUnavailable:
        return "keyring_unavailable"
    if key and secret:
        return source
    return "incomplete" if key or secret else "missing"


def status_report(db: Database, store: int) -> dict[str, Any]:
    """Everything ``status`` shows of ``store``, as its JSON (never a secret)."""
    setup = load_setup(db, store)
    flagged, linked = MappingRepository(db, store).count_flagged_and_linked()
    log = SyncLogRepository(db, store)
    runs = log.runs(limit=1)
    pending = pending_push(db, setup, store)
    path = db.execute("PRAGMA database_list").fetchone()[2]
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "database": path,
        "configured": setup.is_configured(),
        "store_url": setup.store_url or None,
        "auth": str(setup.auth),
        "credentials": _credential_source(db, store),
        "settings": setup_to_texts(setup),
        "customers": {
            "total": CustomerRepository(db).count(),
            "webstore_customers": flagged,
            "linked": linked,
        },
        "last_run": run_json(runs[0]) if runs else None,
        "pending": {
            "to_create": pending.to_create,
            "to_update": pending.to_update,
            "not_valid": pending.not_valid,
            "conflicts": len(log.open_conflict_nos()),
            "unchanged": pending.unchanged,
        },
    }


# Where the consumer key and secret come from (``credentials`` in the JSON), in words.
_CREDENTIAL_WORDS = {
    "keyring": "saved in the keyring",
    "environment": "from WCCONNECTOR_CONSUMER_KEY / _SECRET",
    "missing": "not set (`wcconnector credentials set{store}`)",
    "incomplete": "only one of key and secret is saved (`wcconnector credentials set{store}`)",
    "keyring_unavailable": "unknown: no keyring is available on this computer",
}


def _status(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        store = chosen_store(args, db)
        report = status_report(db, store)
        setup = load_setup(db, store)
        stores = StoreRepository(db).all()
    finally:
        db.close()
    # With several stores, a suggested command must say which one it is for.
    name = next(s.name for s in stores if s.id == store)
    store_words = store_option(name) if len(stores) > 1 else ""
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return EXIT_OK
    customers, pending = report["customers"], report["pending"]
    last = report["last_run"]
    lines = [
        ("Database", report["database"]),
        (
            "Store",
            f"{report['store_url']} ({report['auth']})"
            if report["configured"]
            else f"not set up (`wcconnector setup set{store_words} store_url=...`)",
        ),
        ("Credentials", _CREDENTIAL_WORDS[report["credentials"]].format(store=store_words)),
        ("Sync", _directions(setup)),
        (
            "Customers",
            f"{customers['total']}, {customers['webstore_customers']} ticked as "
            f"Webstore Customer, {customers['linked']} linked to the store",
        ),
        (
            "Last run",
            f"{last['started_at'][:16].replace('T', ' ')} UTC, {run_line(last)}"
            if last
            else "none yet",
        ),
        (
            "Next push",
            f"{pending['to_create']} to create, {pending['to_update']} to update, "
            f"{pending['not_valid']} not valid, {pending['unchanged']} unchanged",
        ),
        ("Conflicts", f"{pending['conflicts']} waiting for a decision"),
    ]
    for label, text in lines:
        print(f"{label + ':':<13}{text}")
    return EXIT_OK


def _directions(setup: Setup) -> str:
    push = "push new and changed" if setup.push_customers else "push off"
    if not setup.push_customers and setup.can_update_webstore_customers:
        push = "push changes of linked customers"
    pull = f"pull {setup.pull_customers}" if str(setup.pull_customers) != "off" else "pull off"
    return f"{push}; {pull}"


def _test_connection(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        store = chosen_store(args, db)
        setup = load_setup(db, store)
        try:
            key, secret, _ = find_credentials(db, store)
        except SecretStoreUnavailable as exc:
            raise CliError(str(exc)) from None
    finally:
        db.close()
    diagnosis = test_connection(
        setup.store_url, key, secret, auth=str(setup.auth), ca_bundle=setup.ca_bundle or None
    )
    if args.json:
        shown = {
            "schema_version": JSON_SCHEMA_VERSION,
            "ok": diagnosis.ok,
            "problem": diagnosis.problem,
            "message": diagnosis.message,
            "hint": diagnosis.hint or None,
        }
        print(json.dumps(shown, indent=2, ensure_ascii=False))
    elif diagnosis.ok:
        print(f"ok: {diagnosis.message}")
    else:  # on stderr, which a scheduler mails or logs
        print(f"{diagnosis.problem}: {diagnosis.message}", file=sys.stderr)
        if diagnosis.hint:
            print(diagnosis.hint, file=sys.stderr)
    return EXIT_OK if diagnosis.ok else EXIT_FATAL
