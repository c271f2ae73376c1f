"""The fault matrix: a store that fails part-way, loses answers, throttles or lies."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.credentials import customer_passwords, keyring_store
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup, store_id
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncOptions
from wcconnector_gui.sync.errors import SyncError


def customers_in_store(sandbox: Any) -> list[dict[str, Any]]:
    return [c for c in sandbox.store.customers.values() if c["role"] != "administrator"]


def assert_each_once(db: Any, sandbox: Any, count: int) -> None:
    emails = [c["email"] for c in customers_in_store(sandbox)]
    assert len(emails) == len(set(emails)) == count
    mapped = {m.webstore_id for m in MappingRepository(db).all() if m.webstore_id}
    assert mapped == {c["id"] for c in customers_in_store(sandbox)}


def test_partially_failed_batch_reads_every_item(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 5)
    sandbox.store.add_customer(email="someone@else.example", username="taken")
    MappingRepository(db).update("C00003", username="taken")
    summary = sync(db)
    assert summary.counts == {"created": 4, "failed": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id, errors_only=True)
    assert entry["customer_no"] == "C00003" and "username" in entry["reason"]
    mapping = MappingRepository(db).get("C00003")
    assert mapping.status == MappingStatus.ERROR and not mapping.pending_create_email


def test_lost_answer_after_committed_create_is_adopted_not_duplicated(
    db: Any, sandbox: Any
) -> None:
    configure(db, sandbox, batch_size="10", concurrency="1")
    add_customers(db, 25)
    sandbox.store.set_fault("lost_response", count=1, methods=["POST"], path_contains="batch")
    summary = sync(db)
    assert summary.status == RunStatus.DONE
    assert summary.counts == {"created": 15, "adopted": 10}
    assert_each_once(db, sandbox, 25)
    assert all(not m.pending_create_email for m in MappingRepository(db).all())


def test_a_password_sent_by_a_create_before_a_crash_is_forgotten(db: Any, sandbox: Any) -> None:
    # The state a killed run leaves: the create was journaled and sent (with the pending
    # password), the store made the customer, and the answer never got written down.
    configure(db, sandbox)
    add_customers(db, 1)
    customer_passwords.set_pending_password(db, "C00001", "Sent-0nce!")
    MappingRepository(db).update(
        "C00001", pending_create_email="person1@example.com", status=MappingStatus.PENDING
    )
    created = sandbox.store.add_customer(
        email="person1@example.com",
        password="Sent-0nce!",
        meta_data=[{"key": "wcconnector_customer_no", "value": "C00001"}],
    )
    assert sync(db).counts == {"adopted": 1}  # linked only: Can Update is off
    assert MappingRepository(db).get("C00001").webstore_id == created["id"]
    assert customer_passwords.pending_password(db, "C00001") is None
    assert not MappingRepository(db).get("C00001").password_pending


def test_server_error_on_create_is_checked_before_resending(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 8)
    sandbox.store.set_fault("error_500", count=1, methods=["POST"], path_contains="batch")
    summary = sync(db)
    assert summary.ok and summary.counts == {"created": 8}
    assert sandbox.store.request_count("GET") >= 8  # looked up before the second send
    assert_each_once(db, sandbox, 8)


def test_rate_limit_with_retry_after_is_honored(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 3)
    sandbox.store.set_fault("rate_limit", count=1, methods=["POST"], retry_after=1)
    summary = sync(db)
    assert summary.ok and summary.counts == {"created": 3}
    statuses = [s for m, p, _, s in sandbox.store.request_log if m == "POST"]
    assert statuses == [429, 200]
    assert_each_once(db, sandbox, 3)


def test_burst_of_502_503_is_retried(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 4)
    sandbox.store.set_fault("error_503", count=2, methods=["POST"])
    sandbox.store.set_fault("error_502", count=1, methods=["GET"])
    summary = sync(db)
    assert summary.ok and summary.counts == {"created": 4}
    assert_each_once(db, sandbox, 4)


def test_html_instead_of_json_is_a_plain_fatal_error(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    sandbox.store.set_fault("html")
    summary = sync(db)
    assert summary.status == RunStatus.FAILED and not summary.ok
    assert "web page" in summary.error
    assert SyncLogRepository(db).runs()[0]["status"] == "failed"
    assert customers_in_store(sandbox) == []


def test_refused_credentials_are_fatal(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    keyring_store.set_secret(keyring_store.consumer_secret_name(store_id(db)), "cs_wrong")
    summary = sync(db)
    assert summary.status == RunStatus.FAILED and summary.problem == "secret_wrong"
    assert "consumer secret is wrong" in summary.error


def test_unreachable_store_is_fatal(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    eng = engine(db)
    sandbox.stop()
    summary = eng.run(SyncOptions())
    eng.client.close()
    assert summary.status == RunStatus.FAILED and summary.error
    assert all(m.status != MappingStatus.PENDING for m in MappingRepository(db).all())


def test_no_setup_and_no_credentials_are_plain_errors(db: Any, sandbox: Any) -> None:
    with pytest.raises(SyncError, match="not set up"):
        make_client(db, load_setup(db))
    configure(db, sandbox)
    keyring_store.delete_secret(keyring_store.consumer_key_name(store_id(db)))
    with pytest.raises(SyncError, match="No consumer key"):
        make_client(db, load_setup(db))


def test_keyring_unavailable_is_a_plain_fatal_error(
    db: Any, sandbox: Any, request: pytest.FixtureRequest
) -> None:
    configure(db, sandbox)
    request.getfixturevalue("no_keyring")
    with pytest.raises(keyring_store.SecretStoreUnavailable, match="No secure keyring"):
        make_client(db, load_setup(db))


def test_keyring_lost_mid_run_fails_the_run_plainly(
    db: Any, sandbox: Any, request: pytest.FixtureRequest
) -> None:
    from wcconnector_gui.credentials import customer_passwords

    configure(db, sandbox)
    add_customers(db, 2)
    customer_passwords.set_pending_password(db, "C00001", "Pass-Word-1")
    eng = engine(db)
    request.getfixturevalue("no_keyring")
    summary = eng.run(SyncOptions())
    eng.client.close()
    assert summary.status == RunStatus.FAILED and "No secure keyring" in summary.error
    assert customers_in_store(sandbox) == []
