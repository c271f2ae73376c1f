"""Opening the app database: file permissions, WAL, backups and migrations.

One SQLite file per installation (``--db PATH`` for another). A connection
belongs to the thread that opened it: the GUI thread and each worker open
their own with :func:`open_database`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.runtime.paths import DB_FILENAME, default_db_path, ensure_private_dir
from wcconnector_gui.storage.migrations import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """The database cannot be used; the message says why in plain words."""


def utc_now() -> str:
    """Timestamps in the database: ISO 8601 UTC with microseconds (sortable as text)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# SQLite allows 999 host parameters per statement in older builds; stay well below.
IN_CHUNK = 500


def rows_in(
    db: Database,
    sql: str,
    values: Iterable[Any],
    *,
    params: Sequence[Any] = (),
    as_dicts: bool = False,
) -> Iterator[Any]:
    """The rows of ``sql`` for each chunk of ``values``, which fill its ``{marks}``.

    ``sql`` holds ``IN ({marks})``; it runs once per chunk of :data:`IN_CHUNK`
    values, so any number of values fits under SQLite's parameter limit. ``params``
    fill the ``?`` before ``{marks}`` (e.g. the store's id). Rows are tuples, or
    dicts with ``as_dicts``; an ORDER BY orders each chunk only.
    """
    wanted = list(values)
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = [*params, *wanted[start : start + IN_CHUNK]]
        statement = sql.format(marks=",".join("?" * (len(chunk) - len(params))))
        if as_dicts:
            yield from db.query(statement, chunk)
        else:
            yield from db.execute(statement, chunk)


class AppDatabase(Database):
    """The app's database: a transaction takes the write lock when it begins.

    sqlite-utils begins deferred transactions; one that reads first and writes later
    fails at once ("database is locked", no busy wait) when another connection wrote
    in between, as two stores syncing at once, or the window and a sync, do.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic() as db:  # a savepoint inside the open transaction
                yield db
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()


def open_database(
    path: Path | str | None = None, *, migrate: bool = True, create: bool = True
) -> Database:
    """Open (creating if needed and ``create``) and migrate the app database at ``path``.

    Only the default location's folder is made; a given path's folder must exist,
    so a mistyped path is an error instead of a new, empty database somewhere.
    """
    if path:
        db_path = Path(path)
        if db_path.is_dir():
            raise DatabaseError(
                f"{db_path} is a folder: give the database file, e.g. {db_path / DB_FILENAME}"
            )
        if db_path.exists() and not db_path.is_file():  # a device, a pipe, a socket...
            raise DatabaseError(f"{db_path} is not a file: give the database file's path")
        if not db_path.parent.is_dir():
            raise DatabaseError(
                f"the folder {db_path.parent} does not exist: check the database path "
                "(a new database is only made in an existing folder)"
            )
    else:
        db_path = default_db_path()
        ensure_private_dir(db_path.parent)
    if not db_path.exists() and not create:
        raise DatabaseError(
            f"there is no database at {db_path}: check the path, or set the app up first "
            "(`wcconnector setup set ...` or the window)"
        )
    if not db_path.exists():
        # Create it owner-only before SQLite does; -wal/-shm inherit these bits.
        fd = os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    else:
        os.chmod(db_path, 0o600)
    links = os.stat(db_path).st_nlink
    if links > 1:
        # SQLite names its WAL after the path it was opened by: a run through another
        # name would not see this name's uncheckpointed changes (and could duplicate them).
        raise DatabaseError(
            f"{db_path} has {links} names (hard links). A database opened under two names "
            "does not see its own latest changes, so it is not opened; keep one name "
            "(remove the other links, or use a copy)."
        )
    try:
        # Autocommit mode: transactions are explicit (db.atomic()), never implicit.
        conn = sqlite3.connect(db_path, timeout=30, isolation_level=None)
        db = AppDatabase(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{db_path} is not a usable database: {exc}") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"{db_path} was written by a newer version of wcconnector-gui "
            f"(schema {version}, this version knows {SCHEMA_VERSION}); please upgrade."
        )
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit survives a power cut too; losing an "already pushed" mark
    # could otherwise cause a duplicate create on the next run.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    # 64 MB page cache (default 2 MB): the mapping and store-copy indexes of a big
    # database outgrow the default during a sync, and every lookup then reads the disk.
    conn.execute("PRAGMA cache_size=-65536")
    if migrate and version < SCHEMA_VERSION:
        if version > 0:
            backup_database(conn, db_path, version)
        _migrate(conn, version)
    return db


def backup_database(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """Copy the database next to itself before a migration touches it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.v{version}-{stamp}.bak{db_path.suffix}")
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    log.info("backed up schema %s database to %s", version, target)
    return target


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        log.info("migrating database to schema %s (%s)", number, step.__name__)
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute(f"PRAGMA user_version={number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


class CommitEvery:
    """One transaction over several units of work, committed every ``every`` units.

    Used as a context manager; what was done is committed on leaving, also after an
    error. A transaction the caller opened is left to the caller.
    """

    def __init__(self, db: Database, every: int) -> None:
        self._conn = db.conn
        self._every = max(1, every)
        self._own = not self._conn.in_transaction
        self._pending = 0

    def __enter__(self) -> CommitEvery:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._own and self._conn.in_transaction:
            self._conn.execute("COMMIT")

    def begin(self) -> None:
        """Before a unit: open the transaction if none is open."""
        if self._own and not self._conn.in_transaction:
            self._conn.execute("BEGIN IMMEDIATE")

    def done(self) -> None:
        """After a unit: commit once ``every`` units are done."""
        self._pending += 1
        if self._own and self._pending >= self._every:
            self._conn.execute("COMMIT")
            self._pending = 0
