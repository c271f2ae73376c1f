"""The last-seen copy of each web store customer, per store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

from sqlite_utils import Database

from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.storage.database import rows_in, utc_now
from wcconnector_gui.storage.stores import resolve_store

# One encoder for every row (json.dumps with options builds a new one per call).
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _to_row(customer: WebstoreCustomer, seen_at: str, content_hash: str) -> dict[str, object]:
    return {
        "id": customer.id,
        "email": customer.email,
        "username": customer.username,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "role": customer.role,
        "billing": _dumps(customer.billing),
        "shipping": _dumps(customer.shipping),
        "meta_data": _dumps(customer.meta_data),
        "date_created_gmt": customer.date_created_gmt,
        "date_modified_gmt": customer.date_modified_gmt,
        "content_hash": content_hash or customer.content_hash(),
        "seen_at": seen_at,
    }


def _from_row(row: dict[str, object]) -> WebstoreCustomer:
    return WebstoreCustomer(
        id=int(row["id"]),  # type: ignore[call-overload]
        email=str(row["email"]),
        username=str(row["username"]),
        first_name=str(row["first_name"]),
        last_name=str(row["last_name"]),
        role=str(row["role"]),
        billing=json.loads(str(row["billing"])),
        shipping=json.loads(str(row["shipping"])),
        meta_data=json.loads(str(row["meta_data"])),
        date_created_gmt=str(row["date_created_gmt"]),
        date_modified_gmt=str(row["date_modified_gmt"]),
    )


class WebstoreCustomerRepository:
    """The store copies of one store (``store`` None: the only store)."""

    def __init__(self, db: Database, store: int | None = None) -> None:
        self.db = db
        self.store = int(resolve_store(db, store))

    def upsert_many(
        self, customers: Iterable[WebstoreCustomer], hashes: Mapping[int, str] | None = None
    ) -> None:
        """Store the copies; ``hashes`` holds content hashes the caller computed already."""
        seen_at = utc_now()
        known = hashes or {}
        rows = [_to_row(c, seen_at, known.get(c.id, "")) for c in customers]
        if not rows:
            return
        columns = list(rows[0])
        marks = ", ".join("?" * len(columns))
        sql = (
            f"INSERT OR REPLACE INTO webstore_customers (store_id, {', '.join(columns)}) "
            f"VALUES (?, {marks})"
        )
        self.db.conn.executemany(sql, [[self.store, *(r[c] for c in columns)] for r in rows])

    def get(self, webstore_id: int) -> WebstoreCustomer | None:
        sql = "SELECT * FROM webstore_customers WHERE store_id = ? AND id = ?"
        rows = list(self.db.query(sql, [self.store, webstore_id]))
        return _from_row(rows[0]) if rows else None

    def get_many(self, ids: Iterable[int]) -> dict[int, WebstoreCustomer]:
        sql = "SELECT * FROM webstore_customers WHERE store_id = ? AND id IN ({marks})"
        rows = rows_in(self.db, sql, ids, params=[self.store], as_dicts=True)
        return {int(row["id"]): _from_row(row) for row in rows}

    def known_versions(self) -> dict[int, tuple[str, str]]:
        """id → (date_modified_gmt, content_hash): what a pull compares against."""
        return {
            int(r[0]): (str(r[1]), str(r[2]))
            for r in self.db.execute(
                "SELECT id, date_modified_gmt, content_hash FROM webstore_customers "
                "WHERE store_id = ?",
                [self.store],
            )
        }

    def iter_all(self) -> Iterator[WebstoreCustomer]:
        sql = "SELECT * FROM webstore_customers WHERE store_id = ? ORDER BY id"
        for row in self.db.query(sql, [self.store]):
            yield _from_row(row)

    def count(self) -> int:
        sql = "SELECT count(*) FROM webstore_customers WHERE store_id = ?"
        return int(self.db.execute(sql, [self.store]).fetchone()[0])
