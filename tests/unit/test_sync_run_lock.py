"""One sync at a time per database; runs cut off by a crash are closed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sync_support import add_customers, configure, sync

from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.storage.database import DatabaseError, open_database
from wcconnector_gui.storage.run_lock import RunLock, RunLocked
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.errors import SyncError, SyncLocked


def test_a_second_sync_on_the_same_database_is_refused(db: Any, sandbox: Any) -> None:
    configure(db, sandbox)
    add_customers(db, 2)
    with RunLock(db):  # as another process running a sync would
        with pytest.raises(SyncError, match="Another sync of store 'Store 1' is running"):
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
    log.log_many(killed, [(SyncAction.CREATED, "C00009", 9, "", "push")])
    summary = sync(db)
    runs = {r["id"]: r for r in log.runs()}
    assert runs[killed]["status"] == RunStatus.FAILED
    assert "interrupted" in runs[killed]["error"]
    assert runs[killed]["counts"] == {"created": 1}
    assert runs[killed]["direction_counts"] == {"push": {"created": 1}}
    assert runs[summary.run_id]["status"] == RunStatus.DONE


def _spellings(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Other spellings of the same database file: a symlink and relative paths."""
    other_dir = db_path.parent / "elsewhere"
    other_dir.mkdir()
    (other_dir / "symlink.db").symlink_to(db_path)
    monkeypatch.chdir(other_dir)
    return [
        other_dir / "symlink.db",
        Path("./symlink.db"),
        Path("..") / db_path.name,
        Path(f"../elsewhere/../{db_path.name}"),
    ]


def test_the_lock_is_on_the_database_file_not_its_spelling(
    db: Any, db_path: Path, sandbox: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    for spelling in _spellings(db_path, monkeypatch):
        other = open_database(spelling)
        try:
            with RunLock(db):
                with pytest.raises(SyncLocked, match="Another sync of store 'Store 1' is running"):
                    sync(other)
                with pytest.raises(RunLocked):
                    RunLock(other).__enter__()
            with RunLock(other), pytest.raises(RunLocked):
                RunLock(db).__enter__()
        finally:
            other.close()
    assert sandbox.store.request_count("POST") == 0


def test_a_hard_link_is_the_same_lock(db: Any, db_path: Path) -> None:
    link = db_path.with_name("hard-link.db")  # made after the database was opened
    os.link(db_path, link)
    with RunLock(db), pytest.raises(RunLocked):
        RunLock.for_file(link, 1).__enter__()
    with RunLock.for_file(link, 1), pytest.raises(RunLocked):
        RunLock(db).__enter__()


def test_a_database_file_with_two_names_is_refused(db: Any, db_path: Path) -> None:
    """Through another hard link SQLite keeps another journal: runs would see stale data."""
    link = db_path.with_name("hard-link.db")
    os.link(db_path, link)
    for name in (link, db_path):
        with pytest.raises(DatabaseError, match="2 names"):
            open_database(name)


CLI = "import sys; from wcconnector_gui.cli.main import main; sys.exit(main())"


def test_a_second_cli_sync_is_refused_in_plain_words(
    db: Any, db_path: Path, sandbox: Any, tmp_path: Path
) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    link = tmp_path / "same-database.db"
    link.symlink_to(db_path)
    env = dict(os.environ)
    env.update(
        WCCONNECTOR_CONSUMER_KEY=sandbox.consumer_key,
        WCCONNECTOR_CONSUMER_SECRET=sandbox.consumer_secret,
    )
    with RunLock(db):  # the window's sync, say
        result = subprocess.run(
            [sys.executable, "-c", CLI, "--db", str(link), "sync"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2, result.stderr
    assert "Another sync of store 'Store 1' is running" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sandbox.store.request_count("POST") == 0
