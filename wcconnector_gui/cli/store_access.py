"""The store connection for commands that talk to the store, with plain-words errors."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from wcconnector_gui.cli.main import CliError
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.engine import SyncEngine
from wcconnector_gui.sync.errors import SyncError, explain


def engine_for(db: Database, store: int, **kwargs: Any) -> SyncEngine:
    """A sync engine on ``store`` of ``db``; CliError when setup or credentials are missing."""
    setup = load_setup(db, store)
    try:
        client = make_client(db, setup, store)
    except SyncError as exc:
        raise CliError(explain(exc, setup.store_url, str(setup.auth))[0]) from None
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from None
    return SyncEngine(db, client, setup, store=store, **kwargs)


def store_error(engine: SyncEngine, exc: SyncError) -> CliError:
    """A store lookup's failure in the words of Test connection."""
    return CliError(explain(exc, engine.setup.store_url, str(engine.setup.auth))[0])
