"""Back-office customers: CRUD and the number series."""

from __future__ import annotations

import pytest

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.storage.customers import (
    CustomerNotFound,
    CustomerRepository,
    DuplicateCustomerNo,
)


def test_create_read_update_delete(db) -> None:
    repo = CustomerRepository(db)
    created = repo.create(Customer(name="Anna Müller", email="anna@example.de"))
    assert created.no == "C00010"
    assert created.created_at == created.modified_at
    assert repo.get("C00010").name == "Anna Müller"

    updated = repo.update("C00010", {"city": "Köln"})
    assert updated.city == "Köln"
    assert updated.modified_at > created.modified_at
    assert repo.update("C00010", {"city": "Köln"}).modified_at == updated.modified_at

    repo.delete("C00010")
    with pytest.raises(CustomerNotFound):
        repo.get("C00010")


def test_number_series_skips_numbers_already_taken(db) -> None:
    repo = CustomerRepository(db)
    repo.create(Customer(no="C00020", name="typed by hand"))
    assert repo.create(Customer(name="a")).no == "C00010"
    assert repo.create(Customer(name="b")).no == "C00030"


def test_duplicate_no_is_refused(db) -> None:
    repo = CustomerRepository(db)
    repo.create(Customer(no="K1", name="a"))
    with pytest.raises(DuplicateCustomerNo):
        repo.create(Customer(no="K1", name="b"))


def test_update_refuses_unknown_fields(db) -> None:
    repo = CustomerRepository(db)
    repo.create(Customer(no="K1"))
    with pytest.raises(ValueError):
        repo.update("K1", {"no": "K2"})
    with pytest.raises(ValueError):
        repo.update("K1", {"colour": "red"})


def test_find_by_email_ignores_case(db) -> None:
    repo = CustomerRepository(db)
    repo.create(Customer(no="K1", email="Anna@Example.de"))
    assert [c.no for c in repo.find_by_email("anna@example.DE")] == ["K1"]
