"""Pending customer passwords at scale: a mapping import of N passwords, and a sync of them.

Run by hand:  python bench/secrets_bench.py [N]   (default 2000)

The keyring is the tests' file keyring (one JSON file, rewritten on every change,
as file backends and gnome-keyring's store do), so a keyring call costs what it costs when
the keyring grows; every call is counted. Printed, all measured in this run:

- mapping import of N passwords (``wcconnector mapping import``): wall time and
  keyring calls, now (sealed in the database, one data key) and the baseline (the
  old per-item path: one keyring item per password, written by the same keyring);
- a sync pushing those N customers to an in-process sandbox store: keyring calls
  of the whole run, now, and the keyring calls and time the old per-item path spent
  for the same passwords (a read and a delete each), replayed on the same keyring.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import keyring

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.csvfiles.mappings import import_mappings
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import store_id

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
from file_keyring import FileKeyring  # noqa: E402


class CountingFileKeyring(FileKeyring):
    """The tests' file keyring (one JSON file, rewritten on every change), calls counted."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file = path
        self.calls: Counter[str] = Counter()

    @property
    def path(self) -> Path:
        return self.file

    def get_password(self, service: str, username: str) -> str | None:
        self.calls["get"] += 1
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls["set"] += 1
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.calls["delete"] += 1
        super().delete_password(service, username)


def _customers(db_path: Path, count: int) -> list[str]:
    from wcconnector_gui.domain.customer import Customer
    from wcconnector_gui.storage.customers import CustomerRepository

    db = open_database(db_path)
    repo = CustomerRepository(db)
    created = repo.create_many(
        [
            Customer(
                no="",
                name=f"Ann{n} Lee",
                address=f"{n} Elm St",
                city="Albany",
                post_code=f"{12000 + n}",
                country_code="US",
                phone=f"+1212555{n:04d}",
                email=f"ann{n}@example.com",
            )
            for n in range(1, count + 1)
        ]
    )
    db.close()
    return [c.no for c in created]


def _mapping_csv(path: Path, nos: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("no,webstore_customer,password\n")
        for n, no in enumerate(nos):
            handle.write(f"{no},yes,Pass-{n:05d}-word!\n")


def _old_import(db_path: Path, csv_path: Path) -> None:
    """The old per-item path: each password its own keyring item, the mapping flagged."""
    from wcconnector_gui.csvfiles.dialect import read_rows

    db = open_database(db_path)
    sid = store_id(db)
    mappings = MappingRepository(db)
    _, rows = read_rows(csv_path, ("no", "webstore_customer", "password"))
    for row in rows:
        no, password = row.values["no"], row.values["password"]
        keyring_store.set_secret(keyring_store.customer_password_name(sid, no), password)
        mappings.update(no, webstore_customer=True, password_pending=True)
    db.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    work = Path(tempfile.mkdtemp(prefix="secrets-bench-"))
    backend = CountingFileKeyring(work / "keyring.json")
    keyring.set_keyring(backend)
    print(f"{count} pending customer passwords; keyring: one JSON file, rewritten per change")

    # --- mapping import ------------------------------------------------------------------
    old_db, new_db = work / "old.db", work / "new.db"
    nos = _customers(old_db, count)
    _customers(new_db, count)
    csv_path = work / "mapping.csv"
    _mapping_csv(csv_path, nos)

    backend.calls.clear()
    started = time.perf_counter()
    _old_import(old_db, csv_path)
    old_seconds, old_calls = time.perf_counter() - started, sum(backend.calls.values())

    old_keyring = backend.file
    backend.file = work / "keyring-now.json"  # an empty keyring again, for the new path
    backend.calls.clear()
    db = open_database(new_db)
    started = time.perf_counter()
    report = import_mappings(db, csv_path)
    new_seconds, new_calls = time.perf_counter() - started, sum(backend.calls.values())
    assert report.updated == count and not report.rejected, report
    print("mapping import of passwords      wall s  keyring calls")
    print(f"  baseline: per-item keyring   {old_seconds:8.2f}  {old_calls:13d}")
    print(f"  now: sealed, one data key    {new_seconds:8.2f}  {new_calls:13d}")

    # --- sync ----------------------------------------------------------------------------
    from wcconnector_gui.domain.setup import parse_setting
    from wcconnector_gui.sandbox import start_sandbox
    from wcconnector_gui.storage.setup_store import load_setup, save_settings
    from wcconnector_gui.sync.connection import make_client
    from wcconnector_gui.sync.engine import SyncEngine, SyncOptions

    with start_sandbox(seed=0, fault_seed=1) as sandbox:
        settings = {"store_url": sandbox.url, "auth": "oauth1", "push_customers": "on"}
        save_settings(db, {k: parse_setting(k, v) for k, v in settings.items()})
        sid = store_id(db)
        keyring_store.set_secret(keyring_store.consumer_key_name(sid), sandbox.consumer_key)
        keyring_store.set_secret(keyring_store.consumer_secret_name(sid), sandbox.consumer_secret)
        backend.calls.clear()
        started = time.perf_counter()
        setup = load_setup(db)
        client = make_client(db, setup)
        summary = SyncEngine(db, client, setup).run(SyncOptions())
        client.close()
        sync_seconds, sync_calls = time.perf_counter() - started, sum(backend.calls.values())
        assert summary.counts == {"created": count}, summary.counts

    # The old path read each password and deleted it once the store had it: replayed here
    # on the keyring the old import filled (consumer key and secret: 2 reads more).
    old = open_database(old_db)
    old_sid = store_id(old)
    old.close()
    backend.file = old_keyring
    backend.calls.clear()
    started = time.perf_counter()
    for no in nos:
        keyring_store.get_secret(keyring_store.customer_password_name(old_sid, no))
        keyring_store.delete_secret(keyring_store.customer_password_name(old_sid, no))
    replay_seconds, replay_calls = time.perf_counter() - started, sum(backend.calls.values()) + 2
    print("sync pushing them (created)       keyring calls  keyring s")
    print(f"  baseline: per-item keyring   {replay_calls:13d}  {replay_seconds:9.2f}")
    print(f"  now: one data key            {sync_calls:13d}  (whole run {sync_seconds:.2f} s)")
    db.close()


if __name__ == "__main__":
    main()
