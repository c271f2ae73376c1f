"""Phone numbers: E.164 for the store, and keys for matching.

The four formats of the Shopify page (``xxxxxxxxxx``, ``+xxxxxxxxxxx``,
``(xxx)xxx-xxxx``, ``+x xxx-xxx-xxxx``) are parsed with the customer's country
as the default region; a number is accepted when it is *possible* for its
region (length and prefix), not only when it is assigned, so test and new
numbers pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

_NOT_DIGIT = re.compile(r"\D")
# Characters the Shopify connector keeps when it stores an imported phone.
_KEEP_ON_IMPORT = re.compile(r"[^0-9/+ .()]")


class PhoneError(ValueError):
    """The phone number cannot be read; the message says so in plain words."""


@lru_cache(maxsize=4096)
def to_e164(raw: str, country_code: str = "") -> str:
    """``raw`` in E.164 (``+14155550123``); ``""`` for an empty phone; PhoneError if unreadable."""
    text = raw.strip()
    if not text:
        return ""
    region = country_code.upper() or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(_unreadable(raw, country_code)) from None
    if not phonenumbers.is_possible_number(number):
        raise PhoneError(_unreadable(raw, country_code))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _unreadable(raw: str, country_code: str) -> str:
    where = f" for country {country_code}" if country_code else ""
    return (
        f"the phone number '{raw}' cannot be read as an international number{where} "
        "(e.g. +14155550123)"
    )


def match_key(raw: str, country_code: str = "") -> str:
    """A key equal for the same number written differently: E.164, else the bare digits.

    The Shopify connector matches phones by a digit subsequence, which costs a
    scan per lookup and matches unrelated numbers; an exact key keeps matching
    O(1) and never links a stranger.
    """
    try:
        return to_e164(raw, country_code)
    except PhoneError:
        return digits_key(raw)


def digits_key(raw: str) -> str:
    """Digits only, leading zeros removed (the connector's phone filter without wildcards)."""
    return _NOT_DIGIT.sub("", raw).lstrip("0")


def clean_imported(raw: str) -> str:
    """An imported store phone as the back office keeps it (the connector's character set)."""
    return _KEEP_ON_IMPORT.sub("", raw).strip()
