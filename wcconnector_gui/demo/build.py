"""The ``--demo`` data: a fresh database and a sandbox store, both filled with samples.

Qt-free. The database gets ~200 back-office customers from many countries and
scripts, a few deliberately invalid (bad e-mail, bad country code, unparseable
or duplicate phone) so validation has something to say, most of them flagged
as Webstore Customers, plus templates and counties. The sandbox store gets ~150
customers, some matching back-office customers by e-mail, phone or name (so
Suggest Mapping has work), some with the role subscriber (left alone unless
Setup adds it to Store Roles Taken as Customers). A second store ("Demo Shop
CA", its own sandbox) shows several stores: a smaller store with its own mappings
for some of the same back-office customers. Credentials are kept for this session
only: the demo never touches the user's keyring.
"""

from __future__ import annotations

import logging
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.demo.samples import COUNTIES, DemoPerson, ascii_fold, people_sample
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import AuthMode, PullMode, Setup
from wcconnector_gui.domain.templates import CountryTemplate, County, CustomerTemplate
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup, save_settings, save_setup, store_id
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.templates import TemplateRepository

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 200
DEMO_STORE_CUSTOMERS = 150
DEMO_STORE_NAMES = ("Demo Shop", "Demo Shop CA")
# The second store: fewer store customers, and every fourth back-office customer ticked.
DEMO_SECOND_STORE_CUSTOMERS = 40


def build_demo_database(
    db_path: Path, *, customers: int = DEMO_CUSTOMERS, seed: int = 7
) -> list[DemoPerson]:
    """Create and fill a demo database at ``db_path``; returns the people behind it."""
    rng = random.Random(seed)
    people = people_sample(customers, rng)
    db = open_database(db_path)
    try:
        repo = CustomerRepository(db)
        stores = StoreRepository(db)
        first = stores.all()[0].id  # the one store of a new database
        mappings = MappingRepository(db, first)
        with db.atomic():
            for number, person in enumerate(people):
                name = person.company or f"{person.first} {person.last}"
                customer = Customer(
                    name=name,
                    contact=f"{person.first} {person.last}" if person.company else "",
                    address=person.street,
                    city=person.city,
                    post_code=person.post_code,
                    county=person.county,
                    country_code=person.country.code,
                    phone=person.phone,
                    email=person.email,
                    customer_posting_group="DOMESTIC" if person.country.code == "DE" else "FOREIGN",
                    gen_bus_posting_group="DOMESTIC" if person.country.code == "DE" else "EXPORT",
                    payment_terms_code="14 DAYS",
                )
                # Some invalid on purpose, so the validation has something to show.
                if number == 3:
                    customer.email = "info(at)example.de"
                elif number == 11:
                    customer.country_code = "UK"  # not ISO 3166-1 (that is GB)
                elif number == 17:
                    customer.phone = "call after 5 pm"
                elif number == 23:
                    customer.phone = people[5].phone  # the same phone as customer 6
                elif number == 29:
                    customer.email = "missing-at.example.com"
                stored = repo.create(customer)
                flagged = rng.random() < 0.85
                username = ascii_fold(f"{person.first}{person.last}").lower()[:16]
                username = f"{username}{number}" if flagged and username else ""
                if flagged and rng.random() < 0.5:
                    username = ""  # the store generates one
                mappings.update(stored.no, webstore_customer=flagged, username=username)
        templates = TemplateRepository(db)
        templates.save_template(
            CustomerTemplate(
                code="DOMESTIC",
                description="Customers in Germany",
                customer_posting_group="DOMESTIC",
                gen_bus_posting_group="DOMESTIC",
                vat_bus_posting_group="DOMESTIC",
                payment_terms_code="14 DAYS",
                country_code="DE",
            )
        )
        templates.save_template(
            CustomerTemplate(
                code="EU",
                description="Customers in the EU",
                customer_posting_group="FOREIGN",
                gen_bus_posting_group="EU",
                vat_bus_posting_group="EU",
                payment_terms_code="30 DAYS",
            )
        )
        templates.save_template(
            CustomerTemplate(
                code="EXPORT",
                description="Customers outside the EU",
                customer_posting_group="FOREIGN",
                gen_bus_posting_group="EXPORT",
                vat_bus_posting_group="EXPORT",
                payment_terms_code="PREPAID",
            )
        )
        for country, template in (("DE", "DOMESTIC"), ("FR", "EU"), ("PL", "EU"), ("US", "EXPORT")):
            templates.save_country_template(
                CountryTemplate(country_code=country, template_code=template)
            )
        for country, code, name in COUNTIES:
            templates.save_county(County(country, code, name))
        setup = Setup(
            push_customers=True,
            can_update_webstore_customers=True,
            pull_customers=PullMode.ALL,
            store_can_update_customers=True,
            auto_create_unknown=False,
            customer_template_code="EU",
            # Edits of linked customers go out by themselves; new store accounts
            # (each e-mailed by WooCommerce) only when Synchronize asks first.
            push_automatically=True,
            create_accounts_automatically=False,
            auth=AuthMode.OAUTH1,
        )
        stores.rename(first, DEMO_STORE_NAMES[0])
        save_setup(db, setup, first)
        second = stores.add(DEMO_STORE_NAMES[1]).id
        save_setup(db, setup, second)
        second_mappings = MappingRepository(db, second)
        with db.atomic():
            for no in CustomerRepository(db).all_nos()[::4]:
                second_mappings.update(no, webstore_customer=True)
    finally:
        db.close()
    return people


def _store_record(person: DemoPerson, email: str, role: str = "customer") -> dict[str, Any]:
    return {
        "email": email,
        "first_name": person.first,
        "last_name": person.last,
        "role": role,
        "billing": {
            "first_name": person.first,
            "last_name": person.last,
            "company": person.company,
            "address_1": person.street,
            "city": person.city,
            "postcode": person.post_code,
            "state": person.county,
            "country": person.country.code,
            "phone": person.phone,
            "email": email,
        },
    }


def second_store_customers(
    people: list[DemoPerson], *, count: int = DEMO_SECOND_STORE_CUSTOMERS, seed: int = 13
) -> list[dict[str, Any]]:
    """The second demo store: some of the back office's people by e-mail, the rest its own."""
    rng = random.Random(seed)
    result = [_store_record(person, person.email) for person in people[2::10]]
    extra = people_sample(max(0, count - len(result)), rng)
    for number, person in enumerate(extra):
        result.append(
            _store_record(person, f"ca.{ascii_fold(person.last).lower()}{number}@shop.example")
        )
    return result


def demo_store_customers(
    people: list[DemoPerson], *, count: int = DEMO_STORE_CUSTOMERS, seed: int = 11
) -> list[dict[str, Any]]:
    """Store customers for the sandbox: overlaps with ``people`` plus store-only ones."""
    rng = random.Random(seed)
    result: list[dict[str, Any]] = []
    # Same e-mail (30), same phone with another e-mail (8), same name and city (8).
    for person in people[40:70]:
        result.append(_store_record(person, person.email))
    for number, person in enumerate(people[70:78]):
        result.append(_store_record(person, f"shop.buyer{number}@mail.example"))
    for number, person in enumerate(people[78:86]):
        record = _store_record(person, f"namesake{number}@mail.example")
        record["billing"]["phone"] = ""
        result.append(record)
    # Two store customers that both look like the same back-office customer: ambiguous.
    twin = people[86]
    for number in range(2):
        record = _store_record(twin, f"twin{number}@mail.example")
        record["billing"]["phone"] = ""
        result.append(record)
    # Store-only customers (what a pull would bring in), some of them subscribers (not
    # pulled while Setup takes only the role customer).
    extra = people_sample(count - len(result), rng)
    for number, person in enumerate(extra):
        role = "subscriber" if number % 9 == 0 else "customer"
        result.append(
            _store_record(
                person, f"web.{ascii_fold(person.last).lower()}{number}@shop.example", role
            )
        )
    return result


@dataclass
class DemoSession:
    """A running demo: its temp directory, database and sandbox stores (one per store)."""

    directory: Path
    db_path: Path
    sandbox: Any
    people: list[DemoPerson] = field(default_factory=list)
    second_sandbox: Any = None

    def stop(self) -> None:
        """Stop the sandboxes and remove the demo files."""
        try:
            self.sandbox.stop()
            if self.second_sandbox is not None:
                self.second_sandbox.stop()
        finally:
            keyring_store.reset_session_secrets()
            shutil.rmtree(self.directory, ignore_errors=True)


def start_demo(directory: Path | None = None, *, link: int = 12) -> DemoSession:
    """Build a fresh demo database, start a filled sandbox store, and connect them.

    ``link`` back-office customers are linked to store customers (through the
    engine, as typing a Webstore ID would), so the grid shows mapped rows at once.
    """
    from wcconnector_gui.sandbox.process import start_sandbox_process

    base = Path(tempfile.mkdtemp(prefix="wcconnector-demo-")) if directory is None else directory
    db_path = base / "demo.db"
    people = build_demo_database(db_path)
    # Its own process: a store on a thread here would share the GIL with the window.
    sandbox = start_sandbox_process(seed=0)
    second_sandbox = None
    try:
        second_sandbox = start_sandbox_process(seed=0)
        created = [sandbox.store.add_customer(**fields) for fields in demo_store_customers(people)]
        for fields in second_store_customers(people):
            second_sandbox.store.add_customer(**fields)
        keyring_store.use_session_only(True)
        db = open_database(db_path)
        try:
            stores = StoreRepository(db).all()
            for store, running in zip(stores, (sandbox, second_sandbox), strict=True):
                save_settings(db, {"store_url": running.url}, store.id)
                sid = store_id(db, store.id)
                keyring_store.set_secret(keyring_store.consumer_key_name(sid), running.consumer_key)
                keyring_store.set_secret(
                    keyring_store.consumer_secret_name(sid), running.consumer_secret
                )
            first = stores[0].id
            if link:
                linked = _link_some(db, first, load_setup(db, first), people, created, link)
                _make_conflicts(db, sandbox.store, linked[:2])
        finally:
            db.close()
    except BaseException:
        sandbox.stop()
        if second_sandbox is not None:
            second_sandbox.stop()
        raise
    log.info("demo ready: %s, stores %s and %s", db_path, sandbox.url, second_sandbox.url)
    return DemoSession(base, db_path, sandbox, people, second_sandbox)


def _link_some(
    db: Any,
    store: int,
    setup: Setup,
    people: list[DemoPerson],
    created: list[dict[str, Any]],
    count: int,
) -> list[tuple[str, int]]:
    """Link ``count`` customers to their store twins; returns (customer No., Webstore ID)."""
    from wcconnector_gui.sync.connection import make_client
    from wcconnector_gui.sync.engine import SyncEngine

    by_email = {str(c.get("email", "")).lower(): int(c["id"]) for c in created}
    nos = CustomerRepository(db).all_nos()
    client = make_client(db, setup, store)
    try:
        engine = SyncEngine(db, client, setup, store=store)
        linked: list[tuple[str, int]] = []
        for number, person in enumerate(people):
            store_id_ = by_email.get(person.email.lower())
            if store_id_ is None or number >= len(nos):
                continue
            engine.link_webstore_id(nos[number], store_id_)
            linked.append((nos[number], store_id_))
            if len(linked) >= count:
                break
    finally:
        client.close()
    return linked


def _make_conflicts(db: Any, store: Any, linked: list[tuple[str, int]]) -> None:
    """Change a few linked customers on both sides, so the first sync finds conflicts."""
    repo = CustomerRepository(db)
    for customer_no, webstore_id in linked:
        customer = repo.get(customer_no)
        repo.update(customer_no, {"address_2": "Gebäude B"})
        current = store.get_customer(webstore_id) or {}
        billing = dict(current.get("billing") or {})
        billing["address_2"] = "Hinterhaus"
        billing["phone"] = customer.phone
        store.update_customer_direct(webstore_id, billing=billing)
