"""Read models: the window's lists, each read with one query in the shape it shows.

The grids read these on a worker thread (their own connection) and hand the
rows to their models ready-made; nothing here is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.storage.database import rows_in
from wcconnector_gui.storage.stores import resolve_store

# One tuple per back-office customer, no conversion needed: the mapping grid keeps
# them as they come (100,000 rows cost what SQLite takes to build the tuples).
MAPPING_GRID_COLUMNS = (
    "no",
    "name",
    "email",
    "username",
    "password_pending",
    "webstore_customer",
    "webstore_id",
    "status",
    "last_error",
    "last_synced_at",
)

_MAPPING_GRID_SQL = """
SELECT c.no, c.name, c.email, ifnull(m.username, ''), ifnull(m.password_pending, 0),
       ifnull(m.webstore_customer, 0), m.webstore_id, ifnull(m.status, ''),
       ifnull(m.last_error, ''), ifnull(m.last_synced_at, '')
FROM customers c LEFT JOIN mappings m ON m.store_id = ? AND m.customer_no = c.no
"""

_WEBSTORE_LIST_SQL = """
SELECT w.id, w.email, w.username, w.first_name, w.last_name, w.role,
       json_extract(w.billing, '$.company') AS company,
       json_extract(w.billing, '$.city') AS city,
       json_extract(w.billing, '$.country') AS country,
       w.date_modified_gmt, m.customer_no
FROM webstore_customers w
LEFT JOIN mappings m ON m.store_id = w.store_id AND m.webstore_id = w.id
WHERE w.store_id = ?
ORDER BY w.id
"""

CUSTOMER_LIST_COLUMNS = ("no", "name", "city", "country_code", "phone", "email")


def mapping_grid_rows(
    db: Database, customer_nos: Iterable[str] | None = None, store: int | None = None
) -> list[Sequence[Any]]:
    """Rows of :data:`MAPPING_GRID_COLUMNS` with ``store``'s mappings (None: the only store).

    All customers ordered by No., or only ``customer_nos``.
    """
    params = [resolve_store(db, store)]
    if customer_nos is None:
        return db.execute(_MAPPING_GRID_SQL + " ORDER BY c.no", params).fetchall()
    sql = _MAPPING_GRID_SQL + " WHERE c.no IN ({marks})"
    return list(rows_in(db, sql, customer_nos, params=params))


def webstore_customer_list(db: Database, store: int | None = None) -> list[dict[str, Any]]:
    """``store``'s customers as last seen, with the back-office No. each is mapped to."""
    return list(db.query(_WEBSTORE_LIST_SQL, [resolve_store(db, store)]))


def customer_list(
    db: Database, columns: Sequence[str] = CUSTOMER_LIST_COLUMNS
) -> list[dict[str, Any]]:
    """Back-office customers ordered by No., only ``columns`` (names of the table's columns)."""
    known = {row[1] for row in db.execute("PRAGMA table_info(customers)")}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"not a customer column: {', '.join(unknown)}")
    cursor = db.execute(f"SELECT {', '.join(columns)} FROM customers ORDER BY no")
    return [dict(zip(columns, row, strict=True)) for row in cursor]
