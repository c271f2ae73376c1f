"""A back-office customer as the WooCommerce customer payload (create and update)."""

from __future__ import annotations

from typing import Any

from wcconnector_gui.domain.customer import Customer, content_hash
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.rules.names import CountyMap, company, first_and_last
from wcconnector_gui.rules.phone import to_e164


def settings_fingerprint(setup: Setup, county_map_key: str) -> str:
    """Changes when a setting that shapes the payload changes (then records are re-sent)."""
    return content_hash(
        [
            str(setup.name_source),
            str(setup.name_2_source),
            str(setup.contact_source),
            str(setup.county_source),
            setup.customer_no_meta_key,
            county_map_key,
        ]
    )


def input_hash(customer: Customer, fingerprint: str, synced_hash: str = "") -> str:
    """What the payload is made of: the customer's synced fields plus the settings.

    ``synced_hash`` is ``customer.synced_hash()`` when the caller has it already.
    """
    return content_hash([synced_hash or customer.synced_hash(), fingerprint])


def build_payload(
    customer: Customer,
    setup: Setup,
    counties: CountyMap,
    *,
    meta_id: int | None = None,
    username: str = "",
    password: str = "",
    phone: str | None = None,
    update: bool = False,
) -> dict[str, Any]:
    """The JSON body for ``customers`` create/update (PhoneError for an unreadable phone).

    The Customer No. meta row carries its id when the store told us one, so an
    update changes that row instead of adding a second one. When the back office
    holds no person's name (Name is a company name, no contact), an update leaves
    the store's first and last names as they are instead of blanking them.
    """
    first, last = first_and_last(customer, setup)
    country = customer.country_code.upper()
    if phone is None:  # the caller may pass the E.164 form it already computed
        phone = to_e164(customer.phone, country)
    address: dict[str, str] = {
        "first_name": first,
        "last_name": last,
        "company": company(customer, setup),
        "address_1": customer.address.strip(),
        "address_2": customer.address_2.strip(),
        "city": customer.city.strip(),
        "state": counties.to_state(customer.county, country),
        "postcode": customer.post_code.strip(),
        "country": country,
        "phone": phone,
    }
    meta: dict[str, Any] = {"key": setup.customer_no_meta_key, "value": customer.no}
    if meta_id is not None:
        meta["id"] = meta_id
    payload: dict[str, Any] = {
        "email": customer.email.strip(),
        "first_name": first,
        "last_name": last,
        "billing": {**address, "email": customer.email.strip()},
        "shipping": dict(address),
        "meta_data": [meta],
    }
    if update and not first and not last:
        for part in (payload, payload["billing"], payload["shipping"]):
            del part["first_name"], part["last_name"]
    if username:
        payload["username"] = username
    if password:
        payload["password"] = password
    return payload


def meta_id_of(meta_data: list[dict[str, Any]], key: str) -> int | None:
    for item in meta_data:
        if item.get("key") == key and isinstance(item.get("id"), int):
            return int(item["id"])
    return None
