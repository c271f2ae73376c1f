"""One sync at a time per store of a database file, across processes (window, CLI, scheduler).

Two stores of one database may sync at once: they share no mapping, store copy or
run (each run writes back-office customers in short transactions of its own).

Two runs pushing at once could both find no store customer for an e-mail and both
create one. The lock is an OS file lock on a file named after the database file's
identity (device and inode), in the database's real directory: every spelling of
the path (``./x.db``, ``../dir/x.db``, a symlink) and every hard link of the same
directory meet on the same lock. The OS drops it when its process ends, however it
ends, so a run that finds the lock free also knows that no run marked "running" in
the database is still alive. (A file with several hard links is refused when it is
opened anyway: SQLite names its journal after the path, see ``storage.database``.)

The database file itself is not locked: closing any descriptor of it would drop
the POSIX locks SQLite holds on it in this process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from sqlite_utils import Database

from wcconnector_gui.storage.stores import resolve_store


class RunLocked(Exception):
    """Another process holds the sync lock of this database."""


def database_file(db: Database) -> Path | None:
    """The file of ``db`` (None for an in-memory database)."""
    for _seq, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename)
    return None


def lock_path(db_file: Path, store: int) -> Path:
    """The lock file of ``store`` in the database file ``db_file``, however its path is spelled."""
    real = Path(os.path.realpath(db_file))
    identity = os.stat(real)
    name = f".wcconnector-sync-{identity.st_dev}-{identity.st_ino}-store{store}.lock"
    return real.parent / name


class RunLock:
    """``with RunLock(db, store):`` holds the lock or raises :class:`RunLocked` at once.

    ``store`` None: the only store of ``db``.
    """

    def __init__(self, db: Database, store: int | None = None) -> None:
        db_file = database_file(db)
        sid = resolve_store(db, store)
        self._path = lock_path(db_file, sid) if db_file is not None else None
        self._file: IO[bytes] | None = None

    @classmethod
    def for_file(cls, db_file: Path, store: int) -> RunLock:
        """The lock of ``store`` in the database file at ``db_file``, without opening it."""
        lock = cls.__new__(cls)
        lock._path = lock_path(db_file, store)
        lock._file = None
        return lock

    def __enter__(self) -> RunLock:
        if self._path is None:
            return self
        handle = open(self._path, "a+b")  # noqa: SIM115 (held until __exit__)
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise RunLocked() from None
        self._file = handle
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            _unlock(self._file)
            self._file.close()
            self._file = None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
