"""``wcconnector store ...`` and ``--store NAME`` on the commands that act on one store."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_support import cli, configured_db


def _set_up(db: Path, store: str, sandbox: Any, capsys: pytest.CaptureFixture[str]) -> None:
    settings = [f"store_url={sandbox.url}", "auth=oauth1", "push_customers=on"]
    assert cli(db, "setup", "set", "--store", store, *settings, capsys=capsys)[0] == 0
    stdin = sys.stdin
    sys.stdin = io.StringIO(sandbox.consumer_secret + "\n")
    try:
        args = ("credentials", "set", "--store", store, "--consumer-key", sandbox.consumer_key)
        assert cli(db, *args, capsys=capsys)[0] == 0
    finally:
        sys.stdin = stdin


def test_one_store_needs_no_store_option_and_several_need_a_choice(
    tmp_path: Path, sandbox: Any, second_sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=3)
    assert cli(db, "sync", capsys=capsys)[0] == 0  # the only store: no --store needed
    assert sandbox.store.count() == 3
    code, out, _ = cli(db, "store", "add", "Shop DE", capsys=capsys)
    assert code == 0 and "store 2 'Shop DE' added" in out
    for command in (["sync"], ["status"], ["log"], ["setup", "show"], ["suggest"]):
        code, _, err = cli(db, *command, capsys=capsys)
        assert code == 2, command
        assert "several stores ('Store 1', 'Shop DE'): choose one with --store NAME" in err
    code, _, err = cli(db, "sync", "--store", "Shop FR", capsys=capsys)
    assert code == 2 and "no store named 'Shop FR'; the stores are: Store 1, Shop DE" in err
    _set_up(db, "shop de", second_sandbox, capsys)
    mapping = tmp_path / "de.csv"
    mapping.write_text("no,webstore_customer\nC00002,yes\n", encoding="utf-8")
    assert cli(db, "mapping", "import", "--store", "Shop DE", str(mapping), capsys=capsys)[0] == 0
    # --store before the command works as well as after it.
    code, out, _ = cli(db, "--store", "Shop DE", "sync", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["totals"] == {"created": 1}
    assert second_sandbox.store.count() == 1 and sandbox.store.count() == 3
    code, out, _ = cli(db, "sync", "--store", "1", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["records"] == []  # store 1 unchanged
    code, out, _ = cli(db, "status", "--store", "2", "--json", capsys=capsys)
    status = json.loads(out)
    assert status["store_url"] == second_sandbox.url and status["customers"]["linked"] == 1
    code, out, _ = cli(db, "log", "--store", "Shop DE", "--json", capsys=capsys)
    assert [r["totals"] for r in json.loads(out)["runs"]] == [{"created": 1}]
    code, out, _ = cli(db, "store", "list", "--json", capsys=capsys)
    stores = json.loads(out)["stores"]
    assert [(s["name"], s["linked"]) for s in stores] == [("Store 1", 3), ("Shop DE", 1)]


def test_remove_says_what_goes_first_and_asks(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=2)
    assert cli(db, "store", "add", "Second", capsys=capsys)[0] == 0
    assert cli(db, "store", "rename", "Second", "Shop FR", capsys=capsys)[0] == 0
    code, _, err = cli(db, "store", "rename", "shop fr", "store 1", capsys=capsys)
    assert code == 2 and "exists already" in err
    code, out, err = cli(db, "store", "remove", "Store 1", capsys=capsys)  # stdin is no terminal
    assert code == 2 and "give --yes" in err
    assert "Removing store 'Store 1' deletes from this database its 2 mapping(s)" in out
    assert "Back-office customers stay" in out
    assert "Store 1" in cli(db, "store", "list", capsys=capsys)[1]
    code, out, _ = cli(db, "store", "remove", "Store 1", "--yes", capsys=capsys)
    assert code == 0 and "store 'Store 1' removed" in out
    code, out, _ = cli(db, "store", "list", capsys=capsys)
    assert "Store 1" not in out and "Shop FR" in out
    code, _, err = cli(db, "store", "remove", "Shop FR", "--yes", capsys=capsys)
    assert code == 2 and "last store cannot be removed" in err
    # One store left: commands need no --store again, and customers are all still there.
    assert cli(db, "status", capsys=capsys)[0] == 0
    exported = tmp_path / "out.csv"
    assert cli(db, "customers", "export", str(exported), capsys=capsys)[0] == 0
    assert "C00002" in exported.read_text(encoding="utf-8")


def test_status_hints_name_the_store_when_there_are_several(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=1)
    code, out, _ = cli(db, "store", "add", "Shop DE", capsys=capsys)
    assert code == 0 and '`wcconnector setup set --store "Shop DE" store_url=...`' in out
    code, out, _ = cli(db, "status", "--store", "Shop DE", capsys=capsys)
    assert code == 0
    assert '`wcconnector setup set --store "Shop DE" store_url=...`' in out
    assert '`wcconnector credentials set --store "Shop DE"`' in out
    code, out, _ = cli(db, "store", "remove", "Shop DE", "--yes", capsys=capsys)
    assert code == 0
    code, out, _ = cli(db, "status", capsys=capsys)  # one store again: no --store in hints
    assert code == 0 and "--store" not in out
