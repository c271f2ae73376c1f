"""Only customer accounts (and the roles the setup adds) become back-office customers."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.domain.setup import SetupError, parse_setting
from wcconnector_gui.domain.templates import CustomerTemplate
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.sync.errors import SyncError

BILLING = {"first_name": "Jane", "last_name": "Doe", "address_1": "1 Main St", "city": "Albany",
           "postcode": "12207", "country": "US"}  # fmt: skip


def _with_template(db: Any, sandbox: Any, **settings: str) -> None:
    configure(db, sandbox, customer_template_code="RETAIL", **settings)
    TemplateRepository(db).save_template(CustomerTemplate("RETAIL"))


def test_the_setting_takes_roles_but_never_shop_staff() -> None:
    assert parse_setting("customer_roles", " Customer,subscriber ") == "customer, subscriber"
    for text in ("customer, administrator", "shop_manager", "", "cust omer!"):
        with pytest.raises(SetupError):
            parse_setting("customer_roles", text)


def test_import_selected_refuses_other_roles_in_plain_words(db: Any, sandbox: Any) -> None:
    _with_template(db, sandbox)
    admin = sandbox.store.add_customer(email="boss@shop.example", role="administrator",
                                       billing=BILLING)  # fmt: skip
    member = sandbox.store.add_customer(email="s@shop.example", role="subscriber", billing=BILLING)
    buyer = sandbox.store.add_customer(email="b@shop.example", billing=BILLING)
    eng = engine(db)
    outcomes = eng.import_webstore_customers([admin["id"], member["id"], buyer["id"]])
    eng.client.close()
    assert [o.action for o in outcomes] == ["skipped", "skipped", "imported"]
    assert f"store account {admin['id']} has the role administrator" in outcomes[0].reason
    assert "only accounts with the role customer" in outcomes[1].reason
    assert CustomerRepository(db).find_by_email("boss@shop.example") == []

    _with_template(db, sandbox, customer_roles="customer, subscriber")
    eng = engine(db)
    (again,) = eng.import_webstore_customers([member["id"]])
    eng.client.close()
    assert again.action == "imported"


def test_linking_an_administrator_by_webstore_id_is_refused(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 1, flagged=False)
    admin = sandbox.store.add_customer(email="boss@shop.example", role="shop_manager")
    eng = engine(db)
    with pytest.raises(SyncError, match="has the role shop_manager"):
        eng.link_webstore_id("C00001", admin["id"])
    eng.client.close()
    assert MappingRepository(db).get("C00001").webstore_id is None


def test_pull_and_suggest_leave_other_roles_alone(db: Any, sandbox: Any) -> None:
    _with_template(db, sandbox, pull_customers="all", push_customers="off",
                   auto_create_unknown="on")  # fmt: skip
    add_customers(db, 1, flagged=False)  # person1@example.com
    sandbox.store.add_customer(email="person1@example.com", role="administrator", billing=BILLING)
    sandbox.store.add_customer(email="s@shop.example", role="subscriber", billing=BILLING)
    sandbox.store.add_customer(email="b@shop.example", billing=BILLING)
    summary = sync(db)
    assert summary.counts == {"imported": 1}  # the customer; not the subscriber nor staff
    assert MappingRepository(db).get("C00001").webstore_id is None
    eng = engine(db)
    assert eng.suggest(refresh=False) == []  # the admin shares C00001's e-mail: not proposed
    eng.client.close()
