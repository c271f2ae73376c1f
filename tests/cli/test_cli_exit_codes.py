"""Every documented exit path, run as a scheduler runs it: a separate process, no keyring.

0 = everything done, 1 = some records rejected, skipped, failed or in conflict,
2 = nothing (more) could be done. Never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cli_support import write_customers, write_mapping

CLI = "import sys; from wcconnector_gui.cli.main import main; sys.exit(main())"


class Runner:
    def __init__(self, db: Path, sandbox: Any) -> None:
        self.db = db
        self.env = dict(os.environ)
        # What a scheduler's secret store hands over; there is no keyring at all.
        self.env.update(
            WCCONNECTOR_CONSUMER_KEY=sandbox.consumer_key,
            WCCONNECTOR_CONSUMER_SECRET=sandbox.consumer_secret,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", CLI, "--db", str(self.db), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
        )

    def __call__(self, *args: str, expect: int) -> tuple[str, str]:
        process = self.start(*args)
        out, err = process.communicate(timeout=120)
        assert "Traceback" not in out + err, err
        assert process.returncode == expect, (args, out, err)
        return out, err


@pytest.fixture
def run(tmp_path: Path, sandbox: Any) -> Runner:
    return Runner(tmp_path / "app.db", sandbox)


def test_exit_codes_of_a_scheduled_setup(run: Runner, sandbox: Any, tmp_path: Path) -> None:
    assert run("--version", expect=0)[0].startswith("wcconnector ")
    run("frobnicate", expect=2)
    run("status", expect=2)  # no database yet
    out, err = run("--db", str(tmp_path / "typo" / "x.db"), "status", expect=2)
    assert not (tmp_path / "typo").exists()
    customers = write_customers(tmp_path / "customers.csv", 4)
    run("customers", "import", str(customers), expect=0)
    bad = tmp_path / "bad.csv"
    bad.write_text("no,email\nC00009,not-an-email\n", encoding="utf-8")
    run("customers", "import", str(bad), expect=1)
    run("customers", "import", str(tmp_path / "missing.csv"), expect=2)
    run("mapping", "import", str(write_mapping(tmp_path / "mapping.csv", 4)), expect=0)
    run("sync", expect=2)  # not set up
    run("setup", "set", "push_customers=maybe", expect=2)
    run(
        "setup",
        "set",
        f"store_url={sandbox.url}",
        "auth=oauth1",
        "push_customers=on",
        "can_update_webstore_customers=on",
        "pull_customers=all",
        expect=0,
    )
    out, _ = run("test-connection", expect=0)
    assert out.startswith("ok: Connected.")
    run("credentials", "set", "--consumer-key", "hello world", expect=2)

    out, _ = run("sync", "--json", expect=0)
    assert json.loads(out)["counts"] == {"push": {"created": 4}}
    run("sync", "--customers", "C999", expect=2)
    change = tmp_path / "change.csv"
    change.write_text("no,phone\nC00002,12\n", encoding="utf-8")
    run("customers", "import", "--update", str(change), expect=0)
    out, err = run("sync", expect=1)
    assert "push: 1 skipped, 3 unchanged" in out and "C00002" in err
    out, _ = run("log", "--errors", "--json", expect=0)
    assert [r["customer_no"] for r in json.loads(out)["records"]] == ["C00002"]
    run("log", "--run", "99", expect=2)
    out, _ = run("status", "--json", expect=0)
    assert json.loads(out)["credentials"] == "environment"

    run.env["WCCONNECTOR_CONSUMER_SECRET"] = "cs_" + "0" * 40
    out, err = run("sync", expect=2)
    assert "consumer secret is wrong" in err and "HTTP 401" not in err
    assert "nothing to do" not in out
    out, err = run("test-connection", expect=2)
    assert err.startswith("secret_wrong: ")
    sandbox.stop()
    out, err = run("sync", "--json", expect=2)
    assert json.loads(out)["problem"] == "unreachable" and "could not be reached" in err


def _slow_push(
    run: Runner, sandbox: Any, tmp_path: Path, customers: int, *, latency_ms: int
) -> subprocess.Popen[str]:
    """A `sync` started on ``customers`` new store accounts, 10 a batch, one at a time."""
    run("customers", "import", str(write_customers(tmp_path / "c.csv", customers)), expect=0)
    run("mapping", "import", str(write_mapping(tmp_path / "m.csv", customers)), expect=0)
    run(
        "setup",
        "set",
        f"store_url={sandbox.url}",
        "auth=oauth1",
        "push_customers=on",
        "batch_size=10",
        "concurrency=1",
        expect=0,
    )
    sandbox.latency_ms = latency_ms
    return run.start("sync")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is how POSIX schedulers stop a job")
def test_sigterm_stops_a_sync_between_batches(run: Runner, sandbox: Any, tmp_path: Path) -> None:
    process = _slow_push(run, sandbox, tmp_path, 300, latency_ms=100)
    deadline = time.monotonic() + 60
    while sandbox.store.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the first batch to land in the store
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2, err
    assert "Traceback" not in out + err
    assert "stopped by SIGTERM" in err and ": cancelled after push: " in out
    conn = sqlite3.connect(run.db)
    status, counts = conn.execute("SELECT status, counts FROM sync_runs").fetchone()
    conn.close()
    created = json.loads(counts)["created"]
    assert status == "cancelled" and 0 < created < 300
    assert sandbox.store.count() == created  # each finished record was committed


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is how POSIX schedulers stop a job")
def test_a_second_signal_stops_at_once(run: Runner, sandbox: Any, tmp_path: Path) -> None:
    # The request in flight takes 60 s: the second signal lands while it is out, and the
    # process must not wait for its answer (at 400 ms the first signal's clean stop sometimes won).
    process = _slow_push(run, sandbox, tmp_path, 100, latency_ms=60_000)
    deadline = time.monotonic() + 60
    while sandbox.requests_received == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=45)  # well before the request's answer
    assert process.returncode == 2 and "interrupted" in err
    assert "Traceback" not in out + err
