"""A sync finds how many requests the store takes at once, and the next sync starts there."""

from __future__ import annotations

from typing import Any

from sync_support import add_customers, configure, engine

from wcconnector_gui.storage.setup_store import learned_concurrency, save_learned_concurrency
from wcconnector_gui.sync.engine import SyncOptions
from wcconnector_gui.woo.concurrency import Phase


def run(db: Any) -> Any:
    eng = engine(db)
    try:
        summary = eng.run(SyncOptions())
    finally:
        eng.client.close()
    return summary, eng.concurrency


def test_the_limit_a_sync_found_is_where_the_next_one_starts(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, batch_size="10", concurrency="6")
    add_customers(db, 200)
    summary, found = run(db)
    assert summary.ok and summary.counts == {"created": 200}
    learned = learned_concurrency(db, sandbox.url)
    assert learned is not None and 1 <= learned <= 6
    assert learned == found.good_limit
    add_customers(db, 10, start=500)
    _, again = run(db)
    assert again.history[0][1] == learned  # started where the last run ended


def test_a_fixed_setting_is_kept_and_nothing_is_learnt(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, batch_size="10", concurrency="3", adapt_concurrency="off")
    save_learned_concurrency(db, sandbox.url, 5)
    add_customers(db, 100)
    summary, control = run(db)
    assert summary.ok and control.phase == Phase.FIXED and control.limit == 3
    assert [limit for _, limit in control.history] == [3]
    assert learned_concurrency(db, sandbox.url) == 5
