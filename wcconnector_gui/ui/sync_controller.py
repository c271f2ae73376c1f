"""Starts, watches and stops syncs; recurring sync and "push changes automatically".

Signals:
    running_changed(bool): a sync started (True) or ended (False).
    progress(object): a ``SyncProgress`` from the running sync.
    finished(object): the ``SyncSummary`` of a run that ended.
    failed(str): a run could not start or broke off (plain words).
    task_failed(str): a background check (count, suggest, link...) failed.
    declined(): the user said No to creating store accounts; nothing was started.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlite_utils import Database

from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.domain.sync_run import Direction
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import StoreRepository, resolve_store
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncEngine, SyncOptions
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.ui.workers import SyncWorker, TaskWorker, ThreadRunner

log = logging.getLogger(__name__)

AUTO_PUSH_DELAY_MS = 3000


def with_engine(
    function: Callable[[Any], Any], store: int | None = None
) -> Callable[[Database], Any]:
    """Wrap ``function(engine)`` into a task that builds ``store``'s engine on the worker's db."""

    def task(db: Database) -> Any:
        setup = load_setup(db, store)
        client = make_client(db, setup, store)
        try:
            return function(SyncEngine(db, client, setup, store=store))
        finally:
            close = getattr(client, "close", None)
            if close is not None:
                close()

    return task


class _TaskRelay(QObject):
    """Calls a task's callbacks on the GUI thread.

    A plain Python callable connected to a worker's signal would run in the
    worker's thread; a bound method of a QObject living here is queued instead.
    """

    def __init__(
        self,
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._on_result = on_result
        self._on_error = on_error

    def _window_open(self) -> bool:
        controller = self.parent()
        return not getattr(controller, "_closing", False)

    def deliver_result(self, result: Any) -> None:
        try:
            if self._window_open():
                self._on_result(result)
        finally:
            self.deleteLater()

    def deliver_error(self, message: str) -> None:
        try:
            if self._window_open():
                self._on_error(message)
        finally:
            self.deleteLater()


class SyncController(QObject):
    running_changed = Signal(bool)
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    task_failed = Signal(str)
    declined = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.runner = ThreadRunner(self)
        self._worker: SyncWorker | None = None
        self._counting = False
        self._closing = False
        # Asked before a push that creates store accounts; returns True to go on.
        self.confirm_creates: Callable[[int], bool] = lambda count: True
        # One recurring-sync timer per store, each at its own setup's interval.
        self._recurring: dict[int | None, QTimer] = {}
        self._setups: dict[int | None, Setup] = {}
        self._auto_push = QTimer(self)
        self._auto_push.setSingleShot(True)
        self._auto_push.setInterval(AUTO_PUSH_DELAY_MS)
        self._auto_push.timeout.connect(self._on_auto_push_timeout)
        # (store, customer No.) edited with "Push changes automatically" on, not pushed yet.
        self._queued: list[tuple[int | None, str]] = []
        self._setup = Setup()
        # The store the window shows: syncs, tasks and automatic pushes act on it.
        self.store: int | None = None
        # Stores still to sync after the running one ("All Stores" ticked).
        self._next_stores: list[int] = []

    # --- state ---------------------------------------------------------------------------
    def is_running(self) -> bool:
        """A sync worker is running."""
        return self._worker is not None

    def is_busy(self) -> bool:
        """A sync runs, or one is being prepared (counting the accounts it creates)."""
        return self._worker is not None or self._counting

    def apply_setup(self, setup: Setup, store: int | None = None) -> None:
        """Follow a store's recurring-sync interval and its rule on creating accounts.

        ``store`` None: the store shown. Each store syncs by itself at its own interval.
        """
        store = self.store if store is None else store
        self._setups[store] = setup
        if store == self.store:
            self._setup = setup
        timer = self._recurring.get(store)
        if timer is None:
            timer = QTimer(self)
            timer.timeout.connect(lambda: self._on_recurring_timeout(store))
            self._recurring[store] = timer
        minutes = setup.sync_interval_minutes
        if minutes > 0:
            timer.start(minutes * 60_000)
        else:
            timer.stop()

    def known_stores(self) -> list[int]:
        """The stores whose setup the controller follows."""
        return [s for s in self._setups if s is not None]

    def forget_store(self, store: int) -> None:
        """A removed store: no more recurring syncs of it."""
        timer = self._recurring.pop(store, None)
        if timer is not None:
            timer.stop()
        self._setups.pop(store, None)

    def recurring_interval_ms(self, store: int | None = None) -> int:
        timer = self._recurring.get(self.store if store is None else store)
        return timer.interval() if timer is not None and timer.isActive() else 0

    # --- background tasks ------------------------------------------------------------------
    def run_task(
        self,
        function: Callable[[Database], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> TaskWorker:
        """Run ``function(db)`` on a worker thread with its own connection."""
        worker = TaskWorker(self.db_path, function)
        relay = _TaskRelay(on_result, on_error or self.task_failed.emit, self)
        worker.finished.connect(relay.deliver_result)
        worker.failed.connect(relay.deliver_error)
        self.runner.start(worker)
        return worker

    # --- synchronize -------------------------------------------------------------------------
    def synchronize(
        self,
        customer_nos: list[str] | None = None,
        *,
        direction: Direction = Direction.BOTH,
        interactive: bool = True,
        stores: list[int] | None = None,
    ) -> bool:
        """Start a sync of the shown store (all, or only ``customer_nos``), or of ``stores``
        one after the other; False when one is already running."""
        if self.is_busy() or self._closing:
            return False
        order = list(stores) if stores else [self.store]
        self._run_store: int | None = order[0]
        self._next_stores = [s for s in order[1:] if s is not None]
        options = SyncOptions(
            direction=direction,
            customer_nos=customer_nos,
            # Unasked runs create store accounts only when the setup says so explicitly.
            create_accounts=interactive
            or self._setups.get(order[0], self._setup).create_accounts_automatically,
        )
        if not interactive:
            self._start(options)
            return True
        # Count the accounts a push would create, off the GUI thread, then ask.
        self._pending_options = options
        self._counting = True
        self.running_changed.emit(True)  # buttons off while we count

        def count_all(db: Database) -> int:
            total = 0
            for store in order:
                try:
                    total += with_engine(lambda engine: engine.count_creates(options), store)(db)
                except SyncError as exc:
                    if len(order) == 1:
                        raise
                    name = StoreRepository(db).get(resolve_store(db, store)).name
                    raise SyncError(f"{name}: {exc.message}", cause=exc.cause) from None
            return total

        self.run_task(count_all, self._on_count_creates_finished, self._on_count_creates_failed)
        return True

    def _on_count_creates_finished(self, count: Any) -> None:
        options = self._pending_options
        self._counting = False
        if self._closing:
            return
        if int(count or 0) > 0 and not self.confirm_creates(int(count)):
            self.running_changed.emit(False)
            self.declined.emit()
            return
        self._start(options)

    def _on_count_creates_failed(self, message: str) -> None:
        self._counting = False
        self.running_changed.emit(False)
        self.failed.emit(message)

    def _start(self, options: Any) -> None:
        self._run_options = options
        worker = SyncWorker(self.db_path, options, self._run_store)
        worker.progress.connect(self.progress)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self._worker = worker
        self.running_changed.emit(True)
        self.runner.start(worker)

    def cancel(self) -> None:
        """Stop after the current batch."""
        if self._worker is not None:
            self._worker.cancel()

    def _on_worker_finished(self, summary: Any) -> None:
        self._worker = None
        self.running_changed.emit(False)
        self.finished.emit(summary)
        if self._next_stores and not self._closing:  # the next store, one after the other
            self._run_store = self._next_stores.pop(0)
            self._start(self._run_options)
            return
        self._resume_queue()

    def running_store(self) -> int | None:
        """The store the running (or last) sync is for."""
        return getattr(self, "_run_store", self.store)

    def _on_worker_failed(self, message: str) -> None:
        self._next_stores = []
        self._worker = None
        self.running_changed.emit(False)
        self.failed.emit(message)
        self._resume_queue()

    # --- recurring sync and automatic push ---------------------------------------------------
    def _on_recurring_timeout(self, store: int | None = None) -> None:
        """A store's recurring sync (None: the store shown); skipped while one runs."""
        store = self.store if store is None else store
        if not self.is_busy() and not self._closing:
            log.info("recurring sync of store %s", store)
            stores = [store] if store is not None else None
            self.synchronize(interactive=False, stores=stores)

    def queue_push(self, customer_no: str) -> None:
        """Push ``customer_no`` shortly (debounced) — 'Push changes automatically'.

        The push goes to the store shown now, even when another is chosen meanwhile.
        """
        entry = (self.store, customer_no)
        if entry not in self._queued:
            self._queued.append(entry)
        self._auto_push.start()

    def queued(self) -> list[str]:
        return [no for _store, no in self._queued]

    def _on_auto_push_timeout(self) -> None:
        if not self._queued or self._closing:
            return
        if self.is_busy():
            return  # resumed when the running sync ends
        store = self._queued[0][0]  # one store per push; the others' edits follow
        nos = [no for s, no in self._queued if s == store]
        self._queued = [(s, no) for s, no in self._queued if s != store]
        stores = [store] if store is not None else None
        self.synchronize(nos, direction=Direction.PUSH, interactive=False, stores=stores)

    def _resume_queue(self) -> None:
        if self._queued and not self._auto_push.isActive():
            self._auto_push.start()

    # --- closing ---------------------------------------------------------------------------
    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Cancel a running sync and wait for every worker thread (never terminate)."""
        self._closing = True
        for timer in self._recurring.values():
            timer.stop()
        self._auto_push.stop()
        if self._worker is not None:
            self._worker.cancel()
        return self.runner.stop_all(timeout_ms)
