"""Errors that stop a sync as a whole (the per-record ones are outcomes, not exceptions)."""

from __future__ import annotations

from wcconnector_gui.woo.errors import WooError


class SyncError(Exception):
    """Nothing (more) can be done: no setup, store unreachable, key refused... Plain words."""

    def __init__(self, message: str, *, cause: WooError | None = None) -> None:
        self.message = message
        # The store's error behind it, when there is one: explained in plain words
        # by woo.diagnose.explain_error, as "Test connection" would.
        self.cause = cause
        super().__init__(message)


class SyncLocked(SyncError):
    """Another sync runs on the same database file; nothing was done (CLI exit code 2)."""

    def __init__(self) -> None:
        super().__init__(
            "Another sync is running on this database (in the window or from the command "
            "line). Try again when it has finished."
        )


def explain(error: SyncError | WooError, store_url: str, auth: str) -> tuple[str, str]:
    """(plain text, problem code) of an error that stopped a sync or a store lookup.

    A store's error gets the words of "Test connection" (woo.diagnose); any
    other keeps its own message and an empty code.
    """
    from wcconnector_gui.woo.diagnose import explain_error

    cause = error.cause if isinstance(error, SyncError) else error
    if cause is None:
        return error.message, ""
    diagnosis = explain_error(cause, store_url, auth)
    return diagnosis.text, diagnosis.problem
