"""Names, company and county between the back office and the store (Shopify connector rules)."""

from __future__ import annotations

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import CountySource, NameSource, Setup
from wcconnector_gui.domain.templates import County

_SPLITTING = (NameSource.FIRST_AND_LAST_NAME, NameSource.LAST_AND_FIRST_NAME)


def split_name(name: str, source: NameSource) -> tuple[str, str] | None:
    """(first, last) of ``name`` per ``source``; None when the source does not split."""
    text = name.strip()
    if source not in _SPLITTING or not text:
        return None
    tokens = text.split()
    first = tokens[0] if source == NameSource.FIRST_AND_LAST_NAME else tokens[-1]
    last = text.replace(first, "", 1).strip()
    return first, last


def first_and_last(customer: Customer, setup: Setup) -> tuple[str, str]:
    """Contact first, then Name 2, then Name — the first that applies (connectors §2.3)."""
    if customer.contact.strip() and setup.contact_source != NameSource.NONE:
        parts = split_name(customer.contact, setup.contact_source)
        if parts:
            return parts
    if customer.name_2.strip() and setup.name_2_source in _SPLITTING:
        parts = split_name(customer.name_2, setup.name_2_source)
        if parts:
            return parts
    return split_name(customer.name, setup.name_source) or ("", "")


def company(customer: Customer, setup: Setup) -> str:
    if setup.name_source == NameSource.COMPANY_NAME:
        return customer.name.strip()
    if setup.name_2_source == NameSource.COMPANY_NAME:
        return customer.name_2.strip()
    return ""


def compose(source: NameSource, first: str, last: str, company_name: str) -> str:
    """A back-office name from store parts (``ICustomerName`` implementations)."""
    if source == NameSource.FIRST_AND_LAST_NAME:
        return f"{first.strip()} {last.strip()}".strip()
    if source == NameSource.LAST_AND_FIRST_NAME:
        return f"{last.strip()} {first.strip()}".strip()
    if source == NameSource.COMPANY_NAME:
        return company_name.strip()
    return ""


def imported_names(first: str, last: str, company_name: str, setup: Setup) -> dict[str, str]:
    """Name, Name 2 and Contact of a pulled customer (``FillInCustomerFields``)."""
    name = compose(setup.name_source, first, last, company_name)
    name_2 = ""
    if not name:
        name = compose(setup.name_2_source, first, last, company_name)
    else:
        name_2 = compose(setup.name_2_source, first, last, company_name)
    contact = compose(setup.contact_source, first, last, company_name)
    if not name:
        name, contact = contact, ""
    return {"name": name, "name_2": name_2, "contact": contact}


class CountyMap:
    """The counties table in memory: County (code or name) ↔ WooCommerce ``state``."""

    def __init__(self, counties: list[County], source: CountySource) -> None:
        self.source = source
        self._by_code: dict[tuple[str, str], County] = {}
        self._by_name: dict[tuple[str, str], County] = {}
        self._countries: set[str] = set()
        for county in counties:
            country = county.country_code.upper()
            self._countries.add(country)
            self._by_code[(country, county.code.upper())] = county
            self._by_name[(country, county.name.casefold())] = county

    def to_state(self, county: str, country_code: str) -> str:
        """The store's ``state`` (the county code when the table knows it)."""
        text = county.strip()
        country = country_code.upper()
        if not text or country not in self._countries:
            return text
        if self.source == CountySource.CODE:
            found = self._by_code.get((country, text.upper()))
        else:
            found = self._by_name.get((country, text.casefold()))
            if found is None:
                prefix = text.casefold()
                matches = [
                    c
                    for (k, n), c in self._by_name.items()
                    if k == country and n.startswith(prefix)
                ]
                found = matches[0] if len(matches) == 1 else None
        return found.code if found else text

    def from_state(self, state: str, country_code: str) -> str:
        """A pulled ``state`` as the back office keeps County (code or name per County Source)."""
        text = state.strip()
        country = country_code.upper()
        found = self._by_code.get((country, text.upper())) or self._by_name.get(
            (country, text.casefold())
        )
        if found is None:
            return text
        return found.code if self.source == CountySource.CODE else found.name
