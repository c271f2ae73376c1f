"""`wcconnector log`: past runs and their records, as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import cli, configured_db

from wcconnector_gui.storage.database import open_database


def _two_runs(tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]) -> Path:
    db = configured_db(tmp_path, sandbox, capsys, customers=3, pull="all")
    assert cli(db, "sync", capsys=capsys)[0] == 0  # run 1: 3 created
    change = tmp_path / "change.csv"
    change.write_text("no,phone\nC00002,12\n", encoding="utf-8")
    cli(db, "customers", "import", "--update", str(change), capsys=capsys)
    assert cli(db, "sync", capsys=capsys)[0] == 1  # run 2: C00002 skipped
    return db


def test_log_lists_the_last_runs_newest_first(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _two_runs(tmp_path, sandbox, capsys)
    code, out, _ = cli(db, "log", capsys=capsys)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert "run 2: done: pull: 3 unchanged; push: 1 skipped, 2 unchanged" in lines[0]
    assert "run 1: done: push: 3 created" in lines[1]
    code, out, _ = cli(db, "log", "--limit", "1", "--json", capsys=capsys)
    shown = json.loads(out)
    assert shown["schema_version"] == 1 and [r["run_id"] for r in shown["runs"]] == [2]
    assert "records" not in shown


def test_log_run_shows_its_records(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _two_runs(tmp_path, sandbox, capsys)
    code, out, _ = cli(db, "log", "--run", "1", capsys=capsys)
    assert code == 0
    lines = out.splitlines()[1:]
    assert [line.split(" (webstore ID ")[0] for line in lines] == [
        "push created C00001",
        "push created C00002",
        "push created C00003",
    ]
    # "(store 22)" read like the store number with several stores: it is the Webstore ID.
    assert all(line.split(" (webstore ID ")[1].rstrip(")").isdigit() for line in lines)
    code, out, _ = cli(db, "log", "--run", "2", "--json", capsys=capsys)
    report = json.loads(out)
    assert report["run_id"] == 2 and report["counts"]["push"] == {"skipped": 1, "unchanged": 2}
    assert [(r["customer_no"], r["action"]) for r in report["records"]] == [("C00002", "skipped")]
    # The same object as `sync --json` printed for that run.
    code, out, _ = cli(db, "sync", "--json", capsys=capsys)
    live = json.loads(out)
    assert (
        json.loads(cli(db, "log", "--run", str(live["run_id"]), "--json", capsys=capsys)[1]) == live
    )


def test_log_errors_only(tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]) -> None:
    db = _two_runs(tmp_path, sandbox, capsys)
    code, out, _ = cli(db, "log", "--errors", capsys=capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("run 2: push skipped C00002 (webstore ID ")
    assert out.splitlines()[-1] == "1 problem record(s) in the last 2 run(s)"
    code, out, _ = cli(db, "log", "--run", "1", "--errors", "--json", capsys=capsys)
    assert json.loads(out)["records"] == []
    code, out, _ = cli(db, "log", "--errors", "--json", capsys=capsys)
    records = json.loads(out)["records"]
    assert [(r["run_id"], r["customer_no"], r["direction"]) for r in records] == [
        (2, "C00002", "push")
    ]


def test_log_of_a_new_database_and_an_unknown_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"
    code, out, err = cli(db, "log", capsys=capsys)
    assert code == 2 and out == "" and "there is no database at" in err
    open_database(db).close()
    assert cli(db, "log", capsys=capsys)[:2] == (0, "no sync has run yet\n")
    code, out, err = cli(db, "log", "--run", "7", capsys=capsys)
    assert code == 2 and out == "" and "there is no sync run 7" in err
    code, _, err = cli(db, "log", "--limit", "0", capsys=capsys)
    assert code == 2 and "give 1 or more" in err
