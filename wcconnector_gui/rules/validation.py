"""Push validation: one plain reason per record that cannot be sent, the others go on."""

from __future__ import annotations

from collections.abc import Iterable

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.domain.validation import country_problem, email_problem, username_problem
from wcconnector_gui.rules.names import first_and_last
from wcconnector_gui.rules.phone import PhoneError, digits_key, to_e164


def record_problem(
    customer: Customer,
    setup: Setup,
    *,
    username: str,
    store_username: str | None,
) -> str | None:
    """Why ``customer`` cannot be pushed, or None.

    ``store_username`` is the username the store has for it (None when the
    store does not have the customer yet): WooCommerce refuses username changes.
    """
    problem = email_problem(customer.email.strip())
    if problem:
        return problem
    problem = country_problem(customer.country_code.upper())
    if problem:
        return problem
    if store_username is None:
        if username:
            problem = username_problem(username)
            if problem:
                return problem
    elif username and username != store_username:
        return (
            f"the username cannot be changed once the store has the customer "
            f"(store: '{store_username}', here: '{username}')"
        )
    try:
        to_e164(customer.phone, customer.country_code)
    except PhoneError as exc:
        return str(exc)
    if setup.strict_address:
        first, last = first_and_last(customer, setup)
        missing = [
            label
            for label, value in (
                ("first name", first),
                ("last name", last),
                ("address", customer.address.strip()),
                ("city", customer.city.strip()),
            )
            if not value
        ]
        if missing:
            return f"strict address is on and the {', '.join(missing)} is missing"
    return None


def duplicate_problems(
    candidates: Iterable[Customer], others: Iterable[tuple[str, str, str, str]]
) -> dict[str, str]:
    """No. → reason for candidates whose phone or e-mail another pushed customer also has.

    ``others`` are (no, email, phone, country) of the other store-bound
    customers. Only phones whose last digits collide are parsed, so this stays
    cheap for a selective sync on a big database.
    """
    owners_email: dict[str, list[str]] = {}
    owners_phone: dict[str, list[str]] = {}
    keyed: dict[str, list[tuple[str, str, str]]] = {}
    cands = list(candidates)
    for c in cands:
        owners_email.setdefault(c.email.strip().casefold(), []).append(c.no)
        if c.phone.strip():
            keyed.setdefault(digits_key(c.phone)[-7:], []).append((c.no, c.phone, c.country_code))
    cand_nos = {c.no for c in cands}
    for no, email, phone, country in others:
        if no in cand_nos:
            continue
        owners_email.setdefault(email.strip().casefold(), []).append(no)
        if phone.strip() and digits_key(phone)[-7:] in keyed:
            keyed[digits_key(phone)[-7:]].append((no, phone, country))
    for group in keyed.values():
        if len(group) < 2:
            continue
        for no, phone, country in group:
            try:
                owners_phone.setdefault(to_e164(phone, country), []).append(no)
            except PhoneError:
                continue
    problems: dict[str, str] = {}
    for label, owners in (("phone number", owners_phone), ("e-mail address", owners_email)):
        for value, nos in owners.items():
            if len(nos) < 2 or not value:
                continue
            ordered = sorted(set(nos))
            for no in ordered:
                if no in cand_nos and no not in problems:
                    rest = ", ".join(n for n in ordered if n != no)
                    problems[no] = (
                        f"the {label} {value} is also used by customer {rest}; "
                        "each store customer needs its own"
                    )
    return problems
