"""Mappings between back-office customers and web store customers, one set per store.

A repository serves one store: every statement names its ``store_id``, so nothing
read or written here ever touches another store's mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.customer import SYNCED_FIELDS, Customer
from wcconnector_gui.domain.mapping import Mapping, MappingStatus
from wcconnector_gui.storage.database import rows_in
from wcconnector_gui.storage.stores import resolve_store

_FIELDS = {f.name for f in fields(Mapping)}


@dataclass(slots=True)
class PushState:
    """What a push needs to tell whether a store-bound row is unchanged (no full load)."""

    customer_no: str
    webstore_id: int | None
    webstore_customer: bool
    status: MappingStatus
    password_pending: bool
    pushed_hash: str
    synced: tuple[str, ...]  # the customer's SYNCED_FIELDS values

    def synced_customer(self) -> Customer:
        """The customer with only its synced fields set (enough for ``synced_hash``)."""
        values = dict(zip(SYNCED_FIELDS, self.synced, strict=True))
        return Customer(no=self.customer_no, **values)  # type: ignore[arg-type]


_STATE_SQL = (
    "SELECT m.customer_no, m.webstore_id, m.webstore_customer, m.status, m.password_pending, "
    "m.pushed_hash, " + ", ".join(f"c.{name}" for name in SYNCED_FIELDS) + " "
    "FROM mappings m JOIN customers c ON c.no = m.customer_no "
    "WHERE m.store_id = ? AND (m.webstore_customer = 1 OR m.webstore_id IS NOT NULL) "
    "ORDER BY m.customer_no"
)


class WebstoreIdTaken(ValueError):
    """The Webstore ID is already mapped to another back-office customer."""


class MappingRepository:
    """The mappings of one store (``store`` None: the only store)."""

    def __init__(self, db: Database, store: int | None = None) -> None:
        self.db = db
        self.store = int(resolve_store(db, store))

    def get(self, customer_no: str) -> Mapping:
        """The mapping of ``customer_no`` (an empty one if none was stored yet)."""
        rows = list(
            self.db.query(
                "SELECT * FROM mappings WHERE store_id = ? AND customer_no = ?",
                [self.store, customer_no],
            )
        )
        return Mapping.from_row(rows[0]) if rows else Mapping(customer_no=customer_no)

    def get_many(self, customer_nos: Iterable[str]) -> dict[str, Mapping]:
        wanted = list(customer_nos)
        sql = "SELECT * FROM mappings WHERE store_id = ? AND customer_no IN ({marks})"
        found = {
            row["customer_no"]: Mapping.from_row(row)
            for row in rows_in(self.db, sql, wanted, params=[self.store], as_dicts=True)
        }
        return {no: found.get(no) or Mapping(customer_no=no) for no in wanted}

    def all(self) -> list[Mapping]:
        rows = self.db.query("SELECT * FROM mappings WHERE store_id = ?", [self.store])
        return [Mapping.from_row(r) for r in rows]

    def by_webstore_id(self, webstore_id: int) -> Mapping | None:
        rows = list(
            self.db.query(
                "SELECT * FROM mappings WHERE store_id = ? AND webstore_id = ?",
                [self.store, webstore_id],
            )
        )
        return Mapping.from_row(rows[0]) if rows else None

    def iter_push_states(self) -> Iterator[PushState]:
        """The state of each row with Webstore Customer ticked or a Webstore ID, in No. order."""
        for row in self.db.execute(_STATE_SQL, [self.store]):
            yield PushState(
                customer_no=str(row[0]),
                webstore_id=None if row[1] is None else int(row[1]),
                webstore_customer=bool(row[2]),
                status=MappingStatus(str(row[3] or "")),
                password_pending=bool(row[4]),
                pushed_hash=str(row[5] or ""),
                synced=tuple(str(v or "") for v in row[6:]),
            )

    def newest_links(self, limit: int) -> dict[int, str]:
        """Webstore ID → customer No. of the ``limit`` links with the highest Webstore IDs."""
        sql = (
            "SELECT webstore_id, customer_no FROM mappings "
            "WHERE store_id = ? AND webstore_id IS NOT NULL ORDER BY webstore_id DESC LIMIT ?"
        )
        return {int(r[0]): str(r[1]) for r in self.db.execute(sql, [self.store, limit])}

    def count_unlinked(self) -> int:
        """Rows with Webstore Customer ticked and no Webstore ID yet (to be created)."""
        sql = (
            "SELECT count(*) FROM mappings "
            "WHERE store_id = ? AND webstore_customer = 1 AND webstore_id IS NULL"
        )
        return int(self.db.execute(sql, [self.store]).fetchone()[0])

    def count_flagged_and_linked(self) -> tuple[int, int]:
        """(rows with Webstore Customer ticked, rows linked to a store customer)."""
        sql = (
            "SELECT count(*) FILTER (WHERE webstore_customer = 1), "
            "count(*) FILTER (WHERE webstore_id IS NOT NULL) FROM mappings WHERE store_id = ?"
        )
        flagged, linked = self.db.execute(sql, [self.store]).fetchone()
        return int(flagged or 0), int(linked or 0)

    def webstore_owners(self) -> dict[int, str]:
        """Webstore ID → customer No. of every linked row."""
        sql = (
            "SELECT webstore_id, customer_no FROM mappings "
            "WHERE store_id = ? AND webstore_id IS NOT NULL"
        )
        return {int(r[0]): str(r[1]) for r in self.db.execute(sql, [self.store])}

    def store_bound_contacts(self) -> list[tuple[str, str, str, str]]:
        """(no, email, phone, country) of every store-bound customer (uniqueness checks)."""
        sql = (
            "SELECT c.no, c.email, c.phone, c.country_code FROM customers c JOIN mappings m "
            "ON m.customer_no = c.no "
            "WHERE m.store_id = ? AND (m.webstore_customer = 1 OR m.webstore_id IS NOT NULL)"
        )
        rows = self.db.execute(sql, [self.store])
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def save_many(self, mappings: Iterable[Mapping]) -> None:
        """Write many mappings at once (the UNIQUE Webstore ID is enforced by the table)."""
        rows = [{"store_id": self.store, **m.to_row()} for m in mappings]
        if not rows:
            return
        columns = list(rows[0])
        marks = ", ".join("?" * len(columns))
        keys = ("store_id", "customer_no")
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        sql = (
            f"INSERT INTO mappings ({', '.join(columns)}) VALUES ({marks}) "
            f"ON CONFLICT (store_id, customer_no) DO UPDATE SET {updates}"
        )
        self.db.conn.executemany(sql, [[r[c] for c in columns] for r in rows])

    def write_create_journal(self, mappings: Iterable[Mapping]) -> None:
        """Write (and commit) the create journal and status of ``mappings``, nothing else.

        Runs before the creates are sent: a crash after it leaves creates that the
        next run looks up by the journaled e-mail and username before sending again.
        """
        rows = [
            (
                m.pending_create_email,
                m.pending_create_username,
                str(m.status),
                self.store,
                m.customer_no,
            )
            for m in mappings
        ]
        with self.db.atomic():
            self.db.conn.executemany(
                "UPDATE mappings SET pending_create_email = ?, pending_create_username = ?, "
                "status = ? WHERE store_id = ? AND customer_no = ?",
                rows,
            )

    def save(self, mapping: Mapping) -> None:
        with self.db.atomic():
            if mapping.webstore_id is not None:
                owner = self.by_webstore_id(mapping.webstore_id)
                if owner is not None and owner.customer_no != mapping.customer_no:
                    raise WebstoreIdTaken(
                        f"Webstore ID {mapping.webstore_id} is already mapped to customer "
                        f"{owner.customer_no}"
                    )
            self.save_many([mapping])

    def update(self, customer_no: str, **changes: Any) -> Mapping:
        """Change some fields of a mapping (creating it if needed)."""
        unknown = set(changes) - _FIELDS
        if unknown:
            raise ValueError(f"unknown mapping field(s): {', '.join(sorted(unknown))}")
        with self.db.atomic():
            mapping = self.get(customer_no)
            for key, value in changes.items():
                setattr(mapping, key, value)
            self.save(mapping)
        return mapping
