"""``wcconnector customers import|export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wcconnector_gui.cli.main import EXIT_OK, EXIT_PARTIAL, CliError, open_db
from wcconnector_gui.csvfiles.customers import ImportReport, export_customers, import_customers
from wcconnector_gui.csvfiles.dialect import CsvFileError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("customers", help="import or export back-office customers")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help="import customers from a CSV file",
        description="Header names are field names (any subset, any order): "
        "no,name,name_2,contact,address,address_2,city,post_code,county,country_code,phone,"
        "email,customer_posting_group,gen_bus_posting_group,vat_bus_posting_group,"
        "tax_area_code,payment_terms_code,blocked. An empty 'no' takes the next number. "
        "Each row goes in or is rejected with its line and reason (a bad e-mail or country, "
        "a duplicate No., a value over 1,000 characters, a NUL character, a value running "
        "over several lines); the good rows go in, all in one transaction. A file that "
        "cannot be read as a whole (not UTF-8, a bad header, a quote never closed) imports "
        "nothing. Exit code: 0 all in, 1 some rejected, 2 nothing imported.",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--update",
        action="store_true",
        help="change existing customers instead: only the columns present are changed",
    )
    importer.set_defaults(func=_import)
    exporter = actions.add_parser("export", help="export all customers to a CSV file")
    exporter.add_argument("file", type=Path)
    exporter.set_defaults(func=_export)


def print_report(report: ImportReport, what: str) -> int:
    for line, reason in report.rejected:
        print(f"line {line}: {reason}", file=sys.stderr)
    done = report.imported + report.updated
    verb = "updated" if report.updated and not report.imported else "imported"
    first, last = report.numbered
    numbered = f" (new Nos. {first} to {last})" if first != last else f" (new No. {first})"
    noun = what.removesuffix("s") if done == 1 else what  # "1 customer imported"
    print(f"{done} {noun} {verb}, {len(report.rejected)} rejected{numbered if first else ''}")
    return EXIT_PARTIAL if report.rejected else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = import_customers(db, args.file, update=args.update)
    except CsvFileError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    return print_report(report, "customers")


def _export(args: argparse.Namespace) -> int:
    db = open_db(args, create=False)
    try:
        count = export_customers(db, args.file)
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    finally:
        db.close()
    print(f"{count} customers exported to {args.file}")
    return EXIT_OK
