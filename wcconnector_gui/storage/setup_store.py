"""The setup (non-secret settings) of each store, as rows of the ``store_setup`` table."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.setup import Setup, format_setting, setup_from_texts, setup_to_texts
from wcconnector_gui.storage.stores import StoreRepository, resolve_store


def load_setup(db: Database, store: int | None = None) -> Setup:
    """The setup of ``store`` (None: the only store)."""
    sid = resolve_store(db, store)
    rows = db.execute("SELECT key, value FROM store_setup WHERE store_id = ?", [sid])
    return setup_from_texts({str(key): str(value) for key, value in rows})


def save_setup(db: Database, setup: Setup, store: int | None = None) -> None:
    save_texts(db, setup_to_texts(setup), store)


def save_settings(db: Database, values: dict[str, Any], store: int | None = None) -> None:
    """Store already-parsed setting values (see domain.setup.parse_setting)."""
    save_texts(db, {key: format_setting(value) for key, value in values.items()}, store)


def save_texts(db: Database, texts: dict[str, str], store: int | None = None) -> None:
    """Store settings already in their text form."""
    sid = resolve_store(db, store)
    with db.atomic():
        db.conn.executemany(
            "INSERT OR REPLACE INTO store_setup (store_id, key, value) VALUES (?, ?, ?)",
            [(sid, key, value) for key, value in texts.items()],
        )


def store_id(db: Database, store: int | None = None) -> str:
    """The keyring namespace of ``store``'s secrets (None: the only store)."""
    return StoreRepository(db).get(resolve_store(db, store)).secret_ns


LEARNED_CONCURRENCY_KEY = "learned_concurrency"  # a row of store_setup, not a setting


def learned_concurrency(db: Database, store_url: str, store: int | None = None) -> int | None:
    """How many requests at once the last sync found ``store`` takes (None: unknown).

    Kept with the store's URL: after the URL changes, it is unknown again.
    """
    sid = resolve_store(db, store)
    row = db.execute(
        "SELECT value FROM store_setup WHERE store_id = ? AND key = ?",
        [sid, LEARNED_CONCURRENCY_KEY],
    ).fetchone()
    if row is None:
        return None
    try:
        saved = json.loads(row[0])
        limit = int(saved["limit"])
    except (ValueError, TypeError, KeyError):
        return None
    return limit if saved.get("store_url") == store_url and limit > 0 else None


def save_learned_concurrency(
    db: Database, store_url: str, limit: int, store: int | None = None
) -> None:
    """Keep the limit for the next sync of ``store``."""
    value = json.dumps({"store_url": store_url, "limit": int(limit)})
    save_texts(db, {LEARNED_CONCURRENCY_KEY: value}, store)
