"""The --demo data builder (Qt-free)."""

from __future__ import annotations

import re

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.demo.build import (
    DEMO_CUSTOMERS,
    DEMO_STORE_CUSTOMERS,
    build_demo_database,
    demo_store_customers,
    start_demo,
)
from wcconnector_gui.domain.setup import AuthMode, PullMode
from wcconnector_gui.domain.validation import country_problem, email_problem
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.templates import TemplateRepository


def test_demo_database_has_varied_and_some_invalid_customers(tmp_path) -> None:
    path = tmp_path / "demo.db"
    people = build_demo_database(path)
    assert len(people) == DEMO_CUSTOMERS
    db = open_database(path)
    customers = list(CustomerRepository(db).iter_all())
    assert len(customers) == DEMO_CUSTOMERS
    names = " ".join(c.name for c in customers)
    for pattern in (
        "[äöüß]",
        "[éèêç]",
        "[łżąę]",
        "[α-ω]",
        "[\u3040-\u30ff\u4e00-\u9fff]",
        "[а-яі]",
    ):
        assert re.search(pattern, names, re.IGNORECASE), pattern
    assert any(email_problem(c.email) for c in customers)
    assert any(country_problem(c.country_code) for c in customers)
    assert any(not c.phone.startswith("+") for c in customers)
    phones = [c.phone for c in customers]
    assert len(phones) != len(set(phones))  # a duplicate phone on purpose
    flagged = [m for m in MappingRepository(db, 1).all() if m.webstore_customer]
    assert len(flagged) > DEMO_CUSTOMERS // 2
    templates = TemplateRepository(db)
    assert templates.list_templates() and templates.list_country_templates()
    assert templates.list_counties()
    setup = load_setup(db, 1)
    assert setup.push_customers and setup.can_update_webstore_customers
    assert setup.pull_customers == PullMode.ALL and setup.auth == AuthMode.OAUTH1
    db.close()


def test_store_customers_overlap_by_email_and_include_subscribers(tmp_path) -> None:
    people = build_demo_database(tmp_path / "demo.db")
    store = demo_store_customers(people)
    assert len(store) == DEMO_STORE_CUSTOMERS
    emails = {p.email for p in people}
    assert sum(1 for s in store if s["email"] in emails) >= 20
    phones = {p.phone for p in people}
    assert any(s["email"] not in emails and s["billing"]["phone"] in phones for s in store)
    assert any(s["role"] == "subscriber" for s in store)
    assert len({s["email"] for s in store}) == len(store)


def test_start_demo_uses_session_only_secrets_and_cleans_up(memory_keyring) -> None:
    session = start_demo()
    try:
        assert keyring_store.is_session_only()
        assert memory_keyring.entries == {}  # the user's keyring is untouched
        db = open_database(session.db_path)
        stores = StoreRepository(db).all()
        assert [s.name for s in stores] == ["Demo Shop", "Demo Shop CA"]  # two sandbox stores
        first, second = (s.id for s in stores)
        assert load_setup(db, first).store_url == session.sandbox.url
        assert load_setup(db, second).store_url == session.second_sandbox.url
        linked = [m for m in MappingRepository(db, first).all() if m.webstore_id is not None]
        assert linked
        flagged, _ = MappingRepository(db, second).count_flagged_and_linked()
        assert 0 < flagged < len(MappingRepository(db, first).all())
        assert session.second_sandbox.store.count(role=None) >= 40
        db.close()
        assert session.sandbox.store.count(role=None) >= DEMO_STORE_CUSTOMERS
    finally:
        session.stop()
    assert not session.directory.exists()
    assert not keyring_store.is_session_only()
