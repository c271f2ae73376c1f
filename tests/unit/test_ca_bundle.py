"""The CA bundle setting: checked when it is set and again when a sync starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sync_support import add_customers, configure

from wcconnector_gui.cli.main import main
from wcconnector_gui.domain.setup import SetupError, parse_setting, setup_from_texts
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import load_setup, save_settings
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.woo.diagnose import test_connection as diagnose_connection


def test_a_missing_or_non_pem_file_is_refused_when_set(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="does not exist"):
        parse_setting("ca_bundle", "/nonexistent.pem")
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(SetupError, match="not a PEM file"):
        parse_setting("ca_bundle", str(not_pem))
    with pytest.raises(SetupError, match="not a file"):
        parse_setting("ca_bundle", str(tmp_path))
    assert parse_setting("ca_bundle", "  ") == ""  # clearing it is fine


def test_a_pem_file_is_kept_by_its_absolute_path(
    sandbox_https: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pem = Path(sandbox_https.ca_bundle)
    monkeypatch.chdir(pem.parent)
    assert parse_setting("ca_bundle", pem.name) == str(pem)


def test_cli_setup_set_refuses_a_bad_ca_bundle(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(db_path).close()  # `setup show` reads an existing database only
    code = main(["--db", str(db_path), "setup", "set", "ca_bundle=/nonexistent.pem"])
    captured = capsys.readouterr()
    assert code == 2
    assert "/nonexistent.pem does not exist" in captured.err
    assert "Traceback" not in captured.err
    assert main(["--db", str(db_path), "setup", "show"]) == 0
    assert '"ca_bundle": ""' in capsys.readouterr().out


def test_a_ca_bundle_gone_since_it_was_set_stops_the_sync_in_plain_words(
    db: Any, db_path: Path, sandbox: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(db, sandbox)
    add_customers(db, 1)
    save_settings(db, {"ca_bundle": str(tmp_path / "moved-away.pem")})  # set, then deleted
    assert load_setup(db).ca_bundle == str(tmp_path / "moved-away.pem")  # not dropped silently
    with pytest.raises(SyncError, match="moved-away.pem does not exist"):
        make_client(db, load_setup(db))
    code = main(["--db", str(db_path), "sync"])
    captured = capsys.readouterr()
    assert code == 2
    assert "moved-away.pem does not exist" in captured.err
    assert "Traceback" not in captured.err
    assert sandbox.store.request_count() == 0


def test_stored_value_is_loaded_as_is() -> None:
    assert setup_from_texts({"ca_bundle": "/gone.pem"}).ca_bundle == "/gone.pem"


def test_test_connection_names_the_ca_bundle_problem() -> None:
    diagnosis = diagnose_connection(
        "https://shop.example.com", "ck_x", "cs_y", auth="basic", ca_bundle="/nonexistent.pem"
    )
    assert diagnosis.problem == "tls"
    assert "/nonexistent.pem does not exist" in diagnosis.message
