"""Normalizing the store URL the user typed into the one the client talks to."""

from __future__ import annotations

from wcconnector_gui.domain import setup
from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.woo.errors import WooConfigError

API_PATH = "/wp-json/wc/v3"


def normalize_store_url(url: str) -> str:
    """The store URL the client talks to; WooConfigError when it cannot be one."""
    try:
        return setup.normalize_store_url(url)
    except setup.SetupError as exc:
        raise WooConfigError(as_sentence(str(exc))) from None
