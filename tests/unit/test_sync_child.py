"""The window's sync in a child process: progress, secrets from the app's store, cancel, errors."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from sync_support import add_customers, configure, count_keyring_calls

from wcconnector_gui.credentials import customer_passwords, keyring_store
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.sync.child import run_sync_in_child
from wcconnector_gui.sync.engine import SyncOptions
from wcconnector_gui.sync.errors import SyncError


def test_a_push_in_a_child_reports_progress_and_uses_the_apps_secrets(
    db: Any, db_path: Path, sandbox: Any
) -> None:
    configure(db, sandbox, batch_size="10")
    add_customers(db, 25)
    customer_passwords.set_pending_password(db, "C00003", "Only-0nce!")
    updates: list[Any] = []
    summary = run_sync_in_child(
        db_path, SyncOptions(), progress=updates.append, is_cancelled=lambda: False
    )
    assert summary.status == RunStatus.DONE and summary.counts == {"created": 25}
    outcomes = [o for update in updates for o in update.outcomes]
    assert sorted(o.customer_no for o in outcomes) == [f"C{n:05d}" for n in range(1, 26)]
    # The password came from this process's keyring, went to the store once and is gone.
    store_id = MappingRepository(db).get("C00003").webstore_id
    assert sandbox.store.check_password(store_id, "Only-0nce!")
    assert customer_passwords.pending_password(db, "C00003") is None


def test_cancel_stops_the_child_after_its_batch(db: Any, db_path: Path, sandbox: Any) -> None:
    configure(db, sandbox, batch_size="5", concurrency="1")
    add_customers(db, 60)
    updates: list[Any] = []
    summary = run_sync_in_child(
        db_path,
        SyncOptions(),
        progress=updates.append,
        is_cancelled=lambda: any(u.outcomes for u in updates),
    )
    assert summary.status == RunStatus.CANCELLED
    created = summary.counts.get("created", 0)
    assert 0 < created < 60
    customers = [c for c in sandbox.store.customers.values() if c["role"] == "customer"]
    assert len(customers) == created


def test_a_run_that_cannot_start_fails_in_plain_words(db: Any, db_path: Path) -> None:
    with pytest.raises(SyncError, match="not set up"):
        run_sync_in_child(db_path, SyncOptions(), progress=print, is_cancelled=lambda: False)


def test_credentials_refused_by_the_apps_keyring_are_reported(
    db: Any, db_path: Path, sandbox: Any, no_keyring: Any
) -> None:
    from wcconnector_gui.domain.setup import parse_setting
    from wcconnector_gui.storage.setup_store import save_settings

    save_settings(db, {"store_url": parse_setting("store_url", sandbox.url)})
    with pytest.raises(SyncError, match="No secure keyring"):
        run_sync_in_child(db_path, SyncOptions(), progress=print, is_cancelled=lambda: False)
    assert not keyring_store.is_session_only()


def test_a_killed_child_is_reported_and_the_next_run_finishes_the_job(
    db: Any, db_path: Path, sandbox: Any
) -> None:
    configure(db, sandbox, batch_size="10", concurrency="1")
    add_customers(db, 80)

    def kill_on_first_outcomes(update: Any) -> None:
        if update.outcomes:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(SyncError, match="stopped unexpectedly"):
        run_sync_in_child(
            db_path, SyncOptions(), progress=kill_on_first_outcomes, is_cancelled=lambda: False
        )
    summary = run_sync_in_child(
        db_path, SyncOptions(), progress=lambda _u: None, is_cancelled=lambda: False
    )
    assert summary.status == RunStatus.DONE
    emails = [c["email"] for c in sandbox.store.customers.values() if c["role"] == "customer"]
    assert len(emails) == len(set(emails)) == 80


def test_a_child_asks_for_three_secrets_and_removes_none(
    db: Any, db_path: Path, sandbox: Any, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Consumer key, secret and the data key: whatever the number of pending passwords."""
    configure(db, sandbox)
    add_customers(db, 30)
    for n in range(1, 31):
        customer_passwords.set_pending_password(db, f"C{n:05d}", f"Pass-{n}-word!")
    calls = count_keyring_calls(memory_keyring, monkeypatch)
    summary = run_sync_in_child(
        db_path, SyncOptions(), progress=lambda _u: None, is_cancelled=lambda: False
    )
    assert summary.counts == {"created": 30}
    assert calls == ["get_password"] * 3
    assert not any(m.password_pending for m in MappingRepository(db).all())
    assert customer_passwords.pending_password(db, "C00007") is None
    store_id = MappingRepository(db).get("C00007").webstore_id
    assert sandbox.store.check_password(store_id, "Pass-7-word!")
