"""Helpers for the command-line tests: run ``wcconnector`` in-process against a sandbox store."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from wcconnector_gui.cli.main import main


def cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``wcconnector --db DB ARGS``."""
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_customers(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("no,name,address,city,post_code,country_code,phone,email\n")
        for n in range(1, count + 1):
            handle.write(
                f"C{n:05d},Ann{n} Lee,{n} Elm St,Albany,{12000 + n},US,+1212555{n:04d},"
                f"ann{n}@example.com\n"
            )
    return path


def write_mapping(path: Path, count: int) -> Path:
    """A mapping CSV ticking C00001… C<count> as Webstore Customers."""
    rows = "".join(f"C{n:05d},yes\n" for n in range(1, count + 1))
    path.write_text("no,webstore_customer\n" + rows, encoding="utf-8")
    return path


def configured_db(
    tmp_path: Path,
    sandbox: Any,
    capsys: pytest.CaptureFixture[str],
    *,
    customers: int,
    pull: str = "off",
) -> Path:
    """A database set up for ``sandbox`` (OAuth 1.0a) with ``customers`` flagged for the store."""
    db = tmp_path / "app.db"
    if customers:
        source = write_customers(tmp_path / "customers.csv", customers)
        assert cli(db, "customers", "import", str(source), capsys=capsys)[0] == 0
        mapping = write_mapping(tmp_path / "mapping.csv", customers)
        assert cli(db, "mapping", "import", str(mapping), capsys=capsys)[0] == 0
    settings = [
        f"store_url={sandbox.url}",
        "auth=oauth1",
        "push_customers=on",
        "can_update_webstore_customers=on",
        f"pull_customers={pull}",
        "name_source=first_and_last_name",
    ]
    assert cli(db, "setup", "set", *settings, capsys=capsys)[0] == 0
    stdin = sys.stdin
    sys.stdin = io.StringIO(sandbox.consumer_secret + "\n")
    try:
        code = cli(db, "credentials", "set", "--consumer-key", sandbox.consumer_key, capsys=capsys)
    finally:
        sys.stdin = stdin
    assert code[0] == 0
    return db
