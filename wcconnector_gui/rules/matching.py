"""Finding the back-office customer for a store customer: in-memory indexes, O(1) per lookup."""

from __future__ import annotations

from collections.abc import Iterable

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.rules.phone import match_key


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def bill_to_key(
    name: str,
    name_2: str,
    address: str,
    address_2: str,
    post_code: str,
    city: str,
    county: str,
    country: str,
) -> tuple[str, ...]:
    return tuple(
        _norm(v) for v in (name, name_2, address, address_2, post_code, city, county, country)
    )


class LocalIndex:
    """Back-office customers by e-mail, phone, bill-to info and name."""

    def __init__(self, customers: Iterable[Customer]) -> None:
        self.by_no: dict[str, Customer] = {}
        self.by_email: dict[str, list[str]] = {}
        self.by_phone: dict[str, list[str]] = {}
        self.by_bill_to: dict[tuple[str, ...], list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for c in customers:
            self.by_no[c.no] = c
            if c.email.strip():
                self.by_email.setdefault(c.email.strip().casefold(), []).append(c.no)
            if c.phone.strip():
                key = match_key(c.phone, c.country_code)
                if key:
                    self.by_phone.setdefault(key, []).append(c.no)
            self.by_bill_to.setdefault(
                bill_to_key(
                    c.name,
                    c.name_2,
                    c.address,
                    c.address_2,
                    c.post_code,
                    c.city,
                    c.county,
                    c.country_code,
                ),
                [],
            ).append(c.no)
            if c.name.strip():
                self.by_name.setdefault(_norm(c.name), []).append(c.no)

    def email(self, email: str) -> list[str]:
        return self.by_email.get(email.strip().casefold(), []) if email.strip() else []

    def phone(self, phone: str, country: str) -> list[str]:
        if not phone.strip() or not self.by_phone:  # nothing to match: spare the parse
            return []
        return self.by_phone.get(match_key(phone, country), [])

    def bill_to(self, key: tuple[str, ...]) -> list[str]:
        return self.by_bill_to.get(key, [])

    def name_and_place(self, name: str, city: str, post_code: str) -> list[str]:
        """Same name, and the same city or post code."""
        if not name.strip():
            return []
        found = []
        for no in self.by_name.get(_norm(name), []):
            c = self.by_no[no]
            if (city.strip() and _norm(c.city) == _norm(city)) or (
                post_code.strip() and _norm(c.post_code) == _norm(post_code)
            ):
                found.append(no)
        return found
