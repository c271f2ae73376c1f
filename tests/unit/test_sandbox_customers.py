"""Create, update, read, list, delete and batch answer like real-woocommerce-measured.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from test_sandbox_auth import error_of, signed

from wcconnector_gui.sandbox import RunningSandbox, start_sandbox
from wcconnector_gui.sandbox.oauth import sign_url

BILLING_KEYS = {
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "country",
    "state",
    "email",
    "phone",
}
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")


@pytest.fixture(scope="module")
def seeded() -> Iterator[RunningSandbox]:
    running = start_sandbox(seed=250)
    yield running
    running.stop()


def create(sandbox: RunningSandbox, **body: Any) -> httpx.Response:
    return signed(sandbox, "POST", "/customers", json=body)


FULL = {
    "email": "Anna.Schmidt@Example.com",
    "first_name": "Anna",
    "last_name": "Schmidt",
    "username": "anna.s",
    "password": "s3cret-Pass",
    "billing": {"first_name": "Anna", "city": "Köln", "email": "billing@example.com"},
    "shipping": {"city": "Bonn", "phone": "+49 228 1234"},
    "meta_data": [{"key": "newsletter", "value": "yes"}],
}


# ------------------------------------------------------------------ create
def test_create_answers_the_measured_shape(sandbox: RunningSandbox) -> None:
    response = create(sandbox, **FULL)
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"{sandbox.url}/wp-json/wc/v3/customers/{body['id']}"
    assert set(body) == {
        "id",
        "date_created",
        "date_created_gmt",
        "date_modified",
        "date_modified_gmt",
        "email",
        "first_name",
        "last_name",
        "role",
        "username",
        "billing",
        "shipping",
        "is_paying_customer",
        "avatar_url",
        "meta_data",
        "_links",
    }
    assert body["id"] >= 2 and body["role"] == "customer" and body["username"] == "anna.s"
    assert set(body["billing"]) == BILLING_KEYS
    assert set(body["shipping"]) == BILLING_KEYS - {"email"}
    assert body["shipping"]["phone"] == "+49 228 1234"
    assert body["billing"]["city"] == "Köln" and body["billing"]["last_name"] == ""
    assert [(m["key"], m["value"]) for m in body["meta_data"]] == [("newsletter", "yes")]
    assert isinstance(body["meta_data"][0]["id"], int)
    assert set(body["_links"]) == {"self", "collection"}
    for name in ("date_created", "date_created_gmt", "date_modified", "date_modified_gmt"):
        assert DATE.match(body[name]), name
    assert "password" not in response.text and "s3cret" not in response.text
    assert sandbox.store.check_password(body["id"], "s3cret-Pass")


def test_create_ignores_read_only_fields(sandbox: RunningSandbox) -> None:
    body = create(
        sandbox, email="ro@example.com", role="administrator", is_paying_customer=True
    ).json()
    assert body["role"] == "customer" and body["is_paying_customer"] is False


def test_create_with_used_email_any_case_any_role(sandbox: RunningSandbox) -> None:
    assert create(sandbox, email="taken@example.com").status_code == 201
    again = create(sandbox, email="TAKEN@example.com")
    assert error_of(again) == (
        400,
        "registration-error-email-exists",
        "An account is already registered with TAKEN@example.com. "
        "Please log in or use a different email address.",
    )
    admin_email = sandbox.store.get_customer(1)["email"]  # type: ignore[index]
    assert error_of(create(sandbox, email=admin_email.upper()))[1] == (
        "registration-error-email-exists"
    )


def test_create_errors(sandbox: RunningSandbox) -> None:
    assert create(sandbox, email="one@example.com", username="same").status_code == 201
    assert error_of(create(sandbox, email="two@example.com", username="same")) == (
        400,
        "registration-error-username-exists",
        "An account is already registered with that username. Please choose another.",
    )
    assert error_of(create(sandbox, email="bad@example.com", username="bad name!"))[:2] == (
        400,
        "registration-error-invalid-username",
    )
    missing = create(sandbox, first_name="No Mail")
    assert error_of(missing) == (400, "rest_missing_callback_param", "Missing parameter(s): email")
    assert error_of(create(sandbox, email="not-an-email")) == (
        400,
        "customer_invalid_email",
        "Invalid email address",
    )
    bad_billing = create(sandbox, email="b@example.com", billing={"email": "nope"})
    assert error_of(bad_billing) == (400, "rest_invalid_param", "Invalid parameter(s): billing")
    assert bad_billing.json()["data"]["details"]["billing"]["code"] == "rest_invalid_email"
    assert "billing" in bad_billing.json()["data"]["params"]
    null_field = create(sandbox, email="n@example.com", billing={"phone": None})
    assert error_of(null_field) == (400, "rest_invalid_param", "Invalid parameter(s): billing")
    with_id = create(sandbox, email="id@example.com", id=5)
    assert error_of(with_id) == (
        400,
        "woocommerce_rest_customer_exists",
        "Cannot create existing resource.",
    )
    assert sandbox.store.count() == 1


def test_create_generates_password_and_unique_username(sandbox: RunningSandbox) -> None:
    first = create(sandbox, email="jo@example.com").json()
    second = create(sandbox, email="jo@example.org").json()
    third = create(sandbox, email="info@shop.example").json()
    assert (first["username"], second["username"]) == ("jo", "jo-2")
    assert third["username"] == "shop.example"


def test_create_can_require_a_password() -> None:
    with start_sandbox(require_password=True) as sandbox:
        assert error_of(create(sandbox, email="p@example.com")) == (
            400,
            "rest_missing_callback_param",
            "Missing parameter(s): password",
        )
        assert create(sandbox, email="p@example.com", password="x").status_code == 201


# ------------------------------------------------------------------ update
def test_update_rules(sandbox: RunningSandbox) -> None:
    sandbox.store.clock = lambda: 1_700_000_000
    body = create(sandbox, **FULL).json()
    cid = body["id"]
    before = body["date_modified_gmt"]
    assert before == "2023-11-14T22:13:20" and body["date_modified"] == "2023-11-14T23:13:20"

    def put(**data: Any) -> httpx.Response:
        return signed(sandbox, "PUT", f"/customers/{cid}", json=data)

    sandbox.store.clock = lambda: 1_700_000_100
    # Same values: the date stays; meta only: the date stays.
    assert put(first_name="Anna", username="anna.s").json()["date_modified_gmt"] == before
    meta = put(meta_data=[{"key": "newsletter", "value": "no"}]).json()
    assert meta["date_modified_gmt"] == before
    assert [m["value"] for m in meta["meta_data"]] == ["no"]
    renamed = put(last_name="Schmitt", billing={"city": "Bonn"}).json()
    assert renamed["date_modified_gmt"] == "2023-11-14T22:15:00"
    assert renamed["billing"]["city"] == "Bonn" and renamed["billing"]["first_name"] == "Anna"

    assert error_of(put(username="other")) == (
        400,
        "woocommerce_rest_customer_invalid_argument",
        "Username isn't editable.",
    )
    create(sandbox, email="someone@example.com")
    assert error_of(put(email="someone@example.com")) == (
        400,
        "woocommerce_rest_customer_invalid_email",
        "Email address is invalid.",
    )
    moved = put(email="anna.new@example.com").json()
    assert moved["email"] == "anna.new@example.com"
    assert moved["billing"]["email"] == "billing@example.com"
    sandbox.store.clock = lambda: 1_700_000_200
    password = put(password="n3w")
    assert password.status_code == 200 and "n3w" not in password.text
    assert password.json()["date_modified_gmt"] == "2023-11-14T22:16:40"
    assert sandbox.store.check_password(cid, "n3w")
    patch = signed(sandbox, "PATCH", f"/customers/{cid}", json={"first_name": "Anne"})
    assert patch.json()["first_name"] == "Anne"
    unknown = signed(sandbox, "PUT", "/customers/999", json={"first_name": "X"})
    assert error_of(unknown) == (404, "wc_user_invalid_id", "Invalid user ID.")


def test_meta_data_update_semantics(sandbox: RunningSandbox) -> None:
    body = create(
        sandbox,
        email="m@example.com",
        meta_data=[{"key": "a", "value": 1}, {"key": "b", "value": "x"}],
    ).json()
    rows = {m["key"]: m for m in body["meta_data"]}
    assert rows["a"]["value"] == "1"  # stored as a string, like user meta
    updated = signed(
        sandbox,
        "PUT",
        f"/customers/{body['id']}",
        json={
            "meta_data": [
                {"id": rows["b"]["id"], "key": "b", "value": "by-id"},
                {"key": "a", "value": "by-key"},
                {"key": "c", "value": "new"},
            ]
        },
    ).json()
    assert [
        (m["id"] == rows.get(m["key"], {}).get("id"), m["key"], m["value"])
        for m in updated["meta_data"]
    ] == [(True, "a", "by-key"), (True, "b", "by-id"), (False, "c", "new")]


def test_update_customer_direct_bumps_date(sandbox: RunningSandbox) -> None:
    sandbox.store.clock = lambda: 1_700_000_000
    cid = create(sandbox, email="d@example.com").json()["id"]
    sandbox.store.clock = lambda: 1_700_000_060
    edited = sandbox.store.update_customer_direct(cid, billing={"phone": "123"})
    assert edited["date_modified_gmt"] == "2023-11-14T22:14:20"
    got = signed(sandbox, "GET", f"/customers/{cid}").json()
    assert got["billing"]["phone"] == "123" and got["date_modified_gmt"] == "2023-11-14T22:14:20"


# ------------------------------------------------------------ read and list
def test_get_one_and_unknown(sandbox: RunningSandbox) -> None:
    cid = create(sandbox, email="g@example.com").json()["id"]
    assert signed(sandbox, "GET", f"/customers/{cid}").json()["email"] == "g@example.com"
    assert error_of(signed(sandbox, "GET", "/customers/4242")) == (
        404,
        "wc_user_invalid_id",
        "Invalid user ID.",
    )


def test_pagination_with_seed_250(seeded: RunningSandbox) -> None:
    params = {"per_page": "100", "page": "3", "orderby": "id"}
    response = signed(seeded, "GET", "/customers", params=params)
    assert response.status_code == 200
    assert len(response.json()) == 50
    assert response.headers["x-wp-total"] == "250"
    assert response.headers["x-wp-totalpages"] == "3"
    assert [c["id"] for c in response.json()] == list(range(202, 252))
    link = response.headers["link"]
    assert 'rel="prev"' in link and 'rel="next"' not in link
    assert link.startswith(f"<{seeded.url}/wp-json/wc/v3/customers?")
    assert "page=2" in link
    first = signed(seeded, "GET", "/customers", params={"per_page": "100", "orderby": "id"})
    assert 'rel="next"' in first.headers["link"] and "page=2" in first.headers["link"]
    past = signed(seeded, "GET", "/customers", params={"per_page": "100", "page": "9"})
    assert past.json() == [] and past.headers["x-wp-total"] == "250"
    desc = signed(seeded, "GET", "/customers", params={"orderby": "id", "order": "desc"})
    assert [c["id"] for c in desc.json()] == list(range(251, 241, -1))
    offset = signed(seeded, "GET", "/customers", params={"orderby": "id", "offset": "5"})
    assert offset.json()[0]["id"] == 7


def test_seed_is_varied_and_deterministic(seeded: RunningSandbox) -> None:
    customers = [seeded.store.get_customer(cid) for cid in range(2, 252)]
    assert all(c is not None and c["role"] == "customer" for c in customers)
    countries = {c["billing"]["country"] for c in customers if c}
    assert {"DE", "FR", "JP", "GR", "US"} <= countries
    assert any(not c["first_name"].isascii() for c in customers if c)
    assert any(c["billing"]["company"] for c in customers if c)
    with start_sandbox(seed=250) as again:
        assert again.store.get_customer(100)["email"] == customers[98]["email"]  # type: ignore[index]


def test_list_roles_email_search(seeded: RunningSandbox) -> None:
    admin = seeded.store.get_customer(1)
    assert admin is not None and admin["role"] == "administrator"
    everyone = signed(seeded, "GET", "/customers", params={"role": "all"})
    assert everyone.headers["x-wp-total"] == "251"
    by_admin_mail = signed(seeded, "GET", "/customers", params={"email": admin["email"]})
    assert by_admin_mail.json() == []
    target = seeded.store.get_customer(50)
    assert target is not None
    found = signed(seeded, "GET", "/customers", params={"email": target["email"].upper()})
    assert [c["id"] for c in found.json()] == [50]
    bad = signed(seeded, "GET", "/customers", params={"email": "nope"})
    assert error_of(bad)[:2] == (400, "rest_invalid_param")
    assert bad.json()["data"]["details"]["email"]["code"] == "rest_invalid_email"
    # search: username/e-mail yes, first name or billing city no.
    by_login = signed(seeded, "GET", "/customers", params={"search": target["username"]})
    assert 50 in [c["id"] for c in by_login.json()]
    first_name = seeded.store.get_customer(51)["first_name"]  # type: ignore[index]
    if first_name and not first_name.isascii():
        assert signed(seeded, "GET", "/customers", params={"search": first_name}).json() == []
    by_city = signed(seeded, "GET", "/customers", params={"search": "München"})
    assert by_city.json() == []


def test_list_parameter_errors_and_ignored_filters(seeded: RunningSandbox) -> None:
    too_big = signed(seeded, "GET", "/customers", params={"per_page": "101"})
    assert error_of(too_big) == (400, "rest_invalid_param", "Invalid parameter(s): per_page")
    detail = too_big.json()["data"]["details"]["per_page"]
    assert detail["code"] == "rest_out_of_bounds"
    assert detail["message"] == "per_page must be between 1 (inclusive) and 100 (inclusive)"
    assert "per_page" in too_big.json()["data"]["params"]
    order = signed(seeded, "GET", "/customers", params={"orderby": "date_modified"})
    assert error_of(order)[:2] == (400, "rest_invalid_param")
    assert order.json()["data"]["details"]["orderby"]["code"] == "rest_not_in_enum"
    for ignored in ("modified_after", "after", "date_modified"):
        response = signed(seeded, "GET", "/customers", params={ignored: "2030-01-01T00:00:00"})
        assert response.headers["x-wp-total"] == "250", ignored


def test_list_fields_include_exclude(seeded: RunningSandbox) -> None:
    params = {"_fields": "id,email,date_modified_gmt,billing.email", "orderby": "id"}
    small = signed(seeded, "GET", "/customers", params=params).json()
    assert set(small[0]) == {"id", "email", "date_modified_gmt", "billing"}
    assert set(small[0]["billing"]) == {"email"}
    included = signed(
        seeded, "GET", "/customers", params={"include": "9,3,5", "orderby": "include"}
    )
    assert [c["id"] for c in included.json()] == [9, 3, 5]
    excluded = signed(
        seeded, "GET", "/customers", params={"exclude": "2,3", "orderby": "id", "per_page": "1"}
    )
    assert excluded.json()[0]["id"] == 4 and excluded.headers["x-wp-total"] == "248"
    by_name = signed(seeded, "GET", "/customers", params={"per_page": "100"}).json()
    names = [c["username"].casefold() for c in by_name]
    assert names == sorted(names)


# ------------------------------------------------------------------ delete
def test_delete(sandbox: RunningSandbox) -> None:
    cid = create(sandbox, email="del@example.com", first_name="Del").json()["id"]
    assert error_of(signed(sandbox, "DELETE", f"/customers/{cid}")) == (
        501,
        "woocommerce_rest_trash_not_supported",
        "Customers do not support trashing.",
    )
    gone = signed(sandbox, "DELETE", f"/customers/{cid}", params={"force": "true"})
    assert gone.status_code == 200 and gone.json()["first_name"] == "Del"
    again = signed(sandbox, "DELETE", f"/customers/{cid}", params={"force": "true"})
    assert error_of(again)[:2] == (404, "wc_user_invalid_id")
    assert create(sandbox, email="del@example.com").json()["id"] == cid + 1  # ids not reused


# ------------------------------------------------------------------- batch
def test_batch_limit(sandbox: RunningSandbox) -> None:
    creates = [{"email": f"c{n}@example.com"} for n in range(60)]
    updates = [{"id": 1, "first_name": "x"}] * 41
    response = signed(
        sandbox, "POST", "/customers/batch", json={"create": creates, "update": updates}
    )
    assert error_of(response) == (
        413,
        "woocommerce_rest_request_entity_too_large",
        "Unable to accept more than 100 items for this request.",
    )
    assert sandbox.store.count() == 0


def test_batch_mixed_items_in_input_order(sandbox: RunningSandbox) -> None:
    keep = create(sandbox, email="keep@example.com").json()["id"]
    drop = create(sandbox, email="drop@example.com").json()["id"]
    body = {
        "create": [
            {"email": "new1@example.com"},
            {"email": "keep@example.com"},
            {"email": "dup@example.com"},
            {"email": "DUP@example.com"},
        ],
        "update": [{"id": keep, "first_name": "Kept"}, {"id": 9999, "first_name": "Nobody"}],
        "delete": [drop, 8888],
    }
    answer = signed(sandbox, "POST", "/customers/batch", json=body)
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == {"create", "update", "delete"}
    created = data["create"]
    assert created[0]["email"] == "new1@example.com" and "_links" in created[0]
    assert created[1]["id"] == 0
    assert created[1]["error"]["code"] == "registration-error-email-exists"
    assert created[1]["error"]["data"] == {"status": 400}
    assert created[2]["email"] == "dup@example.com"
    assert created[3]["error"]["code"] == "registration-error-email-exists"
    assert data["update"][0]["first_name"] == "Kept"
    assert data["update"][1]["id"] == 9999 and data["update"][1]["error"]["code"] == (
        "wc_user_invalid_id"
    )
    assert data["delete"][0]["id"] == drop and sandbox.store.get_customer(drop) is None
    assert data["delete"][1]["id"] == 8888 and "error" in data["delete"][1]
    only_update = signed(
        sandbox, "PUT", "/customers/batch", json={"update": [{"id": keep, "last_name": "K"}]}
    )
    assert list(only_update.json()) == ["update"]


def test_batch_of_many_creates_and_full_listing() -> None:
    with start_sandbox(batch_limit=1000) as sandbox:
        creates = [{"email": f"bulk{n}@example.com", "first_name": "B"} for n in range(1000)]
        response = signed(sandbox, "POST", "/customers/batch", json={"create": creates})
        assert len(response.json()["create"]) == 1000
        assert sandbox.store.count() == 1000
        listed = signed(
            sandbox, "GET", "/customers", params={"per_page": "100", "page": "10", "orderby": "id"}
        )
        assert [c["email"] for c in listed.json()][-1] == "bulk999@example.com"


def test_batch_items_skip_argument_checks_like_woocommerce(sandbox: RunningSandbox) -> None:
    body = {
        "create": [
            {"first_name": "No Mail"},
            {"email": "b@example.com", "billing": {"email": "nope"}},
            {"email": "c@example.com", "id": 3},
        ]
    }
    created = signed(sandbox, "POST", "/customers/batch", json=body).json()["create"]
    assert [item["error"]["code"] for item in created] == [
        "registration-error-invalid-email",
        "customer_invalid_billing_email",
        "woocommerce_rest_customer_exists",
    ]
    assert all(item["id"] == 0 for item in created)
    assert signed(sandbox, "POST", "/customers/batch", json={}).json() == []


def test_put_checks_the_email_format_and_json(sandbox: RunningSandbox) -> None:
    cid = create(sandbox, email="f@example.com").json()["id"]
    bad = signed(sandbox, "PUT", f"/customers/{cid}", json={"email": "nope"})
    assert error_of(bad) == (400, "rest_invalid_param", "Invalid parameter(s): email")
    url, headers = sign_url(
        "PUT",
        f"{sandbox.url}/wp-json/wc/v3/customers/{cid}",
        sandbox.consumer_key,
        sandbox.consumer_secret,
    )
    headers["Content-Type"] = "application/json"
    broken = httpx.put(url, content=b'{"first_name": ', headers=headers, verify=False)
    assert error_of(broken)[:2] == (400, "rest_invalid_json")


def test_options_and_head(sandbox: RunningSandbox) -> None:
    options = httpx.options(sandbox.url + "/wp-json/wc/v3/customers", verify=False)
    args = options.json()["endpoints"][0]["args"]
    assert sorted(args) == sorted(
        [
            "context",
            "email",
            "exclude",
            "include",
            "offset",
            "order",
            "orderby",
            "page",
            "per_page",
            "role",
            "search",
        ]
    )
    head = signed(sandbox, "HEAD", "/customers")
    assert head.status_code == 200 and head.headers["x-wp-total"] == "0" and head.content == b""


def test_administrator_is_protected(sandbox: RunningSandbox) -> None:
    change = signed(sandbox, "PUT", "/customers/1", json={"email": "new-admin@example.com"})
    assert error_of(change) == (
        401,
        "woocommerce_rest_cannot_edit",
        "Sorry, email cannot be updated via this endpoint for a user with role administrator.",
    )
    assert signed(sandbox, "PUT", "/customers/1", json={"first_name": "Boss"}).status_code == 200
    delete = signed(sandbox, "DELETE", "/customers/1", params={"force": "true"})
    assert error_of(delete)[:2] == (401, "woocommerce_rest_cannot_delete")
    assert sandbox.store.get_customer(1) is not None
