"""How long importing and exporting N customers from CSV takes, and how much memory.

Run by hand:  python bench/csv_import_bench.py [N]   (default 100000)
Prints wall time, rows per second and peak RSS for import and export, against
a baseline measured in the same run: sqlite-utils' plain insert_all of the same
rows with no validation at all (the floor for this storage).
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from wcconnector_gui.csvfiles.customers import export_customers, import_customers
from wcconnector_gui.domain.customer import CUSTOMER_FIELDS
from wcconnector_gui.storage.database import open_database, utc_now

COUNTRIES = ["DE", "FR", "NL", "GB", "US", "ES", "IT", "PL", "JP", "GR"]


def make_csv(path: Path, count: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["no", "name", "address", "city", "post_code", "country_code", "phone", "email"]
        )
        for i in range(count):
            writer.writerow(
                [
                    "",
                    f"Customer {i} Müller",
                    f"{rng.randint(1, 200)} Hauptstraße",
                    "Köln",
                    f"{rng.randint(10000, 99999)}",
                    rng.choice(COUNTRIES),
                    f"+49 221 {rng.randint(100000, 999999)}",
                    f"customer{i}@example.com",
                ]
            )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "customers.csv"
        make_csv(source, count)

        db = open_database(folder / "app.db")
        start = time.perf_counter()
        report = import_customers(db, source)
        imported = time.perf_counter() - start
        assert report.imported == count and not report.rejected
        start = time.perf_counter()
        export_customers(db, folder / "export.csv")
        exported = time.perf_counter() - start
        import_rss = peak_rss_mb()

        baseline_db = open_database(folder / "baseline.db")
        with source.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        now = utc_now()
        start = time.perf_counter()
        full = [
            {name: "" for name in CUSTOMER_FIELDS}
            | r
            | {"no": f"B{i}", "blocked": 0, "created_at": now, "modified_at": now}
            for i, r in enumerate(rows)
        ]
        baseline_db.table("customers").insert_all(full, batch_size=1000)
        baseline = time.perf_counter() - start
        del rows, full

    print(f"customers: {count:,}")
    print(f"{'step':<34}{'seconds':>9}{'rows/s':>11}{'× baseline':>12}")
    print(
        f"{'baseline: insert_all, no checks':<34}{baseline:>9.2f}{count / baseline:>11,.0f}"
        f"{1:>12.2f}"
    )
    print(
        f"{'import (validate, number series)':<34}{imported:>9.2f}{count / imported:>11,.0f}"
        f"{imported / baseline:>12.2f}"
    )
    print(
        f"{'export (neutralized)':<34}{exported:>9.2f}{count / exported:>11,.0f}"
        f"{exported / baseline:>12.2f}"
    )
    print(f"peak memory after import+export (RSS, whole process): {import_rss:.0f} MB")


if __name__ == "__main__":
    main()
