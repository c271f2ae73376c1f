"""Background work: QObject workers moved to QThreads, never blocking the window.

A task worker opens its OWN database connection (a sqlite connection belongs to
the thread that made it) inside ``run()``; the sync worker runs the engine in a
child process (``sync/child.py``) and relays its messages. Cancellation is a
``threading.Event``, passed on to the engine, which checks it between batches.
Closing: cancel, ``quit()``, ``wait()`` — never ``terminate()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from sqlite_utils import Database

from wcconnector_gui.runtime.redaction import plain_error
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.sync.child import run_sync_in_child
from wcconnector_gui.sync.errors import SyncError

log = logging.getLogger(__name__)


class TaskWorker(QObject):
    """Runs ``function(db)`` once on its own connection to ``db_path``.

    Signals:
        finished(object): the function's result.
        failed(str): what went wrong, in plain words.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, function: Callable[[Database], Any]) -> None:
        super().__init__()
        self._db_path = db_path
        self._function = function

    @Slot()
    def run(self) -> None:
        try:
            db = open_database(self._db_path)
        except Exception as exc:  # the database cannot be opened: tell the user
            self.failed.emit(plain_error(exc))
            return
        try:
            result = self._function(db)
        except Exception as exc:
            log.warning("background task failed: %s", exc, exc_info=True)
            self.failed.emit(plain_error(exc))
        else:
            self.finished.emit(result)
        finally:
            db.close()


class SyncWorker(QObject):
    """Runs one sync with the engine, in a child process (see ``sync/child.py``).

    Signals:
        progress(object): a ``SyncProgress`` (done, total, phase, message, outcomes).
        finished(object): the ``SyncSummary``.
        failed(str): the run could not happen or broke off, in plain words.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, options: Any, store: int | None = None) -> None:
        super().__init__()
        self._db_path = db_path
        self._options = options
        self.store = store
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    @Slot()
    def run(self) -> None:
        try:
            summary = run_sync_in_child(
                self._db_path,
                self._options,
                progress=self.progress.emit,
                is_cancelled=self.cancel_event.is_set,
                store=self.store,
            )
        except Exception as exc:
            log.warning("sync failed: %s", exc, exc_info=not isinstance(exc, SyncError))
            self.failed.emit(plain_error(exc))
        else:
            self.finished.emit(summary)


# run_task(function(db), on_result, on_error): runs function on a worker thread, then
# on_result or on_error on the GUI thread (SyncController.run_task).
RunTask = Callable[[Callable[[Database], Any], Callable[[Any], None], Callable[[str], None]], Any]


class LatestRead:
    """Reads a list on a worker where only the newest answer counts.

    A list reloaded twice must not show the older read when it arrives last.
    """

    def __init__(self, run_task: RunTask) -> None:
        self._run_task = run_task
        self._generation = 0

    def start(
        self,
        read: Callable[[Database], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        self._generation += 1
        generation = self._generation

        def result(value: Any) -> None:
            if generation == self._generation:  # else a newer read is on its way
                on_result(value)

        def error(message: str) -> None:
            if generation == self._generation:
                on_error(message)

        self._run_task(read, result, error)


class ThreadRunner(QObject):
    """Starts workers in their own QThread and keeps them alive until they end.

    Signals:
        idle(): the last running worker has ended.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[tuple[QThread, QObject]] = []

    def start(self, worker: QObject) -> QThread:
        """Move ``worker`` (with ``run``, ``finished``, ``failed``) to a new thread; start it."""
        thread = QThread()
        thread.setObjectName(type(worker).__name__)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)  # type: ignore[attr-defined]
        # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread.
        direct = Qt.ConnectionType.DirectConnection
        worker.finished.connect(thread.quit, direct)  # type: ignore[attr-defined]
        worker.failed.connect(thread.quit, direct)  # type: ignore[attr-defined]
        self._running.append((thread, worker))
        # A bound slot (not a lambda): Qt drops the connection if this runner is deleted first.
        thread.finished.connect(self._on_thread_finished)
        thread.start()
        return thread

    @Slot()
    def _on_thread_finished(self) -> None:
        finished = self.sender()
        for entry in list(self._running):
            thread, worker = entry
            if thread is finished or not thread.isRunning():
                self._running.remove(entry)
                worker.deleteLater()
                thread.deleteLater()
        if not self._running:
            self.idle.emit()

    def busy(self) -> bool:
        return bool(self._running)

    def stop_all(self, timeout_ms: int = 60_000) -> bool:
        """Cancel what can be cancelled, then quit and wait for every thread (never terminate)."""
        ok = True
        for _thread, worker in list(self._running):
            cancel = getattr(worker, "cancel", None)
            if cancel is not None:
                cancel()
        for thread, _worker in list(self._running):
            thread.quit()
            ok = thread.wait(timeout_ms) and ok
        return ok
