""" "Test connection" against a scripted store (MockTransport): one test per problem code."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from urllib.parse import parse_qsl

import httpx
import pytest

from wcconnector_gui.woo import diagnose
from wcconnector_gui.woo.diagnose import Diagnosis

KEY = "key-diag-1"
SECRET = "secret-diag-2"
URL = "https://shop.example"


@dataclass
class FakeShop:
    wordpress: bool = True
    woocommerce: bool = True
    permalinks: bool = True
    key_known: bool = True
    secret_right: bool = True
    read_only: bool = False
    strips_authorization: bool = False
    down: str = ""  # "", "refused" or "tls"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down == "refused":
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        if self.down == "tls":
            raise httpx.ConnectError(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                "certificate has expired (_ssl.c:1000)",
                request=request,
            )
        page = httpx.Response(404, html="<html>Not found</html>")
        if not self.wordpress:
            return page
        path = request.url.path
        query = dict(parse_qsl(request.url.query.decode()))
        namespaces = ["wp/v2"] + (["wc/v3"] if self.woocommerce else [])
        if path == "/" and query.get("rest_route") == "/":
            return httpx.Response(200, json={"name": "Shop", "namespaces": namespaces})
        if not self.permalinks:
            return page
        if path == "/wp-json/":
            return httpx.Response(200, json={"name": "Shop", "namespaces": namespaces})
        if not path.startswith("/wp-json/wc/v3/") or not self.woocommerce:
            return httpx.Response(404, json={"code": "rest_no_route", "message": "No route"})
        key, secret = query.get("consumer_key"), query.get("consumer_secret")
        header = request.headers.get("Authorization", "")
        if key is None and header.startswith("Basic ") and not self.strips_authorization:
            key, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        if key is None or not self.key_known:
            return _error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
        if not self.secret_right:
            return _error(
                401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."
            )
        if request.method == "POST" and self.read_only:
            return _error(
                401,
                "woocommerce_rest_authentication_error",
                "The API key provided does not have write permissions.",
            )
        if path.endswith("/customers/batch"):
            return httpx.Response(200, json={})
        return httpx.Response(
            200, json=[{"id": 1}], headers={"X-WP-Total": "3", "X-WP-TotalPages": "3"}
        )


def _error(status: int, code: str, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"code": code, "message": message, "data": {"status": status}}
    )


def run(shop: FakeShop, *, url: str = URL, auth: str = "basic") -> Diagnosis:
    return diagnose.test_connection(
        url, KEY, SECRET, auth=auth, transport=httpx.MockTransport(shop), timeout=5
    )


def test_everything_right_is_ok() -> None:
    result = run(FakeShop())
    assert result.ok and result.problem == "ok"
    assert "3 customers" in result.message


@pytest.mark.parametrize(
    ("shop", "problem"),
    [
        (FakeShop(down="refused"), "unreachable"),
        (FakeShop(down="tls"), "tls"),
        (FakeShop(wordpress=False), "not_wordpress"),
        (FakeShop(woocommerce=False), "not_woocommerce"),
        (FakeShop(permalinks=False), "permalinks_off"),
        (FakeShop(key_known=False), "key_unknown"),
        (FakeShop(secret_right=False), "secret_wrong"),
        (FakeShop(read_only=True), "key_read_only"),
        (FakeShop(strips_authorization=True), "header_stripped"),
    ],
)
def test_each_problem_is_named(shop: FakeShop, problem: str) -> None:
    result = run(shop)
    assert not result.ok
    assert result.problem == problem
    assert result.message
    assert SECRET not in result.message + result.hint


def test_tls_problem_says_which() -> None:
    assert "expired" in run(FakeShop(down="tls")).message


def test_header_stripped_advises_query_string() -> None:
    result = run(FakeShop(strips_authorization=True))
    assert "query string" in result.hint


def test_query_string_auth_passes_where_the_header_is_stripped() -> None:
    assert run(FakeShop(strips_authorization=True), auth="query").ok


@pytest.mark.parametrize("auth", ["basic", "query"])
def test_basic_or_query_over_http_is_refused_without_a_request(auth: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be sent")

    result = diagnose.test_connection(
        "http://shop.example", KEY, SECRET, auth=auth, transport=httpx.MockTransport(handler)
    )
    assert result.problem == "basic_over_http"
    assert "OAuth" in result.hint


# A URL without a scheme is taken as https:// (the setup form does the same).
@pytest.mark.parametrize(
    "url",
    [
        "https://user:pw@shop.example",
        "ftp://shop.example",
        "",
        "https://",
        "https://s/?a=1",
        "not a url at all",
    ],
)
def test_bad_url(url: str) -> None:
    assert run(FakeShop(), url=url).problem == "bad_url"


def test_redirect_names_the_target() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "https://www.shop.example/wp-json/"})

    result = diagnose.test_connection(
        URL, KEY, SECRET, auth="basic", transport=httpx.MockTransport(handler)
    )
    assert result.problem == "bad_url"
    assert "www.shop.example" in result.message


class LockedIndexShop(FakeShop):
    """A security plugin answers 401 on the REST index; the wc/v3 routes still work."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/wp-json/" or "rest_route" in request.url.params:
            return _error(401, "rest_login_required", "REST API restricted to logged in users.")
        return super().__call__(request)


def test_locked_rest_index_still_reaches_the_key_checks() -> None:
    assert run(LockedIndexShop()).ok
    assert run(LockedIndexShop(secret_right=False)).problem == "secret_wrong"


def test_locked_rest_index_without_permalinks_is_permalinks_off() -> None:
    class Locked(FakeShop):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            if "rest_route" in request.url.params:
                return _error(401, "rest_login_required", "Restricted.")
            return httpx.Response(404, html="<html>Not found</html>")

    assert run(Locked()).problem == "permalinks_off"
