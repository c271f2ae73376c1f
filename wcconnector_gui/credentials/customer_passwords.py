"""Customer passwords for the store: written to the keyring, sent once, then forgotten.

The mapping only records that a password is pending; the password itself
stays in the keyring until the store has accepted it.
"""

from __future__ import annotations

from sqlite_utils import Database

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import store_id


def set_pending_password(db: Database, customer_no: str, password: str) -> None:
    """Keep ``password`` in the keyring until the next push sends it."""
    if not password:
        raise ValueError("the password is empty")
    keyring_store.set_secret(
        keyring_store.customer_password_name(store_id(db), customer_no), password
    )
    MappingRepository(db).update(customer_no, password_pending=True)


def pending_password(db: Database, customer_no: str) -> str | None:
    return keyring_store.get_secret(keyring_store.customer_password_name(store_id(db), customer_no))


def forget_password(db: Database, customer_no: str) -> None:
    """The store accepted it (or the user cleared it): remove it from the keyring."""
    keyring_store.delete_secret(keyring_store.customer_password_name(store_id(db), customer_no))
    MappingRepository(db).update(customer_no, password_pending=False)
