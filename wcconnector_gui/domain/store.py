"""A web store the app keeps customers in sync with; a database holds one or more."""

from __future__ import annotations

from dataclasses import dataclass

NAME_MAX = 80


@dataclass(frozen=True, slots=True)
class Store:
    """One store of the store list.

    ``secret_ns`` namespaces the store's secrets in the keyring (consumer key and
    secret, the data key of its pending passwords); it is not a secret itself.
    """

    id: int
    name: str
    secret_ns: str


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a store, or None when it can."""
    text = name.strip()
    if not text:
        return "a store needs a name"
    if len(text) > NAME_MAX:
        return f"a store name has at most {NAME_MAX} characters"
    if text.isdigit():
        return "a store name cannot be only digits (digits choose a store by its number)"
    if any(ord(ch) < 32 for ch in text):
        return "a store name cannot hold control characters"
    return None
