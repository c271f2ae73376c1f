"""How fast the sync engine pushes, re-syncs and pulls N customers, against its lower bound
and against the naive one-POST-per-customer script, measured in the same run.

Run by hand (documented in docs/performance.md):

    python bench/sync_bench.py --latency-ms 50 --profile latency --concurrency 2 \
        --sizes 1000,10000,100000 --naive-sample 200 --repeat 3 --plot docs/performance.png
    python bench/sync_bench.py --profile real --latency-ms 0 --workers 2 --sizes 1000 \
        --naive-sample 50 --no-cpu-pass

The sandbox store runs as a subprocess (``python -m wcconnector_gui.cli.main sandbox``)
and every engine run in a fresh process of its own (bench/sync_bench_job.py), so the
server's CPU never competes with the engine for one GIL and each run's peak RSS is its own.

Per size N, against a fresh store each time:
  push     N new back-office customers (webstore customer ticked) into an empty store;
  re-sync  right after, direction both, nothing changed on either side;
  pull     N store customers into an empty back office (pull all + auto-create + template).
The naive baseline POSTs a sample of customers one by one on new connections; its
per-customer time is extrapolated to N. A second pass at latency 0 (no cost profile)
measures the engine's CPU time per customer (time.process_time in the engine process).

Lower bound of a row: the requests the work needs at least, ceil(N/100), times the latency,
divided by the concurrency; on the ``real`` profile plus the server cost of those requests
(wcconnector_gui/sandbox/profile.py) divided by the server's workers.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from naive_client import post_each

from wcconnector_gui.csvfiles.customers import import_customers
from wcconnector_gui.domain.mapping import Mapping
from wcconnector_gui.domain.setup import AuthMode, PullMode
from wcconnector_gui.domain.templates import CustomerTemplate
from wcconnector_gui.sandbox.profile import PROFILES, CostProfile
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import save_settings
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.templates import TemplateRepository

HERE = Path(__file__).resolve().parent
PAGE = 100  # per_page and batch limit of WooCommerce
JOB_TIMEOUT = 3600


# ---------------------------------------------------------------- sandbox subprocess


class SandboxProcess:
    """``wcconnector sandbox`` in a child process; its URL and keys read from its output."""

    def __init__(
        self,
        *,
        latency_ms: int,
        profile: str | None,
        workers: int | None,
        seed: int = 0,
        max_queue: int | None = None,
    ) -> None:
        cmd = [
            sys.executable,
            "-m",
            "wcconnector_gui.cli.main",
            "sandbox",
            "--latency-ms",
            str(latency_ms),
            "--seed",
            str(seed),
        ]
        if profile:
            cmd += ["--profile", profile]
        if workers:
            cmd += ["--workers", str(workers)]
        if max_queue is not None:
            cmd += ["--max-queue", str(max_queue)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        info: dict[str, str] = {}
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            name, _, value = line.strip().partition(": ")
            info[name] = value
            if name == "Customers":
                break
        if "URL" not in info or "Consumer secret" not in info:
            self.stop()
            raise RuntimeError("the sandbox store did not start")
        self.url = info["URL"]
        self.key = info["Consumer key"]
        self.secret = info["Consumer secret"]
        self.customers = int(info["Customers"])
        self._ps = psutil.Process(self.proc.pid)

    def cpu_seconds(self) -> float:
        """CPU time the store process has used so far (all its threads)."""
        times = self._ps.cpu_times()
        return float(times.user + times.system)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------- data


def customer_row(i: int) -> dict[str, str]:
    return {
        "name": f"Bench Customer {i}",
        "contact": f"Anna Bench{i}",
        "address": f"Hauptstraße {i % 200 + 1}",
        "city": "Berlin",
        "post_code": f"{10115 + i % 800}",
        "country_code": "DE",
        "phone": f"+49 30 {10000000 + i}",
        "email": f"bench{i}@example.com",
    }


def naive_payload(i: int) -> dict[str, Any]:
    """What a user's script would send for customer ``i`` (distinct from the engine's rows)."""
    row = customer_row(1_000_000 + i)
    billing = {
        "first_name": "Anna",
        "last_name": f"Bench{1_000_000 + i}",
        "company": row["name"],
        "address_1": row["address"],
        "city": row["city"],
        "postcode": row["post_code"],
        "country": row["country_code"],
        "phone": row["phone"],
        "email": row["email"],
    }
    return {
        "email": row["email"],
        "first_name": "Anna",
        "last_name": billing["last_name"],
        "username": f"naive{i}",
        "billing": billing,
        "shipping": {k: v for k, v in billing.items() if k not in ("phone", "email")},
    }


def _base_settings(url: str, args: argparse.Namespace) -> dict[str, Any]:
    return {
        "store_url": url,
        "auth": AuthMode.OAUTH1,
        "concurrency": args.concurrency,
        "batch_size": PAGE,
        "request_timeout_seconds": 120,
    }


def prepare_push_db(path: Path, n: int, url: str, args: argparse.Namespace) -> None:
    """N back-office customers, each ticked as webstore customer with a username."""
    db = open_database(path)
    save_settings(
        db,
        _base_settings(url, args)
        | {
            "push_customers": True,
            "can_update_webstore_customers": True,
            "pull_customers": PullMode.ALL,
            "store_can_update_customers": True,
        },
    )
    source = path.with_suffix(".csv")
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(customer_row(0)))
        writer.writeheader()
        writer.writerows(customer_row(i) for i in range(n))
    report = import_customers(db, source)
    if report.imported != n:
        raise RuntimeError(f"imported {report.imported} of {n} customers: {report.rejected[:3]}")
    rows = db.execute("SELECT no, email FROM customers ORDER BY rowid").fetchall()
    with db.atomic():
        MappingRepository(db, 1).save_many(
            Mapping(customer_no=no, webstore_customer=True, username=email.split("@")[0])
            for no, email in rows
        )
    add_other_stores(db, args.store_count)
    db.close()
    source.unlink()


def add_other_stores(db: Any, store_count: int) -> None:
    """Stores 2..``store_count``, each with every customer linked: the measured store's
    runs share their tables with as many rows of other stores."""
    for number in range(2, store_count + 1):
        store = StoreRepository(db).add(f"Other {number}").id
        db.execute(
            "INSERT INTO mappings (store_id, customer_no, webstore_id, username, "
            "webstore_customer, status, local_hash, pushed_hash, remote_hash) "
            "SELECT ?, no, rowid, 'other' || rowid, 1, 'synced', 'l', 'p', 'r' FROM customers",
            [store],
        )
        db.execute(
            "INSERT INTO webstore_customers (store_id, id, email, username, content_hash) "
            "SELECT ?, rowid, email, 'other' || rowid, 'r' FROM customers",
            [store],
        )


def prepare_pull_db(path: Path, url: str, args: argparse.Namespace) -> None:
    """An empty back office that pulls all store customers and creates them from a template."""
    db = open_database(path)
    TemplateRepository(db).save_template(
        CustomerTemplate(
            code="WEB",
            description="Web store customers",
            customer_posting_group="DOMESTIC",
            payment_terms_code="14D",
        )
    )
    save_settings(
        db,
        _base_settings(url, args)
        | {
            "push_customers": False,
            "pull_customers": PullMode.ALL,
            "auto_create_unknown": True,
            "customer_template_code": "WEB",
            "store_can_update_customers": True,
        },
    )
    db.close()


# ---------------------------------------------------------------- engine runs


def run_job(
    db: Path,
    directions: list[str],
    *,
    sandbox: SandboxProcess | None = None,
    inprocess: dict[str, Any] | None = None,
    cprofile: Path | None = None,
) -> list[dict[str, Any]]:
    """Run the engine once per direction in a fresh process (see sync_bench_job.py)."""
    job: dict[str, Any] = {
        "db": str(db),
        "directions": directions,
        "cprofile": str(cprofile) if cprofile else None,
    }
    if sandbox is not None:
        job |= {"key": sandbox.key, "secret": sandbox.secret}
        cpu0 = sandbox.cpu_seconds()
    else:
        job["sandbox"] = inprocess
    done = subprocess.run(
        [sys.executable, str(HERE / "sync_bench_job.py")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=JOB_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"engine run failed:\n{done.stderr[-3000:]}")
    results: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    if sandbox is not None and len(results) == 1:
        results[0]["server_cpu"] = sandbox.cpu_seconds() - cpu0
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Row:
    scenario: str
    n: int
    result: dict[str, Any]
    bound: float
    naive: float | None = None
    cpu: float | None = None  # engine CPU seconds in the latency-0 pass
    extra: dict[str, Any] = field(default_factory=dict)


def lower_bound(kind: str, n: int, args: argparse.Namespace, profile: CostProfile | None) -> float:
    """The least time the work can take: needed requests × latency ÷ concurrency (+ cost)."""
    requests = math.ceil(n / PAGE)
    bound = requests * args.latency_ms / 1000 / args.concurrency
    if profile is not None:
        workers = args.workers or profile.default_workers
        if kind == "push":
            cost = requests * profile.base + n * profile.batch_create_item
        else:  # a full scan: list pages
            cost = requests * profile.base + n * profile.list_per_item
        bound += cost / min(workers, args.concurrency)
    return bound


def naive_per_customer(args: argparse.Namespace, profile: str | None) -> tuple[float, int]:
    with SandboxProcess(latency_ms=args.latency_ms, profile=profile, workers=args.workers) as box:
        created, failed, seconds = post_each(
            box.url, box.key, box.secret, (naive_payload(i) for i in range(args.naive_sample))
        )
    if failed:
        print(f"  naive: {failed} of {args.naive_sample} POSTs failed", file=sys.stderr)
    return seconds / max(created, 1), created


def measure_size(
    n: int, args: argparse.Namespace, tmp: Path, *, latency_ms: int, profile: str | None, tag: str
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    cprof = Path(args.cprofile_dir) if args.cprofile_dir else None
    if cprof:
        cprof.mkdir(parents=True, exist_ok=True)

    def prof(name: str) -> Path | None:
        return cprof / f"{tag}-{name}-{n}" if cprof else None

    push_db, pull_db = tmp / f"{tag}-push-{n}.db", tmp / f"{tag}-pull-{n}.db"
    if args.sandbox == "inprocess":
        spec = {"latency_ms": latency_ms, "profile": profile, "workers": args.workers}
        port = free_port()
        prepare_push_db(push_db, n, f"http://127.0.0.1:{port}", args)
        out["push"], out["resync"] = run_job(
            push_db, ["push", "both"], inprocess=spec | {"port": port}, cprofile=prof("push")
        )
        port = free_port()
        prepare_pull_db(pull_db, f"http://127.0.0.1:{port}", args)
        (out["pull"],) = run_job(
            pull_db, ["pull"], inprocess=spec | {"port": port, "seed": n}, cprofile=prof("pull")
        )
    else:
        with SandboxProcess(latency_ms=latency_ms, profile=profile, workers=args.workers) as box:
            prepare_push_db(push_db, n, box.url, args)
            (out["push"],) = run_job(push_db, ["push"], sandbox=box, cprofile=prof("push"))
            (out["resync"],) = run_job(push_db, ["both"], sandbox=box, cprofile=prof("resync"))
        with SandboxProcess(
            latency_ms=latency_ms, profile=profile, workers=args.workers, seed=n
        ) as box:
            if box.customers < n:
                raise RuntimeError(f"the sandbox holds {box.customers} customers, not {n}")
            prepare_pull_db(pull_db, box.url, args)
            (out["pull"],) = run_job(pull_db, ["pull"], sandbox=box, cprofile=prof("pull"))
    for what in ("push", "resync", "pull"):
        _log(tag, what, n, out[what])
    return out


def best_of(times: int, n: int, args: argparse.Namespace, tmp: Path, **kw: Any) -> dict[str, Any]:
    """The fastest of ``times`` runs per scenario (each on a fresh store and database)."""
    best: dict[str, dict[str, Any]] = {}
    walls: dict[str, list[float]] = {}
    for _ in range(times):
        for key, result in measure_size(n, args, tmp, **kw).items():
            walls.setdefault(key, []).append(round(result["wall"], 3))
            if key not in best or result["wall"] < best[key]["wall"]:
                best[key] = result
        for p in tmp.iterdir():
            p.unlink()
    for key, result in best.items():
        result["walls"] = walls[key]
    return best


def _log(tag: str, what: str, n: int, r: dict[str, Any]) -> None:
    server = f", server CPU {r['server_cpu']:.2f} s" if "server_cpu" in r else ""
    print(
        f"  [{tag}] {what:8s} N={n:>7,}: {r['wall']:8.2f} s wall, {r['cpu']:7.2f} s CPU{server}, "
        f"{r['requests']:>6} requests {r['by_method']}, peak {r['peak_rss_mb']:.0f} MB, "
        f"status {r['status']} {r['counts']}" + (f" error {r['error']}" if r["error"] else ""),
        flush=True,
    )


# ---------------------------------------------------------------- report


def machine() -> dict[str, str]:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _fmt(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:,.{digits}f}"


def table(rows: list[Row]) -> str:
    head = (
        "| scenario | N | requests | wall s | lower bound s | × bound | naive s (extrap.) "
        "| × faster than naive | engine CPU ms/customer | peak RSS MB |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        res = r.result
        ratio = res["wall"] / r.bound if r.bound > 0 else None
        speed = r.naive / res["wall"] if r.naive else None
        cpu_ms = 1000 * r.cpu / r.n if r.cpu is not None else None
        lines.append(
            f"| {r.scenario} | {r.n:,} | {res['requests']:,} | {_fmt(res['wall'])} "
            f"| {_fmt(r.bound)} | {_fmt(ratio)} | {_fmt(r.naive, 1)} | {_fmt(speed, 1)} "
            f"| {_fmt(cpu_ms, 3)} | {res['peak_rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def plot(rows: list[Row], naive_each: float, args: argparse.Namespace, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    push = [r for r in rows if r.scenario == "push new"]
    pull = [r for r in rows if r.scenario == "pull new"]
    ns = [r.n for r in push]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    ax.loglog(
        ns,
        [naive_each * n for n in ns],
        "s--",
        color="tab:red",
        label=f"naive: one POST per customer, new connection (extrapolated from "
        f"{args.naive_sample})",
    )
    ax.loglog(
        ns,
        [r.result["wall"] for r in push],
        "o-",
        color="tab:blue",
        label="wcconnector push (measured)",
    )
    ax.loglog(
        [r.n for r in pull],
        [r.result["wall"] for r in pull],
        "^-",
        color="tab:green",
        label="wcconnector pull (measured)",
    )
    ax.loglog(
        ns,
        [r.bound for r in push],
        ":",
        color="black",
        label="lower bound: ceil(N/100) × latency ÷ concurrency",
    )
    ax.set_xlabel("customers (N)")
    ax.set_ylabel("wall time (s)")
    what = f"profile {args.profile}" if args.profile != "latency" else "latency profile"
    ax.set_title(
        f"Sync time against N — {args.latency_ms} ms latency, concurrency "
        f"{args.concurrency}, {what}",
        fontsize=10,
    )
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7.5)
    fig.tight_layout()
    fig.savefig(path)
    print(f"plot written to {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument(
        "--profile",
        choices=["latency", "real"],
        default="latency",
        help="latency: only the network delay; real: model WooCommerce's per-item server cost too",
    )
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--store-count",
        type=int,
        default=1,
        help="stores in the push database: the sync is of store 1, the others have every "
        "customer linked (their rows share the tables)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="requests the store processes at once (real profile: 2)",
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument(
        "--no-cpu-pass",
        action="store_true",
        help="skip the latency-0 pass that measures the engine's CPU time",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each scenario this often and keep the fastest (a shared, noisy machine)",
    )
    parser.add_argument(
        "--repeat-max-n",
        type=int,
        default=10_000,
        help="repeat only sizes up to this N (default 10000)",
    )
    parser.add_argument(
        "--sandbox",
        choices=["subprocess", "inprocess"],
        default="subprocess",
        help="run the store in its own process (default) or in a thread of the engine's",
    )
    parser.add_argument("--cprofile-dir", help="write a cProfile of every engine run here")
    parser.add_argument("--plot", help="write the time-against-N plot (PNG) here")
    parser.add_argument("--json", help="write all raw figures here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    profile_name = None if args.profile == "latency" else args.profile
    cost = PROFILES[profile_name] if profile_name else None
    if cost and args.workers is None:
        args.workers = cost.default_workers

    info = machine()
    print(
        f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
        f"load {info['load']}"
    )
    print(
        f"latency {args.latency_ms} ms, profile {args.profile}, concurrency "
        f"{args.concurrency}, store workers {args.workers or 'unlimited'}, sizes {sizes}"
    )
    if os.getloadavg()[0] > 1.5:
        print("WARNING: load average above 1.5; figures may be noisy", file=sys.stderr)

    started = time.perf_counter()
    naive_each, naive_done = naive_per_customer(args, profile_name)
    print(f"  naive: {naive_done} POSTs, {1000 * naive_each:.1f} ms per customer", flush=True)
    rows: list[Row] = []
    raw: dict[str, Any] = {
        "machine": info,
        "args": vars(args),
        "naive_each": naive_each,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for n in sizes:
            times = args.repeat if n <= args.repeat_max_n else 1
            main_pass = best_of(
                times, n, args, tmp, latency_ms=args.latency_ms, profile=profile_name, tag="main"
            )
            cpu_pass = None
            if not args.no_cpu_pass:
                cpu_pass = best_of(times, n, args, tmp, latency_ms=0, profile=None, tag="cpu")
            raw["sizes"][n] = {"main": main_pass, "cpu": cpu_pass}
            for key, label in (
                ("push", "push new"),
                ("resync", "re-sync, no change"),
                ("pull", "pull new"),
            ):
                kind = "push" if key == "push" else "scan"
                rows.append(
                    Row(
                        label,
                        n,
                        main_pass[key],
                        lower_bound(kind, n, args, cost),
                        naive=naive_each * n if key == "push" else None,
                        cpu=(cpu_pass or main_pass)[key]["cpu"],
                    )
                )
            for p in tmp.iterdir():
                p.unlink()
    print()
    print(table(rows))
    print("\nengine CPU per customer, relative to the smallest N (1.00 = linear):")
    for scenario in ("push new", "re-sync, no change", "pull new"):
        same = [x for x in rows if x.scenario == scenario and x.cpu is not None]
        per = [(x.n, x.cpu / x.n) for x in same if x.cpu is not None]
        if per:
            print(f"  {scenario}: " + ", ".join(f"N={n:,} ×{c / per[0][1]:.2f}" for n, c in per))
    print(
        f"\nnaive baseline: {1000 * naive_each:.1f} ms per customer over "
        f"{naive_done} customers; total bench time {time.perf_counter() - started:.0f} s; "
        f"load at end {machine()['load']}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    if args.plot:
        plot(rows, naive_each, args, Path(args.plot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
