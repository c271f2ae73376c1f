"""Normalizing the store URL the user typed into the one the client talks to."""

from __future__ import annotations

import httpx

from wcconnector_gui.redaction import redact
from wcconnector_gui.woo.errors import WooConfigError

API_PATH = "/wp-json/wc/v3"


def normalize_store_url(url: str) -> str:
    """``https://shop.example/`` → ``https://shop.example``; raise WooConfigError when unusable.

    A pasted REST URL (``…/wp-json/wc/v3/customers``) is cut back to the store URL;
    query and fragment are dropped (credentials never belong in the store URL).
    """
    text = (url or "").strip()
    if not text:
        raise WooConfigError("The store URL is empty.")
    if "://" not in text:
        raise WooConfigError(
            f"The store URL {redact(text)!r} must start with https:// (or http:// for a test shop)."
        )
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise WooConfigError(
            f"The store URL is not a valid address ({redact(str(exc))})."
        ) from None
    if parsed.scheme not in ("http", "https"):
        raise WooConfigError(
            f"The store URL must start with https:// or http://, not {parsed.scheme}://."
        )
    if not parsed.host:
        raise WooConfigError("The store URL has no host name.")
    if parsed.username or parsed.password:
        raise WooConfigError(
            "The store URL must not contain a user name or password; "
            "enter the consumer key and secret in their own fields."
        )
    path = parsed.path
    marker = path.find("/wp-json")
    if marker >= 0:
        path = path[:marker]
    path = path.rstrip("/")
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host
    port = f":{parsed.port}" if parsed.port is not None else ""
    return f"{parsed.scheme}://{host}{port}{path}"
