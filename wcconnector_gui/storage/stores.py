"""The store list: each store has its own setup, mappings, store copies, runs and conflicts.

Every per-store repository takes the store's id. ``store=None`` means "the only
store": right for a one-store database, and an error naming the choices when
there are several, so a caller that forgot to choose never acts on a wrong store.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from sqlite_utils import Database

from wcconnector_gui.domain.store import Store, name_problem
from wcconnector_gui.storage.database import utc_now


class StoreError(ValueError):
    """A store that cannot be found, added or renamed; the message says why."""


class StoreNotChosen(StoreError):
    """The database has several stores and none was chosen."""


@dataclass(frozen=True, slots=True)
class RemovalImpact:
    """What removing a store deletes from this database (the store itself is not touched)."""

    mappings: int
    linked: int
    webstore_customers: int
    runs: int
    open_conflicts: int
    pending_passwords: int


def _store(row: tuple[object, ...]) -> Store:
    return Store(id=int(row[0]), name=str(row[1]), secret_ns=str(row[2]))  # type: ignore[call-overload]


def resolve_store(db: Database, store: int | None) -> int:
    """``store`` itself, or the only store's id when None (StoreNotChosen with several)."""
    if store is not None:
        return store
    rows = db.execute("SELECT id, name FROM stores ORDER BY id LIMIT 2").fetchall()
    if len(rows) == 1:
        return int(rows[0][0])
    if not rows:
        raise StoreError("this database has no store: add one first")
    names = ", ".join(s.name for s in StoreRepository(db).all())
    raise StoreNotChosen(f"this database has several stores; choose one of: {names}")


class StoreRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[Store]:
        rows = self.db.execute("SELECT id, name, secret_ns FROM stores ORDER BY id").fetchall()
        return [_store(r) for r in rows]

    def get(self, store_id: int) -> Store:
        row = self.db.execute(
            "SELECT id, name, secret_ns FROM stores WHERE id = ?", [store_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no store number {store_id}")
        return _store(row)

    def find(self, name_or_id: str) -> Store:
        """The store named (any case) or numbered ``name_or_id``; StoreError naming the choices."""
        text = name_or_id.strip()
        row = self.db.execute(
            "SELECT id, name, secret_ns FROM stores WHERE name = ? COLLATE NOCASE", [text]
        ).fetchone()
        if row is None and text.isdigit():
            row = self.db.execute(
                "SELECT id, name, secret_ns FROM stores WHERE id = ?", [int(text)]
            ).fetchone()
        if row is None:
            names = ", ".join(s.name for s in self.all()) or "none yet"
            raise StoreError(f"there is no store named {text!r}; the stores are: {names}")
        return _store(row)

    def add(self, name: str) -> Store:
        problem = name_problem(name)
        if problem:
            raise StoreError(problem)
        try:
            with self.db.atomic():
                cursor = self.db.execute(
                    "INSERT INTO stores (name, secret_ns, created_at) VALUES (?, ?, ?)",
                    [name.strip(), uuid.uuid4().hex, utc_now()],
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"a store named {name.strip()!r} exists already") from None
        return self.get(int(cursor.lastrowid or 0))

    def rename(self, store_id: int, name: str) -> Store:
        problem = name_problem(name)
        if problem:
            raise StoreError(problem)
        self.get(store_id)
        try:
            with self.db.atomic():
                self.db.execute("UPDATE stores SET name = ? WHERE id = ?", [name.strip(), store_id])
        except sqlite3.IntegrityError:
            raise StoreError(f"a store named {name.strip()!r} exists already") from None
        return self.get(store_id)

    def removal_impact(self, store_id: int) -> RemovalImpact:
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM mappings WHERE store_id = :s), "
            "(SELECT count(*) FROM mappings WHERE store_id = :s AND webstore_id IS NOT NULL), "
            "(SELECT count(*) FROM webstore_customers WHERE store_id = :s), "
            "(SELECT count(*) FROM sync_runs WHERE store_id = :s), "
            "(SELECT count(*) FROM conflicts WHERE store_id = :s AND resolved_at = ''), "
            "(SELECT count(*) FROM pending_passwords WHERE store_id = :s)",
            {"s": store_id},
        ).fetchone()
        return RemovalImpact(*(int(v) for v in row))

    def remove(self, store_id: int) -> Store:
        """Delete the store and everything this database keeps for it (one transaction).

        Back-office customers stay. The last store cannot be removed. The caller
        forgets the store's keyring secrets (``Store.secret_ns``).
        """
        store = self.get(store_id)
        with self.db.atomic():
            count = int(self.db.execute("SELECT count(*) FROM stores").fetchone()[0])
            if count <= 1:
                raise StoreError("the last store cannot be removed (add another one first)")
            for table in ("sync_runs", "conflicts"):  # no foreign key: added by ALTER TABLE
                self.db.execute(f"DELETE FROM {table} WHERE store_id = ?", [store_id])
            # setup, mappings, store copies and pending passwords go by ON DELETE CASCADE.
            self.db.execute("DELETE FROM stores WHERE id = ?", [store_id])
        return store
