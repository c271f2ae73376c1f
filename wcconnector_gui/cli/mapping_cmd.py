"""``wcconnector mapping set|import``: the mapping grid's columns from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlite_utils import Database

from wcconnector_gui.cli.customers_cmd import print_report
from wcconnector_gui.cli.main import EXIT_OK, CliError, add_store_option, chosen_store, open_db
from wcconnector_gui.cli.store_access import engine_for, store_error
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.csvfiles.dialect import CsvFileError
from wcconnector_gui.csvfiles.mappings import (
    apply_mapping_values,
    import_mappings,
    parse_webstore_id,
)
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.sync.errors import SyncError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("mapping", help="set Username, Password, Webstore Customer, ID")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    setter = actions.add_parser("set", help="set the mapping of one customer")
    setter.add_argument("no", help="the back-office customer No.")
    setter.add_argument("--username")
    setter.add_argument("--webstore-customer", choices=["yes", "no"])
    setter.add_argument("--webstore-id", help="link to this existing store customer ('' unlinks)")
    setter.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the customer's password from standard input (sealed in the database with "
        "a key kept in the keyring)",
    )
    add_store_option(setter)
    setter.set_defaults(func=_set)
    importer = actions.add_parser(
        "import",
        help="import mappings from CSV (no,username,password,webstore_customer,webstore_id)",
        description="Each row is applied or rejected with its line and reason; the good rows "
        "go in, all in one transaction. A file that cannot be read as a whole imports nothing. "
        "Exit code: 0 all in, 1 some rejected, 2 nothing imported.",
    )
    importer.add_argument("file", type=Path)
    add_store_option(importer)
    importer.set_defaults(func=_import)


def read_secret_from_stdin(prompt: str) -> str:
    """One line from stdin; typed without echo when stdin is a terminal."""
    value = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline()
    value = value.rstrip("\r\n")
    if not value:
        raise CliError("nothing was given on standard input")
    return value


def _set(args: argparse.Namespace) -> int:
    values: dict[str, str] = {}
    if args.username is not None:
        values["username"] = args.username
    if args.webstore_customer is not None:
        values["webstore_customer"] = args.webstore_customer
    link_to: int | None = None
    if args.webstore_id is not None:
        try:
            link_to = parse_webstore_id(args.webstore_id)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        if link_to is None:
            values["webstore_id"] = ""  # unlink: nothing to check in the store
    if args.password_stdin:
        values["password"] = read_secret_from_stdin("Password: ")
    if not values and link_to is None:
        raise CliError(
            "nothing to set: give --username, --webstore-customer, --webstore-id "
            "or --password-stdin"
        )
    db = open_db(args)
    try:
        store = chosen_store(args, db)
        if not CustomerRepository(db).exists(args.no):
            raise CliError(f"there is no customer {args.no}")
        if values:
            apply_mapping_values(db, args.no, values, store=store)
        if link_to is not None:
            _link(db, store, args.no, link_to, saved=bool(values))
    except ValueError as exc:
        raise CliError(f"customer {args.no}: {exc}") from None
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    linked = f", linked to store customer {link_to}" if link_to is not None else ""
    print(f"mapping of {args.no} saved{linked}")
    return EXIT_OK


def _link(db: Database, store: int, no: str, webstore_id: int, *, saved: bool) -> None:
    """Link ``no`` to store customer ``webstore_id`` once the store says it has it."""
    others = " (the other values were saved)" if saved else ""
    try:
        engine = engine_for(db, store)
    except CliError as exc:
        raise CliError(
            f"Webstore ID {webstore_id} can only be checked against the store, and the store "
            f"cannot be used: {exc}{others}"
        ) from None
    try:
        engine.link_webstore_id(no, webstore_id)
    except SyncError as exc:
        raise CliError(f"customer {no}: {store_error(engine, exc)}{others}") from None
    finally:
        engine.client.close()


def _import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = import_mappings(db, args.file, chosen_store(args, db))
    except CsvFileError as exc:
        raise CliError(str(exc)) from None
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return print_report(report, "mappings")
