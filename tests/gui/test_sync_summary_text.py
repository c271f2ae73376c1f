"""The window's word on a finished sync: counts per direction; a failure never "nothing to do"."""

from __future__ import annotations

from typing import Any

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.sync.engine import SyncSummary
from wcconnector_gui.woo import diagnose

from .window_support import SYNC_TIMEOUT_MS, prepare


def test_summary_counts_per_direction(qtbot: Any, window: Any) -> None:
    summary = SyncSummary(
        1,
        RunStatus.DONE,
        {"unchanged": 8, "failed": 1, "skipped": 1},
        10,
        by_direction={
            "pull": {"unchanged": 4, "failed": 1},
            "push": {"unchanged": 4, "skipped": 1},
        },
    )
    window._on_controller_finished(summary)
    assert window.statusBar().currentMessage() == (
        "Sync done: pull: 4 unchanged, 1 failed; push: 4 unchanged, 1 skipped"
    )


def test_a_run_that_stopped_never_says_nothing_to_do(qtbot: Any, window: Any) -> None:
    for status in (RunStatus.FAILED, RunStatus.CANCELLED):
        window._on_controller_finished(SyncSummary(1, status, {}, 0))
        assert "no record was handled" in window.statusBar().currentMessage()
    window._on_controller_finished(SyncSummary(1, RunStatus.DONE, {}, 0))
    assert window.statusBar().currentMessage() == "Sync done: nothing to do"


def test_a_failed_sync_shows_test_connections_diagnosis(
    qtbot: Any, db_path: Any, sandbox: Any, open_window: Any
) -> None:
    prepare(db_path, sandbox, 1)
    db = open_database(db_path)
    wrong = "cs_" + "0" * 40
    keyring_store.set_secret(keyring_store.consumer_secret_name(store_id(db)), wrong)
    db.close()
    win = open_window(db_path)
    with qtbot.waitSignal(win.controller.finished, timeout=SYNC_TIMEOUT_MS):
        win.synchronize()
    expected = diagnose.test_connection(sandbox.url, sandbox.consumer_key, wrong, auth="oauth1")
    assert expected.problem == "secret_wrong"
    assert win.error_label.text() == expected.text
    win.close()


def test_sync_log_view_shows_directions(qtbot: Any, db: Any) -> None:
    from wcconnector_gui.storage.sync_log import SyncLogRepository
    from wcconnector_gui.ui.sync_log_view import SyncLogView

    log = SyncLogRepository(db)
    run = log.start_run("both", None, False)
    log.log_many(run, [(SyncAction.SKIPPED, "C00002", 3, "bad phone", "push")])
    log.finish_run(
        run,
        RunStatus.DONE,
        {"unchanged": 8, "skipped": 1},
        10,
        "",
        {"pull": {"unchanged": 4}, "push": {"unchanged": 4, "skipped": 1}},
    )

    def read_here(read: Any, on_result: Any, on_error: Any) -> None:
        on_result(read(db))  # the window reads on a worker; here at once

    view = SyncLogView(db, read_here)
    qtbot.addWidget(view)
    view.reload()
    assert (
        view.runs.data(view.runs.index(0, 5)) == "pull: 4 unchanged; push: 4 unchanged, 1 skipped"
    )
    assert view.entries.data(view.entries.index(0, 3)) == "push"
    assert view.entries.data(view.entries.index(0, 4)) == "skipped"
