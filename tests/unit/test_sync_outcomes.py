"""A run's outcomes: one per customer per direction, labelled, and counts that add up."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sync_support import add_customers, configure, sync

from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository


def both_ways(db: Any, sandbox: Any, **settings: str) -> None:
    """Push and pull, each side allowed to update the other."""
    configure(
        db,
        sandbox,
        pull_customers="all",
        can_update_webstore_customers="on",
        store_can_update_customers="on",
        **settings,
    )


def test_counts_are_per_direction_and_add_up(db: Any, sandbox: Any) -> None:
    # As reported: 5 customers gave "1 failed, 1 skipped, 8 unchanged" with no direction.
    both_ways(db, sandbox)
    add_customers(db, 5)
    assert sync(db).by_direction == {"push": {"created": 5}}
    CustomerRepository(db).update("C00002", {"email": "not-an-email"})
    sandbox.store.poison(sandbox.store.find_by_email("person3@example.com")["id"])

    summary = sync(db)

    assert summary.by_direction == {
        "pull": {"unchanged": 4, "failed": 1},
        "push": {"unchanged": 4, "skipped": 1},
    }
    for counts in summary.by_direction.values():
        assert sum(counts.values()) == 5  # one outcome per customer per direction
    assert summary.counts == {"unchanged": 8, "failed": 1, "skipped": 1}
    entries = SyncLogRepository(db).entries(summary.run_id)
    got = sorted((e["direction"], e["customer_no"], e["action"]) for e in entries)
    # The unreadable store record is named by the customer it belongs to.
    assert got == [("pull", "C00003", "failed"), ("push", "C00002", "skipped")]
    run = SyncLogRepository(db).runs(limit=1)[0]
    assert run["direction_counts"] == summary.by_direction


def test_every_record_has_one_outcome_per_direction_in_a_mixed_run(db: Any, sandbox: Any) -> None:
    both_ways(db, sandbox, auto_create_unknown="off")
    add_customers(db, 6)
    sync(db)
    repo = CustomerRepository(db)
    repo.update("C00001", {"city": "Troy"})  # push update
    repo.update("C00002", {"city": "Utica"})  # changed on both sides: conflict
    store2 = sandbox.store.find_by_email("person2@example.com")
    sandbox.store.update_customer_direct(store2["id"], billing={"city": "Rome"})
    store3 = sandbox.store.find_by_email("person3@example.com")
    sandbox.store.update_customer_direct(store3["id"], billing={"city": "Ithaca"})  # pull update
    repo.update("C00004", {"phone": "12"})  # skipped
    summary = sync(db)
    entries = SyncLogRepository(db).entries(summary.run_id)
    per = Counter((e["direction"], e["customer_no"]) for e in entries)
    assert max(per.values()) == 1
    assert summary.by_direction["pull"]["conflict"] == 1
    assert summary.by_direction["pull"]["updated"] == 1
    assert summary.by_direction["push"]["updated"] == 1
    assert summary.by_direction["push"]["skipped"] == 1
    assert sum(summary.by_direction["pull"].values()) == 6
    # The conflict was reported by the pull; the push leaves that customer alone.
    assert sum(summary.by_direction["push"].values()) == 5


def test_customers_our_push_updated_count_as_unchanged_in_the_next_pull(
    db: Any, sandbox: Any
) -> None:
    # The store's date_modified moves when we update it: the next pull must still
    # give those customers their outcome (it gave none, so counts did not add up).
    both_ways(db, sandbox)
    add_customers(db, 5)
    sync(db)
    repo = CustomerRepository(db)
    repo.update("C00001", {"city": "Troy"})
    repo.update("C00002", {"city": "Rome"})
    assert sync(db).by_direction == {
        "pull": {"unchanged": 5},
        "push": {"updated": 2, "unchanged": 3},
    }
    assert sync(db).by_direction == {"pull": {"unchanged": 5}, "push": {"unchanged": 5}}


def test_store_changes_not_taken_still_count_once(db: Any, sandbox: Any) -> None:
    configure(db, sandbox, pull_customers="all", can_update_webstore_customers="on")
    add_customers(db, 3)
    sync(db)
    store1 = sandbox.store.find_by_email("person1@example.com")
    sandbox.store.update_customer_direct(store1["id"], billing={"city": "Rome"})
    summary = sync(db)
    assert sum(summary.by_direction["pull"].values()) == 3
