"""The last-seen copy of a web store (WooCommerce) customer."""

from __future__ import annotations

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
