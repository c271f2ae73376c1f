"""One sync at a time per database, across processes (the window, the CLI, a scheduler).

Two runs pushing at once could both find no store customer for an e-mail and both
create one. The lock is an OS file lock on ``<database>.sync-lock``: the OS drops it
when its process ends, however it ends, so a run that finds the lock free also knows
that no run marked "running" in the database is still alive.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from sqlite_utils import Database


class RunLocked(Exception):
    """Another process holds the sync lock of this database."""


def lock_path(db: Database) -> Path | None:
    """The lock file of ``db`` (None for an in-memory database)."""
    for _seq, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename + ".sync-lock")
    return None


class RunLock:
    """``with RunLock(db):`` holds the lock or raises :class:`RunLocked` at once."""

    def __init__(self, db: Database) -> None:
        self._path = lock_path(db)
        self._file: IO[bytes] | None = None

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
