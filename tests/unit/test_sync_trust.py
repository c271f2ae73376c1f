"""Trust at the edges (issue 10): lost answers, restored stores, broken records, dead stores."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.engine import SyncOptions
from wcconnector_gui.sync.push import Item, Pusher
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import WooConnectionError


def store_customers(sandbox: Any) -> list[dict[str, Any]]:
    return [c for c in sandbox.store.customers.values() if c["role"] != "administrator"]


def log_entries(db: Any, run_id: int) -> list[dict[str, Any]]:
    return SyncLogRepository(db).entries(run_id)


# -- 1. an unconfirmed create, then the e-mail changes ------------------------------------


def test_unconfirmed_create_is_found_by_the_email_and_username_it_was_sent_with(
    db: Any, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 1)
    MappingRepository(db).update("C00001", username="anna")
    # The create lands, its answer is lost, and the network goes before it is looked up.
    sandbox.store.set_fault("lost_response", count=1, methods=["POST"], path_contains="batch")
    lookups: list[str] = []
    find = WooClient.find_customers_by_email

    def network_gone_after_the_first(self: WooClient, email: str) -> Any:
        lookups.append(email)
        if len(lookups) > 1:
            raise WooConnectionError("The connection to the store broke off.")
        return find(self, email)

    monkeypatch.setattr(WooClient, "find_customers_by_email", network_gone_after_the_first)
    first = sync(db)
    assert first.counts == {"failed": 1}
    monkeypatch.undo()
    mapping = MappingRepository(db).get("C00001")
    assert mapping.pending_create_email == "person1@example.com"
    assert mapping.pending_create_username == "anna"
    # The e-mail is changed in the back office before the next run.
    CustomerRepository(db).update("C00001", {"email": "anna.new@example.com"})
    second = sync(db)
    assert second.ok and second.counts == {"adopted": 1}
    (only,) = store_customers(sandbox)
    assert only["email"] == "anna.new@example.com" and only["username"] == "anna"
    mapping = MappingRepository(db).get("C00001")
    assert mapping.webstore_id == only["id"] and mapping.status == MappingStatus.SYNCED
    assert not mapping.pending_create_email and not mapping.pending_create_username
    assert sync(db).counts == {"unchanged": 1}


def test_our_landed_create_found_only_by_its_username_is_adopted(db: Any, sandbox: Any) -> None:
    # What older versions left behind: the create landed, the journal was dropped after
    # "username already registered", and the e-mail changed since.
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 1)
    MappingRepository(db).update("C00001", username="anna")
    CustomerRepository(db).update("C00001", {"email": "anna.new@example.com"})
    landed = sandbox.store.add_customer(
        email="person1@example.com",
        username="anna",
        meta_data=[{"key": "wcconnector_customer_no", "value": "C00001"}],
    )
    summary = sync(db)
    assert summary.ok and summary.counts == {"adopted": 1}
    assert [c["id"] for c in store_customers(sandbox)] == [landed["id"]]
    assert sandbox.store.get_customer(landed["id"])["email"] == "anna.new@example.com"


def test_a_username_of_someone_else_is_still_refused_plainly(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    MappingRepository(db).update("C00001", username="anna")
    sandbox.store.add_customer(email="anna@else.example", username="anna")
    summary = sync(db)
    assert summary.counts == {"failed": 1}
    (entry,) = log_entries(db, summary.run_id)
    assert "username" in entry["reason"]
    assert len(store_customers(sandbox)) == 1
    assert not MappingRepository(db).get("C00001").pending_create_email


# -- 3. a store restored from an older backup ----------------------------------------------


def restore_and_reuse_ids(db: Any, sandbox: Any, *, strangers: bool = True) -> dict[int, str]:
    """3 customers pushed, a backup, 3 more pushed, the backup restored; strangers take ids."""
    add_customers(db, 3)
    assert sync(db).counts == {"created": 3}
    backup = sandbox.store.to_state()
    add_customers(db, 3, start=4)
    assert sync(db).counts["created"] == 3
    lost = {m.webstore_id: m.customer_no for m in MappingRepository(db).all()}
    sandbox.store.load_state(backup)
    if strangers:
        for n in range(4, 7):
            sandbox.store.add_customer(
                email=f"stranger{n}@else.example",
                first_name=f"Stranger{n}",
                date_created_gmt="2030-01-01T00:00:00",
            )
    return {wid: no for wid, no in lost.items() if no >= "C00004"}


@pytest.mark.parametrize("pull", ["off", "all"])
def test_ids_given_out_again_by_a_restored_store_are_never_taken_over(
    db: Any, sandbox: Any, pull: str
) -> None:
    configure(
        db,
        sandbox,
        can_update_webstore_customers="on",
        pull_customers=pull,
        store_can_update_customers="on",
    )
    stale = restore_and_reuse_ids(db, sandbox)
    before = {wid: dict(sandbox.store.get_customer(wid)) for wid in stale}
    customers = CustomerRepository(db)
    for no in ("C00001", *stale.values()):
        customers.update(no, {"city": "Changed Town"})
    summary = sync(db)
    assert summary.status == RunStatus.DONE, summary.error
    assert summary.counts.get("conflict") == 3 and summary.counts.get("updated") == 1
    for wid, no in stale.items():
        now = sandbox.store.get_customer(wid)
        assert now["email"] == before[wid]["email"] and now["billing"] == before[wid]["billing"]
        mapping = MappingRepository(db).get(no)
        assert mapping.webstore_id is None and mapping.status == MappingStatus.CONFLICT
        assert "someone else" in mapping.last_error and "backup" in mapping.last_error
        assert customers.find(no).city == "Changed Town"
    conflicts = SyncLogRepository(db).open_conflicts()
    assert {c["customer_no"] for c in conflicts} == set(stale.values())
    # The next run waits for the decision, says why, and creates nothing twice.
    again = sync(db)
    assert again.status == RunStatus.DONE and again.counts.get("created", 0) == 0
    waiting = [e for e in log_entries(db, again.run_id) if e["customer_no"] in stale.values()]
    assert waiting and all("someone else" in e["reason"] for e in waiting)
    # Decided in Conflicts: the rows are created in the store again, beside the strangers.
    eng = engine(db)
    for conflict in SyncLogRepository(db).open_conflicts():
        eng.resolve_conflict(conflict["id"], "back_office")
    eng.client.close()
    assert sync(db).counts.get("created") == 3
    for wid, no in stale.items():
        assert sandbox.store.get_customer(wid)["email"] == before[wid]["email"]
        assert MappingRepository(db).get(no).webstore_id not in stale
    emails = [c["email"] for c in store_customers(sandbox)]
    assert len(emails) == len(set(emails))


def test_a_new_customer_given_a_linked_id_unlinks_the_stale_row(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    stale = restore_and_reuse_ids(db, sandbox, strangers=False)
    add_customers(db, 1, start=7)
    summary = sync(db)  # C00007 gets the first id given out again
    assert summary.status == RunStatus.DONE, summary.error
    assert summary.counts.get("created") == 1
    first_reused = min(stale)
    assert MappingRepository(db).get("C00007").webstore_id == first_reused
    stale_row = MappingRepository(db).get(stale[first_reused])
    assert stale_row.webstore_id is None and stale_row.status == MappingStatus.CONFLICT
    owners = [m.webstore_id for m in MappingRepository(db).all() if m.webstore_id]
    assert len(owners) == len(set(owners))


def test_updates_to_a_store_that_did_not_go_back_cost_one_read(db: Any, sandbox: Any) -> None:
    # One request at a time: batches stay full (none is split to fill another slot).
    configure(db, sandbox, can_update_webstore_customers="on", batch_size="100", concurrency="1")
    add_customers(db, 250)
    sync(db)
    customers = CustomerRepository(db)
    with db.atomic():
        for n in range(1, 251):
            customers.update(f"C{n:05d}", {"city": "Elsewhere"})
    sandbox.store.reset_request_log()
    assert sync(db).counts == {"updated": 250}
    # The 100 newest links are read once; the 250 updates go in 3 batches.
    assert sandbox.store.request_count("GET") == 1
    assert sandbox.store.request_count("POST", "batch") == 3


@pytest.mark.parametrize("pull", ["off", "all"])
def test_an_id_gone_from_the_store_is_not_updated_when_a_create_takes_it(
    db: Any, sandbox: Any, pull: str
) -> None:
    configure(db, sandbox, can_update_webstore_customers="on", pull_customers=pull)
    stale = restore_and_reuse_ids(db, sandbox, strangers=False)
    first_reused = min(stale)
    CustomerRepository(db).update(stale[first_reused], {"city": "Changed Town"})
    add_customers(db, 1, start=7)
    summary = sync(db)
    assert summary.status == RunStatus.DONE, summary.error
    record = sandbox.store.get_customer(first_reused)
    assert record["email"] == "person7@example.com"  # C00007's new account, untouched
    assert record["billing"]["city"] == "Springfield"
    assert [m["value"] for m in record["meta_data"]] == ["C00007"]
    assert MappingRepository(db).get(stale[first_reused]).webstore_id is None


# -- 4. one broken store record --------------------------------------------------------------


def test_a_broken_store_record_does_not_block_the_push_of_the_others(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    for n in range(30):
        sandbox.store.add_customer(email=f"shopper{n}@else.example")
    broken = store_customers(sandbox)[16]["id"]
    sandbox.store.poison(broken)
    add_customers(db, 200)
    summary = sync(db)
    assert summary.status == RunStatus.DONE, summary.error
    assert summary.counts == {"created": 200, "failed": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id, errors_only=True)
    assert entry["webstore_id"] == broken and "cannot read" in entry["reason"]
    assert "<" not in entry["reason"] and "critical error" in entry["reason"]


def test_a_broken_store_record_with_our_email_fails_only_that_customer(
    db: Any, sandbox: Any
) -> None:
    configure(db, sandbox)
    add_customers(db, 5)
    sandbox.store.poison(sandbox.store.add_customer(email="person3@example.com")["id"])
    summary = sync(db)
    assert summary.counts == {"created": 4, "failed": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id, errors_only=True)
    assert entry["customer_no"] == "C00003" and "person3@example.com" in entry["reason"]
    assert "<" not in entry["reason"] and "critical error" in entry["reason"]
    assert not MappingRepository(db).get("C00003").pending_create_email


@pytest.mark.parametrize("found_by", ["link check", "batch"])
def test_a_broken_linked_record_is_named_and_the_rest_is_updated(
    db: Any, sandbox: Any, monkeypatch: pytest.MonkeyPatch, found_by: str
) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 10)
    sync(db)
    sandbox.store.poison(MappingRepository(db).get("C00005").webstore_id)
    if found_by == "batch":  # the store reads it, but fails when the update shows it
        monkeypatch.setattr(Pusher, "_check_links", lambda self, items: list[Item](items))
    customers = CustomerRepository(db)
    for n in range(1, 11):
        customers.update(f"C{n:05d}", {"city": "Elsewhere"})
    summary = sync(db)
    assert summary.counts == {"updated": 9, "failed": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id, errors_only=True)
    assert entry["customer_no"] == "C00005"
    assert "person5@example.com" in entry["reason"] and "<" not in entry["reason"]
    assert "critical error" in entry["reason"]


# -- 5. a store that takes connections and never answers -------------------------------------


@pytest.fixture
def silent_store() -> Iterator[str]:
    """A loopback port that accepts connections and never answers (a hung server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_store_that_never_answers_stops_the_run_early_in_plain_words(
    db: Any, sandbox: Any, silent_store: str
) -> None:
    configure(db, sandbox, request_timeout_seconds="1")
    add_customers(db, 20)
    from wcconnector_gui.domain.setup import parse_setting
    from wcconnector_gui.storage.setup_store import save_settings

    save_settings(db, {"store_url": parse_setting("store_url", silent_store)})
    summary = sync(db)
    assert summary.status == RunStatus.FAILED
    assert "stopped answering" in summary.error and "asks to wait" not in summary.error
    # Three requests without an answer (two at a time): nothing more was sent.
    assert summary.requests <= 4
    assert all(not m.pending_create_email for m in MappingRepository(db).all())


def test_a_phase_over_its_time_limit_stops_and_a_rerun_completes(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, batch_size="5", concurrency="1")
    add_customers(db, 40)
    sandbox.store.set_fault("slow_drip", methods=["POST"], seconds=0.3)
    eng = engine(db)
    eng.setup.phase_time_limit_minutes = 0.01  # 0.6 s (the setting takes minutes)
    summary = eng.run(SyncOptions())
    eng.client.close()
    assert summary.status == RunStatus.FAILED
    assert "the push's time limit" in summary.error
    assert "phase_time_limit_minutes" in summary.error
    sandbox.store.clear_faults()
    rest = sync(db)
    assert rest.status == RunStatus.DONE
    emails = [c["email"] for c in store_customers(sandbox)]
    assert sorted(emails) == sorted({f"person{n}@example.com" for n in range(1, 41)})


# -- 6. a list page answered 500 once ------------------------------------------------------


def test_a_list_page_answered_500_once_does_not_fail_the_pull(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, pull_customers="all", push_customers="off")
    add_customers(db, 3, flagged=False)
    for n in range(1, 4):
        sandbox.store.add_customer(email=f"person{n}@example.com")
    sandbox.store.set_fault("error_500", count=1, methods=["GET"])
    summary = sync(db)
    assert summary.ok and summary.counts == {"linked": 3}


def test_a_lookup_answered_500_once_does_not_fail_the_push(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 3)
    sandbox.store.set_fault("error_500", count=1, methods=["GET"])
    summary = sync(db)
    assert summary.ok and summary.counts == {"created": 3}


# -- 10. a pull changes only what changed in the store ----------------------------------------


def test_a_store_side_city_change_changes_only_the_city(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        can_update_webstore_customers="on",
        pull_customers="all",
        store_can_update_customers="on",
    )
    add_customers(db, 1)
    customers = CustomerRepository(db)
    before = customers.find("C00001")
    assert sync(db).counts == {"created": 1}
    webstore_id = MappingRepository(db).get("C00001").webstore_id
    record = sandbox.store.get_customer(webstore_id)
    assert record["billing"]["phone"] == "+12125550001"  # the store holds E.164
    sandbox.store.update_customer_direct(
        webstore_id, billing={**record["billing"], "city": "Shelbyville"}
    )
    summary = sync(db)
    assert summary.counts == {"updated": 1, "unchanged": 1}  # pulled, then nothing to push
    after = customers.find("C00001")
    assert after.city == "Shelbyville"
    changed = {
        name
        for name in ("name", "name_2", "contact", "address", "post_code", "phone", "email")
        if getattr(after, name) != getattr(before, name)
    }
    assert changed == set()
    assert after.phone == "(212)555-0001" and after.name_2 == before.name_2
    assert sync(db).counts == {"unchanged": 2}
