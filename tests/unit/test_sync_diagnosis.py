"""A run that fails on the store's door says what Test connection would say, in plain words."""

from __future__ import annotations

from typing import Any

import pytest
from sync_support import add_customers, configure, sync

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.setup_store import store_id
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.woo.diagnose import test_connection as diagnose


@pytest.mark.parametrize("pull", ["all", "off"])
@pytest.mark.parametrize(("wrong", "problem"), [("secret", "secret_wrong"), ("key", "key_unknown")])
def test_refused_credentials_are_explained(
    db: Any, sandbox: Any, pull: str, wrong: str, problem: str
) -> None:
    configure(db, sandbox, pull_customers=pull)
    add_customers(db, 2)
    key, secret = sandbox.consumer_key, sandbox.consumer_secret
    if wrong == "secret":
        secret = "cs_" + "0" * 40
        keyring_store.set_secret(keyring_store.consumer_secret_name(store_id(db)), secret)
    else:
        key = "ck_" + "0" * 40
        keyring_store.set_secret(keyring_store.consumer_key_name(store_id(db)), key)
    window = diagnose(sandbox.url, key, secret, auth="oauth1")
    assert window.problem == problem

    summary = sync(db)

    assert summary.status == RunStatus.FAILED
    assert summary.problem == problem
    assert summary.error == window.text
    assert "HTTP 401" not in summary.error and "woocommerce_rest" not in summary.error
    run = SyncLogRepository(db).runs(limit=1)[0]
    assert (run["problem"], run["error"]) == (problem, window.text)


def test_unreachable_store_is_explained(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, pull_customers="all")
    add_customers(db, 1)
    url, key, secret = sandbox.url, sandbox.consumer_key, sandbox.consumer_secret
    sandbox.stop()
    window = diagnose(url, key, secret, auth="oauth1")
    summary = sync(db)
    assert summary.problem == window.problem == "unreachable"
    assert summary.error == window.text
