"""No store account is created unasked: automatic pushes and recurring syncs send updates only."""

from __future__ import annotations

from wcconnector_gui.domain.setup import SETTING_HELP
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.ui.mapping_model import COL_USERNAME, COL_WEBSTORE_CUSTOMER

from .window_support import SYNC_TIMEOUT_MS


def _store_customers(sandbox) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(c["email"] for c in sandbox.store.customers.values() if c["role"] == "customer")


def test_the_create_setting_is_off_by_default_and_says_woocommerce_mails(qtbot, window) -> None:
    assert window.setup.create_accounts_automatically is False
    assert "e-mails each new account" in SETTING_HELP["create_accounts_automatically"]
    assert "create_accounts_automatically" in window.setup_view.editors


def test_auto_push_sends_updates_of_linked_customers_only(qtbot, window, sandbox) -> None:
    window.setup.push_automatically = True
    window.controller.apply_setup(window.setup)
    # Link C00001 first (an interactive Synchronize of that row, which asks).
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS):
        window.controller.synchronize(["C00001"])
    assert _store_customers(sandbox) == ["kunde1@example.de"]
    model = window.mapping_model
    # Ticking Webstore Customer on an unlinked row, or editing it, queues nothing.
    cell = model.index(model.row_of("C00002"), COL_WEBSTORE_CUSTOMER)
    from PySide6.QtCore import Qt

    assert model.setData(cell, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(model.row_of("C00003"), COL_USERNAME), "kunde3")
    assert window.controller.queued() == []
    # The linked customer's edit is queued and sent as an update.
    window.customers_view.customers_changed.emit(["C00001"])
    assert window.controller.queued() == ["C00001"]
    window.controller._auto_push.setInterval(10)
    window.controller._auto_push.start()
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        pass
    assert "created" not in blocker.args[0].counts
    assert _store_customers(sandbox) == ["kunde1@example.de"]


def test_a_queued_unlinked_row_is_not_created_by_the_automatic_push(qtbot, window, sandbox) -> None:
    # Even if an unlinked row got into the queue, the unasked push creates nothing.
    window.controller.queue_push("C00004")
    window.controller._auto_push.setInterval(10)
    window.controller._auto_push.start()
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        pass
    assert "created" not in blocker.args[0].counts
    assert _store_customers(sandbox) == []
    assert MappingRepository(window.db).get("C00004").webstore_id is None


def test_recurring_sync_creates_accounts_only_with_the_explicit_setting(
    qtbot, window, sandbox
) -> None:
    asked: list[int] = []
    window.controller.confirm_creates = lambda count: asked.append(count) or True
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.controller._on_recurring_timeout()
    assert "created" not in blocker.args[0].counts and _store_customers(sandbox) == []

    window.setup.create_accounts_automatically = True
    window.controller.apply_setup(window.setup)
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.controller._on_recurring_timeout()
    assert blocker.args[0].counts.get("created") == 6
    assert asked == []  # the setting is the user's answer


def test_demo_pushes_changes_automatically_but_asks_before_creating(tmp_path) -> None:
    from wcconnector_gui.demo.build import build_demo_database
    from wcconnector_gui.storage.database import open_database
    from wcconnector_gui.storage.setup_store import load_setup

    build_demo_database(tmp_path / "demo.db")
    db = open_database(tmp_path / "demo.db")
    setups = [load_setup(db, store) for store in (1, 2)]  # both demo stores
    db.close()
    for setup in setups:
        assert setup.push_automatically and not setup.create_accounts_automatically


def test_default_guest_customer_says_it_has_no_effect(qtbot, window) -> None:
    help_text = SETTING_HELP["default_guest_customer_no"]
    assert "not used yet" in help_text and "no orders" in help_text
    assert window.setup_view.editors["default_guest_customer_no"].toolTip() == help_text
