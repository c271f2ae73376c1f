"""Back-office customers: create, read, update, delete, and the No. series."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.customer import CUSTOMER_FIELDS, Customer
from wcconnector_gui.storage.database import utc_now

SERIES_CODE = "CUSTOMER"


class CustomerNotFound(KeyError):
    pass


class DuplicateCustomerNo(ValueError):
    pass


class CustomerRepository:
    """All access to the ``customers`` table goes through here."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- number series -------------------------------------------------------------
    def next_no(self) -> str:
        """The next free No. from the series (C00010, C00020, ...), reserved at once."""
        with self.db.atomic():
            prefix, width, step, last = self.db.execute(
                "SELECT prefix, width, increment_by, last_no FROM number_series WHERE code = ?",
                [SERIES_CODE],
            ).fetchone()
            while True:
                last += step
                candidate = f"{prefix}{last:0{width}d}"
                if not self.exists(candidate):
                    break
            self.db.execute(
                "UPDATE number_series SET last_no = ? WHERE code = ?", [last, SERIES_CODE]
            )
        return candidate

    # --- reads ---------------------------------------------------------------------
    def exists(self, no: str) -> bool:
        return self.db.execute("SELECT 1 FROM customers WHERE no = ?", [no]).fetchone() is not None

    def get(self, no: str) -> Customer:
        rows = list(self.db.query("SELECT * FROM customers WHERE no = ?", [no]))
        if not rows:
            raise CustomerNotFound(no)
        return Customer.from_row(rows[0])

    def find(self, no: str) -> Customer | None:
        try:
            return self.get(no)
        except CustomerNotFound:
            return None

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM customers").fetchone()[0])

    def iter_all(self, nos: Iterable[str] | None = None) -> Iterator[Customer]:
        """Every customer ordered by No. (or only ``nos``)."""
        if nos is None:
            for row in self.db.query("SELECT * FROM customers ORDER BY no"):
                yield Customer.from_row(row)
            return
        wanted = list(nos)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT * FROM customers WHERE no IN ({marks}) ORDER BY no"
            for row in self.db.query(sql, chunk):
                yield Customer.from_row(row)

    def find_by_email(self, email: str) -> list[Customer]:
        rows = self.db.query(
            "SELECT * FROM customers WHERE email = ? COLLATE NOCASE ORDER BY no", [email.strip()]
        )
        return [Customer.from_row(r) for r in rows]

    # --- writes --------------------------------------------------------------------
    def create(self, customer: Customer) -> Customer:
        """Insert ``customer``; an empty No. takes the next one from the series."""
        with self.db.atomic():
            no = customer.no or self.next_no()
            if self.exists(no):
                raise DuplicateCustomerNo(f"customer No. {no} already exists")
            now = utc_now()
            stored = replace(customer, no=no, created_at=now, modified_at=now)
            self.db.table("customers").insert(stored.to_row())
        return stored

    def update(self, no: str, changes: dict[str, Any]) -> Customer:
        """Change the given fields only; ``modified_at`` moves when anything changed."""
        unknown = set(changes) - set(CUSTOMER_FIELDS)
        if unknown or "no" in changes:
            raise ValueError(f"cannot update field(s): {', '.join(sorted(unknown or {'no'}))}")
        with self.db.atomic():
            current = self.get(no)
            updated = replace(current, **changes)
            if updated == current:
                return current
            updated.modified_at = utc_now()
            row = updated.to_row()
            del row["no"], row["created_at"]
            self.db.table("customers").update(no, row)
        return updated

    def delete(self, no: str) -> None:
        with self.db.atomic():
            if not self.exists(no):
                raise CustomerNotFound(no)
            self.db.execute("DELETE FROM customers WHERE no = ?", [no])
