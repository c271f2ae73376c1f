"""Adaptive concurrency against stores with 2, 4, 8 and 16 PHP workers the app is not told.

Run by hand (documented in docs/performance.md; needs the ``bench`` extra):

    python bench/adaptive_bench.py --workers 2,4,8,16 --n 1000 --upper 32 \
        --plot docs/adaptive.png --json adaptive.json
    python bench/adaptive_bench.py --max-queue 2 --json adaptive-q2.json

For each worker count W, a fresh sandbox store with the ``real`` cost profile (WooCommerce
11's measured costs, 99 ms per created customer, 40 ms per request) and W workers, and a
fresh database with N back-office customers to push (all new):

- **adaptive, first run**: nothing known about the store (the controller starts at 2);
- **adaptive, next run**: the limit the first run found is remembered (the same store
  again, with N other new customers);
- **fixed at W**: adaptation off, Concurrency = W (what a user who knew W would set).

With ``--max-queue Q`` the store also answers 503 when Q requests already wait for a
worker (a host that guards itself); the table then counts the 503s each run met.

Bound of a row: the server's cost for the least requests the work needs (ceil(N/100)
batches of 100 creates) divided by W; the store's cost per request is in
wcconnector_gui/sandbox/profile.py. The engine runs in a process of its own
(sync_bench_job.py), the store in another.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sync_bench import PAGE, SandboxProcess, prepare_push_db, run_job

from wcconnector_gui.sandbox.profile import PROFILES
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import save_learned_concurrency, save_settings


def bound_seconds(n: int, workers: int) -> float:
    profile = PROFILES["real"]
    requests = math.ceil(n / PAGE)
    return (requests * profile.base + n * profile.batch_create_item) / workers


def push_once(
    workdir: Path,
    name: str,
    args: argparse.Namespace,
    workers: int,
    *,
    adaptive: bool,
    concurrency: int,
    remembered: int | None = None,
) -> dict[str, Any]:
    """One push of N new customers into a fresh store with ``workers``."""
    with SandboxProcess(
        latency_ms=0, profile="real", workers=workers, max_queue=args.max_queue
    ) as store:
        path = workdir / f"{name}.db"
        prepare_push_db(path, args.n, store.url, argparse.Namespace(concurrency=concurrency))
        db = open_database(path)
        save_settings(db, {"concurrency": concurrency, "adapt_concurrency": adaptive})
        if remembered is not None:
            save_learned_concurrency(db, store.url, remembered)
        db.close()
        started = time.perf_counter()
        [result] = run_job(path, ["push"], sandbox=store)
        result["bench_wall"] = time.perf_counter() - started
    with sqlite3.connect(path) as con:
        row = con.execute("SELECT value FROM setup WHERE key = 'learned_concurrency'").fetchone()
    result["learned"] = json.loads(row[0])["limit"] if row else None
    created = result["counts"].get("created", 0)
    if created != args.n:
        raise RuntimeError(f"{name}: created {created} of {args.n}: {result}")
    return result


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="adaptive-bench-") as tmp:
        workdir = Path(tmp)
        for workers in args.workers:
            bound = bound_seconds(args.n, workers)
            first = push_once(
                workdir, f"w{workers}-first", args, workers, adaptive=True, concurrency=args.upper
            )
            runs = {"adaptive, first run": first}
            runs["adaptive, next run"] = push_once(
                workdir,
                f"w{workers}-next",
                args,
                workers,
                adaptive=True,
                concurrency=args.upper,
                remembered=first["learned"],
            )
            runs[f"fixed at {workers}"] = push_once(
                workdir, f"w{workers}-fixed", args, workers, adaptive=False, concurrency=workers
            )
            for label, result in runs.items():
                control = result["concurrency"]
                row = {
                    "workers": workers,
                    "run": label,
                    "wall": result["wall"],
                    "bound": bound,
                    "ratio": result["wall"] / bound,
                    "requests": result["requests"],
                    "overloads": control["overloads"],
                    "final_limit": control["final_limit"],
                    "learned": result["learned"],
                    "history": control["history"],
                }
                rows.append(row)
                print(
                    f"W={workers:2d} {label:20s} wall {row['wall']:7.2f} s  bound "
                    f"{bound:6.2f} s  ×{row['ratio']:.2f}  requests {row['requests']:4d}  "
                    f"429/503 {row['overloads']:3d}  limit at end {row['final_limit']:2d}  "
                    f"remembered {row['learned']}",
                    flush=True,
                )
    return rows


def plot(rows: list[dict[str, Any]], path: Path, args: argparse.Namespace) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    workers = sorted({r["workers"] for r in rows})
    runs = list(dict.fromkeys(r["run"].split(" at ")[0] for r in rows))
    width = 0.8 / len(runs)
    for i, run in enumerate(runs):
        ratios = [
            next(r["ratio"] for r in rows if r["workers"] == w and r["run"].startswith(run))
            for w in workers
        ]
        left.bar([j + i * width for j in range(len(workers))], ratios, width, label=run)
    left.axhline(1.15, color="grey", linestyle="--", label="target 1.15×")
    left.set_ylim(0.9, max(r["ratio"] for r in rows) + 0.1)
    left.set_xticks([j + width * (len(runs) - 1) / 2 for j in range(len(workers))])
    left.set_xticklabels([f"{w} workers" for w in workers])
    left.set_ylabel("push wall time ÷ (server cost ÷ workers)")
    left.set_title(f"Push of {args.n:,} new customers, real-cost store")
    left.legend(fontsize=8)
    for w in workers:
        first = next(r for r in rows if r["workers"] == w and r["run"] == "adaptive, first run")
        times = [t for t, _ in first["history"]] + [first["wall"]]
        limits = [n for _, n in first["history"]]
        limits.append(limits[-1])
        right.step(times, limits, where="post", label=f"{w} workers")
    right.set_xscale("symlog", linthresh=1.0)
    right.set_xlabel("seconds into the push (first run)")
    right.set_ylabel("requests in flight allowed")
    right.set_title("The limit the controller sets")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="2,4,8,16", help="store worker counts")
    parser.add_argument("--n", type=int, default=1000, help="customers to push")
    parser.add_argument("--upper", type=int, default=32, help="the Concurrency setting")
    parser.add_argument("--max-queue", type=int, default=None, help="store: 503 beyond this")
    parser.add_argument("--plot", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--from-json", type=Path, help="plot saved results, run nothing")
    args = parser.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    if args.from_json:
        if args.plot:
            plot(json.loads(args.from_json.read_text()), args.plot, args)
        return
    print(
        f"push of {args.n} new customers; real profile; upper bound {args.upper}; "
        f"store queue limit {args.max_queue or 'none'}; python {sys.version.split()[0]}",
        flush=True,
    )
    rows = measure(args)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if args.plot:
        plot(rows, args.plot, args)


if __name__ == "__main__":
    main()
