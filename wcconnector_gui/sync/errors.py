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
    """Another sync of the same store runs on this database; nothing was done (CLI exit 2)."""

    def __init__(self, store_name: str) -> None:
        super().__init__(
            f"Another sync of store '{store_name}' is running (in the window or from the "
            "command line). Try again when it has finished."
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
