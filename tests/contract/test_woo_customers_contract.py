"""Customer endpoints as measured on WooCommerce 11, seen through WooClient over loopback HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import WooApiError, WooNotFound

ClientFactory = Callable[..., WooClient]


@pytest.fixture
def client(sandbox: Any, make_client: ClientFactory) -> WooClient:
    return make_client(sandbox)


def test_create_answers_the_measured_fields_and_never_the_password(client: WooClient) -> None:
    created = client.create_customer(
        {
            "email": "anna@example.com",
            "first_name": "Anna",
            "last_name": "Berg",
            "password": "s3cret-Passw0rd",
            "billing": {"city": "Berlin", "country": "DE"},
            "meta_data": [{"key": "wcconnector_customer_no", "value": "C00010"}],
        }
    )
    assert created["id"] > 0
    assert created["role"] == "customer"
    assert created["username"] == "anna"  # the e-mail's local part, generated
    assert "password" not in created
    for name in ("date_created_gmt", "date_modified_gmt", "billing", "shipping", "meta_data"):
        assert name in created
    assert created["meta_data"][0]["key"] == "wcconnector_customer_no"


def test_unknown_id_is_404_wc_user_invalid_id(client: WooClient) -> None:
    for call in (
        lambda: client.get_customer(999_999),
        lambda: client.update_customer(999_999, {"first_name": "X"}),
    ):
        with pytest.raises(WooNotFound) as caught:
            call()
        assert caught.value.code == "wc_user_invalid_id"


@pytest.mark.parametrize("role", ["customer", "administrator", "subscriber"])
def test_duplicate_email_any_case_any_role(sandbox: Any, client: WooClient, role: str) -> None:
    sandbox.store.add_customer(email="taken@example.com", role=role)
    with pytest.raises(WooApiError) as caught:
        client.create_customer({"email": "TAKEN@Example.com"})
    assert (caught.value.status, caught.value.code) == (400, "registration-error-email-exists")
    assert "TAKEN@Example.com" in caught.value.api_message


def test_username_is_immutable(client: WooClient) -> None:
    created = client.create_customer({"email": "u@example.com", "username": "first.user"})
    assert client.update_customer(created["id"], {"username": "first.user"})["id"] == created["id"]
    with pytest.raises(WooApiError) as caught:
        client.update_customer(created["id"], {"username": "other.user"})
    assert caught.value.code == "woocommerce_rest_customer_invalid_argument"
    assert caught.value.api_message == "Username isn't editable."


def test_delete_needs_force(client: WooClient) -> None:
    created = client.create_customer({"email": "gone@example.com"})
    with pytest.raises(WooApiError) as caught:
        client.delete_customer(created["id"], force=False)
    assert (caught.value.status, caught.value.code) == (501, "woocommerce_rest_trash_not_supported")
    assert client.delete_customer(created["id"])["email"] == "gone@example.com"
    with pytest.raises(WooNotFound):
        client.delete_customer(created["id"])


def test_per_page_bounds(client: WooClient) -> None:
    with pytest.raises(ValueError):
        client.list_customers(per_page=101)
    # What the store itself says when asked anyway.
    with pytest.raises(WooApiError) as caught:
        client.list_customers(extra={"per_page": "101"})
    assert (caught.value.status, caught.value.code) == (400, "rest_invalid_param")


def test_orderby_date_modified_is_refused(client: WooClient) -> None:
    with pytest.raises(WooApiError) as caught:
        client.list_customers(orderby="date_modified")
    assert caught.value.code == "rest_invalid_param"


def test_role_customer_hides_other_roles_all_shows_them(sandbox: Any, client: WooClient) -> None:
    sandbox.store.add_customer(email="boss@example.com", role="administrator")
    sandbox.store.add_customer(email="buyer@example.com")
    only_customers = {c["email"] for c in client.list_customers(role="customer").items}
    everyone = {c["email"] for c in client.list_customers(role="all").items}
    assert "boss@example.com" not in only_customers
    assert {"boss@example.com", "buyer@example.com"} <= everyone


def test_email_lookup_is_exact_case_insensitive_and_all_roles(
    sandbox: Any, client: WooClient
) -> None:
    sandbox.store.add_customer(email="Boss@Example.com", role="administrator")
    sandbox.store.add_customer(email="boss@example.co")
    found = client.find_customers_by_email("boss@EXAMPLE.com")
    assert [c["email"].lower() for c in found] == ["boss@example.com"]
    assert client.find_customers_by_email("nobody@example.com") == []
    with pytest.raises(WooApiError) as caught:
        client.find_customers_by_email("not an e-mail")
    assert caught.value.code == "rest_invalid_param"


def test_pagination_headers(sandbox: Any, client: WooClient) -> None:
    for i in range(25):
        sandbox.store.add_customer(email=f"p{i:02d}@example.com")
    # role="customer": the sandbox, like a real shop, also has its administrator.
    first = client.list_customers(per_page=10, role="customer")
    assert (first.total, first.total_pages, len(first.items)) == (25, 3, 10)
    last = client.list_customers(per_page=10, page=3, role="customer")
    assert len(last.items) == 5
    past = client.list_customers(per_page=10, page=4, role="customer")
    assert (past.items, past.total, past.total_pages) == ([], 25, 3)
    pages = client.iter_customers(per_page=10, role="customer")
    ids = [c["id"] for page in pages for c in page.items]
    assert ids == sorted(ids) and len(ids) == 25


def test_fields_are_honored(sandbox: Any, client: WooClient) -> None:
    sandbox.store.add_customer(email="f@example.com", first_name="F")
    item = client.list_customers(fields=["id", "email", "date_modified_gmt"]).items[0]
    assert set(item) == {"id", "email", "date_modified_gmt"}


def test_ten_thousand_customers_in_exactly_one_hundred_requests(
    sandbox: Any, client: WooClient
) -> None:
    for i in range(10_000):
        sandbox.store.add_customer(email=f"bulk{i:05d}@example.com")
    sandbox.store.reset_request_log()
    pages = client.iter_customers(role="customer")  # the shop's administrator left out
    seen = [c["id"] for page in pages for c in page.items]
    assert len(seen) == len(set(seen)) == 10_000
    assert client.request_count == 100
    assert client.requests_by_method == {"GET": 100}
