"""The client against the sandbox's injected faults (lost answers, 5xx, 429, junk, slow drip)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import (
    PERMALINKS_SENTENCE,
    WooApiError,
    WooBadResponse,
    WooOutcomeUnknown,
    WooTimeout,
)

ClientFactory = Callable[..., WooClient]


@pytest.fixture
def client(sandbox: Any, make_client: ClientFactory) -> WooClient:
    return make_client(sandbox)


def test_lost_answer_of_a_create_is_unknown_and_the_customer_exists(
    sandbox: Any, client: WooClient, fake_sleep: Any
) -> None:
    sandbox.store.set_fault("lost_response", count=1, methods=["POST"])
    with pytest.raises(WooOutcomeUnknown):
        client.create_customer({"email": "lost@example.com"})
    assert client.requests_by_method == {"POST": 1}  # not retried blindly
    assert fake_sleep.waits == []
    found = client.find_customers_by_email("lost@example.com")
    assert len(found) == 1


def test_lost_answer_of_a_batch_create_marks_the_items_unknown(
    sandbox: Any, client: WooClient
) -> None:
    sandbox.store.set_fault("lost_response", count=1, path_contains="batch")
    result = client.batch_customers(
        create=[{"email": "x1@example.com"}, {"email": "x2@example.com"}],
        update=[],
    )
    assert all(isinstance(item.error, WooOutcomeUnknown) for item in result.create)
    assert len(client.find_customers_by_email("x1@example.com")) == 1


def test_lost_answer_of_an_update_is_retried(
    sandbox: Any, client: WooClient, fake_sleep: Any
) -> None:
    cid = sandbox.store.add_customer(email="u@example.com")["id"]
    sandbox.store.set_fault("lost_response", count=1, methods=["PUT"])
    assert client.update_customer(cid, {"first_name": "Uma"})["first_name"] == "Uma"
    assert client.requests_by_method == {"PUT": 2}
    assert len(fake_sleep.waits) == 1


def test_429_retry_after_is_honored(sandbox: Any, client: WooClient, fake_sleep: Any) -> None:
    sandbox.store.set_fault("rate_limit", count=2, retry_after=7)
    created = client.create_customer({"email": "rl@example.com"})
    assert created["email"] == "rl@example.com"
    assert fake_sleep.waits == [7.0, 7.0]
    assert client.requests_by_method == {"POST": 3}
    assert len(client.find_customers_by_email("rl@example.com")) == 1


def test_503_burst_then_success(sandbox: Any, make_client: ClientFactory, fake_sleep: Any) -> None:
    client = make_client(sandbox, rng=lambda: 1.0)
    sandbox.store.add_customer(email="a@example.com")
    sandbox.store.set_fault("error_503", count=3)
    page = client.list_customers(role="customer")
    assert len(page.items) == 1
    assert fake_sleep.waits == [0.5, 1.0, 2.0]
    assert client.request_count == 4


def test_503_on_a_create_is_not_retried(sandbox: Any, client: WooClient) -> None:
    sandbox.store.set_fault("error_503", count=1)
    with pytest.raises(WooOutcomeUnknown):
        client.create_customer({"email": "maybe@example.com"})
    assert client.request_count == 1


def test_html_page_names_permalinks(sandbox: Any, client: WooClient) -> None:
    sandbox.store.set_fault("html", count=1)
    with pytest.raises(WooBadResponse) as caught:
        client.list_customers()
    assert caught.value.message == PERMALINKS_SENTENCE


def test_malformed_json(sandbox: Any, client: WooClient) -> None:
    sandbox.store.add_customer(email="m@example.com")
    sandbox.store.set_fault("malformed_json", count=1)
    with pytest.raises(WooBadResponse, match="not valid JSON"):
        client.list_customers()


def test_malformed_json_after_a_create_is_unknown(sandbox: Any, client: WooClient) -> None:
    sandbox.store.set_fault("malformed_json", count=1, methods=["POST"])
    with pytest.raises(WooOutcomeUnknown):
        client.create_customer({"email": "cut@example.com"})
    assert len(client.find_customers_by_email("cut@example.com")) == 1


def test_slow_drip_hits_the_overall_deadline(sandbox: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox, deadline=0.6, timeout=5.0)
    sandbox.store.add_customer(email="s@example.com")
    sandbox.store.set_fault("slow_drip", count=1, seconds=3)
    with pytest.raises(WooTimeout, match="overall"):
        client.list_customers()


def test_held_request_times_out_and_is_retried(sandbox: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox, timeout=0.3)
    sandbox.store.set_fault("timeout", count=1, seconds=2)
    assert client.list_customers(role="customer").items == []
    assert client.request_count == 2


def test_poisoned_record_fails_its_page_with_500(sandbox: Any, client: WooClient) -> None:
    ids = [sandbox.store.add_customer(email=f"p{i}@example.com")["id"] for i in range(5)]
    sandbox.store.poison(ids[2])
    with pytest.raises(WooApiError) as caught:
        client.list_customers()
    assert caught.value.status == 500
    assert len(client.list_customers(per_page=2).items) == 2  # page 1 is healthy
    with pytest.raises(WooApiError):
        client.list_customers(per_page=2, page=2)
