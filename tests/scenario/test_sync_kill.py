"""Crash safety: a 2,000-customer push killed with SIGKILL at random points, then re-run.

The CLI runs as a real subprocess (its own keyring: a JSON file backend under
tests/support); the sandbox store runs in this process, so the test sees every
batch request arrive and kills the sync mid-run. At the end every flagged
customer exists in the store exactly once, mapped to the right row, and the
database passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import parse_setting
from wcconnector_gui.sandbox import start_sandbox
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import save_settings, store_id

SUPPORT = Path(__file__).resolve().parents[1] / "support"
CUSTOMERS = 2000
KILLS = 10


def prepare(
    db_path: Path,
    url: str,
    key: str,
    secret: str,
    keyring_file: Path,
    *,
    count: int = CUSTOMERS,
    usernames: bool = False,
) -> None:
    sys.path.insert(0, str(SUPPORT))
    try:
        from file_keyring import FileKeyring
    finally:
        sys.path.remove(str(SUPPORT))
    db = open_database(db_path)
    settings = {
        "store_url": url,
        "auth": "oauth1",
        "push_customers": "on",
        "can_update_webstore_customers": "on",
        "batch_size": "50",
        "concurrency": "2",
    }
    save_settings(db, {k: parse_setting(k, v) for k, v in settings.items()})
    rows = []
    for n in range(1, count + 1):
        c = Customer(
            no=f"C{n:05d}",
            name=f"Firm {n}",
            address=f"{n} Elm St",
            city="Albany",
            country_code="US",
            phone=f"+1212{n:07d}",
            email=f"k{n}@example.com",
            created_at="2024-01-01T00:00:00Z",
            modified_at="2024-01-01T00:00:00Z",
        )
        rows.append(c.to_row())
    with db.atomic():
        db.table("customers").insert_all(rows)
        db.table("mappings").insert_all(
            {
                "store_id": 1,
                "customer_no": r["no"],
                "webstore_customer": 1,
                "username": f"user{r['no']}" if usernames else "",
            }
            for r in rows
        )
    sid = store_id(db)
    db.close()
    os.environ["WCCONNECTOR_TEST_KEYRING_FILE"] = str(keyring_file)
    backend = FileKeyring()
    backend.set_password("wcconnector-gui", f"store/{sid}/consumer_key", key)
    backend.set_password("wcconnector-gui", f"store/{sid}/consumer_secret", secret)


def start_sync(db_path: Path, keyring_file: Path, *extra: str) -> subprocess.Popen[bytes]:
    """``wcconnector sync --json EXTRA`` in a process of its own, its keyring a file."""
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
    env["WCCONNECTOR_TEST_KEYRING_FILE"] = str(keyring_file)
    env["PYTHONPATH"] = os.pathsep.join([str(SUPPORT), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "wcconnector_gui.cli.main", "--db", str(db_path)]
    return subprocess.Popen(
        [*command, "sync", "--json", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_during_push(
    store: Any,
    db_path: Path,
    keyring_file: Path,
    rng: random.Random,
    kills: int,
    most_batches: int,
    between: Callable[[], None] | None = None,
) -> None:
    """Start the sync and SIGKILL it ``kills`` times, each 1..``most_batches`` batches in.

    ``between`` runs after each kill (the user doing something before the next run).
    """
    done = 0
    while done < kills:
        target = store.request_count("POST", "batch") + rng.randint(1, most_batches)
        proc = start_sync(db_path, keyring_file)
        while proc.poll() is None and store.request_count("POST", "batch") < target:
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.03))  # land before, during or after an answer
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            done += 1
        proc.communicate()
        if proc.returncode == 0:
            pytest.fail(f"the push finished after {done} of {kills} kills: nothing to kill")
        assert proc.returncode == -signal.SIGKILL, proc.returncode
        if between is not None:
            between()


def finish(db_path: Path, keyring_file: Path, count: int) -> None:
    """A last run completes the push; the one after it finds nothing to do."""
    final = start_sync(db_path, keyring_file)
    out, err = final.communicate(timeout=60)
    assert final.returncode == 0, err.decode()
    summary: dict[str, Any] = json.loads(out)
    assert summary["status"] == "done"
    again = start_sync(db_path, keyring_file)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0
    assert json.loads(out)["counts"] == {"push": {"unchanged": count}}


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_sigkill_at_random_points_never_duplicates(tmp_path: Path) -> None:
    rng = random.Random(20240611)
    sandbox = start_sandbox(seed=0, latency_ms=15)
    db_path = tmp_path / "app.db"
    keyring_file = tmp_path / "keyring.json"
    started = time.monotonic()
    try:
        prepare(db_path, sandbox.url, sandbox.consumer_key, sandbox.consumer_secret, keyring_file)
        store = sandbox.store
        # 40 create batches in all; at most 3 a run keeps 10 kills inside the push.
        kill_during_push(store, db_path, keyring_file, rng, KILLS, 3)
        finish(db_path, keyring_file, CUSTOMERS)
        check(db_path, store)
    finally:
        sandbox.stop()
    print(
        f"\nkill test: {KILLS} kills, {store.request_count()} requests, "
        f"{store.request_count('POST', 'batch')} batch requests, "
        f"{time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )


def check(db_path: Path, store: Any) -> None:
    """Each back-office customer once in the store, as it is now, linked to its own row."""
    customers = [c for c in store.customers.values() if c["role"] == "customer"]
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT m.customer_no, m.webstore_id, m.pending_create_email, c.email, m.username "
            "FROM mappings m JOIN customers c ON c.no = m.customer_no"
        ).fetchall()
    finally:
        db.close()
    assert sorted(c["email"] for c in customers) == sorted(row[3] for row in rows)
    by_id = {c["id"]: c for c in customers}
    for no, webstore_id, pending, email, username in rows:
        assert not pending, no
        assert by_id[webstore_id]["email"] == email, no
        assert not username or by_id[webstore_id]["username"] == username, no
        metas = [
            m for m in by_id[webstore_id]["meta_data"] if m["key"] == "wcconnector_customer_no"
        ]
        assert [m["value"] for m in metas] == [no]


def move_pending_emails(db_path: Path) -> set[str]:
    """Give every customer whose create was cut off a new e-mail, as a user might; their Nos."""
    db = open_database(db_path)
    try:
        pending = [
            str(row[0])
            for row in db.execute(
                "SELECT customer_no FROM mappings WHERE pending_create_email != ''"
            )
        ]
        customers = CustomerRepository(db)
        with db.atomic():
            for no in pending:
                customers.update(no, {"email": f"moved.{no.lower()}@example.com"})
    finally:
        db.close()
    return set(pending)


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_sigkill_then_an_email_change_never_duplicates(tmp_path: Path) -> None:
    """Creates cut off by a kill, then their customers' e-mails changed: no second account.

    Every customer has a username too: a second create would be refused for it, and the
    customer would never reach the store (issue 10, item 1).
    """
    count, kills = 600, 4
    rng = random.Random(20261203)
    sandbox = start_sandbox(seed=0, latency_ms=15)
    db_path = tmp_path / "app.db"
    keyring_file = tmp_path / "keyring.json"
    try:
        prepare(
            db_path,
            sandbox.url,
            sandbox.consumer_key,
            sandbox.consumer_secret,
            keyring_file,
            count=count,
            usernames=True,
        )
        store = sandbox.store
        moved: set[str] = set()
        # 12 create batches in all; at most 2 a run keeps 4 kills inside the push.
        kill_during_push(
            store,
            db_path,
            keyring_file,
            rng,
            kills,
            2,
            between=lambda: moved.update(move_pending_emails(db_path)),
        )
        finish(db_path, keyring_file, count)
        check(db_path, store)
        assert moved
    finally:
        sandbox.stop()
    print(
        f"\nkill + e-mail change test: {kills} kills, {len(moved)} e-mails changed",
        file=sys.stderr,
    )
