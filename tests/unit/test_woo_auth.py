"""Authentication of the WooCommerce client: OAuth 1.0a signing, Basic and query-string keys."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
from urllib.parse import parse_qsl

import httpx
import pytest

from wcconnector_gui.woo.auth import (
    BasicKeyAuth,
    OAuth1KeyAuth,
    QueryStringKeyAuth,
    oauth1_base_string,
)
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import WooConfigError

KEY = "key-for-tests-123"
SECRET = "secret-for-tests-456"


def _record(sent: list[httpx.Request], request: httpx.Request) -> httpx.Response:
    sent.append(request)
    return httpx.Response(200)


def _signed(request: httpx.Request, auth: httpx.Auth) -> httpx.Request:
    flow = auth.sync_auth_flow(request)
    return next(flow)


def test_oauth1_signature_matches_an_independently_computed_vector() -> None:
    auth = OAuth1KeyAuth(
        KEY, SECRET, "http://127.0.0.1:8080", clock=lambda: 1_700_000_000.9, nonce=lambda: "abc"
    )
    request = httpx.Request(
        "GET",
        "http://127.0.0.1:8080/wp-json/wc/v3/customers",
        params={"per_page": "1", "email": "a+b@x.org"},
    )
    signed = _signed(request, auth)
    params = dict(parse_qsl(signed.url.query.decode()))
    # Written out by hand: values encoded once, then the whole parameter string again.
    expected_base = (
        "GET&http%3A%2F%2F127.0.0.1%3A8080%2Fwp-json%2Fwc%2Fv3%2Fcustomers&"
        "email%3Da%252Bb%2540x.org%26oauth_consumer_key%3Dkey-for-tests-123%26"
        "oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA256%26"
        "oauth_timestamp%3D1700000000%26per_page%3D1"
    )
    mac = hmac.new(b"secret-for-tests-456&", expected_base.encode(), hashlib.sha256)
    assert params["oauth_signature"] == base64.b64encode(mac.digest()).decode()
    assert params["oauth_consumer_key"] == KEY
    assert params["oauth_signature_method"] == "HMAC-SHA256"
    assert params["oauth_timestamp"] == "1700000000"
    assert params["email"] == "a+b@x.org"
    # A literal '+' would reach PHP as a space: it must travel as %2B.
    assert b"a%2Bb%40x.org" in signed.url.query


def test_oauth1_hmac_sha1_and_base_url_uses_configured_host() -> None:
    auth = OAuth1KeyAuth(
        KEY,
        SECRET,
        "http://localhost:8080/shop",
        signature_method="HMAC-SHA1",
        clock=lambda: 1_700_000_000,
        nonce=lambda: "n1",
    )
    # Sent to 127.0.0.1 but the shop knows itself as localhost: sign for localhost.
    request = httpx.Request("POST", "http://127.0.0.1:8080/shop/wp-json/wc/v3/customers")
    signed = _signed(request, auth)
    params = dict(parse_qsl(signed.url.query.decode()))
    expected_base = (
        "POST&http%3A%2F%2Flocalhost%3A8080%2Fshop%2Fwp-json%2Fwc%2Fv3%2Fcustomers&"
        "oauth_consumer_key%3Dkey-for-tests-123%26oauth_nonce%3Dn1%26"
        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1700000000"
    )
    mac = hmac.new(b"secret-for-tests-456&", expected_base.encode(), hashlib.sha1)
    assert params["oauth_signature"] == base64.b64encode(mac.digest()).decode()


def test_oauth1_default_port_is_left_out_of_the_base_url() -> None:
    base = oauth1_base_string("get", "https://shop.example/wp-json/wc/v3/customers", [("a", "1")])
    assert base == "GET&https%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Fcustomers&a%3D1"


def test_oauth1_resigns_every_attempt_with_a_fresh_nonce() -> None:
    nonces = (f"nonce{i}" for i in itertools.count())
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(dict(parse_qsl(request.url.query.decode())))
        if len(seen) == 1:
            return httpx.Response(503, json={"code": "busy", "message": "busy"})
        return httpx.Response(200, json={"id": 5})

    from wcconnector_gui.woo.retry import RetryPolicy

    client = WooClient(
        "http://127.0.0.1:9",
        KEY,
        SECRET,
        auth="oauth1",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(sleep=lambda s: None, rng=lambda: 0.0),
    )
    client._http.auth = OAuth1KeyAuth(KEY, SECRET, client.store_url, nonce=lambda: next(nonces))
    assert client.get_customer(5) == {"id": 5}
    assert len(seen) == 2
    assert seen[0]["oauth_nonce"] != seen[1]["oauth_nonce"]
    assert seen[0]["oauth_signature"] != seen[1]["oauth_signature"]
    # Old oauth_* parameters are replaced, not accumulated.
    assert list(seen[1]).count("oauth_nonce") == 1


def test_basic_sets_the_header_over_https() -> None:
    request = _signed(httpx.Request("GET", "https://shop.example/x"), BasicKeyAuth(KEY, SECRET))
    expected = base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"


def test_query_string_adds_key_and_secret_over_https() -> None:
    request = httpx.Request("GET", "https://shop.example/x", params={"page": "2"})
    signed = _signed(request, QueryStringKeyAuth(KEY, SECRET))
    params = dict(parse_qsl(signed.url.query.decode()))
    assert params == {"page": "2", "consumer_key": KEY, "consumer_secret": SECRET}


@pytest.mark.parametrize("auth_class", [BasicKeyAuth, QueryStringKeyAuth])
def test_basic_and_query_refuse_plain_http_before_sending(auth_class: type[httpx.Auth]) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: _record(sent, r))
    auth = auth_class(KEY, SECRET)  # type: ignore[call-arg]
    with (
        httpx.Client(transport=transport, auth=auth) as http,
        pytest.raises(WooConfigError) as caught,
    ):
        http.get("http://shop.example/wp-json/wc/v3/customers")
    assert sent == []
    assert "HTTPS" in caught.value.message
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("mode", ["basic", "query"])
def test_client_refuses_basic_or_query_for_an_http_store(mode: str) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: _record(sent, r))
    with pytest.raises(WooConfigError, match="HTTPS"):
        WooClient("http://shop.example", KEY, SECRET, auth=mode, transport=transport)
    assert sent == []


def test_auth_objects_do_not_show_secrets_in_repr() -> None:
    for auth in (
        BasicKeyAuth(KEY, SECRET),
        QueryStringKeyAuth(KEY, SECRET),
        OAuth1KeyAuth(KEY, SECRET, "http://h"),
    ):
        assert SECRET not in repr(auth)
        assert KEY not in repr(auth)
