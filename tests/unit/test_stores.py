"""Several stores in one database: the store list, the migration, and each store's own rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.support import release_2c6f371_migrations as release
from tests.unit.sync_support import add_customers
from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.credentials.customer_passwords import PasswordVault
from wcconnector_gui.credentials.store_secrets import remove_store, store_secret_names
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.setup import PullMode
from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.storage import migrations
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.read_models import mapping_grid_rows, webstore_customer_list
from wcconnector_gui.storage.run_lock import RunLock, RunLocked
from wcconnector_gui.storage.setup_store import load_setup, save_settings, store_id
from wcconnector_gui.storage.stores import (
    StoreError,
    StoreNotChosen,
    StoreRepository,
    resolve_store,
)
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository


def _release_database(path: Path) -> str:
    """A database as the release of commit 2c6f371 made and filled it; returns its store id."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    for number, step in enumerate(release.MIGRATIONS, start=1):
        conn.execute("BEGIN")
        step(conn)
        conn.execute(f"PRAGMA user_version={number}")
        conn.execute("COMMIT")
    sid = str(conn.execute("SELECT value FROM setup WHERE key = 'store_id'").fetchone()[0])
    conn.executemany(
        "INSERT INTO setup (key, value) VALUES (?, ?)",
        [("store_url", "https://shop.example.com"), ("pull_customers", "all")],
    )
    conn.executemany(
        "INSERT INTO customers (no, name, email, created_at, modified_at) VALUES (?, ?, ?, ?, ?)",
        [(f"C{n:05d}", f"Name {n}", f"p{n}@example.com", "t", "t") for n in range(1, 4)],
    )
    conn.executemany(
        "INSERT INTO mappings (customer_no, webstore_id, username, webstore_customer, "
        "password_pending, status, last_error, last_synced_at, local_hash, pushed_hash, "
        "remote_modified_gmt, remote_hash, pending_create_email) "
        "VALUES (?, ?, ?, 1, ?, ?, ?, 'when', 'lh', 'ph', 'rm', 'rh', ?)",
        [
            ("C00001", 11, "user1", 0, "synced", "", ""),
            ("C00002", None, "user2", 1, "pending", "", "p2@example.com"),
            ("C00003", 13, "user3", 0, "error", "bad phone", ""),
        ],
    )
    conn.execute(
        "INSERT INTO webstore_customers (id, email, username, billing, content_hash, seen_at) "
        "VALUES (11, 'p1@example.com', 'user1', '{\"city\": \"Bonn\"}', 'h11', 's')"
    )
    conn.execute(
        "INSERT INTO sync_runs (id, started_at, finished_at, direction, status, counts) "
        "VALUES (7, 's', 'f', 'both', 'done', '{\"created\": 1}')"
    )
    conn.execute(
        "INSERT INTO sync_log (run_id, at, customer_no, webstore_id, action, reason) "
        "VALUES (7, 'a', 'C00001', 11, 'created', '')"
    )
    conn.execute(
        "INSERT INTO conflicts (customer_no, webstore_id, detail, detected_at) "
        "VALUES ('C00003', 13, 'both changed', 'd')"
    )
    conn.close()
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), "ck_old")
    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), "cs_old")
    return sid


def test_a_database_of_the_previous_release_becomes_store_1_with_nothing_lost(
    db_path: Path,
) -> None:
    sid = _release_database(db_path)
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert list(db_path.parent.glob("*.v1-*.bak.db"))  # backed up before migrating
    (store,) = StoreRepository(db).all()
    assert (store.id, store.name, store.secret_ns) == (1, "Store 1", sid)
    assert store_id(db) == sid  # the keyring items are found under the same names
    setup = load_setup(db)
    assert (setup.store_url, setup.pull_customers) == ("https://shop.example.com", PullMode.ALL)
    mappings = {m.customer_no: m for m in MappingRepository(db).all()}
    assert mappings["C00001"].webstore_id == 11 and mappings["C00001"].username == "user1"
    assert mappings["C00001"].local_hash == "lh" and mappings["C00001"].remote_hash == "rh"
    assert mappings["C00002"].password_pending
    assert mappings["C00002"].status == MappingStatus.PENDING
    assert mappings["C00002"].pending_create_email == "p2@example.com"
    assert mappings["C00003"].last_error == "bad phone"
    copy = WebstoreCustomerRepository(db).get(11)
    assert copy is not None and copy.billing == {"city": "Bonn"}
    log = SyncLogRepository(db)
    (run,) = log.runs()
    assert (run["id"], run["status"], run["counts"]) == (7, "done", {"created": 1})
    assert [e["customer_no"] for e in log.entries(7)] == ["C00001"]
    assert [c["customer_no"] for c in log.open_conflicts()] == ["C00003"]
    # The pending password (a keyring item of its own then) waits to be sealed.
    assert PasswordVault(db)._rows.legacy_nos() == ["C00002"]
    grid = mapping_grid_rows(db)
    assert [(r[0], r[3], r[6]) for r in grid] == [
        ("C00001", "user1", 11),
        ("C00002", "user2", None),
        ("C00003", "user3", 13),
    ]
    db.close()


def test_a_new_database_has_one_store(db: Any) -> None:
    (store,) = StoreRepository(db).all()
    assert store.name == "Store 1" and len(store.secret_ns) == 32
    assert resolve_store(db, None) == store.id


def test_stores_are_added_renamed_and_found_by_name_or_number(db: Any) -> None:
    stores = StoreRepository(db)
    shop = stores.add("  Shop DE ")
    assert shop.name == "Shop DE" and shop.secret_ns != stores.get(1).secret_ns
    assert stores.find("shop de") == shop and stores.find(str(shop.id)) == shop
    assert stores.rename(shop.id, "Shop Germany").name == "Shop Germany"
    with pytest.raises(StoreError, match="exists already"):
        stores.add("shop germany")
    with pytest.raises(StoreError, match="exists already"):
        stores.rename(1, "SHOP GERMANY")
    with pytest.raises(StoreError, match="only digits"):
        stores.add("42")
    with pytest.raises(StoreError, match="needs a name"):
        stores.add("  ")
    with pytest.raises(StoreError, match="the stores are: Store 1, Shop Germany"):
        stores.find("Shop FR")
    with pytest.raises(StoreNotChosen, match="choose one of: Store 1, Shop Germany"):
        resolve_store(db, None)
    with pytest.raises(StoreNotChosen):
        MappingRepository(db)  # forgetting to choose never falls on some store


def test_each_store_reads_and_writes_only_its_own_rows(db: Any) -> None:
    second = StoreRepository(db).add("Second").id
    add_customers(db, 2, flagged=False)
    one, two = MappingRepository(db, 1), MappingRepository(db, second)
    one.update("C00001", webstore_id=5, username="one", webstore_customer=True)
    two.update("C00001", webstore_id=5, username="two", webstore_customer=True)  # same id: ok
    two.update("C00002", webstore_id=6)
    assert one.get("C00001").username == "one" and two.get("C00001").username == "two"
    assert one.webstore_owners() == {5: "C00001"}
    assert two.webstore_owners() == {5: "C00001", 6: "C00002"}
    assert one.newest_links(10) == {5: "C00001"}
    assert [s.customer_no for s in one.iter_push_states()] == ["C00001"]
    assert one.count_flagged_and_linked() == (1, 1) and two.count_flagged_and_linked() == (1, 2)
    assert [r[3] for r in mapping_grid_rows(db, store=1)] == ["one", ""]
    assert [r[3] for r in mapping_grid_rows(db, ["C00002"], store=second)] == [""]
    assert [r[6] for r in mapping_grid_rows(db, store=second)] == [5, 6]
    copies = WebstoreCustomerRepository(db, second)
    copies.upsert_many([WebstoreCustomer(id=5, email="x@example.com")])
    assert WebstoreCustomerRepository(db, 1).get(5) is None and copies.get(5) is not None
    assert webstore_customer_list(db, 1) == []
    assert [(r["id"], r["customer_no"]) for r in webstore_customer_list(db, second)] == [
        (5, "C00001")
    ]
    log1, log2 = SyncLogRepository(db, 1), SyncLogRepository(db, second)
    run = log2.start_run("both", None, False)
    log2.log_many(run, [(SyncAction.CREATED, "C00001", 5, "", "push")])
    log2.open_conflict("C00002", 6, "both_changed", "d", {}, {})
    assert log1.runs() == [] and log1.entries() == [] and log1.open_conflict_nos() == set()
    assert log1.open_conflict_details() == {} and log2.open_conflict_details() == {"C00002": "d"}
    assert log1.get_run(run) is None
    assert [r["id"] for r in log2.runs()] == [run] and log2.open_conflict_nos() == {"C00002"}
    log1.start_run("both", None, False)
    log2.end_interrupted_runs()
    assert log1.runs()[0]["status"] == RunStatus.RUNNING  # another store's run is left alone
    save_settings(db, {"store_url": "https://two.example.com"}, second)
    assert load_setup(db, 1).store_url == "" and load_setup(db, second).store_url.startswith(
        "https://two"
    )


def test_passwords_are_sealed_per_store(db: Any) -> None:
    second = StoreRepository(db).add("Second").id
    add_customers(db, 1, flagged=False)
    PasswordVault(db, 1).set_many({"C00001": "One-Pass-1!"})
    assert MappingRepository(db, 1).get("C00001").password_pending
    assert not MappingRepository(db, second).get("C00001").password_pending
    assert PasswordVault(db, second).get("C00001") is None
    assert PasswordVault(db, 1).get("C00001") == "One-Pass-1!"


def test_removing_a_store_says_what_goes_and_deletes_only_that_store(
    db: Any, memory_keyring: Any
) -> None:
    stores = StoreRepository(db)
    second = stores.add("Second")
    add_customers(db, 2, flagged=False)
    MappingRepository(db, 1).update("C00001", webstore_id=5)
    MappingRepository(db, second.id).update("C00001", webstore_id=5)
    MappingRepository(db, second.id).update("C00002", webstore_customer=True)
    WebstoreCustomerRepository(db, second.id).upsert_many([WebstoreCustomer(id=5)])
    log = SyncLogRepository(db, second.id)
    log.log_many(log.start_run("both", None, False), [(SyncAction.CREATED, "C00001", 5, "", "")])
    log.open_conflict("C00002", None, "both_changed", "d", {}, {})
    PasswordVault(db, second.id).set_many({"C00002": "Two-Pass-2!"})
    for name in store_secret_names(second)[:2]:
        keyring_store.set_secret(name, "x")
    impact = stores.removal_impact(second.id)
    assert (impact.mappings, impact.linked, impact.webstore_customers) == (2, 1, 1)
    assert (impact.runs, impact.open_conflicts, impact.pending_passwords) == (1, 1, 1)
    removed, note = remove_store(db, second.id)
    assert removed == second and note == ""
    assert [s.name for s in stores.all()] == ["Store 1"]
    assert MappingRepository(db).get("C00001").webstore_id == 5  # store 1 untouched
    for table in ("mappings", "webstore_customers", "sync_runs", "conflicts", "pending_passwords"):
        left = db.execute(f"SELECT count(*) FROM {table} WHERE store_id = ?", [second.id])
        assert left.fetchone()[0] == 0, table
    assert db.execute("SELECT count(*) FROM sync_log").fetchone()[0] == 0
    assert not any(second.secret_ns in name for _s, name in memory_keyring.entries)
    assert db.execute("SELECT count(*) FROM customers").fetchone()[0] == 2
    with pytest.raises(StoreError, match="last store"):
        stores.remove(1)


def test_the_run_lock_is_per_store(db: Any) -> None:
    second = StoreRepository(db).add("Second").id
    with RunLock(db, 1):
        with pytest.raises(RunLocked):
            RunLock(db, 1).__enter__()
        with RunLock(db, second):  # another store may sync at the same time
            pass
