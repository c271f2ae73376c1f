"""The window with two stores: the store selector, syncing one or all, the store list."""

from __future__ import annotations

from typing import Any

import pytest

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import save_settings, store_id
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.ui.main_window import MainWindow
from wcconnector_gui.ui.mapping_model import COL_USERNAME, COL_WEBSTORE_ID

from .window_support import SYNC_TIMEOUT_MS, prepare


@pytest.fixture
def two_stores(db_path, sandbox, second_sandbox) -> int:  # type: ignore[no-untyped-def]
    """Store 1 on ``sandbox`` with C00001..C00004 ticked; "Shop CA" on the second, C00002 only."""
    prepare(db_path, sandbox, 4)
    db = open_database(db_path)
    second = StoreRepository(db).add("Shop CA").id
    save_settings(
        db,
        {"store_url": second_sandbox.url, "auth": "oauth1", "push_customers": True},
        second,
    )
    sid = store_id(db, second)
    keyring_store.set_secret(keyring_store.consumer_key_name(sid), second_sandbox.consumer_key)
    keyring_store.set_secret(
        keyring_store.consumer_secret_name(sid), second_sandbox.consumer_secret
    )
    mappings = MappingRepository(db, 1)
    for n in range(1, 5):
        mappings.update(f"C{n:05d}", username=f"one{n}")
    MappingRepository(db, second).update("C00002", webstore_customer=True, username="ca2")
    SyncLogRepository(db, second).open_conflict(
        "C00003",
        9,
        "both_changed",
        "changed on both sides",
        {"no": "C00003", "city": "Bonn"},
        {"id": 9, "email": "kunde3@example.de", "billing": {"city": "Köln"}},
    )
    db.close()
    return second


def _usernames(win: MainWindow) -> list[str]:
    model = win.mapping_model
    return [model.index(r, COL_USERNAME).data() for r in range(model.rowCount())]


def _choose(qtbot: Any, win: MainWindow, store: int) -> None:
    win.store_box.setCurrentIndex(win.store_box.findData(store))
    qtbot.waitUntil(lambda: win.mapping_model.store == store and win.mapping_model.loaded)
    qtbot.waitUntil(lambda: not win.controller.runner.busy())


def test_the_views_follow_the_chosen_store(
    qtbot, db_path, sandbox, second_sandbox, two_stores, open_window
) -> None:
    win = open_window(db_path)
    assert [win.store_box.itemText(i) for i in range(win.store_box.count())] == [
        "Store 1",
        "Shop CA",
    ]
    assert _usernames(win) == ["one1", "one2", "one3", "one4"]
    assert win.all_stores_box.isEnabled() and not win.all_stores_box.isChecked()
    _choose(qtbot, win, two_stores)
    qtbot.waitUntil(lambda: _usernames(win) == ["", "ca2", "", ""])
    assert win.setup_view.editors["store_url"].text() == second_sandbox.url
    assert win.store_label.text() == f"Store Shop CA: {second_sandbox.url}"
    win.side.setCurrentRow(5)  # Conflicts: this store's, compared with its setup
    assert win.conflicts_view.model.rowCount() == 1
    win.conflicts_view.table.selectRow(0)
    assert "Köln" in win.conflicts_view.compare.toPlainText()
    win.side.setCurrentRow(0)
    with qtbot.waitSignal(win.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        win.synchronize()
    summary = blocker.args[0]
    assert summary.status == RunStatus.DONE and summary.counts == {"created": 1}
    assert second_sandbox.store.count() == 1 and sandbox.store.count() == 0
    model = win.mapping_model
    qtbot.waitUntil(lambda: model.index(model.row_of("C00002"), COL_WEBSTORE_ID).data() != "")
    win.side.setCurrentRow(6)  # Sync Log: this store's run only
    qtbot.waitUntil(lambda: win.log_view.runs.rowCount() == 1)  # read on a worker
    _choose(qtbot, win, 1)
    qtbot.waitUntil(lambda: _usernames(win)[:2] == ["one1", "one2"])
    qtbot.waitUntil(lambda: win.log_view.runs.rowCount() == 0)
    win.side.setCurrentRow(5)
    qtbot.waitUntil(lambda: win.conflicts_view.model.rowCount() == 0)
    assert model.index(model.row_of("C00002"), COL_WEBSTORE_ID).data() == ""


def test_with_all_stores_on_synchronize_runs_each_store_one_after_the_other(
    qtbot, db_path, sandbox, second_sandbox, two_stores, open_window
) -> None:
    win = open_window(db_path)
    asked: list[int] = []
    win.controller.confirm_creates = lambda count: asked.append(count) or True
    finished: list[Any] = []
    win.controller.finished.connect(finished.append)
    win.all_stores_box.setChecked(True)
    win.mapping_view.select_customers(["C00002", "C00003"])
    assert win.synchronize_selected()  # the selected customers, in every store
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=2 * SYNC_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not win.controller.is_busy())
    assert asked == [3]  # every store's new accounts, asked once: 2 + 1
    assert [s.counts for s in finished] == [{"created": 2}, {"created": 1}]
    assert sandbox.store.count() == 2 and second_sandbox.store.count() == 1
    assert win.synchronize()  # everything, in every store
    qtbot.waitUntil(lambda: len(finished) == 4, timeout=2 * SYNC_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not win.controller.is_busy())
    # Store 1 creates the other two; store 2 (Can Update off) has nothing to send.
    assert [s.counts for s in finished[2:]] == [{"created": 2, "unchanged": 2}, {}]
    assert sandbox.store.count() == 4 and second_sandbox.store.count() == 1
    model = win.mapping_model  # the grid shows store 1's links
    assert all(model.index(r, COL_WEBSTORE_ID).data() != "" for r in range(model.rowCount()))
    db = open_database(db_path)
    assert len(SyncLogRepository(db, 1).runs()) == len(SyncLogRepository(db, two_stores).runs())
    db.close()


def test_the_store_list_adds_renames_and_removes_saying_what_goes(
    qtbot, db_path, two_stores, open_window, monkeypatch
) -> None:
    win = open_window(db_path)
    _choose(qtbot, win, two_stores)
    win.manage_stores()
    dialog = win._stores_dialog
    assert dialog is not None
    names = iter(["Shop MX", "Shop Mexico"])
    monkeypatch.setattr(dialog, "ask_name", lambda *args: next(names))
    dialog.add_button.click()
    assert win.store_box.count() == 3 and win.store_box.itemText(2) == "Shop MX"
    dialog.rename_button.click()  # the new store is selected in the list
    assert win.store_box.itemText(2) == "Shop Mexico"
    assert win.store_label.text().startswith("Store Shop CA: ")
    said: list[str] = []

    def confirm(store: Any, impact: Any) -> bool:
        said.append(dialog.removal_text(store.name, impact))
        return True

    monkeypatch.setattr(dialog, "confirm_removal", confirm)
    dialog.list.setCurrentRow(1)  # Shop CA, the store shown
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: win.store_box.count() == 2)
    assert "its 1 mapping(s), 0 of them linked" in said[0]
    assert "Back-office customers stay" in said[0]
    qtbot.waitUntil(lambda: win.mapping_model.store == 1 and win.mapping_model.loaded)
    assert win.store == 1 and win.store_box.currentText() == "Store 1"
    qtbot.waitUntil(lambda: _usernames(win) == ["one1", "one2", "one3", "one4"])
    dialog.close()


def test_an_automatic_push_goes_to_the_store_the_edit_was_made_in(
    qtbot, db_path, two_stores, open_window, monkeypatch
) -> None:
    win = open_window(db_path)
    controller = win.controller
    calls: list[tuple[list[str], Any]] = []
    monkeypatch.setattr(
        controller, "synchronize", lambda nos, **kw: calls.append((nos, kw["stores"])) or True
    )
    controller.queue_push("C00001")
    _choose(qtbot, win, two_stores)  # another store chosen before the push went out
    controller.queue_push("C00002")
    controller.queue_push("C00003")
    assert controller.queued() == ["C00001", "C00002", "C00003"]
    controller._on_auto_push_timeout()
    controller._on_auto_push_timeout()
    assert calls == [(["C00001"], [1]), (["C00002", "C00003"], [two_stores])]
    assert controller.queued() == []


def test_each_store_syncs_by_itself_at_its_own_interval(
    qtbot, db_path, sandbox, second_sandbox, two_stores, open_window
) -> None:
    db = open_database(db_path)
    save_settings(db, {"sync_interval_minutes": 15}, 1)
    save_settings(
        db, {"sync_interval_minutes": 60, "create_accounts_automatically": True}, two_stores
    )
    db.close()
    win = open_window(db_path)
    controller = win.controller
    assert controller.recurring_interval_ms(1) == 15 * 60_000
    assert controller.recurring_interval_ms(two_stores) == 60 * 60_000
    asked: list[int] = []
    controller.confirm_creates = lambda count: asked.append(count) or True
    with qtbot.waitSignal(controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        controller._recurring[two_stores].timeout.emit()  # store two's turn; store 1 shown
    assert blocker.args[0].counts == {"created": 1}  # its own setting allows creating
    assert second_sandbox.store.count() == 1 and sandbox.store.count() == 0 and asked == []
    win.manage_stores()
    dialog = win._stores_dialog
    dialog.confirm_removal = lambda store, impact: True
    dialog.list.setCurrentRow(1)
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: win.store_box.count() == 1)
    assert controller.recurring_interval_ms(two_stores) == 0  # a removed store stops
    assert controller.recurring_interval_ms(1) == 15 * 60_000
    dialog.close()
