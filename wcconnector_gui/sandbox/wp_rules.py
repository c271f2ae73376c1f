"""WordPress's own input rules, as the real store applies them to customers.

``is_email``, ``sanitize_text_field``, ``sanitize_user`` and ``validate_username``
follow the PHP functions of the same names closely enough that the sandbox
accepts and rejects the same values a real shop does.
"""

from __future__ import annotations

import re
import unicodedata

_LOCAL_PART = re.compile(r"^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_SUBDOMAIN = re.compile(r"^[a-z0-9-]+$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>?")
_SCRIPT_STYLE = re.compile(r"<(script|style)[^>]*?>.*?</\1>", re.IGNORECASE | re.DOTALL)
_OCTETS = re.compile(r"%[a-fA-F0-9]{2}")
_ENTITIES = re.compile(r"&.+?;")
_SPACES = re.compile(r"[\r\n\t ]+")
_NOT_STRICT_USER = re.compile(r"[^a-z0-9 _.\-@]", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


def is_email(value: object) -> bool:
    """WordPress ``is_email()``: a deliberately simple, ASCII-only check."""
    if not isinstance(value, str) or len(value) < 6 or value.find("@", 1) == -1:
        return False
    local, domain = value.split("@", 1)
    if not _LOCAL_PART.match(local):
        return False
    if ".." in domain or domain.strip(" \t\n\r\0\x0b.") != domain:
        return False
    subs = domain.split(".")
    if len(subs) < 2:
        return False
    return all(sub.strip(" \t\n\r\0\x0b-") == sub and _SUBDOMAIN.match(sub) for sub in subs)


def strip_all_tags(value: str) -> str:
    return _TAGS.sub("", _SCRIPT_STYLE.sub("", value))


def sanitize_text_field(value: str) -> str:
    """WordPress ``sanitize_text_field()``: no tags, no line breaks, single spaces, trimmed."""
    if "<" in value:
        value = strip_all_tags(value)
    value = _SPACES.sub(" ", value).strip()
    while _OCTETS.search(value):
        value = _OCTETS.sub("", value)
    return value.strip()


def remove_accents(value: str) -> str:
    """Latin letters lose their accents (``José`` → ``Jose``); other scripts stay."""
    decomposed = unicodedata.normalize("NFKD", value)
    kept = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).replace("ß", "ss").replace("ł", "l")


def sanitize_user(value: str, *, strict: bool = False) -> str:
    """WordPress ``sanitize_user()``."""
    value = strip_all_tags(value)
    value = remove_accents(value)
    value = _OCTETS.sub("", value)
    value = _ENTITIES.sub("", value)
    if strict:
        value = _NOT_STRICT_USER.sub("", value)
    value = value.strip()
    return _WHITESPACE.sub(" ", value)


def validate_username(value: str) -> bool:
    """WordPress ``validate_username()``: unchanged by strict sanitizing, and not empty."""
    sanitized = sanitize_user(value, strict=True)
    return bool(sanitized) and sanitized == value and len(value) <= 60
