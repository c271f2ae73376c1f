"""The three ways WooCommerce accepts API keys, as ``httpx.Auth`` classes.

- :class:`BasicKeyAuth` — HTTP Basic (key:secret), HTTPS only (WooCommerce ignores
  Basic over plain HTTP and the request runs anonymous).
- :class:`QueryStringKeyAuth` — ``?consumer_key=&consumer_secret=``, HTTPS only, for
  hosts that strip the ``Authorization`` header.
- :class:`OAuth1KeyAuth` — one-legged OAuth 1.0a, the only way over plain HTTP.

Basic and query-string refuse plain HTTP *before* anything is sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Generator, Iterable
from typing import Literal
from urllib.parse import parse_qsl, quote

import httpx

from wcconnector_gui.runtime.redaction import register_secret
from wcconnector_gui.woo.errors import WooConfigError

AuthMode = Literal["basic", "query", "oauth1"]
AUTH_MODES: tuple[AuthMode, ...] = ("basic", "query", "oauth1")


def _refuse_plain_http(request: httpx.Request, how: str) -> None:
    if request.url.scheme != "https":
        raise WooConfigError(
            f"{how} sends the consumer secret readable by anyone on the way, so it is only "
            "used over HTTPS (WooCommerce also ignores it over plain HTTP). Use an https:// "
            "store URL, or OAuth 1.0a for a plain-HTTP test shop."
        )


class BasicKeyAuth(httpx.Auth):
    """``Authorization: Basic base64(key:secret)``, HTTPS only."""

    def __init__(self, consumer_key: str, consumer_secret: str) -> None:
        register_secret(consumer_key)
        register_secret(consumer_secret)
        token = base64.b64encode(f"{consumer_key}:{consumer_secret}".encode()).decode("ascii")
        self._header = f"Basic {token}"
        register_secret(token)

    def __repr__(self) -> str:
        return "BasicKeyAuth(***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        _refuse_plain_http(request, "Basic authentication")
        request.headers["Authorization"] = self._header
        yield request


class QueryStringKeyAuth(httpx.Auth):
    """Key and secret as query parameters, HTTPS only."""

    def __init__(self, consumer_key: str, consumer_secret: str) -> None:
        register_secret(consumer_key)
        register_secret(consumer_secret)
        self._key = consumer_key
        self._secret = consumer_secret

    def __repr__(self) -> str:
        return "QueryStringKeyAuth(***)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        _refuse_plain_http(request, "Query-string authentication")
        request.url = request.url.copy_merge_params(
            {"consumer_key": self._key, "consumer_secret": self._secret}
        )
        yield request


def rfc3986(value: str) -> str:
    """Percent-encode everything but the unreserved characters (RFC 3986 §2.3)."""
    return quote(value, safe="~")


def oauth1_base_string(method: str, base_url: str, params: Iterable[tuple[str, str]]) -> str:
    """``METHOD & enc(base URL) & enc(k=v&... sorted)`` as WooCommerce rebuilds it.

    ``params`` are the *decoded* query parameters, ``oauth_*`` included and
    ``oauth_signature`` excluded.
    """
    encoded = sorted((rfc3986(k), rfc3986(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in encoded)
    return "&".join((method.upper(), rfc3986(base_url), rfc3986(normalized)))


def oauth1_signature(base_string: str, consumer_secret: str, method: str = "HMAC-SHA256") -> str:
    """Base64 HMAC of the base string with key ``consumer_secret + "&"`` (no token)."""
    digest = {"HMAC-SHA256": hashlib.sha256, "HMAC-SHA1": hashlib.sha1}[method]
    mac = hmac.new(f"{consumer_secret}&".encode(), base_string.encode(), digest)
    return base64.b64encode(mac.digest()).decode("ascii")


class OAuth1KeyAuth(httpx.Auth):
    """One-legged OAuth 1.0a with the ``oauth_*`` parameters in the query string.

    The signed base URL is the store URL *as configured* (scheme, host, port) plus
    the request path, because WooCommerce rebuilds it from its own home URL. Each
    attempt gets a fresh nonce and timestamp, so a retried request is re-signed.
    The JSON body is not signed.
    """

    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str,
        store_url: str,
        *,
        signature_method: Literal["HMAC-SHA256", "HMAC-SHA1"] = "HMAC-SHA256",
        clock: Callable[[], float] = time.time,
        nonce: Callable[[], str] = lambda: secrets.token_hex(16),
    ) -> None:
        register_secret(consumer_key)
        register_secret(consumer_secret)
        self._key = consumer_key
        self._secret = consumer_secret
        store = httpx.URL(store_url)
        host = f"[{store.host}]" if ":" in store.host else store.host
        port = f":{store.port}" if store.port is not None else ""
        self._origin = f"{store.scheme}://{host}{port}"
        self._method = signature_method
        self._clock = clock
        self._nonce = nonce

    def __repr__(self) -> str:
        return f"OAuth1KeyAuth({self._origin}, ***)"

    def sign(self, request: httpx.Request) -> None:
        """Replace any ``oauth_*`` parameters of ``request`` by freshly signed ones."""
        query = request.url.query.decode("ascii")
        params = [
            (k, v)
            for k, v in parse_qsl(query, keep_blank_values=True)
            if not k.startswith("oauth_")
        ]
        params += [
            ("oauth_consumer_key", self._key),
            ("oauth_nonce", self._nonce()),
            ("oauth_signature_method", self._method),
            ("oauth_timestamp", str(int(self._clock()))),
        ]
        path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
        base = oauth1_base_string(request.method, self._origin + path, params)
        signature = oauth1_signature(base, self._secret, self._method)
        all_params = [*params, ("oauth_signature", signature)]
        # Encode '+' and spaces as %2B/%20 ourselves: PHP reads a literal '+' as a space.
        new_query = "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in all_params)
        request.url = request.url.copy_with(query=new_query.encode("ascii"))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


def make_auth(mode: str, consumer_key: str, consumer_secret: str, store_url: str) -> httpx.Auth:
    """The auth object for a setup's authentication mode ("basic", "query" or "oauth1")."""
    if mode == "basic":
        return BasicKeyAuth(consumer_key, consumer_secret)
    if mode == "query":
        return QueryStringKeyAuth(consumer_key, consumer_secret)
    if mode == "oauth1":
        return OAuth1KeyAuth(consumer_key, consumer_secret, store_url)
    raise WooConfigError(f"Unknown authentication mode {mode!r} (use basic, query or oauth1).")
