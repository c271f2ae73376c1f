"""Scenario: one back office, two sandbox stores, the same 500 customers in both."""

from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.scenario.test_sync_kill import SUPPORT, start_sync
from tests.unit.sync_support import add_customers, configure, sync
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.sandbox import start_sandbox
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.engine import SyncSummary

COUNT = 500


def _mapping_rows(db: Any, store: int) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in db.execute("SELECT * FROM mappings WHERE store_id = ?", [store])]


def _copies(db: Any, store: int) -> list[tuple[Any, ...]]:
    sql = "SELECT * FROM webstore_customers WHERE store_id = ? ORDER BY id"
    return [tuple(r) for r in db.execute(sql, [store])]


def _sync_in_thread(db_path: Path, store: int, results: dict[int, Any]) -> threading.Thread:
    def run() -> None:
        db = open_database(db_path)  # a connection of its own, as the window's sync child has
        try:
            results[store] = sync(db, store=store)
        except Exception as exc:  # reported by the assertion below
            results[store] = exc
        finally:
            db.close()

    thread = threading.Thread(target=run, name=f"sync-store-{store}")
    thread.start()
    return thread


@pytest.mark.slow
def test_two_stores_share_customers_and_keep_their_own_mappings(db_path: Path) -> None:
    one_store, two_store = start_sandbox(seed=0), start_sandbox(seed=0)
    try:
        db = open_database(db_path)
        stores = StoreRepository(db)
        stores.rename(1, "Shop US")
        two = stores.add("Shop CA").id
        add_customers(db, COUNT, store=1)
        flag = MappingRepository(db, two)
        with db.atomic():
            for n in range(1, COUNT + 1):
                flag.update(f"C{n:05d}", webstore_customer=True)
        settings = {
            "can_update_webstore_customers": "on",
            "pull_customers": "all",
            "store_can_update_customers": "on",
        }
        configure(db, one_store, store=1, **settings)
        configure(db, two_store, store=two, **settings)

        # Both stores at once: one sync per store, and two stores may sync together.
        results: dict[int, Any] = {}
        threads = [_sync_in_thread(db_path, s, results) for s in (1, two)]
        for thread in threads:
            thread.join(300)
        for store in (1, two):
            summary = results[store]
            assert isinstance(summary, SyncSummary), summary
            assert summary.status == RunStatus.DONE and summary.counts == {"created": COUNT}
        assert one_store.store.count() == two_store.store.count() == COUNT
        ids_one = {m.customer_no: m.webstore_id for m in MappingRepository(db, 1).all()}
        ids_two = {m.customer_no: m.webstore_id for m in MappingRepository(db, two).all()}
        assert len(ids_one) == len(ids_two) == COUNT and None not in ids_one.values()
        assert set(SyncLogRepository(db, 1).open_conflict_nos()) == set()

        # A change in store one is pulled; only store one's mapping and copy move.
        before_two = (_mapping_rows(db, two), _copies(db, two))
        c7 = one_store.store.find_by_email("person7@example.com")
        one_store.store.update_customer_direct(c7["id"], billing={"city": "Schenectady"})
        before_one = {r[1]: r for r in _mapping_rows(db, 1)}
        summary = sync(db, store=1)
        assert summary.by_direction["pull"].get("updated") == 1
        assert "created" not in summary.counts and "failed" not in summary.counts
        after_one = {r[1]: r for r in _mapping_rows(db, 1)}
        assert [no for no in after_one if after_one[no] != before_one[no]] == ["C00007"]
        assert (_mapping_rows(db, two), _copies(db, two)) == before_two
        row = db.execute("SELECT city FROM customers WHERE no = 'C00007'").fetchone()
        assert row[0] == "Schenectady"  # the back office took the store's change

        # Store two hears of it from the back office, by its own push (an update, no create).
        summary = sync(db, store=two)
        assert summary.by_direction["push"] == {"updated": 1, "unchanged": COUNT - 1}
        c7_two = two_store.store.find_by_email("person7@example.com")
        assert c7_two["billing"]["city"] == "Schenectady"

        # Re-syncing both writes nothing: not to either store, not to the database.
        for sandbox in (one_store, two_store):
            sandbox.store.reset_request_log()
        snapshot = {s: (_mapping_rows(db, s), _copies(db, s)) for s in (1, two)}
        customers = [tuple(r) for r in db.execute("SELECT * FROM customers ORDER BY no")]
        for store in (1, two):
            summary = sync(db, store=store)
            assert summary.ok and summary.counts == {"unchanged": 2 * COUNT}, summary.counts
        for sandbox in (one_store, two_store):
            assert sandbox.store.request_count("POST") == sandbox.store.request_count("PUT") == 0
        assert {s: (_mapping_rows(db, s), _copies(db, s)) for s in (1, two)} == snapshot
        assert [tuple(r) for r in db.execute("SELECT * FROM customers ORDER BY no")] == customers
        db.close()
    finally:
        one_store.stop()
        two_store.stop()


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_sync_killed_in_one_store_leaves_the_other_untouched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store one's CLI sync is SIGKILLed mid-push while store two syncs at the same time."""
    sys.path.insert(0, str(SUPPORT))
    try:
        from file_keyring import FileKeyring
    finally:
        sys.path.remove(str(SUPPORT))
    keyring_file = db_path.with_name("keyring.json")
    monkeypatch.setenv("WCCONNECTOR_TEST_KEYRING_FILE", str(keyring_file))
    slow_store, other_store = start_sandbox(seed=0, latency_ms=15), start_sandbox(seed=0)
    try:
        db = open_database(db_path)
        two = StoreRepository(db).add("Shop CA").id
        add_customers(db, 600, store=1)
        flag = MappingRepository(db, two)
        with db.atomic():
            for n in range(1, 601):
                flag.update(f"C{n:05d}", webstore_customer=True)
        configure(db, slow_store, store=1, batch_size="50")
        configure(db, other_store, store=two, can_update_webstore_customers="on")
        backend = FileKeyring()  # the CLI process reads the secrets from this file
        for store, sandbox in ((1, slow_store), (two, other_store)):
            sid = store_id(db, store)
            backend.set_password(
                "wcconnector-gui", f"store/{sid}/consumer_key", sandbox.consumer_key
            )
            backend.set_password(
                "wcconnector-gui", f"store/{sid}/consumer_secret", sandbox.consumer_secret
            )

        proc = start_sync(db_path, keyring_file, "--store", "Store 1")
        while proc.poll() is None and slow_store.store.request_count("POST", "batch") < 2:
            time.sleep(0.002)
        results: dict[int, Any] = {}
        other = _sync_in_thread(db_path, two, results)  # while store one's run is going on
        while proc.poll() is None and slow_store.store.request_count("POST", "batch") < 4:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        other.join(60)
        assert isinstance(results[two], SyncSummary), results[two]
        assert results[two].ok and results[two].counts == {"created": 600}

        before_two = (_mapping_rows(db, two), _copies(db, two))
        summary = sync(db, store=1)  # store one carries on where it was cut off
        assert summary.ok, summary.counts
        assert slow_store.store.count() == 600  # nobody twice
        emails = [c["email"] for c in slow_store.store.customers.values()]
        assert len(emails) == len(set(emails))
        assert (_mapping_rows(db, two), _copies(db, two)) == before_two
        (cut_off,) = [r for r in SyncLogRepository(db, 1).runs() if r["status"] == "failed"]
        assert "interrupted" in cut_off["error"]
        assert [r["status"] for r in SyncLogRepository(db, two).runs()] == ["done"]
        assert sync(db, store=two).counts == {"unchanged": 600}
        db.close()
    finally:
        slow_store.stop()
        other_store.stop()
