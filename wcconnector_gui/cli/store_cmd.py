"""``wcconnector store list|add|rename|remove``: the stores this database syncs with.

Each store has its own setup, credentials, mappings, Sync Log and conflicts;
back-office customers are shared. Commands that act on one store take
``--store NAME`` (default: the only store).
"""

from __future__ import annotations

import argparse
import json
import sys

from wcconnector_gui.cli.main import EXIT_FATAL, EXIT_OK, CliError, open_db, store_option
from wcconnector_gui.cli.run_report import JSON_SCHEMA_VERSION
from wcconnector_gui.credentials.store_secrets import remove_store
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import RemovalImpact, StoreError, StoreRepository


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("store", help="list, add, rename or remove stores")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    lister = actions.add_parser("list", help="the stores, with their URL and mappings")
    lister.add_argument("--json", action="store_true", help="print JSON")
    lister.set_defaults(func=_list)
    adder = actions.add_parser(
        "add", help="add a store (then: setup set --store NAME ..., credentials set --store NAME)"
    )
    adder.add_argument("name")
    adder.set_defaults(func=_add)
    renamer = actions.add_parser("rename", help="give a store another name")
    renamer.add_argument("name", help="the store's name or number")
    renamer.add_argument("new_name")
    renamer.set_defaults(func=_rename)
    remover = actions.add_parser(
        "remove",
        help="remove a store: its setup, credentials, mappings, Sync Log and conflicts",
        description="Says first what goes with it, then asks (or needs --yes). Back-office "
        "customers stay, and nothing is changed in the store itself.",
    )
    remover.add_argument("name", help="the store's name or number")
    remover.add_argument("--yes", action="store_true", help="remove without asking")
    remover.set_defaults(func=_remove)


def _list(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        rows = []
        for store in StoreRepository(db).all():
            flagged, linked = MappingRepository(db, store.id).count_flagged_and_linked()
            rows.append(
                {
                    "id": store.id,
                    "name": store.name,
                    "store_url": load_setup(db, store.id).store_url or None,
                    "webstore_customers": flagged,
                    "linked": linked,
                }
            )
    finally:
        db.close()
    if args.json:
        shown = {"schema_version": JSON_SCHEMA_VERSION, "stores": rows}
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        url = row["store_url"] or "not set up"
        print(f"{row['id']:>3}  {row['name']}  {url}  ({row['linked']} linked)")
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        store = StoreRepository(db).add(args.name)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(
        f"store {store.id} {store.name!r} added; set it up with "
        f"`wcconnector setup set{store_option(store.name)} store_url=...` and "
        f"`wcconnector credentials set{store_option(store.name)} --consumer-key ...`"
    )
    return EXIT_OK


def _rename(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        stores = StoreRepository(db)
        store = stores.rename(stores.find(args.name).id, args.new_name)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"store {store.id} is now {store.name!r}")
    return EXIT_OK


def impact_text(name: str, impact: RemovalImpact) -> str:
    """What removing the store named ``name`` deletes, in plain words."""
    return (
        f"Removing store {name!r} deletes from this database its {impact.mappings} mapping(s) "
        f"({impact.linked} linked to a store customer: Username, Webstore ID and status), "
        f"{impact.webstore_customers} webstore customer copies, {impact.runs} sync run(s) of "
        f"its Sync Log, {impact.open_conflicts} open conflict(s), {impact.pending_passwords} "
        "password(s) waiting to be sent, its setup, and its consumer key and secret in the "
        "keyring. Back-office customers stay, and nothing is changed in the store itself."
    )


def _remove(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        stores = StoreRepository(db)
        try:
            store = stores.find(args.name)
            if len(stores.all()) <= 1:
                raise StoreError("the last store cannot be removed (add another one first)")
        except StoreError as exc:
            raise CliError(str(exc)) from None
        print(impact_text(store.name, stores.removal_impact(store.id)))
        if not args.yes:
            if not sys.stdin.isatty():
                print("nothing removed: give --yes to remove it", file=sys.stderr)
                return EXIT_FATAL
            answer = input(f"Remove store {store.name!r}? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                print("nothing removed")
                return EXIT_FATAL
        try:
            removed, note = remove_store(db, store.id)
        except StoreError as exc:
            raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"store {removed.name!r} removed")
    if note:
        print(f"warning: {note}", file=sys.stderr)
    return EXIT_OK
