"""``wcconnector-gui`` / ``python -m wcconnector_gui``: open the window.

``--version`` and ``--help`` answer before PySide6 is imported, so they work
without a display; a machine where no window can open gets a plain message and
exit code 2 before Qt is loaded (runtime/display.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from wcconnector_gui import __version__

EXIT_NO_WINDOW = 2  # nothing done, as the CLI's exit code 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wcconnector-gui",
        description="Keep back-office customers in sync with a WooCommerce store.",
    )
    parser.add_argument("--version", action="version", version=f"wcconnector-gui {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a fresh demo database and a built-in sandbox store filled with samples",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="the app database (default: the platform data directory)"
    )
    parser.add_argument(
        "--log-level",
        default="INFO",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="level of the log file (default INFO)",
    )
    # Debug helpers for screenshots (not shown in --help).
    parser.add_argument("--screenshot", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot-view", default="mapping", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot-sync", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--screenshot-size", metavar="WxH", help=argparse.SUPPRESS)
    # For CI: open the window, then close it after this many seconds (exit 0).
    parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app starts its sync processes through here
    args = build_parser().parse_args(argv)
    from wcconnector_gui.runtime.display import display_problem
    from wcconnector_gui.runtime.logsetup import init_logging

    init_logging(args.log_level)
    problem = display_problem()
    if problem is not None:
        logging.getLogger(__name__).info("no window: %s", problem)
        print(problem, file=sys.stderr)
        return EXIT_NO_WINDOW
    from wcconnector_gui.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
