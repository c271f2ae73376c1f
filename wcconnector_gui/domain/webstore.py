"""The last-seen copy of a web store (WooCommerce) customer."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from wcconnector_gui.domain.customer import content_hash

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "state",
    "postcode",
    "country",
    "phone",
)
BILLING_FIELDS = (*ADDRESS_FIELDS, "email")
# WooCommerce's own customer list (GET /customers) shows only this role unless asked for
# role=all; the setup may add others (e.g. subscriber), never shop staff.
CUSTOMER_ROLE = "customer"
STAFF_ROLES = frozenset({"administrator", "shop_manager", "editor", "author", "contributor"})
_ROLE_NAME = re.compile(r"^[a-z0-9_-]+$")


def parse_roles(text: str) -> tuple[str, ...]:
    """``"Customer, subscriber"`` → ``("customer", "subscriber")``; ValueError says why not."""
    roles = tuple(dict.fromkeys(r for r in re.split(r"[,\s]+", text.strip().lower()) if r))
    if not roles:
        raise ValueError("name at least one store role, e.g. customer")
    for role in roles:
        if not _ROLE_NAME.match(role):
            raise ValueError(f"'{role}' is not a store role name (e.g. customer, subscriber)")
        if role in STAFF_ROLES:
            raise ValueError(f"{role} accounts are shop staff and are never taken as customers")
    return roles


def role_problem(webstore_id: int, role: str, allowed: Collection[str]) -> str | None:
    """Why store account ``webstore_id`` cannot be imported or linked, or None when it can.

    Only accounts of the ``allowed`` roles (the setup's Store Roles Taken as Customers)
    stand for back-office customers; shop staff never do.
    """
    if role in allowed and role not in STAFF_ROLES:
        return None
    return (
        f"store account {webstore_id} has the role {role or 'unknown'}; only accounts with "
        f"the role {' or '.join(allowed)} are imported or linked as customers"
    )


@dataclass(slots=True)
class WebstoreCustomer:
    id: int
    email: str = ""
    username: str = ""
    first_name: str = ""
    last_name: str = ""
    role: str = "customer"
    billing: dict[str, str] = field(default_factory=dict)
    shipping: dict[str, str] = field(default_factory=dict)
    meta_data: list[dict[str, Any]] = field(default_factory=list)
    date_created_gmt: str = ""
    date_modified_gmt: str = ""

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> WebstoreCustomer:
        return cls(
            id=int(data["id"]),
            email=str(data.get("email") or ""),
            username=str(data.get("username") or ""),
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            role=str(data.get("role") or ""),
            billing={k: str(v or "") for k, v in (data.get("billing") or {}).items()},
            shipping={k: str(v or "") for k, v in (data.get("shipping") or {}).items()},
            meta_data=list(data.get("meta_data") or []),
            date_created_gmt=str(data.get("date_created_gmt") or ""),
            date_modified_gmt=str(data.get("date_modified_gmt") or ""),
        )

    def content_hash(self) -> str:
        """Hash of what the store holds for this customer (ids and dates left out)."""
        return content_hash(
            {
                "email": self.email,
                "first_name": self.first_name,
                "last_name": self.last_name,
                "billing": self.billing,
                "shipping": self.shipping,
                "meta": sorted((str(m.get("key")), str(m.get("value"))) for m in self.meta_data),
            }
        )

    def meta_value(self, key: str) -> str | None:
        for item in self.meta_data:
            if item.get("key") == key:
                value = item.get("value")
                return None if value is None else str(value)
        return None
