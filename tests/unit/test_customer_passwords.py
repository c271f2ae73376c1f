"""Pending customer passwords: sealed in the database with one data key from the keyring.

A password whose secret is gone (the keyring was reset) is never replaced by another
one: the record is skipped with a plain reason, and the run says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_support import add_customers, configure, count_keyring_calls, sync

from wcconnector_gui.credentials import customer_passwords, keyring_store
from wcconnector_gui.credentials.customer_passwords import PasswordVault
from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.storage import database, migrations
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.child import run_sync_in_child
from wcconnector_gui.sync.engine import SyncOptions

GONE = "the password set for this customer is no longer available; set it again"


def keyring_reset(memory_keyring: Any, db: Any, sandbox: Any) -> None:
    """Everything in the keyring is lost; the user enters the store's key again."""
    memory_keyring.entries.clear()
    configure(db, sandbox)


def test_a_password_lost_with_the_keyring_is_never_replaced(
    db: Any, sandbox: Any, memory_keyring: Any
) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 3)
    customer_passwords.set_pending_password(db, "C00001", "First-Pass-1!")
    keyring_reset(memory_keyring, db, sandbox)
    summary = sync(db)
    assert summary.status == RunStatus.DONE and not summary.ok  # CLI exit code 1
    assert summary.counts == {"created": 2, "skipped": 1}
    (entry,) = [
        e for e in SyncLogRepository(db).entries(summary.run_id) if e["customer_no"] == "C00001"
    ]
    assert (entry["action"], entry["reason"]) == (SyncAction.SKIPPED, GONE)
    assert sandbox.store.find_by_email("person1@example.com") is None  # no random password
    mapping = MappingRepository(db).get("C00001")
    assert mapping.password_pending and mapping.last_error == GONE
    # Set again, it goes with the next push.
    customer_passwords.set_pending_password(db, "C00001", "Second-Pass-2!")
    assert sync(db).counts == {"created": 1, "unchanged": 2}
    created = sandbox.store.find_by_email("person1@example.com")
    assert created is not None and sandbox.store.check_password(created["id"], "Second-Pass-2!")


def test_a_lost_password_of_a_linked_customer_is_not_dropped_silently(
    db: Any, sandbox: Any, memory_keyring: Any
) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 1)
    assert sync(db).counts == {"created": 1}
    customer_passwords.set_pending_password(db, "C00001", "New-Pass-1!")
    keyring_reset(memory_keyring, db, sandbox)
    summary = sync(db)
    assert summary.counts == {"skipped": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id)
    assert entry["reason"] == GONE


def test_another_password_set_after_a_reset_does_not_revive_or_replace_the_lost_one(
    db: Any, sandbox: Any, memory_keyring: Any
) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    customer_passwords.set_pending_password(db, "C00001", "Lost-Pass-1!")
    keyring_reset(memory_keyring, db, sandbox)
    customer_passwords.set_pending_password(db, "C00002", "Fresh-Pass-2!")  # a new data key
    assert customer_passwords.pending_password(db, "C00001") is None
    assert sync(db).counts == {"created": 1, "skipped": 1}
    created = sandbox.store.find_by_email("person2@example.com")
    assert created is not None and sandbox.store.check_password(created["id"], "Fresh-Pass-2!")


def test_the_database_alone_reveals_nothing(db: Any, db_path: Any, memory_keyring: Any) -> None:
    add_customers(db, 2)
    vault = PasswordVault(db)
    vault.set_many({"C00001": "Very-Secret-1!", "C00002": "Very-Secret-1!"})
    db.execute("PRAGMA wal_checkpoint(FULL)")
    for path in db_path.parent.glob(db_path.name + "*"):
        assert b"Very-Secret-1!" not in path.read_bytes()
    sealed = [row[0] for row in db.execute("SELECT sealed FROM pending_passwords")]
    assert len(set(sealed)) == 2  # same password, different nonces
    names = [name for _service, name in memory_keyring.entries]
    assert names == [keyring_store.password_key_name(store_id(db))]  # one item, a random key
    # A sealed password belongs to its customer: moved to another row it opens to nothing.
    db.execute("UPDATE pending_passwords SET sealed = ? WHERE customer_no = 'C00002'", [sealed[0]])
    assert PasswordVault(db).get("C00001") == "Very-Secret-1!"
    assert PasswordVault(db).get("C00002") is None


def test_keyring_calls_per_sync_do_not_grow_with_the_passwords(
    db: Any, sandbox: Any, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, sandbox)
    calls = count_keyring_calls(memory_keyring, monkeypatch)
    counted = []
    for start, count in ((1, 3), (4, 60)):
        nos = add_customers(db, count, start=start)
        PasswordVault(db).set_many({no: f"Pass-{no}!" for no in nos})
        calls.clear()
        assert sync(db).counts.get("created") == count
        counted.append(len(calls))
    assert counted == [3, 3]  # consumer key, consumer secret, the data key
    assert not db.execute("SELECT count(*) FROM pending_passwords").fetchone()[0]


def test_session_only_passwords_end_with_the_session(db: Any, sandbox: Any) -> None:
    keyring_store.use_session_only(True)
    configure(db, sandbox)
    add_customers(db, 1)
    customer_passwords.set_pending_password(db, "C00001", "Session-Pass-1!")
    assert customer_passwords.pending_password(db, "C00001") == "Session-Pass-1!"
    keyring_store.reset_session_secrets()  # the app ended
    keyring_store.use_session_only(True)
    configure(db, sandbox)
    assert sync(db).counts == {"skipped": 1}


def _v1_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:1])
        patch.setattr(database, "SCHEMA_VERSION", 1)
        old = database.open_database(db_path)
        add_customers(old, 3, flagged=False)
        sid = old.execute("SELECT value FROM setup WHERE key = 'store_id'").fetchone()[0]
        old.conn.executemany(  # as version 1 wrote them (its own columns only)
            "INSERT INTO mappings (customer_no, webstore_customer, password_pending) "
            "VALUES (?, 1, 1)",
            [("C00001",), ("C00002",), ("C00003",)],
        )
        for no in ("C00001", "C00002"):  # C00003's item was lost before the upgrade
            keyring_store.set_secret(keyring_store.customer_password_name(sid, no), f"Old-{no}!")
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        old.close()


@pytest.mark.parametrize("in_child", [False, True], ids=["in-process", "window's child"])
def test_passwords_kept_as_keyring_items_by_earlier_versions_are_sealed_on_first_use(
    db_path: Path,
    sandbox: Any,
    memory_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
    in_child: bool,
) -> None:
    _v1_database(db_path, monkeypatch)
    db = database.open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    configure(db, sandbox)
    if in_child:
        summary = run_sync_in_child(
            db_path, SyncOptions(), progress=lambda _u: None, is_cancelled=lambda: False
        )
    else:
        summary = sync(db)
    assert summary.counts == {"created": 2, "skipped": 1}
    for no in ("C00001", "C00002"):
        created = sandbox.store.find_by_email(f"person{int(no[1:])}@example.com")
        assert created is not None and sandbox.store.check_password(created["id"], f"Old-{no}!")
    (skipped,) = [e for e in SyncLogRepository(db).entries(summary.run_id) if e["reason"]]
    assert (skipped["customer_no"], skipped["reason"]) == ("C00003", GONE)
    legacy = [name for _s, name in memory_keyring.entries if "/password/" in name]
    assert legacy == []  # moved, then removed from the keyring
    db.close()


def test_a_data_key_that_is_not_one_counts_as_gone(db: Any, memory_keyring: Any) -> None:
    add_customers(db, 2)
    customer_passwords.set_pending_password(db, "C00001", "Before-1!")
    name = keyring_store.password_key_name(store_id(db))
    keyring_store.set_secret(name, "not base64 at all!")
    assert customer_passwords.pending_password(db, "C00001") is None
    customer_passwords.set_pending_password(db, "C00002", "After-2!")  # a new key replaces it
    assert customer_passwords.pending_password(db, "C00002") == "After-2!"
