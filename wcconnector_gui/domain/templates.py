"""Customer templates (defaults for new customers), per-country templates, counties."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class CustomerTemplate:
    code: str
    description: str = ""
    customer_posting_group: str = ""
    gen_bus_posting_group: str = ""
    vat_bus_posting_group: str = ""
    tax_area_code: str = ""
    payment_terms_code: str = ""
    country_code: str = ""
    blocked: bool = False


@dataclass(slots=True)
class CountryTemplate:
    """Per country/region: which template new customers get, and defaults."""

    country_code: str
    template_code: str = ""
    default_customer_no: str = ""
    tax_area_code: str = ""


@dataclass(slots=True)
class County:
    """A county/state/province of a country, as a code and a name (County Source)."""

    country_code: str
    code: str
    name: str
