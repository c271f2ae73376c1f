"""Fixtures for the window tests: a small database of customers and mappings."""

from __future__ import annotations

import pytest

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def filled_db(db):  # type: ignore[no-untyped-def]
    """Five customers; C00020 is already mapped to store customer 7."""
    customers = CustomerRepository(db)
    people = [
        ("C00010", "Müller GmbH", "info@mueller.de"),
        ("C00020", "Dupont SARL", "contact@dupont.fr"),
        ("C00030", "Kowalski Sp. z o.o.", "biuro@kowalski.pl"),
        ("C00040", "Broken Mail Ltd", "not-an-email"),
        ("C00050", "Παπαδόπουλος", "info@papadopoulos.gr"),
    ]
    for no, name, email in people:
        customers.create(Customer(no=no, name=name, email=email, country_code="DE"))
    MappingRepository(db).update("C00020", webstore_id=7, username="dupont", webstore_customer=True)
    return db
