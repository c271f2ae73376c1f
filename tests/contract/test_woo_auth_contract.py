"""Authentication as the measured WooCommerce answers it, seen through WooClient (loopback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from wcconnector_gui.woo import diagnose
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import (
    WooApiError,
    WooAuthError,
    WooConfigError,
    api_error_from_body,
)
from wcconnector_gui.woo.transport_errors import tls_verify

ClientFactory = Callable[..., WooClient]


def test_oauth1_over_http_reads_and_writes(sandbox: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox, auth="oauth1")
    created = client.create_customer({"email": "oauth@example.com", "first_name": "O"})
    assert client.get_customer(created["id"])["email"] == "oauth@example.com"
    updated = client.update_customer(created["id"], {"last_name": "Auth"})
    assert updated["last_name"] == "Auth"
    # A '+' and an '@' in the query are signed and sent right (%2B, not a literal '+').
    client.create_customer({"email": "a+b@example.com"})
    assert [c["email"] for c in client.find_customers_by_email("A+B@example.com")] == [
        "a+b@example.com"
    ]
    assert client.delete_customer(created["id"])["id"] == created["id"]


@pytest.mark.parametrize("auth", ["basic", "query", "oauth1"])
def test_every_mode_works_over_https(
    sandbox_https: Any, make_client: ClientFactory, auth: str
) -> None:
    client = make_client(sandbox_https, auth=auth)
    created = client.create_customer({"email": f"{auth}@example.com"})
    page = client.list_customers()
    assert created["id"] in [c["id"] for c in page.items]


@pytest.mark.parametrize("auth", ["basic", "query"])
def test_client_refuses_basic_and_query_over_http_before_sending(
    sandbox: Any, make_client: ClientFactory, auth: str
) -> None:
    sandbox.store.reset_request_log()
    with pytest.raises(WooConfigError):
        make_client(sandbox, auth=auth)
    assert sandbox.store.request_count() == 0


def _raw_get(running: Any, **kwargs: Any) -> WooApiError:
    """What the store answers to a request the client itself would never send."""
    response = httpx.get(f"{running.url}/wp-json/wc/v3/customers", **kwargs)
    return api_error_from_body(response.status_code, response.json())


def test_store_ignores_basic_and_query_over_http(sandbox: Any) -> None:
    basic = _raw_get(sandbox, auth=(sandbox.consumer_key, sandbox.consumer_secret))
    query = _raw_get(
        sandbox,
        params={"consumer_key": sandbox.consumer_key, "consumer_secret": sandbox.consumer_secret},
    )
    anonymous = _raw_get(sandbox)
    for error in (basic, query, anonymous):
        assert isinstance(error, WooAuthError)
        assert (error.status, error.code) == (401, "woocommerce_rest_cannot_view")


def test_rest_route_is_never_authenticated(sandbox: Any) -> None:
    response = httpx.get(
        f"{sandbox.url}/",
        params={
            "rest_route": "/wc/v3/customers",
            "consumer_key": sandbox.consumer_key,
            "consumer_secret": sandbox.consumer_secret,
        },
    )
    assert response.status_code == 401
    assert response.json()["code"] == "woocommerce_rest_cannot_view"


def test_basic_wrong_secret(sandbox_https: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox_https, auth="basic", secret="wrong-secret-0000")
    with pytest.raises(WooAuthError) as caught:
        client.list_customers()
    assert caught.value.code == "woocommerce_rest_authentication_error"
    assert caught.value.api_message == "Consumer secret is invalid."


def test_basic_unknown_key_runs_anonymous(sandbox_https: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox_https, auth="basic", key="unknown-key-1234")
    with pytest.raises(WooAuthError) as caught:
        client.list_customers()
    assert caught.value.code == "woocommerce_rest_cannot_view"


def test_oauth_wrong_secret_and_unknown_key(sandbox: Any, make_client: ClientFactory) -> None:
    with pytest.raises(WooAuthError) as wrong_secret:
        make_client(sandbox, secret="wrong-secret-0000").list_customers()
    assert "provided signature does not match" in wrong_secret.value.api_message
    with pytest.raises(WooAuthError) as unknown_key:
        make_client(sandbox, key="unknown-key-1234").list_customers()
    assert unknown_key.value.api_message == "Consumer key is invalid."


def test_oauth_signed_for_another_host_is_refused(sandbox: Any, make_client: ClientFactory) -> None:
    # The shop knows itself as 127.0.0.1; signing for "localhost" must fail.
    from wcconnector_gui.woo.auth import OAuth1KeyAuth

    client = make_client(sandbox)
    localhost = sandbox.url.replace("127.0.0.1", "localhost")
    client._http.auth = OAuth1KeyAuth(sandbox.consumer_key, sandbox.consumer_secret, localhost)
    with pytest.raises(WooAuthError, match="signature"):
        client.list_customers()


def test_read_only_key_reads_but_cannot_write(sandbox: Any, make_client: ClientFactory) -> None:
    client = make_client(sandbox, read_only=True)
    client.list_customers()
    with pytest.raises(WooAuthError) as caught:
        client.create_customer({"email": "ro@example.com"})
    assert caught.value.code == "woocommerce_rest_authentication_error"
    assert "does not have write permissions" in caught.value.api_message
    with pytest.raises(WooAuthError):
        client.verify_write_access()
    assert sandbox.store.find_by_email("ro@example.com") is None


# -- "Test connection" against the sandbox ----------------------------------------------------


def test_diagnosis_ok_over_http_oauth(sandbox: Any) -> None:
    result = diagnose.test_connection(
        sandbox.url, sandbox.consumer_key, sandbox.consumer_secret, auth="oauth1"
    )
    assert (result.ok, result.problem) == (True, "ok"), result


@pytest.mark.parametrize("auth", ["basic", "query"])
def test_diagnosis_ok_over_https(sandbox_https: Any, auth: str) -> None:
    result = diagnose.test_connection(
        sandbox_https.url,
        sandbox_https.consumer_key,
        sandbox_https.consumer_secret,
        auth=auth,
        ca_bundle=sandbox_https.ca_bundle,
    )
    assert (result.ok, result.problem) == (True, "ok"), result


def test_diagnosis_names_key_problems(sandbox: Any, sandbox_https: Any) -> None:
    def check(running: Any, key: str, secret: str, auth: str) -> str:
        return diagnose.test_connection(
            running.url, key, secret, auth=auth, ca_bundle=getattr(running, "ca_bundle", None)
        ).problem

    https = sandbox_https
    assert check(sandbox, sandbox.read_only_key, sandbox.read_only_secret, "oauth1") == (
        "key_read_only"
    )
    assert check(sandbox, sandbox.consumer_key, "wrong-secret-0000", "oauth1") == "secret_wrong"
    assert check(sandbox, "unknown-key-1234", "whatever-5678", "oauth1") == "key_unknown"
    assert check(https, https.consumer_key, "wrong-secret-0000", "basic") == "secret_wrong"
    assert check(https, "unknown-key-1234", "whatever-5678", "basic") == "key_unknown"
    assert check(https, https.read_only_key, https.read_only_secret, "query") == "key_read_only"
    assert check(sandbox, sandbox.consumer_key, sandbox.consumer_secret, "basic") == (
        "basic_over_http"
    )


def test_diagnosis_self_signed_certificate_without_bundle(sandbox_https: Any) -> None:
    result = diagnose.test_connection(
        sandbox_https.url,
        sandbox_https.consumer_key,
        sandbox_https.consumer_secret,
        auth="basic",
    )
    assert result.problem == "tls"
    assert "certificate" in result.message


def test_diagnosis_unreachable(sandbox: Any) -> None:
    url = sandbox.url
    sandbox.stop()
    result = diagnose.test_connection(url, "k-1234", "s-5678", auth="oauth1", timeout=2)
    assert result.problem == "unreachable"


def test_diagnosis_header_stripped(sandbox_https: Any, misconfigured_host: Any) -> None:
    inner = httpx.HTTPTransport(verify=tls_verify(sandbox_https.ca_bundle))
    host = misconfigured_host(inner, strip_authorization=True)
    result = diagnose.test_connection(
        sandbox_https.url,
        sandbox_https.consumer_key,
        sandbox_https.consumer_secret,
        auth="basic",
        transport=host,
    )
    assert result.problem == "header_stripped", result
    assert "query string" in result.hint
    # And the advice works: query-string authentication through the same host.
    fixed = diagnose.test_connection(
        sandbox_https.url,
        sandbox_https.consumer_key,
        sandbox_https.consumer_secret,
        auth="query",
        transport=host,
    )
    assert fixed.ok, fixed
    host.close()


def test_diagnosis_permalinks_off(sandbox: Any, misconfigured_host: Any) -> None:
    host = misconfigured_host(httpx.HTTPTransport(), no_pretty_permalinks=True)
    result = diagnose.test_connection(
        sandbox.url, sandbox.consumer_key, sandbox.consumer_secret, auth="oauth1", transport=host
    )
    assert result.problem == "permalinks_off", result
    assert "Permalinks" in result.hint
    host.close()
