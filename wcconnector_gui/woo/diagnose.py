""" "Test connection": find out, in plain words, what stops the app from using a store.

The checks, in order: the URL itself; ``GET /wp-json/`` (is it WordPress, does it
offer ``wc/v3``?); on a web page or 404 there, ``?rest_route=/`` (WordPress
without pretty permalinks, which WooCommerce keys cannot use); an authenticated
``GET customers?per_page=1``; and a write-permission probe that changes nothing
(an empty batch). Codes in :attr:`Diagnosis.problem` are stable, for the UI and
the CLI to branch on.

:func:`explain_error` gives the same verdicts for an error a sync ran into, so a
scheduled run and the window's "Test connection" say the same thing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import (
    WooApiError,
    WooAuthError,
    WooBadResponse,
    WooConfigError,
    WooError,
    WooGaveUp,
    WooNotFound,
    WooTimeout,
    WooTLSError,
)
from wcconnector_gui.woo.retry import RetryPolicy
from wcconnector_gui.woo.store_url import normalize_store_url
from wcconnector_gui.woo.transport_errors import error_from_transport, tls_verify

log = logging.getLogger(__name__)

__all__ = ["PROBLEMS", "Diagnosis", "explain_error", "test_connection"]

# Every verdict, "ok" included: stable codes for scripts (``wcconnector test-connection``).
PROBLEMS = (
    "ok",
    "bad_url",
    "bad_auth",
    "key_missing",
    "basic_over_http",
    "tls",
    "unreachable",
    "server_error",
    "not_wordpress",
    "not_woocommerce",
    "permalinks_off",
    "bad_response",
    "key_unknown",
    "secret_wrong",
    "key_write_only",
    "key_read_only",
    "clock_wrong",
    "header_stripped",
    "auth_failed",
)


@dataclass(frozen=True)
class Diagnosis:
    """The verdict of "Test connection"."""

    ok: bool
    problem: str
    message: str
    hint: str = ""

    @property
    def text(self) -> str:
        """The message and what to do, as one text."""
        return f"{self.message} {self.hint}".strip()


def _fail(problem: str, message: str, hint: str = "") -> Diagnosis:
    return Diagnosis(ok=False, problem=problem, message=message, hint=hint)


def _json_or_none(response: httpx.Response) -> Any:
    content_type = response.headers.get("Content-Type", "").lower()
    if "html" in content_type or response.content.lstrip()[:1] == b"<":
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _is_rest_error(data: Any) -> bool:
    """A WordPress REST error body ``{"code": "rest_…", "message": …}``."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("code"), str)
        and "message" in data
        and data["code"].startswith(("rest_", "woocommerce_rest_"))
    )


def _transport_problem(exc: httpx.TransportError, url: str) -> Diagnosis:
    error = error_from_transport(exc, "the store")
    if isinstance(error, WooTLSError):
        return _fail(
            "tls",
            error.message,
            "Fix the certificate on the server, or if this is your own test shop, "
            "choose its CA bundle (PEM file) in the setup. Verification is never switched off.",
        )
    return _unreachable(error.message, url)


def _unreachable(detail: str, url: str) -> Diagnosis:
    return _fail(
        "unreachable",
        f"The store at {url} could not be reached. {detail}",
        "Check the address (typing errors, http vs https, port), the internet connection, "
        "and that the shop is online.",
    )


def _discover(probe: httpx.Client, url: str) -> Diagnosis | None:
    """Is it WordPress with WooCommerce's REST API? None when it is."""
    try:
        response = probe.get(f"{url}/wp-json/")
    except httpx.TransportError as exc:
        return _transport_problem(exc, url)
    if response.is_redirect:
        target = response.headers.get("Location", "")
        return _fail(
            "bad_url",
            f"The store sends requests on to another address ({target}).",
            "Use the address WordPress itself uses (Settings → General → Site Address), "
            "usually with https:// and with or without www exactly as there.",
        )
    data = _json_or_none(response)
    if response.status_code < 400 and isinstance(data, dict):
        namespaces = data.get("namespaces")
        if isinstance(namespaces, list):
            if "wc/v3" in namespaces:
                return None
            return _fail(
                "not_woocommerce",
                "This is a WordPress site, but WooCommerce's REST API (wc/v3) is not offered.",
                "Install and activate WooCommerce (version 3.5 or later), then try again.",
            )
        return _fail(
            "not_wordpress",
            "The address answers, but not like a WordPress site.",
            "Check the store URL: it is the shop's home page address.",
        )
    if _is_rest_error(data):
        # WordPress's REST API answering, with its index locked by a security plugin:
        # the authenticated calls below tell whether WooCommerce is there.
        return None
    if response.status_code >= 500:
        return _fail(
            "server_error",
            f"The store answered with a server error (HTTP {response.status_code}).",
            "The shop itself has a problem right now; try again later or ask its host.",
        )
    # A web page or a 404: maybe WordPress without pretty permalinks.
    try:
        fallback = probe.get(f"{url}/", params={"rest_route": "/"})
    except httpx.TransportError as exc:
        return _transport_problem(exc, url)
    fallback_data = _json_or_none(fallback)
    if (
        isinstance(fallback_data, dict) and isinstance(fallback_data.get("namespaces"), list)
    ) or _is_rest_error(fallback_data):
        return _fail(
            "permalinks_off",
            "The store answered with a web page, not the REST API — pretty permalinks are off. "
            "WooCommerce API keys only work when they are on.",
            "In WordPress, open Settings → Permalinks, choose any setting other than "
            '"Plain" (e.g. "Post name") and save.',
        )
    return _fail(
        "not_wordpress",
        "No WordPress REST API was found at this address.",
        "Check the store URL: it is the shop's home page address (not the admin page).",
    )


def _auth_problem(exc: WooAuthError, auth: str) -> Diagnosis:
    text = exc.api_message.lower()
    if exc.code == "woocommerce_rest_cannot_view" or "cannot" in exc.code:
        return _fail(
            "key_unknown",
            "The store does not know this consumer key (it answered as if no key had been sent).",
            "Copy the consumer key again from WooCommerce → Settings → Advanced → REST API, "
            "or create a new key there.",
        )
    if "secret is invalid" in text:
        return _fail(
            "secret_wrong",
            "The consumer key is right but the consumer secret is wrong.",
            "Copy the consumer secret again; WooCommerce shows it only once, when the key is "
            "made — if it is lost, create a new key.",
        )
    if "signature" in text:
        return _fail(
            "secret_wrong",
            "The store did not accept the request's signature: the consumer secret is wrong, or "
            "the store URL differs from the shop's own address.",
            "Copy the consumer secret again, and enter the store URL exactly as WordPress "
            "shows it in Settings → General (same host name, e.g. localhost vs 127.0.0.1).",
        )
    if "consumer key is invalid" in text:
        return _fail(
            "key_unknown",
            "The store does not know this consumer key.",
            "Copy the consumer key again from WooCommerce → Settings → Advanced → REST API.",
        )
    if "read permission" in text:
        return _fail(
            "key_write_only",
            "This key may only write, not read.",
            "Edit the key in WooCommerce → Settings → Advanced → REST API and set its "
            "permissions to Read/Write.",
        )
    if "timestamp" in text:
        return _fail(
            "clock_wrong",
            "The store refused the request's time stamp.",
            "Set this computer's clock (and time zone) correctly; OAuth allows 15 minutes.",
        )
    return _fail(
        "auth_failed",
        f"The store refused the key: {exc.api_message}",
        "Check the consumer key and secret, and the authentication setting.",
    )


def _client(
    url: str,
    key: str,
    secret: str,
    auth: str,
    ca_bundle: str | None,
    transport: httpx.BaseTransport | None,
    timeout: float,
) -> WooClient:
    return WooClient(
        url,
        key,
        secret,
        auth=auth,
        ca_bundle=ca_bundle,
        transport=transport,
        timeout=timeout,
        deadline=timeout * 2,
        retry=RetryPolicy(max_attempts=1),
    )


def explain_error(exc: WooError, store_url: str, auth: str) -> Diagnosis:
    """Test connection's verdict for an error a store request ran into, without asking again.

    Only the header-stripped case needs a second request to be told from an
    unknown key; here the hint names both.
    """
    try:
        url = normalize_store_url(store_url)
    except WooConfigError:
        url = store_url
    if isinstance(exc, WooAuthError):
        diagnosis = _auth_problem(exc, auth)
        if diagnosis.problem == "key_unknown" and auth == "basic" and "cannot" in exc.code:
            return _fail(
                "key_unknown",
                diagnosis.message,
                diagnosis.hint + " If the key is right, the web server may remove the "
                'Authorization header: choose "credentials in the query string" '
                "(`wcconnector test-connection` tells which).",
            )
        return diagnosis
    if isinstance(exc, WooConfigError):
        # The key and secret were there: the client is only made with both.
        settings = _settings_problem(store_url, "key", "secret", auth)
        return settings or _fail("bad_url", exc.message, "Check the store URL in the setup.")
    return _woo_problem(exc, url)


def _woo_problem(exc: WooError, url: str) -> Diagnosis:
    if isinstance(exc, WooTLSError):
        return _fail("tls", exc.message, "Fix the certificate, or choose the shop's CA bundle.")
    if isinstance(exc, WooNotFound):
        return _fail(
            "not_woocommerce",
            "The store has no WooCommerce customers endpoint (wc/v3/customers).",
            "Install and activate WooCommerce 3.5 or later.",
        )
    if isinstance(exc, WooBadResponse):
        return _fail("bad_response", exc.message, "Check the store URL and its permalinks.")
    if isinstance(exc, WooGaveUp):  # a run's time limit, or a store that stopped answering
        return _fail("unreachable", exc.message)  # its message says what to do
    if isinstance(exc, WooTimeout):
        return _fail("unreachable", exc.message, "The shop is slow or offline; try again later.")
    if isinstance(exc, WooApiError):
        return _fail("server_error", f"The store answered with an error: {exc.message}")
    return _unreachable(exc.message, url)


def _settings_problem(store_url: str, key: str, secret: str, auth: str) -> Diagnosis | None:
    """What is wrong with the settings themselves, before anything is sent."""
    try:
        url = normalize_store_url(store_url)
    except WooConfigError as exc:
        return _fail(
            "bad_url", exc.message, "Enter the shop's address, e.g. https://shop.example.com"
        )
    if auth not in ("basic", "query", "oauth1"):
        return _fail("bad_auth", f"Unknown authentication setting {auth!r}.")
    if not key or not secret:
        return _fail(
            "key_missing",
            "The consumer key or secret is empty.",
            "Create a key in WooCommerce → Settings → Advanced → REST API (Read/Write).",
        )
    if auth in ("basic", "query") and url.startswith("http://"):
        return _fail(
            "basic_over_http",
            "Basic and query-string authentication send the secret readable, so they are only "
            "used over HTTPS — and WooCommerce ignores them over plain HTTP.",
            "Use the store's https:// address, or choose OAuth 1.0a for a plain-HTTP test shop.",
        )
    return None


def test_connection(
    store_url: str,
    consumer_key: str,
    consumer_secret: str,
    *,
    auth: str,
    ca_bundle: str | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 15,
) -> Diagnosis:
    """Check a store's settings step by step and say what is wrong, if anything."""
    problem = _settings_problem(store_url, consumer_key, consumer_secret, auth)
    if problem is not None:
        return problem
    url = normalize_store_url(store_url)
    try:
        verify = tls_verify(ca_bundle)
    except WooConfigError as exc:
        return _fail("tls", exc.message, "Choose a PEM file.")
    with httpx.Client(
        verify=verify,
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"Accept": "application/json", "User-Agent": "wcconnector-gui"},
    ) as probe:
        problem = _discover(probe, url)
    if problem is not None:
        return problem

    with _client(url, consumer_key, consumer_secret, auth, ca_bundle, transport, timeout) as client:
        try:
            page = client.list_customers(per_page=1)
        except WooAuthError as exc:
            if exc.code == "woocommerce_rest_cannot_view" and auth == "basic":
                return _check_header_stripped(
                    url, consumer_key, consumer_secret, ca_bundle, transport, timeout, exc
                )
            return explain_error(exc, url, auth)
        except WooError as exc:
            return explain_error(exc, url, auth)
        try:
            client.verify_write_access()
        except WooAuthError as exc:
            if "write permission" in exc.api_message.lower():
                return _fail(
                    "key_read_only",
                    "The key can read customers but not change them (it is read-only).",
                    "Edit the key in WooCommerce → Settings → Advanced → REST API and set its "
                    "permissions to Read/Write.",
                )
            return explain_error(exc, url, auth)
        except WooApiError as exc:
            # Past authentication: the key may write; the store just dislikes an empty batch.
            log.debug("write probe answered %s; the key's write permission was accepted", exc)
        except WooError as exc:
            return explain_error(exc, url, auth)
    noun = "customer" if page.total == 1 else "customers"
    return Diagnosis(
        ok=True,
        problem="ok",
        message=(
            f"Connected. WooCommerce answers and the key can read and change customers "
            f"({page.total} {noun} of all roles in the store)."
        ),
        hint="",
    )


def _check_header_stripped(
    url: str,
    key: str,
    secret: str,
    ca_bundle: str | None,
    transport: httpx.BaseTransport | None,
    timeout: float,
    original: WooAuthError,
) -> Diagnosis:
    """Basic was answered as anonymous: does the same key work in the query string?"""
    with _client(url, key, secret, "query", ca_bundle, transport, timeout) as client:
        try:
            client.list_customers(per_page=1)
        except WooAuthError as exc:
            return _auth_problem(exc, "query")
        except WooError:
            return _auth_problem(original, "basic")
    return _fail(
        "header_stripped",
        "The key is right, but the web server removes the Authorization header, so the store "
        "never sees it.",
        'Choose "credentials in the query string" as authentication, or have the host pass '
        "the Authorization header on to PHP.",
    )
