"""The window's lists are read on worker threads, never on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository
from wcconnector_gui.ui import main_window, webstore_view
from wcconnector_gui.ui.main_window import VIEW_WEBSTORE, MainWindow
from wcconnector_gui.ui.mapping_model import COL_NO


def _record_threads(monkeypatch, module: Any, name: str) -> list[threading.Thread]:  # type: ignore[no-untyped-def]
    """Wrap ``module.name`` so each call notes the thread it ran on."""
    original = getattr(module, name)
    threads: list[threading.Thread] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return threads


def test_grid_rows_are_read_on_a_worker_and_shown_when_ready(
    qtbot, monkeypatch, db_path, filled_db
) -> None:
    threads = _record_threads(monkeypatch, main_window, "read_grid")
    window = MainWindow(db_path)
    try:
        # Built and shown before the rows arrive: the grid says it is loading.
        assert window.mapping_model.rowCount() == 0
        assert "Loading" in window.mapping_view.count_label.text()
        qtbot.waitUntil(lambda: window.mapping_model.loaded)
        assert threads and threads[0] is not threading.main_thread()
        proxy = window.mapping_view.proxy
        assert [proxy.index(r, COL_NO).data() for r in range(proxy.rowCount())] == [
            "C00010",
            "C00020",
            "C00030",
            "C00040",
            "C00050",
        ]
        assert window.mapping_view.count_label.text() == "5 customer(s)"
        window.mapping_view.proxy.set_filter_text("dupont")  # the search index came along
        assert proxy.rowCount() == 1
    finally:
        window.close()


def test_webstore_customers_are_read_on_a_worker(qtbot, monkeypatch, db_path, filled_db) -> None:
    WebstoreCustomerRepository(filled_db).upsert_many(
        [WebstoreCustomer(id=7, email="contact@dupont.fr"), WebstoreCustomer(id=8, email="x@y.de")]
    )
    threads = _record_threads(monkeypatch, webstore_view, "webstore_customer_list")
    window = MainWindow(db_path)
    try:
        window.side.setCurrentRow(VIEW_WEBSTORE)
        view = window.webstore_view
        qtbot.waitUntil(lambda: view.model.rowCount() == 2)
        assert threads and all(t is not threading.main_thread() for t in threads)
        assert view.info.text() == "2 in the store, 1 unmapped"
    finally:
        window.close()


def test_a_read_overtaken_by_a_newer_one_is_not_shown(qtbot, db_path, filled_db) -> None:
    window = MainWindow(db_path)
    try:
        qtbot.waitUntil(lambda: not window.controller.runner.busy())
        shown: list[object] = []
        window.mapping_model.set_grid = shown.append  # type: ignore[method-assign]
        window.reload_grid()
        window.reload_grid()
        qtbot.waitUntil(lambda: not window.controller.runner.busy())
        qtbot.wait(50)  # let queued answers arrive
        assert len(shown) == 1
    finally:
        window.close()


def test_sync_log_lists_are_read_on_a_worker(qtbot, monkeypatch, db_path, filled_db) -> None:
    from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
    from wcconnector_gui.storage.sync_log import SyncLogRepository
    from wcconnector_gui.ui.main_window import VIEW_LOG

    log = SyncLogRepository(filled_db)
    run = log.start_run("both", None, False)
    log.log_many(run, [(SyncAction.SKIPPED, "C00040", None, "bad e-mail", "push")])
    log.finish_run(run, RunStatus.DONE, {"skipped": 1}, 1, "", {"push": {"skipped": 1}})
    original_runs = SyncLogRepository.runs
    runs_threads: list[threading.Thread] = []

    def runs(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("limit") != 1:  # not the status bar's "last sync" (one row)
            runs_threads.append(threading.current_thread())
        return original_runs(self, *args, **kwargs)

    monkeypatch.setattr(SyncLogRepository, "runs", runs)
    entries_threads = _record_threads(monkeypatch, SyncLogRepository, "entries")
    window = MainWindow(db_path)
    try:
        window.side.setCurrentRow(VIEW_LOG)
        view = window.log_view
        qtbot.waitUntil(lambda: view.entries.rowCount() == 1)
        assert view.entries.record(0)["reason"] == "bad e-mail"
        main = threading.main_thread()
        assert runs_threads and all(t is not main for t in runs_threads)
        assert entries_threads and all(t is not main for t in entries_threads)
    finally:
        qtbot.waitUntil(lambda: not window.controller.runner.busy())
        window.close()
