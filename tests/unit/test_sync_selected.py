"""A sync of some customers reads only their store customers (by id), then pushes them."""

from __future__ import annotations

from typing import Any

from sync_support import add_customers, configure, engine, sync

from wcconnector_gui.domain.sync_run import Direction
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.sync.engine import SyncOptions


def test_selected_pull_reads_by_id_in_pages_of_100(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, can_update_webstore_customers="on")
    nos = add_customers(db, 130)
    assert sync(db).counts == {"created": 130}
    configure(db, sandbox, pull_customers="all", store_can_update_customers="on",
              can_update_webstore_customers="on")  # fmt: skip
    mappings = MappingRepository(db)
    for no in nos[:3]:
        sandbox.store.update_customer_direct(mappings.get(no).webstore_id, billing={"city": "X"})
    sandbox.store.add_customer(email="new@store.example")  # not selected: not read
    sandbox.store.reset_request_log()
    eng = engine(db)
    summary = eng.run(SyncOptions(direction=Direction.PULL, customer_nos=nos[:120]))
    eng.client.close()
    assert summary.counts == {"updated": 3, "unchanged": 117}
    assert summary.requests == 2  # 120 ids: 100 + 20
    assert [CustomerRepository(db).get(no).city for no in nos[:4]] == ["X", "X", "X", "Springfield"]
    assert CustomerRepository(db).find_by_email("new@store.example") == []
