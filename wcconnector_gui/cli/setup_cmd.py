"""``wcconnector setup show|set``: the non-secret settings."""

from __future__ import annotations

import argparse
import json

from wcconnector_gui.cli.main import EXIT_OK, CliError, add_store_option, chosen_store, open_db
from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.setup import (
    SETTING_HELP,
    SetupError,
    format_setting,
    parse_setting,
    setup_to_texts,
)
from wcconnector_gui.storage.setup_store import load_setup, save_settings, store_id


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("setup", help="show or change the connector setup")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    shower = actions.add_parser("show", help="print the setup as JSON (never any secret)")
    add_store_option(shower)
    shower.set_defaults(func=_show)
    keys = "\n".join(f"  {key}: {text}" for key, text in SETTING_HELP.items())
    setter = actions.add_parser(
        "set",
        help="change settings: KEY=VALUE ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"settings:\n{keys}",
    )
    setter.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    add_store_option(setter)
    setter.set_defaults(func=_set)


def _show(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        store = chosen_store(args, db)
        texts = setup_to_texts(load_setup(db, store))
        sid = store_id(db, store)
    finally:
        db.close()
    shown: dict[str, object] = dict(texts)
    try:
        has_key = keyring_store.get_secret(keyring_store.consumer_key_name(sid)) is not None
        has_secret = keyring_store.get_secret(keyring_store.consumer_secret_name(sid)) is not None
        shown["credentials"] = "saved in keyring" if has_key and has_secret else "not set"
    except keyring_store.SecretStoreUnavailable:
        shown["credentials"] = "keyring unavailable"
    print(json.dumps(shown, indent=2, ensure_ascii=False))
    return EXIT_OK


def _set(args: argparse.Namespace) -> int:
    values: dict[str, object] = {}
    for assignment in args.assignments:
        key, sep, text = assignment.partition("=")
        if not sep:
            raise CliError(f"'{assignment}' is not KEY=VALUE")
        try:
            values[key.strip()] = parse_setting(key.strip(), text)
        except SetupError as exc:
            raise CliError(str(exc)) from None
    db = open_db(args)
    try:
        save_settings(db, values, chosen_store(args, db))
    finally:
        db.close()
    for key, value in values.items():
        print(f"{key} = {format_setting(value)}")
    return EXIT_OK
