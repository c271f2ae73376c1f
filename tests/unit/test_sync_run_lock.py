"""One sync at a time per database; runs cut off by a crash are closed by the next one."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, sync

from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.storage.run_lock import RunLock, RunLocked
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.errors import SyncError


def test_a_second_sync_on_the_same_database_is_refused(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    with RunLock(db):  # as another process running a sync would
        with pytest.raises(SyncError, match="Another sync is running"):
            sync(db)
        with pytest.raises(RunLocked):
            RunLock(db).__enter__()
    assert sandbox.store.request_count("POST") == 0
    assert sync(db).counts == {"created": 2}  # free again


def test_a_run_cut_off_is_marked_failed_with_what_it_did(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    log = SyncLogRepository(db)
    killed = log.start_run("both", None, False)  # a run whose process was killed
    log.log(killed, SyncAction.CREATED, customer_no="C00009", webstore_id=9)
    summary = sync(db)
    runs = {r["id"]: r for r in log.runs()}
    assert runs[killed]["status"] == RunStatus.FAILED
    assert "interrupted" in runs[killed]["error"]
    assert runs[killed]["counts"] == {"created": 1}
    assert runs[summary.run_id]["status"] == RunStatus.DONE
