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
