"""Logging: one rotating file in the platform log directory, secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from wcconnector_gui.runtime.paths import ensure_private_dir, log_dir
from wcconnector_gui.runtime.redaction import redact

LOG_FILENAME = "wcconnector.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Masks credentials in the message, its arguments and any exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Format once, redact, and keep only the text.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def init_logging(
    level: str = "INFO", *, console: bool = True, directory: Path | None = None
) -> Path:
    """Set up the root logger once; returns the log file path."""
    directory = ensure_private_dir(directory or log_dir())
    path = directory / LOG_FILENAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_wcconnector", False):
            root.removeHandler(handler)
            handler.close()
    redactor = RedactingFilter()
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    os.chmod(path, 0o600)
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(redactor)
    file_handler._wcconnector = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(redactor)
        stream._wcconnector = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    quiet_http_loggers()
    return path


def quiet_http_loggers() -> None:
    """httpx logs every full URL at INFO, which would carry query-string credentials."""
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
