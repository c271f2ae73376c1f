"""``wcconnector``: the headless companion of the window, for schedulers and scripts.

Each command group lives in its own module with a ``register(subparsers)``
function; a registered command sets ``func(args) -> int`` as its handler.
Exit codes: 0 = everything done, 1 = some records were rejected or failed,
2 = nothing could be done (bad arguments, unreadable file, no setup...).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wcconnector_gui import __version__

if TYPE_CHECKING:
    from sqlite_utils import Database

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FATAL = 2

# Command groups, in the order `--help` lists them.
COMMAND_MODULES = (
    "wcconnector_gui.cli.store_cmd",
    "wcconnector_gui.cli.customers_cmd",
    "wcconnector_gui.cli.mapping_cmd",
    "wcconnector_gui.cli.setup_cmd",
    "wcconnector_gui.cli.credentials_cmd",
    "wcconnector_gui.cli.sync_cmd",
    "wcconnector_gui.cli.log_cmd",
    "wcconnector_gui.cli.status_cmd",
    "wcconnector_gui.cli.sandbox_cmd",
)

log = logging.getLogger(__name__)


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit code 2."""


def open_db(args: argparse.Namespace, *, create: bool = True) -> Database:
    """The database named by ``--db`` (or the default one), with plain-words errors.

    ``create=False`` for commands that only read: a missing database is an error.
    """
    from wcconnector_gui.storage.database import DatabaseError, open_database

    try:
        return open_database(args.db, create=create)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot open the database {args.db or ''}: {exc.strerror or exc}") from None


STORE_HELP = "the store, by name or number (default: the only store)"


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """``--store NAME`` after a command too (``wcconnector sync --store "Shop DE"``)."""
    # SUPPRESS: when not given here, the one given before the command stays.
    parser.add_argument("--store", metavar="NAME", default=argparse.SUPPRESS, help=STORE_HELP)


def store_option(name: str) -> str:
    """`` --store NAME`` for a command we suggest, quoted when the name has spaces."""
    return f' --store "{name}"' if " " in name else f" --store {name}"


def chosen_store(args: argparse.Namespace, db: Database) -> int:
    """The id of the store ``--store`` names, else of the only store; CliError naming choices."""
    from wcconnector_gui.storage.stores import StoreError, StoreRepository, resolve_store

    stores = StoreRepository(db)
    name = getattr(args, "store", None)
    try:
        if name is not None:
            return stores.find(name).id
        return resolve_store(db, None)
    except StoreError as exc:
        if name is not None:
            raise CliError(str(exc)) from None
        names = ", ".join(repr(s.name) for s in stores.all())
        raise CliError(
            f"this database has several stores ({names}): choose one with --store NAME"
        ) from None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_FATAL, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wcconnector",
        description="Sync back-office customers with a WooCommerce store, without a window.",
    )
    parser.add_argument("--version", action="version", version=f"wcconnector {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the app database (default: the platform data directory)"
    )
    parser.add_argument("--store", metavar="NAME", default=None, help=STORE_HELP)
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="level of the log file (default INFO)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from wcconnector_gui.runtime.logsetup import init_logging
    from wcconnector_gui.runtime.redaction import plain_error

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, bad arguments: argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_FATAL
    log_file = init_logging(args.log_level, console=False)
    try:
        code: int = args.func(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, and let Python's own
        # final flush go nowhere instead of raising again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FATAL
    except Exception as exc:  # a bug: the details go to the log, not to the screen
        log.exception("command %s failed", args.command)
        print(
            f"error: the command stopped on an unexpected problem ({plain_error(exc)}); "
            f"the details are in {log_file}",
            file=sys.stderr,
        )
        return EXIT_FATAL
    return code


if __name__ == "__main__":
    # Run as ``python -m wcconnector_gui.cli.main`` this file is loaded twice (as __main__
    # and as the module the commands import): call the imported one, so CliError is one class.
    from wcconnector_gui.cli.main import main as _main

    sys.exit(_main())
