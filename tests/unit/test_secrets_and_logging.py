"""Secrets stay in the keyring: never in the database, the logs or an export."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import keyring
import keyring.backends.null
import pytest

from wcconnector_gui.cli.main import main
from wcconnector_gui.credentials import customer_passwords, keyring_store
from wcconnector_gui.runtime.logsetup import init_logging
from wcconnector_gui.runtime.redaction import redact
from wcconnector_gui.storage.database import open_database

SECRET = "cs_" + "5e" * 20
KEY = "ck_" + "7a" * 20
PASSWORD = "Tr0ub4dor&3-horse"


def test_keyring_round_trip(memory_keyring) -> None:
    keyring_store.set_secret("store/x/consumer_secret", "s3cret-value")
    assert keyring_store.get_secret("store/x/consumer_secret") == "s3cret-value"
    assert memory_keyring.entries == {
        (keyring_store.SERVICE, "store/x/consumer_secret"): "s3cret-value"
    }
    keyring_store.delete_secret("store/x/consumer_secret")
    keyring_store.delete_secret("store/x/consumer_secret")  # already gone: fine
    assert keyring_store.get_secret("store/x/consumer_secret") is None


def test_no_keyring_is_a_clear_error_and_session_only_works(no_keyring) -> None:
    assert not keyring_store.keyring_available()
    with pytest.raises(keyring_store.SecretStoreUnavailable, match="No secure keyring"):
        keyring_store.set_secret("a", "b")
    keyring_store.use_session_only()
    keyring_store.set_secret("a", "bbbb")
    assert keyring_store.get_secret("a") == "bbbb"
    assert "this session only" in keyring_store.backend_description()


def test_plaintext_and_null_backends_are_refused() -> None:
    keyring.set_keyring(keyring.backends.null.Keyring())
    with pytest.raises(keyring_store.SecretStoreUnavailable):
        keyring_store.set_secret("a", "bbbb")


def test_redaction_masks_credentials_in_urls_headers_and_known_values() -> None:
    text = (
        f"GET https://shop.test/wp-json/wc/v3/customers?consumer_key={KEY}"
        f"&consumer_secret={SECRET}&page=2 oauth_signature=abc%3D "
        "Authorization: Basic dXNlcjpwYXNz "
        "https://user:pw@host/x"
    )
    cleaned = redact(text)
    for leaked in (KEY, SECRET, "abc%3D", "dXNlcjpwYXNz", "user:pw"):
        assert leaked not in cleaned
    assert "page=2" in cleaned


def test_log_file_never_holds_a_secret(tmp_path: Path) -> None:
    path = init_logging("DEBUG", console=False, directory=tmp_path)
    keyring_store.set_secret("store/x/consumer_secret", "registered-secret-value")
    log = logging.getLogger("wcconnector_gui.test")
    log.info("request to %s", f"https://s/x?consumer_secret={SECRET}")
    try:
        raise RuntimeError("failed with registered-secret-value inside")
    except RuntimeError:
        log.exception("boom")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text(encoding="utf-8")
    assert "request to" in content and "boom" in content
    assert SECRET not in content
    assert "registered-secret-value" not in content


def test_secrets_set_through_the_cli_are_only_in_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring, data_dirs: Path
) -> None:
    db_path = tmp_path / "app.db"
    csv_path = tmp_path / "customers.csv"
    csv_path.write_text("no,name,email\nK1,Anna,anna@example.com\n", encoding="utf-8")
    assert main(["--db", str(db_path), "customers", "import", str(csv_path)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    assert main(["--db", str(db_path), "credentials", "set", "--consumer-key", KEY]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(db_path), "mapping", "set", "K1", "--password-stdin"]) == 0
    mapping_csv = tmp_path / "mapping.csv"
    mapping_csv.write_text("no,password\nK1,other-Secret-99\n", encoding="utf-8")
    assert main(["--db", str(db_path), "mapping", "import", str(mapping_csv)]) == 0
    assert main(["--db", str(db_path), "setup", "show"]) == 0
    export = tmp_path / "export.csv"
    assert main(["--db", str(db_path), "customers", "export", str(export)]) == 0

    stored = set(memory_keyring.entries.values())
    assert {KEY, SECRET} <= stored  # customer passwords: sealed in the database, key here
    db = open_database(db_path)
    assert customer_passwords.pending_password(db, "K1") == "other-Secret-99"
    db.close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    places = [db_path, export, *db_path.parent.glob("app.db*"), *(data_dirs / "log").rglob("*")]
    for place in places:
        if place.is_file():
            blob = place.read_bytes()
            for secret in (KEY, SECRET, PASSWORD, "other-Secret-99"):
                assert secret.encode() not in blob, f"{secret} found in {place}"


def test_credentials_from_the_environment_are_used_and_redacted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert keyring_store.credentials_from_environment() is None
    monkeypatch.setenv(keyring_store.ENV_CONSUMER_KEY, "ck-env-value-1")
    monkeypatch.setenv(keyring_store.ENV_CONSUMER_SECRET, "cs-env-value-2")
    assert keyring_store.credentials_from_environment() == ("ck-env-value-1", "cs-env-value-2")
    assert "cs-env-value-2" not in redact("failed: cs-env-value-2")
