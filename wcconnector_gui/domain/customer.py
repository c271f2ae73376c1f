"""The back-office customer: the master record the store is kept in line with."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields

from wcconnector_gui.domain.translatable import translatable

# Field names are also the CSV header names and the database column names.
CUSTOMER_FIELDS: tuple[str, ...] = (
    "no",
    "name",
    "name_2",
    "contact",
    "address",
    "address_2",
    "city",
    "post_code",
    "county",
    "country_code",
    "phone",
    "email",
    "customer_posting_group",
    "gen_bus_posting_group",
    "vat_bus_posting_group",
    "tax_area_code",
    "payment_terms_code",
    "blocked",
)

# Fields that are copied from a customer template onto a new customer.
TEMPLATE_FIELDS: tuple[str, ...] = (
    "customer_posting_group",
    "gen_bus_posting_group",
    "vat_bus_posting_group",
    "tax_area_code",
    "payment_terms_code",
    "country_code",
    "blocked",
)

# Fields whose change matters to the web store (the sync compares their hash).
SYNCED_FIELDS: tuple[str, ...] = (
    "name",
    "name_2",
    "contact",
    "address",
    "address_2",
    "city",
    "post_code",
    "county",
    "country_code",
    "phone",
    "email",
)

FIELD_LABELS: dict[str, str] = {
    "no": translatable("Customer", "No."),
    "name": translatable("Customer", "Name"),
    "name_2": translatable("Customer", "Name 2"),
    "contact": translatable("Customer", "Contact"),
    "address": translatable("Customer", "Address"),
    "address_2": translatable("Customer", "Address 2"),
    "city": translatable("Customer", "City"),
    "post_code": translatable("Customer", "Post Code"),
    "county": translatable("Customer", "County"),
    "country_code": translatable("Customer", "Country/Region Code"),
    "phone": translatable("Customer", "Phone No."),
    "email": translatable("Customer", "E-Mail"),
    "customer_posting_group": translatable("Customer", "Customer Posting Group"),
    "gen_bus_posting_group": translatable("Customer", "Gen. Bus. Posting Group"),
    "vat_bus_posting_group": translatable("Customer", "VAT Bus. Posting Group"),
    "tax_area_code": translatable("Customer", "Tax Area Code"),
    "payment_terms_code": translatable("Customer", "Payment Terms Code"),
    "blocked": translatable("Customer", "Blocked"),
}


@dataclass(slots=True)
class Customer:
    no: str = ""
    name: str = ""
    name_2: str = ""
    contact: str = ""
    address: str = ""
    address_2: str = ""
    city: str = ""
    post_code: str = ""
    county: str = ""
    country_code: str = ""
    phone: str = ""
    email: str = ""
    customer_posting_group: str = ""
    gen_bus_posting_group: str = ""
    vat_bus_posting_group: str = ""
    tax_area_code: str = ""
    payment_terms_code: str = ""
    blocked: bool = False
    created_at: str = ""
    modified_at: str = ""

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Customer:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in row.items() if k in known}
        values["blocked"] = bool(values.get("blocked") or False)
        for key, value in values.items():
            if value is None and key != "blocked":
                values[key] = ""
        return cls(**values)  # type: ignore[arg-type]

    def to_row(self) -> dict[str, object]:
        row = asdict(self)
        row["blocked"] = 1 if self.blocked else 0
        return row

    def synced_hash(self) -> str:
        """Hash of the fields the web store cares about (change detection)."""
        return content_hash({name: getattr(self, name) for name in SYNCED_FIELDS})


def content_hash(value: object) -> str:
    """A stable short hash of JSON-able data."""
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
