"""Pending customer passwords as sealed bytes (the sealing is ``credentials.customer_passwords``).

A row exists while a password waits for the store; ``mappings.password_pending`` is
kept in step with it in the same statement group, so the grid and the push see one
truth. ``sealed`` NULL: a password still in a keyring item of its own (from before
schema 4), to be moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from wcconnector_gui.storage.database import rows_in
from wcconnector_gui.storage.stores import resolve_store


class PendingPasswordRepository:
    """The pending passwords of one store (``store`` None: the only store)."""

    def __init__(self, db: Database, store: int | None = None) -> None:
        self.db = db
        self.store = int(resolve_store(db, store))

    def put_many(self, sealed: Iterable[tuple[str, bytes]]) -> None:
        """Keep these sealed passwords (replacing earlier ones) and mark them pending."""
        rows = list(sealed)
        if not rows:
            return
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT INTO pending_passwords (store_id, customer_no, sealed) VALUES (?, ?, ?) "
                "ON CONFLICT (store_id, customer_no) DO UPDATE SET sealed = excluded.sealed",
                [(self.store, no, sealed) for no, sealed in rows],
            )
            self.db.conn.executemany(
                "INSERT INTO mappings (store_id, customer_no, password_pending) VALUES (?, ?, 1) "
                "ON CONFLICT (store_id, customer_no) DO UPDATE SET password_pending = 1",
                [(self.store, no) for no, _ in rows],
            )

    def sealed(self, customer_no: str) -> tuple[bool, bytes | None]:
        """(found, sealed bytes); found with None: still a keyring item of its own."""
        row = self.db.execute(
            "SELECT sealed FROM pending_passwords WHERE store_id = ? AND customer_no = ?",
            [self.store, customer_no],
        ).fetchone()
        return (False, None) if row is None else (True, row[0])

    def legacy_nos(self) -> list[str]:
        """Customers whose pending password is still a keyring item of its own."""
        sql = (
            "SELECT customer_no FROM pending_passwords "
            "WHERE store_id = ? AND sealed IS NULL ORDER BY customer_no"
        )
        return [str(row[0]) for row in self.db.execute(sql, [self.store])]

    def forget_many(self, customer_nos: Iterable[str]) -> None:
        """Drop these pending passwords (sent, or gone) and clear the mappings' flag."""
        nos = list(customer_nos)
        if not nos:
            return
        with self.db.atomic():
            for sql in (
                "DELETE FROM pending_passwords WHERE store_id = ? AND customer_no IN ({marks})",
                "UPDATE mappings SET password_pending = 0 "
                "WHERE store_id = ? AND customer_no IN ({marks})",
            ):
                # runs the statement once per chunk
                list(rows_in(self.db, sql, nos, params=[self.store]))
