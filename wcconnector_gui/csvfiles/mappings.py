"""Importing mapping rows (Username, Password, Webstore Customer, Webstore ID) from CSV.

A password is sealed at once (credentials.customer_passwords): the database keeps
it unreadable without the data key in the keyring. Each row's fate is told
exactly, as for customers; the rows go in in one transaction, and a file that
cannot be read as a whole imports nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from wcconnector_gui.credentials.customer_passwords import PasswordVault
from wcconnector_gui.csvfiles.customers import ImportReport
from wcconnector_gui.csvfiles.dialect import CsvFileError, parse_bool, read_rows
from wcconnector_gui.domain.validation import username_problem
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository, WebstoreIdTaken

MAPPING_COLUMNS = ("no", "username", "password", "webstore_customer", "webstore_id")


def parse_webstore_id(text: str) -> int | None:
    """'' → None; a positive whole number → int; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) <= 0:
        raise ValueError(f"Webstore ID must be a positive whole number, not '{text}'")
    return int(text)


def apply_mapping_values(
    db: Database,
    no: str,
    values: dict[str, str],
    vault: PasswordVault | None = None,
    store: int | None = None,
) -> None:
    """Validate and store one row's mapping values in ``store``; ValueError with the reason.

    ``vault``: the one an import shares between its rows (one keyring call in all).
    """
    if not CustomerRepository(db).exists(no):
        raise ValueError(f"no customer with No. {no}")
    mappings = MappingRepository(db, vault.store if vault else store)
    current = mappings.get(no)
    changes: dict[str, object] = {}
    if "username" in values:
        username = values["username"]
        if username != current.username:
            if current.webstore_id is not None and current.username:
                raise ValueError("the username cannot change once the customer exists in the store")
            if username:
                problem = username_problem(username)
                if problem:
                    raise ValueError(problem)
            changes["username"] = username
    if "webstore_customer" in values:
        flag = parse_bool(values["webstore_customer"])
        if flag is None:
            raise ValueError(
                f"webstore_customer must be yes or no, not '{values['webstore_customer']}'"
            )
        changes["webstore_customer"] = flag
    if "webstore_id" in values:
        changes["webstore_id"] = parse_webstore_id(values["webstore_id"])
    with db.atomic():
        if changes:
            try:
                mappings.update(no, **changes)
            except WebstoreIdTaken as exc:
                raise ValueError(str(exc)) from None
        if values.get("password"):
            (vault or PasswordVault(db, mappings.store)).set_many({no: values["password"]})


def import_mappings(db: Database, path: Path, store: int | None = None) -> ImportReport:
    """Apply the mapping rows of ``path`` to ``store`` in one transaction.

    CsvFileError: nothing applied.
    """
    columns, rows = read_rows(path, MAPPING_COLUMNS)
    if "no" not in columns:
        raise CsvFileError("the header needs a 'no' column")
    report = ImportReport()
    vault = PasswordVault(db, store)
    with db.atomic():
        for row in rows:
            no = row.values.get("no", "")
            if row.problem or not no:
                report.rejected.append((row.line, row.problem or "no customer No. given"))
                continue
            values = {k: v for k, v in row.values.items() if k != "no"}
            try:
                apply_mapping_values(db, no, values, vault)
            except ValueError as exc:
                report.rejected.append((row.line, str(exc)))
                continue
            report.updated += 1
    return report
