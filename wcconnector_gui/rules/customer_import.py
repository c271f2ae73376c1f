"""Store customer → back-office customer fields, and the template a new one gets."""

from __future__ import annotations

from dataclasses import dataclass

from wcconnector_gui.domain.customer import TEMPLATE_FIELDS, Customer
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.domain.templates import CountryTemplate, CustomerTemplate
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.rules.names import CountyMap, imported_names
from wcconnector_gui.rules.phone import clean_imported


def default_address(store: WebstoreCustomer) -> dict[str, str]:
    """The billing address when it has one, else the shipping address (connectors §2.6)."""
    if _has_address(store.billing):
        return store.billing
    if _has_address(store.shipping):
        return store.shipping
    return {}


def _has_address(address: dict[str, str]) -> bool:
    return bool(address.get("address_1") or address.get("city") or address.get("country"))


def imported_fields(store: WebstoreCustomer, setup: Setup, counties: CountyMap) -> dict[str, str]:
    """The synced fields of a back-office customer as the store customer has them."""
    address = default_address(store)
    first = address.get("first_name") or store.first_name
    last = address.get("last_name") or store.last_name
    country = (address.get("country") or "").upper()
    phone = store.billing.get("phone") or store.shipping.get("phone") or ""
    return {
        **imported_names(first, last, address.get("company", ""), setup),
        "address": address.get("address_1", ""),
        "address_2": address.get("address_2", ""),
        "city": address.get("city", ""),
        "post_code": address.get("postcode", ""),
        "county": counties.from_state(address.get("state", ""), country),
        "country_code": country,
        "phone": clean_imported(phone),
        "email": store.email,
    }


@dataclass
class TemplateChoice:
    template: CustomerTemplate | None = None
    default_customer_no: str = ""
    problem: str = ""


def choose_template(
    store: WebstoreCustomer,
    setup: Setup,
    templates: dict[str, CustomerTemplate],
    country_templates: dict[str, CountryTemplate],
) -> TemplateChoice:
    """Per-country template (billing country, else shipping), else the setup's template.

    A country template's Default Customer No. takes priority: the store customer
    then stands for that back-office customer and no new one is made.
    """
    countries = [
        c.upper() for c in (store.billing.get("country"), store.shipping.get("country")) if c
    ]
    code = ""
    for country in countries:
        row = country_templates.get(country)
        if row is None:
            continue
        if row.default_customer_no:
            return TemplateChoice(default_customer_no=row.default_customer_no)
        if row.template_code:
            code = row.template_code
            break
    code = code or setup.customer_template_code
    if not code:
        return TemplateChoice(problem="no customer template is set (setup or country templates)")
    template = templates.get(code)
    if template is None:
        return TemplateChoice(problem=f"the customer template '{code}' does not exist")
    return TemplateChoice(template=template)


def new_customer(
    store: WebstoreCustomer, setup: Setup, counties: CountyMap, template: CustomerTemplate
) -> Customer:
    """A back-office customer (without No.) from the template and the store's data."""
    values: dict[str, object] = {f: getattr(template, f) for f in TEMPLATE_FIELDS}
    fields = imported_fields(store, setup, counties)
    if not fields["country_code"]:
        fields["country_code"] = template.country_code
    values.update(fields)
    return Customer(**values)  # type: ignore[arg-type]
