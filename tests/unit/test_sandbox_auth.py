"""The sandbox store answers every authentication case of real-woocommerce-measured.md."""

from __future__ import annotations

import ssl
import time
from typing import Any

import httpx
import pytest

from wcconnector_gui.sandbox import RunningSandbox
from wcconnector_gui.sandbox.oauth import sign_url

API = "/wp-json/wc/v3"


def signed(
    sandbox: RunningSandbox,
    method: str,
    path: str,
    *,
    params: dict[str, str] | None = None,
    json: Any = None,
    key: str | None = None,
    secret: str | None = None,
    base: str | None = None,
    **sign_opts: Any,
) -> httpx.Response:
    url, headers = sign_url(
        method,
        (base or sandbox.url) + API + path,
        key or sandbox.consumer_key,
        secret or sandbox.consumer_secret,
        params=params,
        **sign_opts,
    )
    if base is not None:
        url = url.replace(base, sandbox.url)
    # verify=False: plain-HTTP calls then skip loading the CA bundle (~50 ms per call).
    return httpx.request(method, url, json=json, headers=headers, timeout=5, verify=False)


def error_of(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    assert body["data"]["status"] == response.status_code
    assert response.headers["content-type"] == "application/json; charset=UTF-8"
    return response.status_code, body["code"], body["message"]


CANNOT_LIST = (401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")


@pytest.mark.parametrize("signature_method", ["HMAC-SHA256", "HMAC-SHA1"])
@pytest.mark.parametrize("in_header", [False, True])
def test_oauth_over_http_works_for_each_method_and_placement(
    sandbox: RunningSandbox, signature_method: str, in_header: bool
) -> None:
    opts = {"signature_method": signature_method, "in_header": in_header}
    created = signed(sandbox, "POST", "/customers", json={"email": "a@example.com"}, **opts)
    assert created.status_code == 201
    cid = created.json()["id"]
    assert signed(sandbox, "GET", "/customers", **opts).status_code == 200
    updated = signed(sandbox, "PUT", f"/customers/{cid}", json={"first_name": "A"}, **opts)
    assert updated.status_code == 200
    deleted = signed(sandbox, "DELETE", f"/customers/{cid}", params={"force": "true"}, **opts)
    assert deleted.status_code == 200


def test_oauth_with_oauth_version_parameter(sandbox: RunningSandbox) -> None:
    response = signed(sandbox, "GET", "/customers", params={"oauth_version": "1.0"})
    assert response.status_code == 200


def test_basic_and_query_keys_are_ignored_over_http(sandbox: RunningSandbox) -> None:
    basic = httpx.get(
        sandbox.url + API + "/customers",
        auth=(sandbox.consumer_key, sandbox.consumer_secret),
    )
    assert error_of(basic) == CANNOT_LIST
    query = httpx.get(
        sandbox.url + API + "/customers",
        params={"consumer_key": sandbox.consumer_key, "consumer_secret": sandbox.consumer_secret},
    )
    assert error_of(query) == CANNOT_LIST
    assert error_of(httpx.get(sandbox.url + API + "/customers")) == CANNOT_LIST


def test_anonymous_wording_per_action(sandbox: RunningSandbox) -> None:
    base = sandbox.url + API
    cases = [
        ("GET", "/customers/1", "woocommerce_rest_cannot_view"),
        ("POST", "/customers", "woocommerce_rest_cannot_create"),
        ("PUT", "/customers/1", "woocommerce_rest_cannot_edit"),
        ("DELETE", "/customers/1", "woocommerce_rest_cannot_delete"),
        ("POST", "/customers/batch", "woocommerce_rest_cannot_batch"),
    ]
    for method, path, code in cases:
        body = {"email": "x@example.com"} if method == "POST" else None
        response = httpx.request(method, base + path, json=body)
        assert (response.status_code, response.json()["code"]) == (401, code), path


def test_rest_route_urls_are_never_authenticated(sandbox: RunningSandbox) -> None:
    for prefix in ("/", "/index.php"):
        url, headers = sign_url(
            "GET",
            sandbox.url + prefix,
            sandbox.consumer_key,
            sandbox.consumer_secret,
            params={"rest_route": "/wc/v3/customers"},
        )
        assert error_of(httpx.get(url, headers=headers)) == CANNOT_LIST


def test_https_basic_query_and_oauth(sandbox_https: RunningSandbox) -> None:
    sb = sandbox_https
    assert sb.ca_bundle and sb.url.startswith("https://")
    with httpx.Client(verify=ssl.create_default_context(cafile=sb.ca_bundle), timeout=5) as client:
        url = sb.url + API + "/customers"
        assert client.get(url, auth=(sb.consumer_key, sb.consumer_secret)).status_code == 200
        keys = {"consumer_key": sb.consumer_key, "consumer_secret": sb.consumer_secret}
        assert client.get(url, params=keys).status_code == 200
        signed_url, headers = sign_url("GET", url, sb.consumer_key, sb.consumer_secret)
        assert client.get(signed_url, headers=headers).status_code == 200
        # Unknown key, or a WordPress user name/password: anonymous.
        assert error_of(client.get(url, auth=("ck_" + "0" * 40, "cs_x"))) == CANNOT_LIST
        assert error_of(client.get(url, auth=("admin", "password"))) == CANNOT_LIST
        wrong = client.get(url, auth=(sb.consumer_key, "cs_wrong"))
        assert error_of(wrong) == (
            401,
            "woocommerce_rest_authentication_error",
            "Consumer secret is invalid.",
        )
        assert wrong.headers["www-authenticate"].startswith('Basic realm="WooCommerce API.')
        read_only = client.post(
            url, json={"email": "ro@example.com"}, auth=(sb.read_only_key, sb.read_only_secret)
        )
        assert error_of(read_only) == (
            401,
            "woocommerce_rest_authentication_error",
            "The API key provided does not have write permissions.",
        )
        assert client.get(url, auth=(sb.read_only_key, sb.read_only_secret)).status_code == 200


AUTH_ERROR = "woocommerce_rest_authentication_error"
BAD_SIGNATURE = (401, AUTH_ERROR, "Invalid signature - provided signature does not match.")


def test_oauth_unknown_key_and_wrong_secret(sandbox: RunningSandbox) -> None:
    unknown = signed(sandbox, "GET", "/customers", key="ck_" + "1" * 40)
    assert error_of(unknown) == (401, AUTH_ERROR, "Consumer key is invalid.")
    assert error_of(signed(sandbox, "GET", "/customers", secret="cs_wrong")) == BAD_SIGNATURE


def test_oauth_parameter_left_out_of_signature(sandbox: RunningSandbox) -> None:
    url, headers = sign_url(
        "GET", sandbox.url + API + "/customers", sandbox.consumer_key, sandbox.consumer_secret
    )
    assert error_of(httpx.get(url + "&per_page=5", headers=headers)) == BAD_SIGNATURE


def test_oauth_literal_plus_is_a_space(sandbox: RunningSandbox) -> None:
    url, headers = sign_url(
        "GET",
        sandbox.url + API + "/customers",
        sandbox.consumer_key,
        sandbox.consumer_secret,
        params={"search": "a+b"},
    )
    assert "search=a%2Bb" in url
    assert httpx.get(url, headers=headers).status_code == 200
    url2, headers2 = sign_url(
        "GET",
        sandbox.url + API + "/customers",
        sandbox.consumer_key,
        sandbox.consumer_secret,
        params={"search": "a+b"},
    )
    literal = url2.replace("search=a%2Bb", "search=a+b")
    assert error_of(httpx.get(literal, headers=headers2)) == BAD_SIGNATURE


def test_oauth_signed_for_localhost_sent_to_127(sandbox: RunningSandbox) -> None:
    other = sandbox.url.replace("127.0.0.1", "localhost")
    assert error_of(signed(sandbox, "GET", "/customers", base=other)) == BAD_SIGNATURE


def test_oauth_nonce_replay_and_old_timestamp(sandbox: RunningSandbox) -> None:
    url, headers = sign_url(
        "GET", sandbox.url + API + "/customers", sandbox.consumer_key, sandbox.consumer_secret
    )
    assert httpx.get(url, headers=headers).status_code == 200
    assert error_of(httpx.get(url, headers=headers)) == (
        401,
        AUTH_ERROR,
        "Invalid nonce - nonce has already been used.",
    )
    old = signed(sandbox, "GET", "/customers", timestamp=int(time.time()) - 20 * 60)
    assert error_of(old) == (401, AUTH_ERROR, "Invalid timestamp.")


def test_oauth_missing_parameters(sandbox: RunningSandbox) -> None:
    response = httpx.get(
        sandbox.url + API + "/customers", params={"oauth_consumer_key": sandbox.consumer_key}
    )
    assert error_of(response) == (
        401,
        "woocommerce_rest_authentication_missing_parameter",
        "Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, "
        "oauth_signature_method",
    )


def test_oauth_read_only_key_cannot_write(sandbox: RunningSandbox) -> None:
    response = signed(
        sandbox,
        "POST",
        "/customers",
        json={"email": "a@example.com"},
        key=sandbox.read_only_key,
        secret=sandbox.read_only_secret,
    )
    assert error_of(response) == (
        401,
        AUTH_ERROR,
        "The API key provided does not have write permissions.",
    )


def test_index_pages_and_unknown_route(sandbox: RunningSandbox) -> None:
    index = httpx.get(sandbox.url + "/wp-json/")
    assert index.status_code == 200 and "wc/v3" in index.json()["namespaces"]
    namespace = signed(sandbox, "GET", "")
    assert namespace.json()["namespace"] == "wc/v3"
    assert "/wc/v3/customers" in namespace.json()["routes"]
    home = httpx.get(sandbox.url + "/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    missing = signed(sandbox, "GET", "/products")
    assert error_of(missing)[:2] == (404, "rest_no_route")
    wrong_method = signed(sandbox, "DELETE", "/customers")
    assert error_of(wrong_method)[:2] == (404, "rest_no_route")
