"""Kept as a test fixture: the migration ladder of commit 2c6f371 (the release before several
stores), unchanged below this line, to build a database as that release made it.

The schema, as a ladder of numbered migrations (``PRAGMA user_version``).

Never edit a step that has shipped; add the next one. Each step runs inside
one transaction together with the version bump.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

Step = Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a step must stay one transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_initial(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE setup (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE number_series (
            code TEXT PRIMARY KEY,
            prefix TEXT NOT NULL,
            width INTEGER NOT NULL,
            increment_by INTEGER NOT NULL,
            last_no INTEGER NOT NULL
        );
        CREATE TABLE customers (
            no TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            name_2 TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            address_2 TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            post_code TEXT NOT NULL DEFAULT '',
            county TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            customer_posting_group TEXT NOT NULL DEFAULT '',
            gen_bus_posting_group TEXT NOT NULL DEFAULT '',
            vat_bus_posting_group TEXT NOT NULL DEFAULT '',
            tax_area_code TEXT NOT NULL DEFAULT '',
            payment_terms_code TEXT NOT NULL DEFAULT '',
            blocked INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            modified_at TEXT NOT NULL
        );
        CREATE INDEX customers_email ON customers (email COLLATE NOCASE);
        CREATE INDEX customers_phone ON customers (phone);
        CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

        CREATE TABLE customer_templates (
            code TEXT PRIMARY KEY,
            description TEXT NOT NULL DEFAULT '',
            customer_posting_group TEXT NOT NULL DEFAULT '',
            gen_bus_posting_group TEXT NOT NULL DEFAULT '',
            vat_bus_posting_group TEXT NOT NULL DEFAULT '',
            tax_area_code TEXT NOT NULL DEFAULT '',
            payment_terms_code TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT '',
            blocked INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE country_templates (
            country_code TEXT PRIMARY KEY,
            template_code TEXT NOT NULL DEFAULT '',
            default_customer_no TEXT NOT NULL DEFAULT '',
            tax_area_code TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE counties (
            country_code TEXT NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (country_code, code)
        );

        CREATE TABLE webstore_customers (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL DEFAULT '',
            username TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            billing TEXT NOT NULL DEFAULT '{}',
            shipping TEXT NOT NULL DEFAULT '{}',
            meta_data TEXT NOT NULL DEFAULT '[]',
            date_created_gmt TEXT NOT NULL DEFAULT '',
            date_modified_gmt TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL DEFAULT '',
            seen_at TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX webstore_customers_email ON webstore_customers (email COLLATE NOCASE);

        CREATE TABLE mappings (
            customer_no TEXT PRIMARY KEY REFERENCES customers (no) ON DELETE CASCADE,
            webstore_id INTEGER UNIQUE,
            username TEXT NOT NULL DEFAULT '',
            webstore_customer INTEGER NOT NULL DEFAULT 0,
            password_pending INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '',
            last_synced_at TEXT NOT NULL DEFAULT '',
            local_hash TEXT NOT NULL DEFAULT '',
            pushed_hash TEXT NOT NULL DEFAULT '',
            remote_modified_gmt TEXT NOT NULL DEFAULT '',
            remote_hash TEXT NOT NULL DEFAULT '',
            pending_create_email TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX mappings_flagged ON mappings (webstore_customer);

        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL DEFAULT '',
            selection TEXT NOT NULL DEFAULT '',
            dry_run INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'running',
            counts TEXT NOT NULL DEFAULT '{}',
            requests INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE sync_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            customer_no TEXT NOT NULL DEFAULT '',
            webstore_id INTEGER,
            action TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sync_log_run ON sync_log (run_id, action);
        CREATE INDEX sync_log_customer ON sync_log (customer_no);

        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_no TEXT NOT NULL,
            webstore_id INTEGER,
            kind TEXT NOT NULL DEFAULT 'both_changed',
            detail TEXT NOT NULL DEFAULT '',
            local_snapshot TEXT NOT NULL DEFAULT '{}',
            remote_snapshot TEXT NOT NULL DEFAULT '{}',
            detected_at TEXT NOT NULL,
            resolved_at TEXT NOT NULL DEFAULT '',
            resolution TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX conflicts_open ON conflicts (resolved_at, customer_no);
        """,
    )
    conn.execute(
        "INSERT INTO number_series (code, prefix, width, increment_by, last_no) "
        "VALUES ('CUSTOMER', 'C', 5, 10, 0)"
    )
    # Namespaces this database's secrets in the keyring (not a secret itself).
    conn.execute("INSERT INTO setup (key, value) VALUES ('store_id', ?)", (uuid.uuid4().hex,))


# Index = version - 1.
MIGRATIONS: list[Step] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)
