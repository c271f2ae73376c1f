"""`wcconnector status` and `wcconnector test-connection`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cli_support import cli, configured_db

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.woo import diagnose


def test_status_sums_up_without_secrets(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=3, pull="all")
    code, out, _ = cli(db, "status", "--json", capsys=capsys)
    report = json.loads(out)
    assert code == 0 and report["schema_version"] == 1
    assert report["configured"] is True and report["store_url"] == sandbox.url
    assert report["credentials"] == "keyring"
    assert report["customers"] == {"total": 3, "webstore_customers": 3, "linked": 0}
    assert report["last_run"] is None
    assert report["pending"] == {
        "to_create": 3,
        "to_update": 0,
        "not_valid": 0,
        "conflicts": 0,
        "unchanged": 0,
    }
    cli(db, "sync", capsys=capsys)
    change = tmp_path / "change.csv"
    change.write_text("no,city,phone\nC00001,Troy,\nC00002,,12\n", encoding="utf-8")
    cli(db, "customers", "import", "--update", str(change), capsys=capsys)
    code, out, _ = cli(db, "status", "--json", capsys=capsys)
    report = json.loads(out)
    assert report["customers"]["linked"] == 3
    assert report["last_run"]["counts"] == {"push": {"created": 3}}
    assert report["pending"]["to_update"] == 1 and report["pending"]["not_valid"] == 1
    assert sandbox.consumer_key not in out and sandbox.consumer_secret not in out
    code, out, _ = cli(db, "status", capsys=capsys)
    assert code == 0
    assert "Credentials: saved in the keyring" in out
    assert "Next push:   0 to create, 1 to update, 1 not valid, 1 unchanged" in out
    assert "run 1: done: push: 3 created" in out
    assert sandbox.consumer_key not in out


def test_status_credentials_from_the_environment_or_missing(
    tmp_path: Path,
    sandbox: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=0)
    database = open_database(db)
    sid = store_id(database)
    database.close()
    keyring_store.delete_secret(keyring_store.consumer_secret_name(sid))
    assert json.loads(cli(db, "status", "--json", capsys=capsys)[1])["credentials"] == "incomplete"
    keyring_store.delete_secret(keyring_store.consumer_key_name(sid))
    assert json.loads(cli(db, "status", "--json", capsys=capsys)[1])["credentials"] == "missing"
    monkeypatch.setenv(keyring_store.ENV_CONSUMER_KEY, sandbox.consumer_key)
    monkeypatch.setenv(keyring_store.ENV_CONSUMER_SECRET, sandbox.consumer_secret)
    assert json.loads(cli(db, "status", "--json", capsys=capsys)[1])["credentials"] == "environment"
    assert cli(db, "test-connection", capsys=capsys)[0] == 0


def test_status_without_a_keyring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_keyring: Any
) -> None:
    db = tmp_path / "x.db"
    open_database(db).close()
    code, out, _ = cli(db, "status", "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["credentials"] == "keyring_unavailable"


def test_the_cli_knows_every_diagnosis_of_the_window() -> None:
    source = Path(diagnose.__file__).read_text(encoding="utf-8")
    emitted = set(re.findall(r'_fail\(\s*"(\w+)"', source)) | {"ok"}
    assert emitted == set(diagnose.PROBLEMS) and len(diagnose.PROBLEMS) == 19


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({}, "ok"),
        ({"secret": "cs_" + "0" * 40}, "secret_wrong"),
        ({"key": "ck_" + "0" * 40}, "key_unknown"),
        ({"read_only": True}, "key_read_only"),
        ({"auth": "basic"}, "basic_over_http"),
        ({"url": ""}, "bad_url"),
        ({"secret": ""}, "key_missing"),
        ({"down": True}, "unreachable"),
    ],
)
def test_test_connection_says_what_the_window_says(
    tmp_path: Path,
    sandbox: Any,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, Any],
    problem: str,
) -> None:
    db = configured_db(tmp_path, sandbox, capsys, customers=0)
    key = change.get(
        "key", sandbox.read_only_key if change.get("read_only") else sandbox.consumer_key
    )
    secret = change.get(
        "secret", sandbox.read_only_secret if change.get("read_only") else sandbox.consumer_secret
    )
    url, auth = change.get("url", sandbox.url), change.get("auth", "oauth1")
    database = open_database(db)
    sid = store_id(database)
    database.close()
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), key)
    if secret:
        keyring_store.set_secret(keyring_store.consumer_secret_name(sid), secret)
    else:
        keyring_store.delete_secret(keyring_store.consumer_secret_name(sid))
    cli(db, "setup", "set", f"auth={auth}", capsys=capsys)
    if "url" in change:  # not set up yet
        database = open_database(db)
        database.execute("DELETE FROM store_setup WHERE key = 'store_url'")
        database.close()
    if change.get("down"):
        sandbox.stop()
    window = diagnose.test_connection(url, key, secret, auth=auth)

    code, out, err = cli(db, "test-connection", "--json", capsys=capsys)

    shown = json.loads(out)
    assert shown["problem"] == window.problem == problem
    assert (shown["message"], shown["hint"] or "") == (window.message, window.hint)
    assert code == (0 if problem == "ok" else 2) and err == ""
    code, out, err = cli(db, "test-connection", capsys=capsys)
    if problem == "ok":
        assert out.startswith("ok: Connected.")
    else:
        assert err.startswith(f"{problem}: {window.message}") and out == ""
