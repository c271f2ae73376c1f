"""The app database: creation, permissions, WAL, migrations and their backups."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from wcconnector_gui.storage import database, migrations
from wcconnector_gui.storage.database import DatabaseError, open_database
from wcconnector_gui.storage.sync_log import SyncLogRepository


def test_new_database_is_private_wal_and_current(db_path: Path) -> None:
    db = open_database(db_path)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert {"customers", "mappings", "stores", "store_setup", "sync_log"} <= set(db.table_names())
    db.execute("INSERT INTO store_setup (store_id, key, value) VALUES (1, 'x', 'y')")
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) == 0o600
    db.close()


def test_default_path_is_in_the_data_dir(data_dirs: Path) -> None:
    db = open_database()
    path = Path(db.execute("PRAGMA database_list").fetchone()[2])
    assert path == data_dirs / "data" / "wcconnector.db"
    db.close()


def test_migration_backs_up_the_old_file_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_path).close()

    def _v2_add_note(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE customers ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(database, "MIGRATIONS", [*migrations.MIGRATIONS, _v2_add_note])
    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    db = open_database(db_path)
    assert "note" in db["customers"].columns_dict
    backups = list(db_path.parent.glob(f"wcconnector.v{current}-*.bak.db"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    old.close()
    db.close()


def test_failed_migration_leaves_the_old_schema(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_path).close()

    def _v2_broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE customers ADD COLUMN half TEXT")
        raise RuntimeError("boom")

    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(database, "MIGRATIONS", [*migrations.MIGRATIONS, _v2_broken])
    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        open_database(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    columns = {row[1] for row in conn.execute("PRAGMA table_info(customers)")}
    assert "half" not in columns
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)


def test_not_a_database_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a usable database"):
        open_database(path)


def test_v1_sync_log_gains_directions(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "MIGRATIONS", migrations.MIGRATIONS[:1])
    monkeypatch.setattr(database, "SCHEMA_VERSION", 1)
    v1 = open_database(db_path)
    v1.execute(
        "INSERT INTO sync_runs (started_at, status, counts) VALUES ('2026-01-01', 'done', ?)",
        ['{"created": 2}'],
    )
    v1.execute(
        "INSERT INTO sync_log (run_id, at, customer_no, action) VALUES (1, '2026-01-01', 'C1', "
        "'created')"
    )
    v1.close()
    monkeypatch.undo()
    db = open_database(db_path)
    log = SyncLogRepository(db)
    run = log.runs()[0]
    assert run["counts"] == {"created": 2} and run["direction_counts"] == {}
    assert log.entries(1)[0]["direction"] == ""
    db.close()


def test_a_v1_database_gets_the_create_journal_username(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN")
    migrations.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO customers (no, created_at, modified_at) VALUES ('C1', '', '')")
    conn.execute(
        "INSERT INTO mappings (customer_no, pending_create_email) VALUES ('C1', 'a@b.example')"
    )
    conn.execute("COMMIT")
    conn.close()
    db = open_database(db_path)
    row = db.execute(
        "SELECT pending_create_email, pending_create_username FROM mappings"
    ).fetchone()
    assert tuple(row) == ("a@b.example", "")
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    db.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_path_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DatabaseError, match="is not a file"):
        open_database(fifo)
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "no" / "x.db")
    assert not (tmp_path / "no").exists()
