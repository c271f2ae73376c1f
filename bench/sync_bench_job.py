"""Sync runs of the engine in a process of its own, measured (used by sync_bench.py).

Reads a JSON job from stdin and prints one JSON line: for each run (direction) the wall
time, the CPU time of this process, its peak RSS and the requests made.

The store is either another process (``key``/``secret`` given; the default, so the
server's CPU never shares this interpreter's GIL) or, with ``sandbox`` given, started
here in a thread (to measure what sharing the GIL costs; this process's CPU time then
includes the server's). The credentials come over stdin, never the command line.
Peak RSS is VmHWM of /proc/self/status, reset between runs through /proc/self/clear_refs.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import sys
import time
from pathlib import Path
from typing import Any


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def run_job(job: dict[str, Any]) -> list[dict[str, Any]]:
    from wcconnector_gui.credentials import keyring_store
    from wcconnector_gui.domain.sync_run import Direction
    from wcconnector_gui.storage.database import open_database
    from wcconnector_gui.storage.setup_store import load_setup, store_id
    from wcconnector_gui.sync.connection import make_client
    from wcconnector_gui.sync.engine import SyncEngine, SyncOptions

    sandbox = None
    key, secret = job.get("key"), job.get("secret")
    if job.get("sandbox"):
        from wcconnector_gui.sandbox import start_sandbox

        sandbox = start_sandbox(host="127.0.0.1", **job["sandbox"])
        key, secret = sandbox.consumer_key, sandbox.consumer_secret

    keyring_store.use_session_only(True)
    db = open_database(job["db"])
    sid = store_id(db, 1)  # the measured store (others, if any, are only there)
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), str(key))
    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), str(secret))
    results = []
    for direction in job["directions"]:
        setup = load_setup(db, 1)
        client = make_client(db, setup, 1)
        engine = SyncEngine(db, client, setup, store=1)
        options = SyncOptions(direction=Direction(direction))
        _reset_peak()
        rss_before = _status_mb("VmRSS")
        profiler = cProfile.Profile() if job.get("cprofile") else None
        cpu0 = time.process_time()
        wall0 = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        summary = engine.run(options)
        if profiler is not None:
            profiler.disable()
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        if profiler is not None:
            profiler.dump_stats(f"{job['cprofile']}-{direction}.prof")
        control = engine.concurrency
        results.append(
            {
                "concurrency": {
                    "overloads": control.overloads,
                    "final_limit": control.limit,
                    "good_limit": control.good_limit,
                    "history": [(t - control.history[0][0], n) for t, n in control.history],
                }
                if control is not None
                else None,
                "status": str(summary.status),
                "counts": {str(k): v for k, v in dict(summary.counts).items()},
                "error": summary.error,
                "requests": client.request_count,
                "summary_requests": summary.requests,
                "by_method": client.requests_by_method,
                "wall": wall,
                "cpu": cpu,
                "rss_before_mb": rss_before,
                "peak_rss_mb": _status_mb("VmHWM"),
            }
        )
        client.close()
    db.close()
    if sandbox is not None:
        sandbox.stop()
    return results


def main() -> None:
    job = json.loads(sys.stdin.read())
    print(json.dumps(run_job(job)), flush=True)


if __name__ == "__main__":
    main()
