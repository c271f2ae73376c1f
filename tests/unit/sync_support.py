"""Helpers for the sync engine tests: a configured database against a sandbox store."""

from __future__ import annotations

from typing import Any

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import parse_setting
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup, save_settings, store_id
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncEngine, SyncOptions, SyncSummary
from wcconnector_gui.woo.retry import RetryPolicy

FAST_RETRY = RetryPolicy(max_attempts=4, base=0.01, cap=0.05, retry_after_cap=2.0)


def configure(db: Any, sandbox: Any, *, store: int | None = None, **settings: str) -> None:
    """Point ``store`` of ``db`` at ``sandbox`` (OAuth 1.0a over plain HTTP), push on by default."""
    values = {"store_url": sandbox.url, "auth": "oauth1", "push_customers": "on"}
    values.update(settings)
    save_settings(db, {k: parse_setting(k, v) for k, v in values.items()}, store)
    sid = store_id(db, store)
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), sandbox.consumer_key)
    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), sandbox.consumer_secret)


def customer(no: str, **fields: Any) -> Customer:
    n = int("".join(ch for ch in no if ch.isdigit()) or 0)
    values: dict[str, Any] = {
        "no": no,
        "name": f"Person{n} Example",
        "address": f"{n} Main Street",
        "city": "Springfield",
        "post_code": f"{10000 + n}",
        "country_code": "US",
        "phone": f"(212)555-{n % 10000:04d}",
        "email": f"person{n}@example.com",
        "name_source": None,
    }
    values.pop("name_source")
    values.update(fields)
    return Customer(**values)


def add_customers(
    db: Any, count: int, *, start: int = 1, flagged: bool = True, store: int | None = None
) -> list[str]:
    """``count`` customers; ``flagged``: Webstore Customer ticked in ``store``."""
    repo = CustomerRepository(db)
    nos = []
    with db.atomic():
        mappings = MappingRepository(db, store) if flagged else None
        for n in range(start, start + count):
            c = repo.create(customer(f"C{n:05d}"))
            nos.append(c.no)
            if mappings is not None:
                mappings.update(c.no, webstore_customer=True)
    return nos


def engine(db: Any, *, store: int | None = None, **kwargs: Any) -> SyncEngine:
    setup = load_setup(db, store)
    client = make_client(db, setup, store)
    client._retry = FAST_RETRY  # fast backoff in tests (the schedule itself is tested in woo)
    return SyncEngine(db, client, setup, store=store, **kwargs)


def sync(db: Any, *, store: int | None = None, **options: Any) -> SyncSummary:
    eng = engine(db, store=store)
    try:
        return eng.run(SyncOptions(**options))
    finally:
        eng.client.close()


def count_keyring_calls(backend: Any, monkeypatch: Any) -> list[str]:
    """The names of the keyring calls made on ``backend`` from now on (get/set/delete_password)."""
    calls: list[str] = []
    for method in ("get_password", "set_password", "delete_password"):
        original = getattr(backend, method)
        monkeypatch.setattr(
            backend,
            method,
            lambda *args, _m=method, _o=original: (calls.append(_m), _o(*args))[1],
        )
    return calls
