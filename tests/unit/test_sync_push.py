"""Push against the sandbox store: create, update, adopt, no duplicates, passwords, dry run."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.credentials import customer_passwords
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.engine import SyncOptions

META = "wcconnector_customer_no"


def store_customers(sandbox: Any) -> list[dict[str, Any]]:
    return [c for c in sandbox.store.customers.values() if c["role"] != "administrator"]


def by_email(sandbox: Any, email: str) -> dict[str, Any]:
    found = sandbox.store.find_by_email(email)
    assert found is not None
    return dict(found)


def test_push_creates_then_costs_nothing_then_updates_only_changes(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        can_update_webstore_customers="on",
        batch_size="20",
        concurrency="1",  # one at a time: no batch is split to fill a second slot
    )
    add_customers(db, 60)
    first = sync(db)
    assert first.ok and first.counts == {"created": 60}
    assert len(store_customers(sandbox)) == 60
    assert sandbox.store.request_count("POST", "batch") == 3  # 60 / batch_size 20
    jane = by_email(sandbox, "person7@example.com")
    assert jane["billing"]["phone"] == "+12125550007"
    assert jane["first_name"] == "" and jane["billing"]["company"] == "Person7 Example"
    assert {"key": META, "value": "C00007"}.items() <= jane["meta_data"][0].items()
    mapping = MappingRepository(db).get("C00007")
    assert mapping.webstore_id == jane["id"] and mapping.username == jane["username"]
    assert mapping.status == MappingStatus.SYNCED and not mapping.pending_create_email

    sandbox.store.reset_request_log()
    again = sync(db)
    assert again.ok and again.counts == {"unchanged": 60}
    assert sandbox.store.request_count() == 0 and again.requests == 0

    repo = CustomerRepository(db)
    for no in ("C00003", "C00011", "C00059"):
        repo.update(no, {"city": "Shelbyville"})
    third = sync(db)
    assert third.counts == {"updated": 3, "unchanged": 57}
    assert sandbox.store.request_count("POST", "batch") == 1
    assert by_email(sandbox, "person11@example.com")["billing"]["city"] == "Shelbyville"
    metas = by_email(sandbox, "person11@example.com")["meta_data"]
    assert [m["key"] for m in metas] == [META]  # the meta id was sent: no second meta row


def test_can_update_off_sends_no_updates(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 3)
    sync(db)
    CustomerRepository(db).update("C00001", {"city": "Elsewhere"})
    sandbox.store.reset_request_log()
    summary = sync(db)
    assert summary.counts == {} and sandbox.store.request_count("POST") == 0


def test_invalid_records_are_skipped_with_reasons_and_others_go_on(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 4)
    repo = CustomerRepository(db)
    repo.update("C00001", {"email": "broken@"})
    repo.update("C00002", {"country_code": "ZZ"})
    repo.update("C00003", {"phone": "(212)555-0004"})  # same number as C00004
    summary = sync(db)
    assert summary.counts == {"skipped": 4} or summary.counts == {"skipped": 4, "created": 0}
    reasons = {e["customer_no"]: e["reason"] for e in SyncLogRepository(db).entries()}
    assert "not a valid e-mail" in reasons["C00001"]
    assert "ISO 3166-1" in reasons["C00002"]
    assert "also used by customer C00004" in reasons["C00003"]
    assert not summary.ok and store_customers(sandbox) == []
    repo.update("C00003", {"phone": "(212)555-0003"})
    assert sync(db).counts == {"created": 2, "skipped": 2}


@pytest.mark.parametrize("role", ["customer", "subscriber"])
def test_existing_store_customer_with_same_email_is_adopted(
    db: Any, sandbox: Any, role: str
) -> None:
    configure(
        db, sandbox, can_update_webstore_customers="on", customer_roles="customer, subscriber"
    )
    add_customers(db, 2)
    existing = sandbox.store.add_customer(email="PERSON2@example.com", role=role)
    summary = sync(db)
    assert summary.counts == {"created": 1, "adopted": 1}
    assert MappingRepository(db).get("C00002").webstore_id == existing["id"]
    assert len(sandbox.store.customers) == 3  # admin + created + adopted: no duplicate
    meta = by_email(sandbox, "person2@example.com")["meta_data"]
    assert any(m["key"] == META and m["value"] == "C00002" for m in meta)


@pytest.mark.parametrize("role", ["administrator", "shop_manager", "subscriber"])
def test_a_store_account_of_another_role_is_never_adopted(db: Any, sandbox: Any, role: str) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")  # customer role only
    add_customers(db, 2)
    staff = sandbox.store.add_customer(email="person2@example.com", role=role, first_name="Ad")
    summary = sync(db)
    assert summary.counts == {"created": 1, "skipped": 1}
    assert MappingRepository(db).get("C00002").webstore_id is None
    (entry,) = [
        e for e in SyncLogRepository(db).entries(summary.run_id) if e["customer_no"] == "C00002"
    ]
    assert f"has the role {role}" in entry["reason"] and "already has an account" in entry["reason"]
    assert sandbox.store.customers[staff["id"]]["first_name"] == "Ad"  # left untouched


def test_adopting_without_can_update_only_links(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    existing = sandbox.store.add_customer(email="person1@example.com", first_name="Store")
    sandbox.store.reset_request_log()
    assert sync(db).counts == {"adopted": 1}
    assert sandbox.store.request_count("POST") == 0
    assert by_email(sandbox, "person1@example.com")["first_name"] == "Store"
    assert MappingRepository(db).get("C00001").webstore_id == existing["id"]


def test_company_name_customers_keep_the_store_persons_name(db: Any, sandbox: Any) -> None:
    # Name is a company name and no contact: the back office has no first/last name to send.
    configure(db, sandbox, can_update_webstore_customers="on", name_source="company_name")
    add_customers(db, 1)
    sandbox.store.add_customer(email="person1@example.com", first_name="Jane", last_name="Roe")
    assert sync(db).counts == {"adopted": 1}
    stored = by_email(sandbox, "person1@example.com")
    assert (stored["first_name"], stored["last_name"]) == ("Jane", "Roe")
    assert stored["billing"]["company"] == "Person1 Example"


def test_email_owned_by_a_customer_mapped_elsewhere_is_a_conflict(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    sync(db)
    first = MappingRepository(db).get("C00001").webstore_id
    assert first is not None
    sandbox.store.update_customer_direct(first, email="shared@example.com")
    CustomerRepository(db).update("C00002", {"email": "shared@example.com"})
    MappingRepository(db).update("C00002", webstore_id=None, status=MappingStatus.NONE)
    summary = sync(db)
    assert summary.counts == {"conflict": 1} and not summary.ok
    (conflict,) = SyncLogRepository(db).open_conflicts()
    assert conflict["customer_no"] == "C00002" and conflict["kind"] == "mapped_elsewhere"
    assert "already mapped to customer C00001" in conflict["detail"]
    assert MappingRepository(db).get("C00002").status == MappingStatus.CONFLICT
    assert len(store_customers(sandbox)) == 2
    # Listed until decided: the next run reports it again and still sends nothing.
    sandbox.store.reset_request_log()
    assert sync(db).counts == {"conflict": 1}
    assert sandbox.store.request_count("POST") == 0


def test_store_customer_carrying_another_no_is_a_conflict(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    sandbox.store.add_customer(
        email="person1@example.com", meta_data=[{"key": META, "value": "C99999"}]
    )
    summary = sync(db)
    assert summary.counts == {"conflict": 1} and not summary.ok
    (conflict,) = SyncLogRepository(db).open_conflicts()
    assert conflict["customer_no"] == "C00001" and "C99999" in conflict["detail"]
    assert MappingRepository(db).get("C00001").webstore_id is None
    assert len(store_customers(sandbox)) == 1


def test_username_is_sent_on_create_and_read_only_afterwards(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 1)
    MappingRepository(db).update("C00001", username="jane.doe")
    assert sync(db).counts == {"created": 1}
    assert by_email(sandbox, "person1@example.com")["username"] == "jane.doe"
    MappingRepository(db).update("C00001", username="jane.new")
    CustomerRepository(db).update("C00001", {"city": "Elsewhere"})
    summary = sync(db)
    assert summary.counts == {"skipped": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id)
    assert "cannot be changed" in entry["reason"]


def test_password_sent_once_then_forgotten(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 2)
    customer_passwords.set_pending_password(db, "C00001", "S3cret-pass!")
    assert sync(db).counts == {"created": 2}
    store_id = by_email(sandbox, "person1@example.com")["id"]
    assert sandbox.store.check_password(store_id, "S3cret-pass!")
    assert customer_passwords.pending_password(db, "C00001") is None
    assert not MappingRepository(db).get("C00001").password_pending
    # A new password for an existing customer goes with an update, even without other changes.
    customer_passwords.set_pending_password(db, "C00002", "An0ther-pass!")
    assert sync(db).counts == {"updated": 1, "unchanged": 1}
    store_id = by_email(sandbox, "person2@example.com")["id"]
    assert sandbox.store.check_password(store_id, "An0ther-pass!")
    assert customer_passwords.pending_password(db, "C00002") is None


def test_generate_passwords_sends_a_generated_one(
    db: Any, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import secrets

    configure(db, sandbox, generate_passwords="on")
    add_customers(db, 1)
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: "Generated-Pass-1")
    assert sync(db).counts == {"created": 1}
    store_id = by_email(sandbox, "person1@example.com")["id"]
    assert sandbox.store.check_password(store_id, "Generated-Pass-1")


def test_dry_run_writes_nothing_but_the_log(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 3)
    sandbox.store.add_customer(email="person3@example.com")
    before = [m.to_row() for m in MappingRepository(db).all()]
    summary = sync(db, dry_run=True)
    assert summary.counts == {"created": 2, "adopted": 1}
    assert sandbox.store.request_count("POST") == 0 and sandbox.store.request_count("PUT") == 0
    assert [m.to_row() for m in MappingRepository(db).all()] == before
    assert len(SyncLogRepository(db).entries(summary.run_id)) == 3


def test_count_creates_is_local(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 5)
    add_customers(db, 2, start=10, flagged=False)
    eng = engine(db)
    assert eng.count_creates(SyncOptions()) == 5
    assert eng.count_creates(SyncOptions(customer_nos=["C00001", "C00010"])) == 1
    assert sandbox.store.request_count() == 0
    eng.client.close()


def test_selected_rows_only(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 5)
    summary = sync(db, customer_nos=["C00002", "C00004"])
    assert summary.counts == {"created": 2}
    assert {c["email"] for c in store_customers(sandbox)} == {
        "person2@example.com",
        "person4@example.com",
    }


def test_store_record_gone_is_reported_link_kept_never_recreated(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 2)
    sync(db)
    gone = MappingRepository(db).get("C00001").webstore_id
    assert gone is not None
    sandbox.store.delete_customer_direct(gone)
    CustomerRepository(db).update("C00001", {"city": "Elsewhere"})
    summary = sync(db)
    assert summary.counts == {"failed": 1, "unchanged": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id)
    assert "no longer exists" in entry["reason"]
    mapping = MappingRepository(db).get("C00001")
    assert mapping.webstore_id == gone and mapping.status == MappingStatus.ERROR
    assert sandbox.store.find_by_email("person1@example.com") is None


def test_concurrency_and_progress_and_cancel(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, batch_size="10", concurrency="3", adapt_concurrency="off")
    add_customers(db, 100)
    reports: list[Any] = []
    eng = engine(db, progress=reports.append, is_cancelled=lambda: len(reports) >= 3)
    summary = eng.run(SyncOptions())
    eng.client.close()
    assert summary.status == RunStatus.CANCELLED and not summary.ok
    created = summary.counts["created"]
    # Stopped between batches: what was sent is recorded, the rest untouched.
    assert created % 10 == 0 and 30 <= created < 100
    assert len(store_customers(sandbox)) == created
    rest = sync(db)
    assert rest.counts == {"created": 100 - created}
    assert sum(len(r.outcomes) for r in reports) >= 30


def test_deleting_a_customer_locally_is_not_propagated(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 2)
    sync(db)
    CustomerRepository(db).delete("C00001")
    sandbox.store.reset_request_log()
    assert sync(db).counts == {"unchanged": 1}
    assert sandbox.store.request_count("DELETE") == 0 and len(store_customers(sandbox)) == 2


def test_many_creates_scan_the_whole_store_once_and_adopt_by_email(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    for i in range(250):
        sandbox.store.add_customer(email=f"shop{i}@example.com", first_name=f"Shop{i}")
    # The highest id, so on the last of the 3 pages: the scan must read every page.
    sandbox.store.add_customer(email="Person7@Example.com", first_name="Early")
    add_customers(db, 120)  # more creates than the store has pages: one scan, no GET per e-mail
    summary = sync(db)
    assert summary.ok and summary.counts == {"created": 119, "adopted": 1}
    assert sandbox.store.request_count("GET") == 3  # 252 store users / 100 per page
    matches = [c for c in store_customers(sandbox) if c["email"].lower() == "person7@example.com"]
    assert len(matches) == 1 and matches[0]["billing"]["company"] == "Person7 Example"  # updated
    assert MappingRepository(db).get("C00007").webstore_id == matches[0]["id"]
