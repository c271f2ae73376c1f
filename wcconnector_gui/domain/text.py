"""Small helpers for the plain-words messages the app shows."""

from __future__ import annotations


def as_sentence(text: str) -> str:
    """``the URL is empty`` → ``The URL is empty.`` (a message ending in . ! ? is kept)."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
