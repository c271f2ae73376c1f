"""Pull, conflicts, suggestions, linking and importing against the sandbox store."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.templates import CountryTemplate, CustomerTemplate
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.sync.compare import compare_sides
from wcconnector_gui.sync.engine import SyncOptions
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.sync.suggest import Suggestion

PULL = SyncOptions(direction="pull")  # type: ignore[arg-type]


def address(**fields: str) -> dict[str, str]:
    values = {
        "first_name": "Jane",
        "last_name": "Doe",
        "address_1": "1 Main St",
        "city": "Albany",
        "postcode": "12207",
        "country": "US",
        "phone": "",
    }
    values.update(fields)
    return values


def run(db: Any, options: SyncOptions = PULL) -> Any:
    eng = engine(db)
    try:
        return eng.run(options)
    finally:
        eng.client.close()


def test_new_store_customers_are_linked_by_email_then_phone(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, pull_customers="new", push_customers="off")
    add_customers(db, 3, flagged=False)
    by_mail = sandbox.store.add_customer(email="PERSON1@example.com", billing=address())
    by_phone = sandbox.store.add_customer(
        email="other@example.com", billing=address(phone="+1 212 555 0002")
    )
    sandbox.store.add_customer(email="nobody@example.com", billing=address())
    summary = run(db)
    assert summary.counts == {"linked": 2}
    mappings = MappingRepository(db)
    assert mappings.get("C00001").webstore_id == by_mail["id"]
    assert mappings.get("C00002").webstore_id == by_phone["id"]
    # Nothing changed in the store: the second scan costs no write and no log row.
    again = run(db)
    assert again.counts.get("linked") is None and again.ok
    assert SyncLogRepository(db).entries(again.run_id) == []


def test_bill_to_mapping(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="new",
        push_customers="off",
        mapping_type="bill_to",
        name_source="first_and_last_name",
        name_2_source="none",
    )
    CustomerRepository(db).create(
        Customer(
            no="C1",
            name="Jane Doe",
            address="1 Main St",
            city="Albany",
            post_code="12207",
            country_code="US",
            email="jane@local.example",
        )
    )
    store = sandbox.store.add_customer(email="jane@store.example", billing=address())
    assert run(db).counts == {"linked": 1}
    assert MappingRepository(db).get("C1").webstore_id == store["id"]


def test_default_customer_mapping_links_nothing_one_to_one(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="new",
        push_customers="off",
        mapping_type="default_customer",
        default_customer_no="C00001",
    )
    add_customers(db, 1, flagged=False)
    sandbox.store.add_customer(email="person1@example.com", billing=address())
    sandbox.store.add_customer(email="guest@example.com", billing=address())
    summary = run(db)
    # The meta key is not set, so both stand for the default customer.
    assert summary.counts == {"linked": 2}
    assert MappingRepository(db).get("C00001").webstore_id is None


def test_auto_create_from_templates_per_country(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="new",
        push_customers="off",
        auto_create_unknown="on",
        customer_template_code="RETAIL",
        name_source="first_and_last_name",
    )
    templates = TemplateRepository(db)
    templates.save_template(CustomerTemplate("RETAIL", customer_posting_group="DOMESTIC"))
    templates.save_template(CustomerTemplate("EU", customer_posting_group="EU"))
    templates.save_country_template(CountryTemplate("DE", template_code="EU"))
    templates.save_country_template(CountryTemplate("FR", default_customer_no="C99"))
    sandbox.store.add_customer(email="us@example.com", billing=address())
    sandbox.store.add_customer(
        email="de@example.com",
        billing=address(country="", address_1="", city=""),
        shipping=address(country="DE", city="Berlin", phone="030 1234567"),
    )
    sandbox.store.add_customer(email="fr@example.com", billing=address(country="FR"))
    sandbox.store.add_customer(email="noaddress@example.com")
    summary = run(db)
    assert summary.counts == {"imported": 2, "linked": 1, "skipped": 1}
    repo = CustomerRepository(db)
    (us,) = repo.find_by_email("us@example.com")
    (de,) = repo.find_by_email("de@example.com")
    assert us.customer_posting_group == "DOMESTIC" and us.name == "Jane Doe"
    assert de.customer_posting_group == "EU" and de.city == "Berlin" and de.country_code == "DE"
    assert MappingRepository(db).get(de.no).webstore_id is not None
    assert repo.find_by_email("fr@example.com") == []


def test_store_changes_update_the_back_office_without_echo(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="all",
        store_can_update_customers="on",
        can_update_webstore_customers="on",
        name_source="first_and_last_name",
    )
    add_customers(db, 3)
    first = sync(db)
    assert first.counts == {"created": 3}
    sandbox.store.reset_request_log()
    second = sync(db)  # our own push is not seen as a store change
    assert second.ok and second.counts == {"unchanged": 6}
    assert sandbox.store.request_count("POST") == 0
    store_id = MappingRepository(db).get("C00002").webstore_id
    sandbox.store.update_customer_direct(store_id, billing={"city": "Capital City"})
    third = sync(db)
    assert third.counts.get("updated") == 1
    assert CustomerRepository(db).get("C00002").city == "Capital City"
    sandbox.store.reset_request_log()
    fourth = sync(db)  # the pulled change is not pushed back
    assert fourth.ok and sandbox.store.request_count("POST") == 0


def test_changed_on_both_sides_is_a_conflict_never_overwritten(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="all",
        store_can_update_customers="on",
        can_update_webstore_customers="on",
    )
    add_customers(db, 2)
    sync(db)
    store_id = MappingRepository(db).get("C00001").webstore_id
    sandbox.store.update_customer_direct(store_id, billing={"city": "Store City"})
    CustomerRepository(db).update("C00001", {"city": "Office City"})
    summary = sync(db)
    assert summary.counts.get("conflict") == 1 and not summary.ok
    assert CustomerRepository(db).get("C00001").city == "Office City"
    assert sandbox.store.get_customer(store_id)["billing"]["city"] == "Store City"
    (conflict,) = SyncLogRepository(db).open_conflicts()
    assert conflict["local_snapshot"]["city"] == "Office City"
    assert conflict["remote_snapshot"]["billing"]["city"] == "Store City"
    sides = {
        s.label: s
        for s in compare_sides(db, conflict["local_snapshot"], conflict["remote_snapshot"])
    }
    assert (sides["City"].back_office, sides["City"].store) == ("Office City", "Store City")
    # Only the city differs: the phone is E.164 in the store and "(212)555-0001" here.
    assert [label for label, side in sides.items() if side.differs] == ["City"]
    assert MappingRepository(db).get("C00001").status == MappingStatus.CONFLICT
    # Still listed on the next run, still nothing overwritten.
    assert sync(db).counts.get("conflict") == 1
    assert sandbox.store.get_customer(store_id)["billing"]["city"] == "Store City"

    eng = engine(db)
    outcome = eng.resolve_conflict(conflict["id"], "store")
    assert outcome.action == "updated"
    assert CustomerRepository(db).get("C00001").city == "Store City"
    assert SyncLogRepository(db).open_conflicts() == []
    assert sync(db).ok

    # The other way round: keep the back office.
    sandbox.store.update_customer_direct(store_id, billing={"city": "Again Store"})
    CustomerRepository(db).update("C00001", {"city": "Again Office"})
    sync(db)
    (conflict,) = SyncLogRepository(db).open_conflicts()
    eng.resolve_conflict(conflict["id"], "back_office")
    eng.client.close()
    assert sandbox.store.get_customer(store_id)["billing"]["city"] == "Again Office"
    assert sync(db).ok


def test_poisoned_page_is_split_and_the_bad_record_skipped(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, pull_customers="new", push_customers="off")
    add_customers(db, 230, flagged=False)
    ids = [
        sandbox.store.add_customer(email=f"person{n}@example.com", billing=address())["id"]
        for n in range(1, 231)
    ]
    bad = ids[137]
    sandbox.store.poison(bad)
    summary = run(db)
    assert summary.status == "done"
    assert summary.counts == {"linked": 229, "failed": 1}
    (entry,) = SyncLogRepository(db).entries(summary.run_id, errors_only=True)
    assert entry["webstore_id"] == bad and "cannot read" in entry["reason"]
    assert MappingRepository(db).by_webstore_id(bad) is None
    # 3 pages + the split of the bad one (2 + 2 + 5 + 5 + one id probe) — not one per record.
    assert summary.requests < 25


def test_suggest_and_apply(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, push_customers="off")
    repo = CustomerRepository(db)
    for no, fields in {
        "C1": {"email": "meta@local.example"},
        "C2": {"email": "mail@example.com"},
        "C3": {"email": "c3@local.example", "phone": "(212)555-0303"},
        "C4": {"email": "c4@local.example", "name": "Jane Doe", "city": "Albany"},
        "C5": {"email": "c5@local.example", "name": "Twin Name", "city": "Albany"},
        "C6": {"email": "c6@local.example", "name": "Twin Name", "city": "Albany"},
    }.items():
        repo.create(Customer(no=no, country_code="US", **fields))
    meta = sandbox.store.add_customer(
        email="x@store.example", meta_data=[{"key": "wcconnector_customer_no", "value": "C1"}]
    )
    mail = sandbox.store.add_customer(email="MAIL@example.com")
    phone = sandbox.store.add_customer(email="p@store.example", billing=address(phone="2125550303"))
    name = sandbox.store.add_customer(email="n@store.example", billing=address())
    sandbox.store.add_customer(
        email="t@store.example", billing=address(first_name="Twin", last_name="Name")
    )
    eng = engine(db)
    found = {s.customer_no: s for s in eng.suggest()}
    assert found["C1"].webstore_id == meta["id"] and found["C1"].score == 100
    assert found["C2"].webstore_id == mail["id"] and "e-mail" in found["C2"].reason
    assert found["C3"].webstore_id == phone["id"] and "phone" in found["C3"].reason
    assert found["C4"].webstore_id == name["id"] and "name" in found["C4"].reason
    assert found["C5"].ambiguous and found["C6"].ambiguous
    assert not any(s.ambiguous for no, s in found.items() if no < "C5")
    assert eng.apply_suggestions(list(found.values())) == 4
    assert MappingRepository(db).get("C5").webstore_id is None
    assert MappingRepository(db).get("C2").webstore_id == mail["id"]
    assert eng.suggest(refresh=False) == [
        s for s in eng.suggest(refresh=False) if isinstance(s, Suggestion)
    ]
    eng.client.close()


def test_link_webstore_id_is_checked(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    add_customers(db, 2, flagged=False)
    store = sandbox.store.add_customer(email="linked@example.com")
    eng = engine(db)
    with pytest.raises(SyncError, match="has no customer with ID 999"):
        eng.link_webstore_id("C00001", 999)
    eng.link_webstore_id("C00001", store["id"])
    with pytest.raises(SyncError, match="already mapped to customer C00001"):
        eng.link_webstore_id("C00002", store["id"])
    mapping = MappingRepository(db).get("C00001")
    assert mapping.webstore_id == store["id"] and mapping.username == store["username"]
    # Linked, then pushed: the store record takes the back-office data.
    summary = eng.run(SyncOptions(customer_nos=["C00001"]))
    eng.client.close()
    assert summary.counts == {"updated": 1}
    assert sandbox.store.get_customer(store["id"])["email"] == "person1@example.com"


def test_import_selected_webstore_customers(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, customer_template_code="RETAIL", name_source="first_and_last_name")
    TemplateRepository(db).save_template(CustomerTemplate("RETAIL", payment_terms_code="14D"))
    a = sandbox.store.add_customer(email="a@store.example", billing=address())
    b = sandbox.store.add_customer(email="b@store.example", billing=address(first_name="Bo"))
    eng = engine(db)
    outcomes = eng.import_webstore_customers([a["id"], b["id"], 4242])
    assert [o.action for o in outcomes] == ["imported", "imported", "failed"]
    again = eng.import_webstore_customers([a["id"]])
    eng.client.close()
    assert again[0].action == "unchanged"
    (imported,) = CustomerRepository(db).find_by_email("b@store.example")
    assert imported.name == "Bo Doe" and imported.payment_terms_code == "14D"
    assert MappingRepository(db).get(imported.no).webstore_id == b["id"]


def test_a_scan_failing_midway_keeps_the_pages_already_handled(db: Any, sandbox: Any) -> None:
    configure(
        db,
        sandbox,
        pull_customers="new",
        push_customers="off",
        auto_create_unknown="on",
        customer_template_code="RETAIL",
    )
    TemplateRepository(db).save_template(CustomerTemplate("RETAIL"))
    for n in range(1, 1201):
        sandbox.store.add_customer(email=f"s{n}@example.com", billing=address())
    pages: list[Any] = []

    def progress(report: Any) -> None:
        pages.append(report)
        if len(pages) == 3:  # the store starts answering HTML mid-scan (pages are in a group)
            sandbox.store.set_fault("html", methods=["GET"])

    eng = engine(db, progress=progress)
    try:
        summary = eng.run(PULL)
    finally:
        eng.client.close()
    assert summary.status == "failed"
    imported = CustomerRepository(db).count()
    # Whole pages only (the first page also holds the shop's administrator).
    assert 199 <= imported < 1200 and (imported + 1) % 100 == 0
    assert len(MappingRepository(db).all()) == imported  # committed with their mappings


def test_a_conflict_without_a_store_copy_has_nothing_to_compare(db: Any) -> None:
    assert compare_sides(db, {"no": "C1", "city": "Lyon"}, {}) == []
