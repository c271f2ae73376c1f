"""Read models of the window's lists, and the chunked IN query they share with repositories."""

from __future__ import annotations

import pytest

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import IN_CHUNK, rows_in
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.read_models import (
    MAPPING_GRID_COLUMNS,
    customer_list,
    mapping_grid_rows,
    webstore_customer_list,
)
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository


def _customers(db, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    repo = CustomerRepository(db)
    with db.atomic():
        created = repo.create_many(
            [Customer(name=f"Kunde {n}", email=f"k{n}@example.de") for n in range(count)]
        )
    return [c.no for c in created]


def test_rows_in_spans_chunks_and_keeps_every_row(db) -> None:
    nos = _customers(db, IN_CHUNK * 2 + 3)
    wanted = nos[::-1] + ["C99999990"]  # one unknown No. finds nothing
    found = list(rows_in(db, "SELECT no FROM customers WHERE no IN ({marks})", wanted))
    assert sorted(r[0] for r in found) == sorted(nos)
    as_dicts = list(
        rows_in(db, "SELECT no, name FROM customers WHERE no IN ({marks})", nos[:2], as_dicts=True)
    )
    assert {d["no"] for d in as_dicts} == set(nos[:2])
    assert list(rows_in(db, "SELECT no FROM customers WHERE no IN ({marks})", [])) == []
    # Parameters before the marks are bound in every chunk.
    sql = "SELECT no FROM customers WHERE name LIKE ? AND no IN ({marks})"
    kunde_1 = list(rows_in(db, sql, nos, params=["Kunde 1%"]))
    assert sorted(r[0] for r in kunde_1) == sorted(
        no for n, no in enumerate(nos) if str(n).startswith("1")
    )


def test_mapping_grid_rows_are_ready_to_show(db) -> None:
    first, second, third = _customers(db, 3)
    MappingRepository(db).update(second, webstore_id=7, username="dupont", webstore_customer=True)
    rows = {r[0]: dict(zip(MAPPING_GRID_COLUMNS, r, strict=True)) for r in mapping_grid_rows(db)}
    assert list(rows) == [first, second, third]  # ordered by No.
    # A customer without a mapping row gets the defaults, not NULLs.
    assert rows[first] == {
        "no": first,
        "name": "Kunde 0",
        "email": "k0@example.de",
        "username": "",
        "password_pending": 0,
        "webstore_customer": 0,
        "webstore_id": None,
        "status": "",
        "last_error": "",
        "last_synced_at": "",
    }
    assert rows[second]["webstore_id"] == 7
    assert rows[second]["username"] == "dupont"
    assert [r[0] for r in mapping_grid_rows(db, [third, first])] == [first, third]


def test_customer_list_reads_only_known_columns(db) -> None:
    nos = _customers(db, 2)
    assert [r["no"] for r in customer_list(db)] == nos
    assert customer_list(db, ["no", "email"])[1] == {"no": nos[1], "email": "k1@example.de"}
    with pytest.raises(ValueError, match="not a customer column: password"):
        customer_list(db, ["no", "password"])


def test_webstore_customer_list_says_which_customer_each_is_mapped_to(db) -> None:
    (no,) = _customers(db, 1)
    WebstoreCustomerRepository(db).upsert_many(
        [
            WebstoreCustomer(id=5, email="a@example.de", billing={"city": "Köln"}),
            WebstoreCustomer(id=9, email="b@example.de", billing={"company": "B GmbH"}),
        ]
    )
    MappingRepository(db).update(no, webstore_id=9)
    records = webstore_customer_list(db)
    assert [(r["id"], r["customer_no"]) for r in records] == [(5, None), (9, no)]
    assert records[0]["city"] == "Köln"
    assert records[1]["company"] == "B GmbH"
