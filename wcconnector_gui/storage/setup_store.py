"""The setup (non-secret settings) as rows of the ``setup`` table."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.setup import Setup, format_setting, setup_from_texts, setup_to_texts


def load_setup(db: Database) -> Setup:
    texts = {row["key"]: row["value"] for row in db.query("SELECT key, value FROM setup")}
    return setup_from_texts(texts)


def save_setup(db: Database, setup: Setup) -> None:
    with db.atomic():
        for key, value in setup_to_texts(setup).items():
            db.execute("INSERT OR REPLACE INTO setup (key, value) VALUES (?, ?)", [key, value])


def save_settings(db: Database, values: dict[str, Any]) -> None:
    """Store already-parsed setting values (see domain.setup.parse_setting)."""
    with db.atomic():
        for key, value in values.items():
            db.execute(
                "INSERT OR REPLACE INTO setup (key, value) VALUES (?, ?)",
                [key, format_setting(value)],
            )


def store_id(db: Database) -> str:
    """This database's id, which namespaces its secrets in the keyring."""
    row = db.execute("SELECT value FROM setup WHERE key = 'store_id'").fetchone()
    return str(row[0])
