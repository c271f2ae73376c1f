"""Where the app keeps its files: platformdirs, overridable for tests and portable use."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

from wcconnector_gui import APP_NAME

_DIRS = PlatformDirs(APP_NAME, appauthor=False)
DB_FILENAME = "wcconnector.db"


def data_dir() -> Path:
    """The platform data directory (``WCCONNECTOR_DATA_DIR`` overrides it)."""
    override = os.environ.get("WCCONNECTOR_DATA_DIR")
    return Path(override) if override else _DIRS.user_data_path


def log_dir() -> Path:
    """The platform log directory (``WCCONNECTOR_LOG_DIR`` overrides it)."""
    override = os.environ.get("WCCONNECTOR_LOG_DIR")
    return Path(override) if override else _DIRS.user_log_path


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
