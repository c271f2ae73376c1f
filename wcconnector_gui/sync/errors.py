"""Errors that stop a sync as a whole (the per-record ones are outcomes, not exceptions)."""

from __future__ import annotations


class SyncError(Exception):
    """Nothing (more) can be done: no setup, store unreachable, key refused... Plain words."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
