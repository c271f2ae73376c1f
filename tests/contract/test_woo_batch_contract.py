"""Batches against the sandbox: the 100-item limit, 413 adaptation, per-item results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import WooApiError

ClientFactory = Callable[..., WooClient]


def _batch_sizes(transport: Any) -> list[int]:
    return [
        sum(len(body.get(k, [])) for k in ("create", "update", "delete"))
        for method, path, body in transport.sent
        if method == "POST" and path.endswith("/customers/batch")
    ]


def test_250_creates_never_exceed_100_items_per_request(
    sandbox: Any, make_client: ClientFactory, recording_transport: Any
) -> None:
    client = make_client(sandbox, transport=recording_transport)
    result = client.batch_customers(create=[{"email": f"b{i:03d}@example.com"} for i in range(250)])
    assert result.ok
    assert _batch_sizes(recording_transport) == [100, 100, 50]
    assert client.requests_by_method == {"POST": 3}
    ids = [item.data["id"] for item in result.create if item.data]
    assert len(set(ids)) == 250
    assert result.create[249].data is not None
    assert result.create[249].data["email"] == "b249@example.com"


def test_413_makes_the_client_adapt(make_client: ClientFactory, recording_transport: Any) -> None:
    from wcconnector_gui.sandbox import start_sandbox

    running = start_sandbox(seed=0, batch_limit=40)
    try:
        client = make_client(running, transport=recording_transport)
        result = client.batch_customers(
            create=[{"email": f"l{i:03d}@example.com"} for i in range(100)]
        )
        assert result.ok, [i.error for i in result.create if not i.ok][:3]
        sizes = _batch_sizes(recording_transport)
        assert sizes[0] == 100  # refused with 413 ...
        assert all(size <= 40 for size in sizes[1:])  # ... then never again too big
        assert sum(sizes[1:]) == 100
        assert client.batch_limit <= 40
        assert running.store.count(role="customer") == 100
    finally:
        running.stop()


def test_a_batch_succeeds_partly_and_every_item_is_read(
    sandbox: Any, make_client: ClientFactory
) -> None:
    client = make_client(sandbox)
    existing = sandbox.store.add_customer(email="old@example.com", username="old.user")
    result = client.batch_customers(
        create=[
            {"email": "fresh@example.com"},
            {"email": "OLD@example.com"},  # already registered
            {"email": "twice@example.com"},
            {"email": "twice@example.com"},  # duplicate inside one batch: the second fails
        ],
        update=[
            {"id": existing["id"], "first_name": "Olga"},
            {"id": existing["id"], "username": "renamed"},
            {"id": 987_654, "first_name": "Nobody"},
        ],
        delete=[987_655],
    )
    assert [item.ok for item in result.create] == [True, False, True, False]
    for failed in (result.create[1], result.create[3]):
        assert isinstance(failed.error, WooApiError)
        assert failed.error.code == "registration-error-email-exists"
    assert [item.ok for item in result.update] == [True, False, False]
    assert result.update[0].data is not None and result.update[0].data["first_name"] == "Olga"
    errors = [item.error for item in (*result.update[1:], *result.delete)]
    assert all(isinstance(e, WooApiError) for e in errors)
    renamed = errors[0]
    assert isinstance(renamed, WooApiError)
    assert renamed.code == "woocommerce_rest_customer_invalid_argument"
    unknown = errors[1]
    assert isinstance(unknown, WooApiError) and unknown.status == 404
    assert not result.ok


@pytest.mark.parametrize("deletes", [1, 3])
def test_batch_deletes_are_forced(sandbox: Any, make_client: ClientFactory, deletes: int) -> None:
    client = make_client(sandbox)
    ids = [sandbox.store.add_customer(email=f"d{i}@example.com")["id"] for i in range(deletes)]
    result = client.batch_customers(delete=ids)
    assert result.ok
    assert all(sandbox.store.get_customer(i) is None for i in ids)
