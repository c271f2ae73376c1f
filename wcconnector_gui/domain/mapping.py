"""A mapping links one back-office customer to one web store customer.

It also keeps the state of the last push and pull, which is how the sync knows
what changed since (and on which side). The password is never part of it: a
pending password waits sealed (credentials.customer_passwords); ``password_pending``
only says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MappingStatus(StrEnum):
    NONE = ""  # never synced
    PENDING = "pending"  # a create was sent and its outcome is not known yet
    SYNCED = "synced"
    ERROR = "error"
    SKIPPED = "skipped"
    CONFLICT = "conflict"


@dataclass(slots=True)
class Mapping:
    customer_no: str
    webstore_id: int | None = None
    username: str = ""
    webstore_customer: bool = False
    password_pending: bool = False
    status: MappingStatus = MappingStatus.NONE
    last_error: str = ""
    last_synced_at: str = ""
    # What the back office looked like at the last successful sync (hash of synced fields).
    local_hash: str = ""
    # What we sent to the store last time (hash of the payload).
    pushed_hash: str = ""
    # The store customer's date_modified_gmt and content hash when we last saw it in sync.
    remote_modified_gmt: str = ""
    remote_hash: str = ""
    # Crash-safety journal: the e-mail and username of a create that was sent but not
    # yet acknowledged (it is looked up by them, whatever the customer's e-mail is now).
    pending_create_email: str = ""
    pending_create_username: str = ""

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Mapping:
        webstore_id = row.get("webstore_id")
        return cls(
            customer_no=str(row["customer_no"]),
            webstore_id=int(webstore_id) if webstore_id not in (None, "") else None,  # type: ignore[call-overload]
            username=str(row.get("username") or ""),
            webstore_customer=bool(row.get("webstore_customer")),
            password_pending=bool(row.get("password_pending")),
            status=MappingStatus(str(row.get("status") or "")),
            last_error=str(row.get("last_error") or ""),
            last_synced_at=str(row.get("last_synced_at") or ""),
            local_hash=str(row.get("local_hash") or ""),
            pushed_hash=str(row.get("pushed_hash") or ""),
            remote_modified_gmt=str(row.get("remote_modified_gmt") or ""),
            remote_hash=str(row.get("remote_hash") or ""),
            pending_create_email=str(row.get("pending_create_email") or ""),
            pending_create_username=str(row.get("pending_create_username") or ""),
        )

    def to_row(self) -> dict[str, object]:
        return {
            "customer_no": self.customer_no,
            "webstore_id": self.webstore_id,
            "username": self.username,
            "webstore_customer": 1 if self.webstore_customer else 0,
            "password_pending": 1 if self.password_pending else 0,
            "status": str(self.status),
            "last_error": self.last_error,
            "last_synced_at": self.last_synced_at,
            "local_hash": self.local_hash,
            "pushed_hash": self.pushed_hash,
            "remote_modified_gmt": self.remote_modified_gmt,
            "remote_hash": self.remote_hash,
            "pending_create_email": self.pending_create_email,
            "pending_create_username": self.pending_create_username,
        }
