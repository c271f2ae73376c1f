"""Crash handling: uncaught exceptions are logged and shown; Qt messages go to logging."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType
from typing import NoReturn

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from wcconnector_gui.runtime.display import SEE_README
from wcconnector_gui.runtime.redaction import redact

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
    if kind == QtMsgType.QtFatalMsg:
        stop_on_fatal(message)


def stop_on_fatal(message: str) -> NoReturn:
    """Qt is about to abort (exit 134, maybe a core file): say why in plain words, exit 2.

    The display check before start (runtime/display.py) catches the usual cases; this is
    for the rest, such as a platform plugin named in QT_QPA_PLATFORM that cannot start.
    """
    said = redact(message.strip().splitlines()[0] if message.strip() else "no reason given")
    if "platform plugin" in message:
        chosen = os.environ.get("QT_QPA_PLATFORM")
        named = f" {chosen!r} (from QT_QPA_PLATFORM)" if chosen else ""
        text = (
            f"wcconnector-gui cannot open its window: Qt could not start its display "
            f"plugin{named}.\n{SEE_README}"
        )
    else:
        text = f"wcconnector-gui had to stop: Qt said: {said}\nThe log file has the details."
    print(text, file=sys.stderr, flush=True)
    logging.shutdown()
    os._exit(2)


def route_qt_messages() -> None:
    """Send Qt's own messages (qWarning...) to the ``qt`` logger."""
    qInstallMessageHandler(_qt_message_handler)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        return
    details = redact("".join(traceback.format_exception(kind, value, tb)))
    box = QMessageBox(QMessageBox.Icon.Critical, "wcconnector-gui", "")
    box.setText(
        QCoreApplication.translate(
            "Crash",
            "Something went wrong inside wcconnector-gui. Your data is safe: every record is "
            "saved as it completes. The details were written to the log file.",
        )
    )
    box.setInformativeText(redact(str(value)) or kind.__name__)
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = _excepthook
