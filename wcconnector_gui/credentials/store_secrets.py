"""Removing a store: its rows in the database, then its secrets in the keyring."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.store import Store
from wcconnector_gui.storage.stores import StoreRepository

log = logging.getLogger(__name__)


def store_secret_names(store: Store) -> list[str]:
    """The keyring items a store may have: consumer key and secret, its passwords' data key."""
    ns = store.secret_ns
    return [
        keyring_store.consumer_key_name(ns),
        keyring_store.consumer_secret_name(ns),
        keyring_store.password_key_name(ns),
    ]


def remove_store(db: Database, store_id: int) -> tuple[Store, str]:
    """Remove the store from the database, then forget its secrets.

    Returns the store and '' or, when the keyring could not be reached, a plain note
    that its secrets stay there (the database part is done either way; the names are
    random, so nothing else ever finds them).
    """
    store = StoreRepository(db).remove(store_id)
    try:
        for name in store_secret_names(store):
            keyring_store.delete_secret(name)
    except keyring_store.SecretStoreUnavailable as exc:
        log.warning("secrets of removed store %s not removed: %s", store.id, exc)
        return store, f"its consumer key and secret could not be removed from the keyring: {exc}"
    return store, ""
