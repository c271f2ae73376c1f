"""The WooCommerce client for a store's setup, with the store's key from the keyring."""

from __future__ import annotations

from sqlite_utils import Database

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import WooConfigError


def find_credentials(db: Database, store: int | None = None) -> tuple[str, str, str]:
    """(key, secret, where from) of ``store``: the environment's for this run, else the keyring's.

    Empty strings when none are saved. ``SecretStoreUnavailable`` passes through.
    """
    given = keyring_store.credentials_from_environment()
    if given:
        return given[0], given[1], "environment"
    sid = store_id(db, store)
    key = keyring_store.get_secret(keyring_store.consumer_key_name(sid)) or ""
    secret = keyring_store.get_secret(keyring_store.consumer_secret_name(sid)) or ""
    return key, secret, "keyring" if key or secret else ""


def make_client(db: Database, setup: Setup, store: int | None = None) -> WooClient:
    """A client for the configured store (SyncError when setup or credentials are missing).

    ``keyring_store.SecretStoreUnavailable`` passes through: the caller tells
    the user that no keyring is available.
    """
    if not setup.is_configured():
        raise SyncError("The store is not set up yet: enter the store URL in the setup first.")
    key, secret, _ = find_credentials(db, store)
    if not key or not secret:
        raise SyncError(
            "No consumer key and secret are saved for this store: enter them in the setup "
            "(or `wcconnector credentials set`)."
        )
    try:
        return WooClient(
            setup.store_url,
            key,
            secret,
            auth=str(setup.auth),
            ca_bundle=setup.ca_bundle or None,
            timeout=float(setup.request_timeout_seconds),
            deadline=max(120.0, 4.0 * setup.request_timeout_seconds),
            max_connections=max(2, setup.concurrency),
        )
    except WooConfigError as exc:
        raise SyncError(exc.message, cause=exc) from None
