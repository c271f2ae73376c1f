"""Errors that stop a sync as a whole (the per-record ones are outcomes, not exceptions)."""

from __future__ import annotations


class SyncError(Exception):
    """Nothing (more) can be done: no setup, store unreachable, key refused... Plain words."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class SyncLocked(SyncError):
    """Another sync runs on the same database file; nothing was done (CLI exit code 2)."""

    def __init__(self) -> None:
        super().__init__(
            "Another sync is running on this database (in the window or from the command "
            "line). Try again when it has finished."
        )
