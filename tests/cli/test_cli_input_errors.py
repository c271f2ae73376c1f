"""Bad input on the command line: a short plain error, exit code 2, nothing changed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import cli, configured_db, write_customers

from wcconnector_gui.domain.validation import api_credential_problem
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository

KEY = "ck_" + "0123456789abcdef0123456789abcdef01234567"
SECRET = "cs_" + "fedcba9876543210fedcba9876543210fedcba98"


def test_db_in_a_missing_folder_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo" / "dir" / "x.db"
    for args in (("setup", "set", "auth=oauth1"), ("customers", "export", "out.csv"), ("log",)):
        code, out, err = cli(db, *args, capsys=capsys)
        assert code == 2 and out == ""
        assert f"the folder {db.parent} does not exist" in err
    assert not (tmp_path / "typo").exists()
    code, _, err = cli(tmp_path, "log", capsys=capsys)
    assert code == 2 and "is a folder" in err


def test_default_data_dir_is_made(data_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wcconnector_gui.cli.main import main

    assert main(["setup", "set", "auth=oauth1"]) == 0
    assert (data_dirs / "data" / "wcconnector.db").is_file()


def test_reading_commands_do_not_make_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    out = tmp_path / "out.csv"
    for args in (
        ("log",),
        ("setup", "show"),
        ("sync",),
        ("status",),
        ("test-connection",),
        ("suggest",),
        ("store", "list"),
        ("customers", "export", str(out)),
    ):
        code, _, err = cli(db, *args, capsys=capsys)
        assert code == 2 and "there is no database at" in err, args
    assert not db.exists() and not out.exists()


def test_sync_of_an_unknown_customer_is_refused(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=2)
    code, out, err = cli(db, "sync", "--customers", "C00001,C999", capsys=capsys)
    assert (
        code == 2
        and out == ""
        and err == "error: there is no customer C999 (see `wcconnector customers export`)\n"
    )
    code, out, _ = cli(db, "sync", "--customers", "C999", "--json", capsys=capsys)
    report = json.loads(out)
    assert code == 2 and report["run_id"] is None and report["status"] == "failed"
    assert "C999" in report["error"] and report["schema_version"] == 1
    assert sandbox.store.request_count() == 0


def test_mapping_webstore_id_is_checked_against_the_store(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=1)
    code, out, err = cli(db, "mapping", "set", "C00001", "--webstore-id", "99999", capsys=capsys)
    assert code == 2 and out == ""
    assert "The store has no customer with ID 99999" in err
    store = sandbox.store.add_customer(email="someone@example.com")
    code, out, _ = cli(
        db, "mapping", "set", "C00001", "--webstore-id", str(store["id"]), capsys=capsys
    )
    assert code == 0 and f"linked to store customer {store['id']}" in out
    database = open_database(db)
    assert MappingRepository(database).get("C00001").webstore_id == store["id"]
    database.close()
    sandbox.stop()
    code, _, err = cli(db, "mapping", "set", "C00001", "--webstore-id", "7", capsys=capsys)
    assert code == 2 and "could not be reached" in err and "Traceback" not in err
    code, _, err = cli(db, "mapping", "set", "C00001", "--webstore-id", "abc", capsys=capsys)
    assert code == 2 and "positive whole number" in err
    code, _, err = cli(db, "mapping", "set", "C999", "--webstore-id", "", capsys=capsys)
    assert code == 2 and "there is no customer C999" in err


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("hello world", "contains a space"),
        ("hello", "does not start with ck_"),
        ("ck_123", "not 40 hex digits"),
        (SECRET, "this is the consumer secret"),
        (KEY[:10] + "\u00a0" + KEY[11:], "contains a space"),
    ],
)
def test_credentials_that_cannot_be_a_woocommerce_key_are_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
    key: str,
    said: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    code, out, err = cli(
        tmp_path / "x.db", "credentials", "set", "--consumer-key", key, capsys=capsys
    )
    assert code == 2 and out == "" and said in err
    assert memory_keyring.entries == {}


def test_a_real_looking_key_is_saved_and_a_bad_secret_is_not_echoed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    db = tmp_path / "x.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO("my password 123\n"))
    code, _, err = cli(db, "credentials", "set", "--consumer-key", KEY, capsys=capsys)
    assert code == 2 and "my password" not in err and "consumer secret" in err
    assert memory_keyring.entries == {}
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET.upper().replace("CS_", "cs_") + "\n"))
    assert cli(db, "credentials", "set", "--consumer-key", KEY, capsys=capsys)[0] == 0
    assert KEY in memory_keyring.entries.values()
    assert api_credential_problem(KEY, "key") is None


def test_a_huge_csv_header_gives_a_short_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "wide.csv"
    source.write_text(",".join(f"column_{n}" for n in range(10_000)) + "\n", encoding="utf-8")
    code, _, err = cli(tmp_path / "x.db", "customers", "import", str(source), capsys=capsys)
    assert code == 2 and len(err) < 600
    assert "'column_0', 'column_1', 'column_2', 'column_3', 'column_4' and 9995 more" in err
    source.write_text("no," + ",".join(["name"] * 10_000) + "\n", encoding="utf-8")
    code, _, err = cli(tmp_path / "x.db", "mapping", "import", str(source), capsys=capsys)
    assert code == 2 and len(err) < 600
    long_name = "x" * 5_000
    source.write_text(f"no,{long_name}\n", encoding="utf-8")
    code, _, err = cli(tmp_path / "x.db", "customers", "import", str(source), capsys=capsys)
    assert code == 2 and len(err) < 600


def test_a_good_csv_still_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_customers(tmp_path / "c.csv", 2)
    assert cli(tmp_path / "x.db", "customers", "import", str(source), capsys=capsys)[0] == 0


def test_run_as_a_module_a_refusal_is_the_same_plain_message(tmp_path: Path) -> None:
    for module in ("wcconnector_gui.cli.main", "wcconnector_gui.cli"):
        missing = tmp_path / "no-such-folder" / "x.db"
        result = subprocess.run(
            [sys.executable, "-m", module, "--db", str(missing), "status"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert "does not exist" in result.stderr
        assert "unexpected problem" not in result.stderr
