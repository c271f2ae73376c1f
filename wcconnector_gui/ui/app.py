"""Starting the window: QApplication, crash handling, the demo, debug screenshots."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wcconnector_gui import APP_NAME, __version__
from wcconnector_gui.runtime.paths import default_db_path
from wcconnector_gui.storage.database import DatabaseError
from wcconnector_gui.ui import gui_gc
from wcconnector_gui.ui.crash import install_excepthook, route_qt_messages
from wcconnector_gui.ui.icons import icon
from wcconnector_gui.ui.translation import install_translators

log = logging.getLogger(__name__)

SCREENSHOT_VIEWS = ("mapping", "setup", "customers", "webstore", "templates", "conflicts", "log")


# Python threads hand over the GIL every 5 ms by default; with the sync worker and its
# request threads busy, the GUI thread could wait several of those turns in a row.
GIL_SWITCH_INTERVAL = 0.001


def tune_interpreter() -> None:
    """Let the GUI thread get the GIL back sooner while workers run."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def run(args: argparse.Namespace) -> int:
    """Open the main window; returns the exit code."""
    tune_interpreter()
    route_qt_messages()
    install_excepthook()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(icon("app"))
    gui_gc.install(app)
    install_translators(app)  # the system locale's language (LANG on Linux)

    demo = None
    title_note = ""
    if args.demo:
        from wcconnector_gui.demo.build import start_demo

        demo = start_demo()
        db_path: Path = demo.db_path
        title_note = QCoreApplication.translate("App", "demo (sandbox store at {0})").format(
            demo.sandbox.url
        )
    else:
        db_path = Path(args.db) if args.db else default_db_path()
    try:
        from wcconnector_gui.ui.main_window import MainWindow

        try:
            window = MainWindow(db_path, title_note=title_note)
        except DatabaseError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 2
        window.show()
        if getattr(args, "quit_after", None) is not None:
            QTimer.singleShot(int(args.quit_after * 1000), window.close)
        if args.screenshot:
            _schedule_screenshot(window, args)
        return int(app.exec())
    finally:
        if demo is not None:
            demo.stop()


def _schedule_screenshot(window: Any, args: argparse.Namespace) -> None:
    """Debug: show a view (optionally after a sync), grab the window, save, quit."""
    view = args.screenshot_view
    size = getattr(args, "screenshot_size", None)
    if size:  # e.g. 1600x1000 (the README's) or 900x600
        width, _, height = size.partition("x")
        window.resize(int(width), int(height))
    if view in SCREENSHOT_VIEWS:
        window.side.setCurrentRow(SCREENSHOT_VIEWS.index(view))

    def shoot() -> None:
        window.grab().save(args.screenshot)
        log.info("screenshot saved to %s", args.screenshot)
        window.close()
        QApplication.quit()

    if args.screenshot_sync:
        window.controller.confirm_creates = lambda count: True
        window.controller.finished.connect(lambda _s: QTimer.singleShot(400, shoot))
        window.controller.failed.connect(lambda _m: QTimer.singleShot(400, shoot))
        QTimer.singleShot(300, window.synchronize)
        if view == "mapping":
            QTimer.singleShot(300, lambda: window.mapping_view.table.selectRow(2))
    else:
        QTimer.singleShot(800, shoot)
