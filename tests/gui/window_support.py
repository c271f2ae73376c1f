"""A database ready for the window tests: customers ticked as Webstore Customers, a store."""

from __future__ import annotations

from pathlib import Path

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import AuthMode, Setup
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import save_setup, store_id

SYNC_TIMEOUT_MS = 20_000


def prepare(db_path: Path, store: object, customers: int, *, batch_size: int = 100) -> None:
    """``customers`` customers C00001… (Webstore Customer ticked), push on, ``store``'s keys."""
    db = open_database(db_path)
    repo, mappings = CustomerRepository(db), MappingRepository(db)
    with db.atomic():
        for n in range(1, customers + 1):
            no = f"C{n:05d}"
            repo.create(
                Customer(no=no, name=f"Kunde {n}", email=f"kunde{n}@example.de", country_code="DE")
            )
            mappings.update(no, webstore_customer=True)
    save_setup(
        db,
        Setup(
            store_url=store.url,  # type: ignore[attr-defined]
            auth=AuthMode.OAUTH1,
            push_customers=True,
            can_update_webstore_customers=True,
            batch_size=batch_size,
        ),
    )
    sid = store_id(db)
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), store.consumer_key)  # type: ignore[attr-defined]
    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), store.consumer_secret)  # type: ignore[attr-defined]
    db.close()
