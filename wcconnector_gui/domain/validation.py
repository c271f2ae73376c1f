"""Field checks shared by the CSV import, the card editor and the push validation.

Each check returns ``None`` when the value is fine, or one plain sentence saying
what is wrong.
"""

from __future__ import annotations

import re

from wcconnector_gui.domain.countries import is_country_code

# Pragmatic e-mail syntax: one @, a dot-atom local part, a domain with a dot and
# a TLD of two or more letters. Close to what WordPress' is_email() accepts.
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_EMAIL_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# WordPress sanitize_user(strict): letters, digits, space, _ . - @
_USERNAME = re.compile(r"^[A-Za-z0-9 _.@-]+$")
USERNAME_MAX = 60


def email_problem(value: str) -> str | None:
    if not value:
        return "the e-mail address is empty"
    if len(value) > 100 or value.count("@") != 1:
        return f"'{value}' is not a valid e-mail address"
    local, domain = value.split("@")
    labels = domain.split(".")
    if (
        not _EMAIL_LOCAL.match(local)
        or len(labels) < 2
        or not all(_EMAIL_LABEL.match(label) for label in labels)
        or not re.fullmatch(r"[A-Za-z]{2,63}", labels[-1])
    ):
        return f"'{value}' is not a valid e-mail address"
    return None


def is_valid_email(value: str) -> bool:
    return email_problem(value) is None


def country_problem(value: str) -> str | None:
    if not is_country_code(value):
        return f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. DE, US, GB)"
    return None


def username_problem(value: str) -> str | None:
    """WordPress user names: at most 60 of letters, digits, space and _ . - @."""
    if not value.strip():
        return "the username is empty"
    if len(value) > USERNAME_MAX:
        return f"the username is longer than {USERNAME_MAX} characters"
    if not _USERNAME.match(value) or value != value.strip():
        return (
            f"'{value}' is not a valid WordPress username "
            "(use letters, digits, space and _ . - @ only)"
        )
    return None


# WooCommerce makes keys as "ck_" / "cs_" + wc_rand_hash(): 40 hexadecimal digits.
_API_CREDENTIAL = {
    "key": re.compile(r"ck_[0-9a-fA-F]{40}"),
    "secret": re.compile(r"cs_[0-9a-fA-F]{40}"),
}


def api_credential_problem(value: str, kind: str) -> str | None:
    """Is ``value`` shaped like a WooCommerce consumer ``kind`` ("key" or "secret")?

    The value itself is never repeated in the sentence (it is a credential).
    """
    prefix = "ck_" if kind == "key" else "cs_"
    what = f"consumer {kind}"
    if not value:
        return f"the {what} is empty"
    if _API_CREDENTIAL[kind].fullmatch(value):
        return None
    shape = (
        f"WooCommerce shows it as {prefix} followed by 40 letters and digits (0-9, a-f), "
        "under WooCommerce → Settings → Advanced → REST API"
    )
    if any(ch.isspace() for ch in value):
        return f"the {what} contains a space or line break; {shape}"
    if not value.startswith(prefix):
        other = "cs_" if kind == "key" else "ck_"
        if value.startswith(other):
            return f"this is the consumer {'secret' if kind == 'key' else 'key'}, not the {what}"
        return f"the {what} does not start with {prefix}; {shape}"
    return f"the {what} has {len(value) - 3} characters after {prefix}, not 40 hex digits; {shape}"
