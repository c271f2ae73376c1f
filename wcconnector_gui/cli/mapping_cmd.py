"""``wcconnector mapping set|import``: the mapping grid's columns from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from wcconnector_gui.cli.customers_cmd import print_report
from wcconnector_gui.cli.main import EXIT_OK, CliError, open_db
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.csvfiles.dialect import CsvFileError
from wcconnector_gui.csvfiles.mappings import apply_mapping_values, import_mappings


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
        help="read the customer's password from standard input (it goes to the keyring)",
    )
    setter.set_defaults(func=_set)
    importer = actions.add_parser(
        "import",
        help="import mappings from CSV (no,username,password,webstore_customer,webstore_id)",
    )
    importer.add_argument("file", type=Path)
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
    if args.webstore_id is not None:
        values["webstore_id"] = args.webstore_id
    if args.password_stdin:
        values["password"] = read_secret_from_stdin("Password: ")
    if not values:
        raise CliError(
            "nothing to set: give --username, --webstore-customer, --webstore-id "
            "or --password-stdin"
        )
    db = open_db(args)
    try:
        apply_mapping_values(db, args.no, values)
    except ValueError as exc:
        raise CliError(f"customer {args.no}: {exc}") from None
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(f"mapping of {args.no} saved")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = import_mappings(db, args.file)
    except CsvFileError as exc:
        raise CliError(str(exc)) from None
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return print_report(report, "mappings")
