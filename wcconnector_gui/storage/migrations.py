"""The schema, as a ladder of numbered migrations (``PRAGMA user_version``).

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


def _v2_outcome_direction(conn: sqlite3.Connection) -> None:
    """Each logged outcome says whether the pull or the push gave it; runs count per direction.

    ``problem`` is the stable code of why a run failed (woo.diagnose), '' otherwise.
    """
    _run_script(
        conn,
        """
        ALTER TABLE sync_log ADD COLUMN direction TEXT NOT NULL DEFAULT '';
        ALTER TABLE sync_runs ADD COLUMN direction_counts TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE sync_runs ADD COLUMN problem TEXT NOT NULL DEFAULT '';
        """,
    )


def _v3_pending_create_username(conn: sqlite3.Connection) -> None:
    # The create journal keeps the username it was sent with too: an unconfirmed
    # create is looked up by the e-mail and username it carried (issue 10).
    conn.execute("ALTER TABLE mappings ADD COLUMN pending_create_username TEXT NOT NULL DEFAULT ''")


def _v4_sealed_passwords(conn: sqlite3.Connection) -> None:
    """Pending customer passwords sealed with one data key (credentials.customer_passwords).

    ``sealed`` NULL marks a password still kept as a keyring item of its own (written
    before this version): it is moved into sealed form on first use.
    """
    _run_script(
        conn,
        """
        CREATE TABLE pending_passwords (
            customer_no TEXT PRIMARY KEY REFERENCES customers (no) ON DELETE CASCADE,
            sealed BLOB
        );
        INSERT INTO pending_passwords (customer_no, sealed)
            SELECT customer_no, NULL FROM mappings WHERE password_pending = 1
        """,
    )


_MAPPING_COLUMNS = (
    "customer_no, webstore_id, username, webstore_customer, password_pending, status, "
    "last_error, last_synced_at, local_hash, pushed_hash, remote_modified_gmt, remote_hash, "
    "pending_create_email, pending_create_username"
)
_WEBSTORE_COLUMNS = (
    "id, email, username, first_name, last_name, role, billing, shipping, meta_data, "
    "date_created_gmt, date_modified_gmt, content_hash, seen_at"
)


def _v5_stores(conn: sqlite3.Connection) -> None:
    """Several stores: a ``stores`` list, and setup, mappings, store copies, pending
    passwords, runs and conflicts each belong to one store.

    The database's one store becomes store 1 ("Store 1") with everything it had; its
    keyring namespace (the former ``store_id`` setting) is kept, so its credentials and
    sealed passwords are found as before. Runs and conflicts get a ``store_id`` column
    (SQLite cannot add a foreign key to an existing table; removing a store deletes them).
    """
    row = conn.execute("SELECT value FROM setup WHERE key = 'store_id'").fetchone()
    secret_ns = str(row[0]) if row else uuid.uuid4().hex
    conn.execute(
        "CREATE TABLE stores (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, "
        "secret_ns TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)"
    )
    conn.execute(
        "INSERT INTO stores (id, name, secret_ns, created_at) "
        "VALUES (1, 'Store 1', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        (secret_ns,),
    )
    _run_script(
        conn,
        f"""
        CREATE TABLE store_setup (
            store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (store_id, key)
        );

        CREATE TABLE store_mappings (
            store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
            customer_no TEXT NOT NULL REFERENCES customers (no) ON DELETE CASCADE,
            webstore_id INTEGER,
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
            pending_create_email TEXT NOT NULL DEFAULT '',
            pending_create_username TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (store_id, customer_no),
            UNIQUE (store_id, webstore_id)
        );
        INSERT INTO store_mappings (store_id, {_MAPPING_COLUMNS})
            SELECT 1, {_MAPPING_COLUMNS} FROM mappings;
        DROP TABLE mappings;
        ALTER TABLE store_mappings RENAME TO mappings;
        CREATE INDEX mappings_flagged ON mappings (store_id, webstore_customer);

        CREATE TABLE store_webstore_customers (
            store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
            id INTEGER NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            username TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            billing TEXT NOT NULL DEFAULT '{{}}',
            shipping TEXT NOT NULL DEFAULT '{{}}',
            meta_data TEXT NOT NULL DEFAULT '[]',
            date_created_gmt TEXT NOT NULL DEFAULT '',
            date_modified_gmt TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL DEFAULT '',
            seen_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (store_id, id)
        );
        INSERT INTO store_webstore_customers (store_id, {_WEBSTORE_COLUMNS})
            SELECT 1, {_WEBSTORE_COLUMNS} FROM webstore_customers;
        DROP TABLE webstore_customers;
        ALTER TABLE store_webstore_customers RENAME TO webstore_customers;
        CREATE INDEX webstore_customers_email
            ON webstore_customers (store_id, email COLLATE NOCASE);

        CREATE TABLE store_pending_passwords (
            store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
            customer_no TEXT NOT NULL REFERENCES customers (no) ON DELETE CASCADE,
            sealed BLOB,
            PRIMARY KEY (store_id, customer_no)
        );
        INSERT INTO store_pending_passwords (store_id, customer_no, sealed)
            SELECT 1, customer_no, sealed FROM pending_passwords;
        DROP TABLE pending_passwords;
        ALTER TABLE store_pending_passwords RENAME TO pending_passwords;

        ALTER TABLE sync_runs ADD COLUMN store_id INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX sync_runs_store ON sync_runs (store_id, id);
        ALTER TABLE conflicts ADD COLUMN store_id INTEGER NOT NULL DEFAULT 1;
        DROP INDEX conflicts_open;
        CREATE INDEX conflicts_open ON conflicts (store_id, resolved_at, customer_no)
        """,
    )
    conn.execute(
        "INSERT INTO store_setup (store_id, key, value) "
        "SELECT 1, key, value FROM setup WHERE key != 'store_id'"
    )
    conn.execute("DROP TABLE setup")


# Index = version - 1.
MIGRATIONS: list[Step] = [
    _v1_initial,
    _v2_outcome_direction,
    _v3_pending_create_username,
    _v4_sealed_passwords,
    _v5_stores,
]
SCHEMA_VERSION = len(MIGRATIONS)
