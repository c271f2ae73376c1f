"""CLI scenario: import 500 customers from CSV, flag them, set up, and synchronize."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from wcconnector_gui.cli.main import main

PHONES = ("2125550{n:03d}", "+1212555{n:04d}", "(212)555-{n:04d}", "+1 212-555-{n:04d}")


def write_customers(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "no",
                "name",
                "contact",
                "address",
                "city",
                "post_code",
                "county",
                "country_code",
                "phone",
                "email",
            ]
        )
        for n in range(1, count + 1):
            writer.writerow(
                [
                    f"C{n:05d}",
                    f"Ann{n} Lee",
                    f"Bob{n} Stone" if n % 5 == 0 else "",
                    f"{n} Elm St",
                    "Albany",
                    f"{12000 + n}",
                    "NY",
                    "US",
                    PHONES[n % 4].format(n=n % 1000),
                    f"ann{n}@example.com",
                ]
            )


def cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(db), *args])
    return code, capsys.readouterr().out


def sync_json(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    code, out = cli(db, "sync", "--json", *extra, capsys=capsys)
    return code, json.loads(out)


@pytest.mark.slow
def test_cli_scenario_500_customers(
    tmp_path: Path,
    sandbox: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "app.db"
    write_customers(tmp_path / "customers.csv", 500)
    assert cli(db, "customers", "import", str(tmp_path / "customers.csv"), capsys=capsys)[0] == 0
    with (tmp_path / "mappings.csv").open("w", encoding="utf-8") as handle:
        handle.write("no,username,webstore_customer\n")
        for n in range(1, 501):
            handle.write(f"C{n:05d},ann.lee{n},yes\n")
    assert cli(db, "mapping", "import", str(tmp_path / "mappings.csv"), capsys=capsys)[0] == 0
    code, _ = cli(
        db,
        "setup",
        "set",
        f"store_url={sandbox.url}",
        "auth=oauth1",
        "push_customers=on",
        "can_update_webstore_customers=on",
        "pull_customers=all",
        "store_can_update_customers=on",
        "name_source=first_and_last_name",
        capsys=capsys,
    )
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(sandbox.consumer_secret + "\n"))
    code, _ = cli(db, "credentials", "set", "--consumer-key", sandbox.consumer_key, capsys=capsys)
    assert code == 0

    code, first = sync_json(db, capsys)
    assert code == 0 and first["totals"] == {"created": 500}
    store = [c for c in sandbox.store.customers.values() if c["role"] == "customer"]
    assert len(store) == 500 and len({c["email"] for c in store}) == 500
    c7 = sandbox.store.find_by_email("ann7@example.com")
    assert (c7["first_name"], c7["last_name"], c7["username"]) == ("Ann7", "Lee", "ann.lee7")
    assert c7["billing"]["address_1"] == "7 Elm St" and c7["billing"]["state"] == "NY"
    assert c7["shipping"]["postcode"] == "12007"
    c10 = sandbox.store.find_by_email("ann10@example.com")
    assert (c10["first_name"], c10["last_name"]) == ("Bob10", "Stone")  # Contact first
    for n in (4, 5, 6, 7):  # the four seed phone formats
        phone = sandbox.store.find_by_email(f"ann{n}@example.com")["billing"]["phone"]
        assert phone == f"+1212555{n:04d}"
    print(f"\n500-customer first sync: {first['requests']} requests", file=sys.stderr)

    sandbox.store.reset_request_log()
    code, second = sync_json(db, capsys)
    assert code == 0 and second["totals"] == {"unchanged": 1000}  # 500 pulled + 500 pushed
    assert sandbox.store.request_count("POST") == sandbox.store.request_count("PUT") == 0
    assert second["requests"] == sandbox.store.request_count("GET") == 6  # 501 / 100 pages

    with (tmp_path / "changes.csv").open("w", encoding="utf-8") as handle:
        handle.write("no,city\n")
        for n in (3, 50, 120, 121, 333, 404, 499):
            handle.write(f"C{n:05d},Troy\n")
    changes = ["customers", "import", "--update", str(tmp_path / "changes.csv")]
    assert cli(db, *changes, capsys=capsys)[0] == 0
    sandbox.store.reset_request_log()
    code, third = sync_json(db, capsys)
    assert code == 0 and third["totals"] == {"updated": 7, "unchanged": 993}
    assert sandbox.store.request_count("POST", "batch") == 1
    assert sandbox.store.find_by_email("ann404@example.com")["billing"]["city"] == "Troy"

    sandbox.store.update_customer_direct(c7["id"], billing={"city": "Schenectady"})
    code, fourth = sync_json(db, capsys)
    assert code == 0 and fourth["totals"]["updated"] == 1
    code, out = cli(db, "customers", "export", str(tmp_path / "out.csv"), capsys=capsys)
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["no"]: r for r in csv.DictReader(handle)}
    assert rows["C00007"]["city"] == "Schenectady"


def test_cli_sync_fatal_and_partial_exit_codes(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "app.db"
    code, _ = cli(db, "sync", capsys=capsys)
    assert code == 2  # no setup
    code, _ = cli(
        db,
        "setup",
        "set",
        f"store_url={sandbox.url}",
        "auth=oauth1",
        "push_customers=on",
        capsys=capsys,
    )
    code = main(["--db", str(db), "sync"])
    assert code == 2  # no credentials
    assert "consumer key" in capsys.readouterr().err


def test_cli_sync_keyring_unavailable(
    tmp_path: Path, sandbox: Any, capsys: pytest.CaptureFixture[str], no_keyring: Any
) -> None:
    db = tmp_path / "app.db"
    cli(db, "setup", "set", f"store_url={sandbox.url}", "auth=oauth1", capsys=capsys)
    code = main(["--db", str(db), "sync", "--json"])
    assert code == 2 and "No secure keyring" in capsys.readouterr().err


def test_cli_suggest_apply(
    tmp_path: Path,
    sandbox: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "app.db"
    write_customers(tmp_path / "customers.csv", 3)
    cli(db, "customers", "import", str(tmp_path / "customers.csv"), capsys=capsys)
    cli(db, "setup", "set", f"store_url={sandbox.url}", "auth=oauth1", capsys=capsys)
    monkeypatch.setattr(sys, "stdin", io.StringIO(sandbox.consumer_secret + "\n"))
    cli(db, "credentials", "set", "--consumer-key", sandbox.consumer_key, capsys=capsys)
    store = sandbox.store.add_customer(email="ANN2@example.com")
    code, out = cli(db, "suggest", "--apply", "--json", capsys=capsys)
    result = json.loads(out)
    assert code == 0 and result["applied"] == 1
    assert result["suggestions"][0]["customer_no"] == "C00002"
    assert result["suggestions"][0]["webstore_id"] == store["id"]
    code, out = cli(db, "suggest", capsys=capsys)
    assert code == 0 and "0 suggestion(s)" in out
