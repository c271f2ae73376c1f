"""Synchronize Selected asks the store for the selected customers and applies the pull rules."""

from __future__ import annotations

from urllib.parse import parse_qs

from wcconnector_gui.domain.setup import PullMode
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import save_settings

from .window_support import SYNC_TIMEOUT_MS


def _sync_selected(qtbot, window, nos: list[str]):  # type: ignore[no-untyped-def]
    window.mapping_view.select_customers(nos)
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.sync_selected_action.trigger()
    return blocker.args[0]


def test_a_store_side_change_of_a_selected_customer_is_pulled(qtbot, window, sandbox) -> None:
    first = _sync_selected(qtbot, window, ["C00001", "C00002", "C00003"])
    assert first.counts == {"created": 3}
    save_settings(window.db, {"pull_customers": PullMode.ALL, "store_can_update_customers": True})
    ids = {no: MappingRepository(window.db).get(no).webstore_id for no in ("C00001", "C00002")}
    sandbox.store.update_customer_direct(ids["C00001"], billing={"city": "Store City"})
    sandbox.store.update_customer_direct(ids["C00002"], billing={"city": "Other City"})
    CustomerRepository(window.db).update("C00002", {"city": "Office City"})  # both sides
    sandbox.store.reset_request_log()

    summary = _sync_selected(qtbot, window, ["C00001", "C00002", "C00004"])

    assert CustomerRepository(window.db).get("C00001").city == "Store City"
    assert CustomerRepository(window.db).get("C00002").city == "Office City"  # not overwritten
    assert summary.counts.get("conflict") == 1
    assert summary.counts.get("created") == 1  # C00004, pushed after the pull
    lists = [
        q for m, p, q, _ in sandbox.store.request_log if m == "GET" and p.endswith("/customers")
    ]
    reads = [parse_qs(q) for q in lists if "include" in parse_qs(q)]
    assert len(reads) == 1  # the two linked rows, in one request by id
    (read,) = reads
    assert sorted(int(i) for i in read["include"][0].split(",")) == sorted(ids.values())
    assert read["role"] == ["all"] and read["per_page"] == ["100"]
    # C00003 was not selected: the store was not asked about it.
    assert CustomerRepository(window.db).get("C00003").city == ""


def test_nothing_is_pulled_when_the_setup_pulls_nothing(qtbot, window, sandbox) -> None:
    _sync_selected(qtbot, window, ["C00001"])
    webstore_id = MappingRepository(window.db).get("C00001").webstore_id
    sandbox.store.update_customer_direct(webstore_id, billing={"city": "Store City"})
    sandbox.store.reset_request_log()
    _sync_selected(qtbot, window, ["C00001"])
    assert not any("include" in q for _m, _p, q, _s in sandbox.store.request_log)
    assert CustomerRepository(window.db).get("C00001").city != "Store City"
