"""`wcconnector sync` output: one entry per record that was not unchanged, counts per direction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import cli, configured_db

from wcconnector_gui.cli.run_report import JSON_SCHEMA_VERSION

RUN_KEYS = {
    "schema_version",
    "run_id",
    "started_at",
    "finished_at",
    "status",
    "direction",
    "customers",
    "dry_run",
    "requests",
    "counts",
    "totals",
    "error",
    "problem",
    "records",
}
RECORD_KEYS = {"run_id", "at", "customer_no", "webstore_id", "direction", "action", "reason"}


def test_json_schema_is_pinned() -> None:
    # Changing a field's name or meaning means a new schema version and docs/cli.md.
    assert JSON_SCHEMA_VERSION == 1


def test_every_json_output_carries_the_schema_version(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # docs/cli.md: every JSON object has "schema_version": 1 (suggest and store list had none).
    db = configured_db(tmp_path, sandbox, capsys, customers=2)
    for command in (("suggest", "--json"), ("store", "list", "--json")):
        code, out, _ = cli(db, *command, capsys=capsys)
        assert code == 0 and json.loads(out)["schema_version"] == JSON_SCHEMA_VERSION, command


def test_sync_json_lists_each_record_with_its_direction(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=5, pull="all")
    code, out, _ = cli(db, "sync", "--json", capsys=capsys)
    first = json.loads(out)
    assert code == 0 and first["counts"] == {"push": {"created": 5}}
    assert [r["action"] for r in first["records"]] == ["created"] * 5
    cli(db, "customers", "import", "--update", str(_csv(tmp_path, "C00002,12")), capsys=capsys)
    sandbox.store.poison(sandbox.store.find_by_email("ann3@example.com")["id"])

    code, out, err = cli(db, "sync", "--json", capsys=capsys)

    report = json.loads(out)
    assert code == 1 and err == ""
    assert set(report) == RUN_KEYS and report["schema_version"] == 1
    assert report["status"] == "done" and report["error"] is None
    assert report["counts"] == {
        "pull": {"unchanged": 4, "failed": 1},
        "push": {"unchanged": 4, "skipped": 1},
    }
    assert report["totals"] == {"unchanged": 8, "failed": 1, "skipped": 1}
    assert all(set(r) == RECORD_KEYS for r in report["records"])
    got = [(r["customer_no"], r["direction"], r["action"]) for r in report["records"]]
    assert got == [("C00003", "pull", "failed"), ("C00002", "push", "skipped")]
    skipped = report["records"][1]
    assert skipped["webstore_id"] == sandbox.store.find_by_email("ann2@example.com")["id"]
    assert "phone" in skipped["reason"]


def test_sync_text_names_directions_and_problems(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=2, pull="all")
    cli(db, "sync", capsys=capsys)
    cli(db, "customers", "import", "--update", str(_csv(tmp_path, "C00002,12")), capsys=capsys)
    code, out, err = cli(db, "sync", capsys=capsys)
    assert code == 1
    assert "pull: 2 unchanged; push: 1 skipped, 1 unchanged" in out
    assert "push skipped: C00002: " in err


def test_sync_with_nothing_to_do_says_so(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=0)
    code, out, _ = cli(db, "sync", capsys=capsys)
    assert code == 0 and "done: nothing needed doing" in out


def test_failed_sync_does_not_say_nothing_to_do(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=1)
    sandbox.stop()
    code, out, err = cli(db, "sync", capsys=capsys)
    assert code == 2
    assert "failed: no record was handled" in out and "nothing to do" not in out
    assert "could not be reached" in err and "Check the address" in err
    code, out, _ = cli(db, "sync", "--json", capsys=capsys)
    report = json.loads(out)
    assert code == 2 and report["status"] == "failed" and report["problem"] == "unreachable"


def _csv(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "change.csv"
    path.write_text(f"no,phone\n{row}\n", encoding="utf-8")
    return path


def test_no_create_sends_updates_only(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=2)
    code, out, _ = cli(db, "sync", "--no-create", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["records"] == [] and sandbox.store.count() == 0
    assert json.loads(cli(db, "status", "--json", capsys=capsys)[1])["pending"]["to_create"] == 2


def test_docs_describe_every_field_and_problem_code() -> None:
    from wcconnector_gui.woo.diagnose import PROBLEMS

    docs = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in RUN_KEYS | RECORD_KEYS | set(PROBLEMS):
        assert f"`{name}`" in docs, name
