"""``wcconnector credentials set``: the store's consumer key and secret, into the keyring."""

from __future__ import annotations

import argparse

from wcconnector_gui.cli.main import EXIT_OK, CliError, add_store_option, chosen_store, open_db
from wcconnector_gui.cli.mapping_cmd import read_secret_from_stdin
from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.validation import api_credential_problem
from wcconnector_gui.storage.setup_store import store_id


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("credentials", help="store the API key in the OS keyring")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    setter = actions.add_parser(
        "set",
        help="save the consumer key and secret (the secret is read from standard input)",
    )
    setter.add_argument("--consumer-key", required=True, help="ck_... from WooCommerce")
    add_store_option(setter)
    setter.set_defaults(func=_set)
    clearer = actions.add_parser("clear", help="remove the saved key and secret")
    add_store_option(clearer)
    clearer.set_defaults(func=_clear)


def _set(args: argparse.Namespace) -> int:
    key = args.consumer_key.strip()
    problem = api_credential_problem(key, "key")
    if problem:
        raise CliError(problem)
    secret = read_secret_from_stdin("Consumer secret: ").strip()
    problem = api_credential_problem(secret, "secret")
    if problem:
        raise CliError(problem)
    db = open_db(args)
    try:
        sid = store_id(db, chosen_store(args, db))
    finally:
        db.close()
    try:
        keyring_store.set_secret(keyring_store.consumer_key_name(sid), key)
        keyring_store.set_secret(keyring_store.consumer_secret_name(sid), secret)
    except keyring_store.SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    print(f"credentials saved in {keyring_store.backend_description()}")
    return EXIT_OK


def _clear(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        sid = store_id(db, chosen_store(args, db))
    finally:
        db.close()
    try:
        keyring_store.delete_secret(keyring_store.consumer_key_name(sid))
        keyring_store.delete_secret(keyring_store.consumer_secret_name(sid))
    except keyring_store.SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    print("credentials removed")
    return EXIT_OK
