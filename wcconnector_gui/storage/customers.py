"""Back-office customers: create, read, update, delete, and the No. series."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, replace
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.customer import CUSTOMER_FIELDS, Customer
from wcconnector_gui.storage.database import rows_in, utc_now

SERIES_CODE = "CUSTOMER"
_COLUMNS = tuple(f.name for f in fields(Customer))
_INSERT = f"INSERT INTO customers ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


class CustomerNotFound(KeyError):
    pass


class DuplicateCustomerNo(ValueError):
    pass


class NumberSeries:
    """The customer No. series, advanced in memory for a bulk insert: read once, saved once.

    Use it inside the transaction that inserts the customers, and :meth:`save` there.
    """

    def __init__(self, db: Database, taken: set[str]) -> None:
        self.db = db
        self.taken = taken  # No.s known to be in use (a bulk import passes every one)
        self.prefix, self.width, self.step, self.last = db.execute(
            "SELECT prefix, width, increment_by, last_no FROM number_series WHERE code = ?",
            [SERIES_CODE],
        ).fetchone()

    def next(self) -> str:
        """The next No. not in ``taken`` (not checked against the table)."""
        while True:
            self.last += self.step
            candidate = f"{self.prefix}{self.last:0{self.width}d}"
            if candidate not in self.taken:
                return candidate

    def reserve(self, count: int) -> list[str]:
        """``count`` next No.s, skipping those the customers table already holds."""
        nos: list[str] = []
        while len(nos) < count:
            batch = [self.next() for _ in range(count - len(nos))]
            used = _stored_nos(self.db, batch)
            nos += [no for no in batch if no not in used]
        return nos

    def save(self) -> None:
        self.db.execute(
            "UPDATE number_series SET last_no = ? WHERE code = ?", [self.last, SERIES_CODE]
        )


def _stored_nos(db: Database, nos: Sequence[str]) -> set[str]:
    return {str(r[0]) for r in rows_in(db, "SELECT no FROM customers WHERE no IN ({marks})", nos)}


def _row(customer: Customer) -> list[object]:
    return [
        (1 if customer.blocked else 0) if name == "blocked" else getattr(customer, name)
        for name in _COLUMNS
    ]


class CustomerRepository:
    """All access to the ``customers`` table goes through here."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- number series -------------------------------------------------------------
    def next_no(self) -> str:
        """The next free No. from the series (C00010, C00020, ...), reserved at once."""
        with self.db.atomic():
            series = NumberSeries(self.db, set())
            (no,) = series.reserve(1)
            series.save()
        return no

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

    def all_nos(self) -> list[str]:
        """Every customer's No., in order."""
        return [str(r[0]) for r in self.db.execute("SELECT no FROM customers ORDER BY no")]

    def iter_all(self, nos: Iterable[str] | None = None) -> Iterator[Customer]:
        """Every customer ordered by No. (or only ``nos``)."""
        if nos is None:
            for row in self.db.query("SELECT * FROM customers ORDER BY no"):
                yield Customer.from_row(row)
            return
        sql = "SELECT * FROM customers WHERE no IN ({marks}) ORDER BY no"
        for row in rows_in(self.db, sql, nos, as_dicts=True):
            yield Customer.from_row(row)

    def iter_field_rows(self) -> Iterator[tuple[Any, ...]]:
        """Every customer's CUSTOMER_FIELDS values, in that order, ordered by No. (exports)."""
        yield from self.db.execute(
            f"SELECT {', '.join(CUSTOMER_FIELDS)} FROM customers ORDER BY no"
        )

    def find_by_email(self, email: str) -> list[Customer]:
        rows = self.db.query(
            "SELECT * FROM customers WHERE email = ? COLLATE NOCASE ORDER BY no", [email.strip()]
        )
        return [Customer.from_row(r) for r in rows]

    # --- writes --------------------------------------------------------------------
    def create(self, customer: Customer) -> Customer:
        """Insert ``customer``; an empty No. takes the next one from the series."""
        return self.create_many([customer])[0]

    def create_many(self, customers: Sequence[Customer]) -> list[Customer]:
        """Insert new customers in one statement; empty No.s take the next ones from the series."""
        if not customers:
            return []
        with self.db.atomic():
            given = [c.no for c in customers if c.no]
            taken = _stored_nos(self.db, given) if given else set()
            if taken or len(set(given)) < len(given):
                dup = sorted(taken) or [no for no in given if given.count(no) > 1]
                raise DuplicateCustomerNo(f"customer No. {dup[0]} already exists")
            series = NumberSeries(self.db, set(given))
            fresh = iter(series.reserve(len(customers) - len(given)))
            now = utc_now()
            stored = [
                replace(c, no=c.no or next(fresh), created_at=now, modified_at=now)
                for c in customers
            ]
            self.db.conn.executemany(_INSERT, [_row(c) for c in stored])
            if len(given) < len(customers):
                series.save()
        return stored

    def insert_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert imported rows (every column by name, No.s already checked and given)."""
        if rows:
            self.db.conn.executemany(_INSERT, [[row[name] for name in _COLUMNS] for row in rows])

    def update_fields_many(self, changes: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Set the given fields of each (No., fields) as they are; ``modified_at`` moves."""
        now = utc_now()
        for no, values in changes:
            unknown = set(values) - set(CUSTOMER_FIELDS[1:])
            if unknown:
                raise ValueError(f"cannot update field(s): {', '.join(sorted(unknown))}")
            if not values:
                continue
            sets = ", ".join(f"{name} = ?" for name in values)
            self.db.execute(
                f"UPDATE customers SET {sets}, modified_at = ? WHERE no = ?",
                [*values.values(), now, no],
            )

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
