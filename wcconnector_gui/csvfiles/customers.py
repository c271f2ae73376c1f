"""Importing and exporting back-office customers as CSV.

Header names are the field names (any subset, any order). Each row's fate is
told exactly: it goes in, or it is rejected with its line number and reason
while the good rows go in. A file that cannot be read as a whole (not UTF-8, a
bad header, a quote never closed) imports nothing. The rows go in in one
transaction: an import that breaks off leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from wcconnector_gui.csvfiles.dialect import CsvRow, parse_bool, read_rows, write_rows
from wcconnector_gui.domain.customer import CUSTOMER_FIELDS
from wcconnector_gui.domain.validation import country_problem, email_problem
from wcconnector_gui.storage.customers import CustomerRepository, NumberSeries
from wcconnector_gui.storage.database import utc_now

_CHUNK = 5_000  # rows written per statement batch (all in one transaction)


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    numbered: tuple[str, str] = ("", "")  # first and last No. given from the number series

    @property
    def ok(self) -> bool:
        return not self.rejected


def _clean(row: CsvRow, columns: list[str]) -> dict[str, object] | str:
    """The row's values ready for the database, or the reason it is rejected."""
    if row.problem:
        return row.problem
    if any(cell.strip() for cell in row.extra):
        return (
            f"has {len(columns) + len(row.extra)} values but the header has {len(columns)} "
            "columns (unknown column)"
        )
    values: dict[str, object] = dict(row.values)
    for name in columns:
        values.setdefault(name, "")  # a short row: missing trailing cells are empty
    if values.get("email"):
        problem = email_problem(str(values["email"]))
        if problem:
            return f"malformed e-mail: {problem}"
    if values.get("country_code"):
        values["country_code"] = str(values["country_code"]).upper()
        problem = country_problem(str(values["country_code"]))
        if problem:
            return f"invalid country code: {problem}"
    if "blocked" in values:
        blocked = parse_bool(str(values["blocked"]))
        if blocked is None:
            return f"blocked must be yes or no, not '{values['blocked']}'"
        values["blocked"] = 1 if blocked else 0
    return values


def import_customers(db: Database, path: Path, *, update: bool = False) -> ImportReport:
    """Import (or with ``update`` change) customers from ``path``, in one transaction.

    Raises CsvFileError when the file as a whole cannot be used; nothing is imported then.
    """
    columns, rows = read_rows(path, CUSTOMER_FIELDS)
    report = ImportReport()
    repo = CustomerRepository(db)
    seen_in_file: set[str] = set()
    pending: list[dict[str, object]] = []
    with db.atomic():
        taken = set(repo.all_nos())
        existing = set(taken)
        series = NumberSeries(db, taken)

        def flush() -> None:
            if update:
                repo.update_fields_many([(str(v.pop("no")), v) for v in pending])
            else:
                repo.insert_rows(pending)
            pending.clear()

        now = utc_now()
        for row in rows:
            cleaned = _clean(row, columns)
            if isinstance(cleaned, str):
                report.rejected.append((row.line, cleaned))
                continue
            no = str(cleaned.get("no") or "")
            if update:
                if not no:
                    report.rejected.append(
                        (row.line, "no customer No. given (needed with --update)")
                    )
                    continue
                if no not in existing:
                    report.rejected.append(
                        (row.line, f"customer No. {no} does not exist (import without --update)")
                    )
                    continue
                if no in seen_in_file:
                    report.rejected.append(
                        (row.line, f"customer No. {no} appears twice in the file")
                    )
                    continue
                seen_in_file.add(no)
                report.updated += 1
            else:
                if not no:
                    no = series.next()
                    report.numbered = (report.numbered[0] or no, no)
                elif no in taken:
                    report.rejected.append((row.line, f"duplicate customer No. {no}"))
                    continue
                taken.add(no)
                cleaned = {name: "" for name in CUSTOMER_FIELDS} | cleaned
                cleaned.update(no=no, created_at=now, modified_at=now)
                cleaned["blocked"] = cleaned["blocked"] or 0
                report.imported += 1
            cleaned["no"] = no
            pending.append(cleaned)
            if len(pending) >= _CHUNK:
                flush()
        flush()
        series.save()
    return report


def export_customers(db: Database, path: Path) -> int:
    """Write every customer to ``path``; returns the number of rows written."""

    blocked = CUSTOMER_FIELDS.index("blocked")

    def rows() -> Iterator[list[str]]:
        for record in CustomerRepository(db).iter_field_rows():
            values = ["" if v is None else str(v) for v in record]
            values[blocked] = "yes" if record[blocked] else "no"
            yield values

    return write_rows(path, CUSTOMER_FIELDS, rows())
