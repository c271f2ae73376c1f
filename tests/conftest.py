"""Shared fixtures: offscreen Qt, a temp data dir, an in-memory keyring, the sandbox store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import keyring.backend
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict, so tests never touch the user's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class FailingKeyring(keyring.backend.KeyringBackend):
    """Behaves like a machine with no keyring backend at all."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring and a clean session store."""
    from wcconnector_gui.credentials import keyring_store

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    keyring_store.reset_session_secrets()
    yield backend
    keyring_store.reset_session_secrets()
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[FailingKeyring]:
    """A machine without any keyring backend."""
    backend = FailingKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(autouse=True)
def data_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform data and log directories at a temp folder."""
    base = tmp_path_factory.mktemp("appdirs")
    monkeypatch.setenv("WCCONNECTOR_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("WCCONNECTOR_LOG_DIR", str(base / "log"))
    return base


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wcconnector.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """A freshly migrated app database."""
    from wcconnector_gui.storage.database import open_database

    database = open_database(db_path)
    yield database
    database.close()


def _running_sandbox() -> Iterator[object]:
    from wcconnector_gui.sandbox import start_sandbox

    running = start_sandbox(seed=0)
    yield running
    running.stop()


@pytest.fixture
def sandbox() -> Iterator[object]:
    """A sandbox store on a free loopback port (plain HTTP, OAuth 1.0a), empty."""
    yield from _running_sandbox()


@pytest.fixture
def second_sandbox() -> Iterator[object]:
    """Another store like ``sandbox``, for a database with two stores."""
    yield from _running_sandbox()


@pytest.fixture
def sandbox_https(tmp_path: Path) -> Iterator[object]:
    """A sandbox store over HTTPS with a throw-away self-signed certificate."""
    from wcconnector_gui.sandbox import start_sandbox

    running = start_sandbox(seed=0, https=True, cert_dir=tmp_path)
    yield running
    running.stop()
