"""A sync run in a child process, for the window.

Why a process: a sync thread in the window's process shares the GIL with the GUI
thread. A repaint of the grid calls into Python thousands of times, and each call
had to wait for the busy sync thread again: one stall of 100-200 ms per sync was
measured (bench/gui_bench.py). The child has its own interpreter.

Messages over the pipe (the parent only answers the child's questions, ending in "?"):

    child → parent: ("progress", SyncProgress) | ("log", level, logger, text)
                    | ("secret?", name) | ("done", SyncSummary) | ("failed", text)
    parent → child: ("secret", value or None) | ("secret-error", text)

Secrets stay in the parent's secret store (keyring, or memory for "this session
only"): the child asks for the few it needs — the consumer key and secret, and
the data key that opens the pending customer passwords sealed in the database —
and the answers go over the pipe, in memory, never to a file, the command line or
the environment. A password the store accepted is forgotten in the database by the
child itself, in the same transaction as its outcome. Passwords still kept as
keyring items of their own (before schema 4) are sealed by the parent before the
child starts. Cancelling sets an event the engine checks between batches; the child
then ends as an in-process run would.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.credentials.customer_passwords import PasswordVault
from wcconnector_gui.runtime.logsetup import quiet_http_loggers
from wcconnector_gui.runtime.redaction import plain_error
from wcconnector_gui.storage.database import DatabaseError, open_database
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncEngine
from wcconnector_gui.sync.errors import SyncError

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1


def run_sync_in_child(
    db_path: Path,
    options: Any,
    *,
    progress: Callable[[Any], None],
    is_cancelled: Callable[[], bool],
    store: int | None = None,
) -> Any:
    """Run ``SyncEngine.run(options)`` for ``store`` of ``db_path`` in a child process.

    Returns the ``SyncSummary``; raises :class:`SyncError` when the run could not
    happen (the child says why) or the child ended without an answer.
    """
    _move_keyring_items(db_path, store)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=True)
    cancel = context.Event()
    child = context.Process(
        target=_child_main,
        args=(
            theirs,
            cancel,
            str(db_path),
            options,
            logging.getLogger().getEffectiveLevel(),
            store,
        ),
        name="wcconnector-sync",
    )
    child.start()
    theirs.close()
    try:
        while True:
            if is_cancelled() and not cancel.is_set():
                cancel.set()
            try:
                if not ours.poll(POLL_SECONDS):
                    if not child.is_alive() and not ours.poll(0):
                        raise _child_gone(child)
                    continue
                message = ours.recv()
            except (EOFError, OSError):  # Windows reports a closed pipe as an OSError
                raise _child_gone(child) from None
            kind = message[0]
            if kind == "progress":
                progress(message[1])
            elif kind == "log":
                logging.getLogger(message[2]).log(message[1], "%s", message[3])
            elif kind == "secret?":
                _reply(ours, child, _answer(keyring_store.get_secret, message[1]))
            elif kind == "done":
                return message[1]
            elif kind == "failed":
                raise SyncError(message[1])
    finally:
        cancel.set()  # a child still running (the parent broke off) stops after its batch
        ours.close()
        child.join(30)


def _reply(conn: Connection, child: Any, answer: tuple[str, Any]) -> None:
    try:
        conn.send(answer)
    except OSError:  # the child is gone
        raise _child_gone(child) from None


def _move_keyring_items(db_path: Path, store: int | None) -> None:
    """Seal passwords still kept as keyring items of their own (the child cannot remove them)."""
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        raise SyncError(str(exc)) from None
    try:
        PasswordVault(db, store).move_keyring_items()
    except keyring_store.SecretStoreUnavailable as exc:
        raise SyncError(str(exc)) from None
    finally:
        db.close()


def _answer(action: Callable[[str], Any], name: str) -> tuple[str, Any]:
    try:
        return ("secret", action(name))
    except keyring_store.SecretStoreUnavailable as exc:
        return ("secret-error", str(exc))


def _child_gone(child: Any) -> SyncError:
    """The error for a child that ended without its answer (reaped first, for its code)."""
    child.join(5)
    return SyncError(
        f"The sync stopped unexpectedly (its process ended with code {child.exitcode}). "
        "Start it again: it carries on where it stopped."
    )


# --- in the child ----------------------------------------------------------------------------
class _Parent:
    """The pipe to the parent, shared by the engine's threads."""

    def __init__(self, conn: Connection, cancel: Any) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._cancel = cancel
        self.gone = False

    def send(self, message: tuple[Any, ...]) -> None:
        with self._lock:
            self._send(message)

    def ask(self, message: tuple[Any, ...]) -> Any:
        """Send ``message`` and wait for the answer; the secret store's error when it fails."""
        with self._lock:
            self._send(message)
            if not self.gone:
                try:
                    answer = self._conn.recv()
                except (EOFError, OSError):
                    self.gone = True
                else:
                    if answer[0] == "secret-error":
                        raise keyring_store.SecretStoreUnavailable(answer[1])
                    return answer[1]
        raise keyring_store.SecretStoreUnavailable("the app that started the sync is gone")

    def cancelled(self) -> bool:
        return self.gone or bool(self._cancel.is_set())

    def _send(self, message: tuple[Any, ...]) -> None:
        if self.gone:
            return
        try:
            self._conn.send(message)
        except (EOFError, OSError):
            self.gone = True  # the window went away: stop after the current batch


class _ToParent(logging.Handler):
    def __init__(self, parent: _Parent) -> None:
        super().__init__()
        self._parent = parent

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a bad log call must not break the sync
            return
        self._parent.send(("log", record.levelno, record.name, text))


def _child_main(
    conn: Connection, cancel: Any, db_path: str, options: Any, level: int, store: int | None = None
) -> None:
    # Ctrl+C in the terminal reaches this process too: the app cancels it instead,
    # between batches, so a run is never cut off in the middle of one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = _Parent(conn, cancel)
    root = logging.getLogger()
    root.setLevel(level)
    quiet_http_loggers()
    handler = _ToParent(parent)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root.addHandler(handler)

    keyring_store.use_delegate(lambda name: parent.ask(("secret?", name)))
    try:
        summary = _run(Path(db_path), options, parent, store)
    except Exception as exc:
        if not isinstance(exc, SyncError):  # the app logs the message; here the traceback
            log.warning("sync failed: %s", exc, exc_info=True)
        parent.send(("failed", plain_error(exc)))
    else:
        parent.send(("done", summary))
    finally:
        root.removeHandler(handler)
        conn.close()


def _run(db_path: Path, options: Any, parent: _Parent, store: int | None) -> Any:
    db = open_database(db_path)
    client = None
    try:
        setup = load_setup(db, store)
        client = make_client(db, setup, store)
        engine = SyncEngine(
            db,
            client,
            setup,
            store=store,
            progress=lambda update: parent.send(("progress", update)),
            is_cancelled=parent.cancelled,
        )
        return engine.run(options)
    finally:
        if client is not None:
            client.close()
        db.close()
