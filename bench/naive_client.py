"""The naive baseline: what a user would script with the official WooCommerce Python client.

``wcapi.post("customers", data)`` in a loop: one POST /customers per customer, one at a
time, a NEW connection for each (``requests.request`` without a Session), OAuth 1.0a
(HMAC-SHA256, parameters in the query string) over plain HTTP, no batching, no retry.
Here written with ``http.client`` so no extra package is needed; it signs exactly as
WooCommerce checks (the project's own signing functions, which the contract tests pin).
"""

from __future__ import annotations

import http.client
import json
import secrets
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from wcconnector_gui.woo.auth import oauth1_base_string, oauth1_signature, rfc3986

API_PATH = "/wp-json/wc/v3/"


def signed_path(method: str, store_url: str, endpoint: str, key: str, secret: str) -> str:
    """``/wp-json/wc/v3/<endpoint>?oauth_...`` signed like wc-api-python's OAuth class."""
    parts = urlsplit(store_url)
    path = parts.path.rstrip("/") + API_PATH + endpoint
    params = [
        ("oauth_consumer_key", key),
        ("oauth_nonce", secrets.token_hex(16)),
        ("oauth_signature_method", "HMAC-SHA256"),
        ("oauth_timestamp", str(int(time.time()))),
    ]
    base = oauth1_base_string(method, f"{parts.scheme}://{parts.netloc}{path}", params)
    params.append(("oauth_signature", oauth1_signature(base, secret)))
    return path + "?" + "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in params)


def post_each(
    store_url: str, key: str, secret: str, customers: Iterable[dict[str, Any]]
) -> tuple[int, int, float]:
    """POST every customer on a fresh connection; returns (created, failed, seconds)."""
    parts = urlsplit(store_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    created = failed = 0
    start = time.perf_counter()
    for data in customers:
        body = json.dumps(data).encode()
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request(
                "POST",
                signed_path("POST", store_url, "customers", key, secret),
                body=body,
                headers={
                    "Content-Type": "application/json;charset=utf-8",
                    "Accept": "application/json",
                    "Connection": "close",
                },
            )
            answer = conn.getresponse()
            answer.read()
            if answer.status == 201:
                created += 1
            else:
                failed += 1
        finally:
            conn.close()
    return created, failed, time.perf_counter() - start
