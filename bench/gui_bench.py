"""GUI benchmark (run by hand, not in CI).

    QT_QPA_PLATFORM=offscreen python bench/gui_bench.py [--rows 100000] [--sync-rows 10000]

Measures, with 100,000 customers in the database:
  * open: from creating the main window (mapping view) until its rows are painted
    (target < 1 s); the rows are read on a worker while the window is built and shown;
  * filter: the answer time of the mapping grid's filter box (target < 150 ms);
  * sort: sorting the grid by a column (no target; QSortFilterProxyModel took ~20 s);
and, during a sync that creates 10,000 customers in the sandbox store, the
longest stall of the GUI thread, measured with a 10 ms QTimer heartbeat
(target < 50 ms).
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from wcconnector_gui.credentials import keyring_store  # noqa: E402
from wcconnector_gui.domain.setup import AuthMode, Setup  # noqa: E402
from wcconnector_gui.storage.database import open_database, utc_now  # noqa: E402
from wcconnector_gui.storage.setup_store import save_setup, store_id  # noqa: E402
from wcconnector_gui.storage.stores import StoreRepository  # noqa: E402


def fill(db_path: Path, rows: int, *, flagged: bool, store_count: int = 1) -> None:
    """``rows`` customers with a mapping in each of ``store_count`` stores."""
    db = open_database(db_path)
    now = utc_now()
    db.execute("PRAGMA synchronous=OFF")
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO customers (no, name, email, city, country_code, phone, created_at, "
            "modified_at) VALUES (?, ?, ?, ?, 'DE', ?, ?, ?)",
            (
                (
                    f"C{n:07d}",
                    f"Kunde {n} Müller",
                    f"kunde{n}@example.de",
                    "Köln",
                    f"+49 221 {n:07d}",
                    now,
                    now,
                )
                for n in range(1, rows + 1)
            ),
        )
        db.conn.executemany(
            "INSERT INTO mappings (store_id, customer_no, webstore_customer, username) "
            "VALUES (1, ?, ?, ?)",
            ((f"C{n:07d}", 1 if flagged else n % 2, f"kunde{n}") for n in range(1, rows + 1)),
        )
        for number in range(2, store_count + 1):
            store = StoreRepository(db).add(f"Shop {number}").id
            db.execute(
                "INSERT INTO mappings (store_id, customer_no, webstore_customer, username) "
                "SELECT ?, customer_no, webstore_customer, username || '-' || ? FROM mappings "
                "WHERE store_id = 1",
                [store, store],
            )
    db.close()


def configure(db_path: Path, store: object) -> None:
    db = open_database(db_path)
    save_setup(
        db,
        Setup(
            store_url=store.url,  # type: ignore[attr-defined]
            auth=AuthMode.OAUTH1,
            push_customers=True,
            can_update_webstore_customers=True,
        ),
    )
    sid = store_id(db)
    keyring_store.use_session_only(True)
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), store.consumer_key)  # type: ignore[attr-defined]
    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), store.consumer_secret)  # type: ignore[attr-defined]
    db.close()


def bench_open_and_filter(
    app: QApplication, directory: Path, rows: int, store_count: int = 1
) -> None:
    from wcconnector_gui.ui.main_window import MainWindow
    from wcconnector_gui.ui.mapping_model import COL_NAME

    db_path = directory / "big.db"
    started = time.perf_counter()
    fill(db_path, rows, flagged=False, store_count=store_count)
    print(
        f"filled {rows} customers, mappings in {store_count} store(s), "
        f"in {time.perf_counter() - started:.1f} s"
    )
    keyring_store.use_session_only(True)

    started = time.perf_counter()
    window = MainWindow(db_path)
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    if not window.mapping_model.loaded:  # the rows are read on a worker
        loop = QEventLoop()
        window.mapping_model.modelReset.connect(loop.quit)
        loop.exec()
    window.mapping_view.table.viewport().repaint()
    opened = time.perf_counter() - started
    print(
        f"open mapping view, {rows} rows: {opened * 1000:.0f} ms until the rows are painted "
        f"(target < 1000 ms); window shown after {shown * 1000:.0f} ms"
    )

    view = window.mapping_view
    times = []
    for text in ("müller", "kunde 4711", "example.de", "C00999", "nothing-matches", ""):
        started = time.perf_counter()
        view.filter_edit.setText(text)
        view.apply_filter_now()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
        print(f"  filter {text!r:>20}: {times[-1]:6.1f} ms, {view.proxy.rowCount()} rows")
    print(
        f"filter answer: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms "
        "(target < 150 ms)"
    )
    started = time.perf_counter()
    view.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    app.processEvents()
    print(f"sort by name: {(time.perf_counter() - started) * 1000:.0f} ms")
    for name, widget in (
        ("Customers", window.customers_view),
        ("Webstore Customers", window.webstore_view),
        ("Sync Log", window.log_view),
        ("Customer Mapping", window.mapping_view),
    ):
        started = time.perf_counter()
        window.side.setCurrentRow(window.stack.indexOf(widget))
        app.processEvents()
        print(f"switch to {name}: {(time.perf_counter() - started) * 1000:.0f} ms")
    for index in range(1, window.store_box.count()):
        started = time.perf_counter()
        window.store_box.setCurrentIndex(index)
        loop = QEventLoop()
        window.mapping_model.modelReset.connect(loop.quit)
        loop.exec()
        window.mapping_model.modelReset.disconnect(loop.quit)
        window.mapping_view.table.viewport().repaint()
        print(
            f"switch to store {window.store_box.currentText()!r}: "
            f"{(time.perf_counter() - started) * 1000:.0f} ms until its rows are painted"
        )
    window.close()


class StoreProcess:
    """The sandbox store in its own process (as a real store would be: no shared GIL)."""

    def __init__(self, latency_ms: int = 0) -> None:
        code = (
            "import sys; from wcconnector_gui.cli.main import main; "
            f"sys.exit(main(['sandbox', '--latency-ms', '{latency_ms}']))"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        fields: dict[str, str] = {}
        for line in self.process.stdout:
            key, _, value = line.partition(": ")
            fields[key.strip()] = value.strip()
            if key.startswith("Customers"):
                break
        self.url = fields["URL"]
        self.consumer_key = fields["Consumer key"]
        self.consumer_secret = fields["Consumer secret"]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def bench_sync_stall(
    app: QApplication, directory: Path, rows: int, *, where: str = "cli", latency_ms: int = 0
) -> None:
    """``where``: "cli" (``wcconnector sandbox`` process), "demo" (the demo's store
    process, sandbox/process.py) or "thread" (a thread of this process: the demo before)."""
    from wcconnector_gui.sandbox import start_sandbox
    from wcconnector_gui.sandbox.process import start_sandbox_process
    from wcconnector_gui.ui.main_window import MainWindow

    db_path = Path(tempfile.mkdtemp(dir=directory)) / f"sync-{where}-{latency_ms}.db"
    fill(db_path, rows, flagged=True)
    store: Any
    if where == "thread":
        store = start_sandbox(seed=0)
        where = "in a thread of this process (the demo before)"
    elif where == "demo":
        store = start_sandbox_process(seed=0)
        where = "in the demo's store process"
    else:
        store = StoreProcess(latency_ms)
        where = "in its own process (wcconnector sandbox)"
    print(f"store {where}, {latency_ms} ms added latency:")
    try:
        configure(db_path, store)
        window = MainWindow(db_path)
        window.controller.confirm_creates = lambda count: True
        window.show()
        if not window.mapping_model.loaded:
            loop = QEventLoop()
            window.mapping_model.modelReset.connect(loop.quit)
            loop.exec()
        app.processEvents()
        gaps: list[float] = []
        clock = QElapsedTimer()
        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)

        beats: list[float] = []

        def beat() -> None:
            gaps.append(clock.nsecsElapsed() / 1e6)
            beats.append(time.perf_counter())
            clock.restart()

        heartbeat.timeout.connect(beat)
        result: dict[str, object] = {}
        loop = QEventLoop()
        finished_at: list[float] = []
        window.controller.finished.connect(lambda s: finished_at.append(time.perf_counter()))
        window.controller.finished.connect(lambda s: (result.setdefault("summary", s), loop.quit()))
        window.controller.failed.connect(lambda m: (result.setdefault("error", m), loop.quit()))
        gc_pauses: list[float] = []
        gc_started: list[float] = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                gc_pauses.append((time.perf_counter() - gc_started[0]) * 1000)

        gc.callbacks.append(on_gc)
        started = time.perf_counter()
        window.synchronize()
        clock.start()
        heartbeat.start()
        loop.exec()
        heartbeat.stop()
        gc.callbacks.remove(on_gc)
        if gc_pauses:
            print(f"  cycle collections: {len(gc_pauses)}, longest {max(gc_pauses):.0f} ms")
        took = time.perf_counter() - started
        window.close()
        worst = sorted(range(1, len(gaps)), key=lambda i: -gaps[i])[:3]
        for i in worst:
            when = beats[i] - started
            after = finished_at and beats[i] >= finished_at[0]
            print(
                f"  gap {gaps[i]:.0f} ms ending at {when:.2f} s{' (after finish)' if after else ''}"
            )
        gaps = gaps[1:]
        worst = max(gaps) - 10 if gaps else 0.0
        print(f"sync of {rows} customers: {took:.1f} s, {result}")
        print(
            f"GUI heartbeat: {len(gaps)} beats, max gap {max(gaps):.1f} ms "
            f"(stall {worst:.1f} ms over the 10 ms beat; target < 50 ms), "
            f"p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.1f} ms"
        )
    finally:
        store.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sync-rows", type=int, default=10_000)
    parser.add_argument(
        "--latency-ms",
        type=int,
        default=50,
        help="added latency of the store in its own process for the second sync (a real store)",
    )
    parser.add_argument(
        "--stores",
        default="cli,cli-latency,demo",
        help="the syncs to measure, comma-separated: cli (a `wcconnector sandbox` process), "
        "cli-latency (the same with --latency-ms), demo (the demo's store process), thread "
        "(a store on a thread of this process, as the demo was before)",
    )
    parser.add_argument(
        "--store-count",
        type=int,
        default=1,
        help="stores in the opened database, each with a mapping for every customer",
    )
    parser.add_argument(
        "--open-runs",
        type=int,
        default=1,
        help="open the 100,000-row grid this many times (0: skip)",
    )
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        help="sys.setswitchinterval in seconds (default: what the app sets)",
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    from wcconnector_gui.ui import gui_gc
    from wcconnector_gui.ui.app import tune_interpreter

    tune_interpreter()
    gui_gc.install(app)
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    print(f"GIL switch interval: {sys.getswitchinterval() * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.open_runs):
            (Path(tmp) / str(run)).mkdir()
            bench_open_and_filter(app, Path(tmp) / str(run), args.rows, args.store_count)
        for store in args.stores.split(","):
            latency = args.latency_ms if store == "cli-latency" else 0
            where = "cli" if store == "cli-latency" else store
            bench_sync_stall(app, Path(tmp), args.sync_rows, where=where, latency_ms=latency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
