"""Normalizing the store URL the user typed into the one the client talks to."""

from __future__ import annotations

from wcconnector_gui.domain import setup
from wcconnector_gui.woo.errors import WooConfigError

API_PATH = "/wp-json/wc/v3"


def normalize_store_url(url: str) -> str:
    """The store URL the client talks to; WooConfigError when it cannot be one."""
    try:
        return setup.normalize_store_url(url)
    except setup.SetupError as exc:
        message = str(exc)
        raise WooConfigError(f"{message[:1].upper()}{message[1:]}.") from None
