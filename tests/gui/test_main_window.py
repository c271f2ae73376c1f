"""The main window against a real sandbox store: selective sync, cancel, close, keyring, setup."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.setup import PullMode
from wcconnector_gui.domain.sync_run import RunStatus
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.setup_store import save_settings, store_id
from wcconnector_gui.ui.main_window import MainWindow
from wcconnector_gui.ui.mapping_model import COL_NO, COL_STATUS, COL_WEBSTORE_ID

from .window_support import SYNC_TIMEOUT_MS
from .window_support import prepare as _prepare


def _select(win: MainWindow, nos: list[str]) -> None:
    win.mapping_view.select_customers(nos)
    assert sorted(win.mapping_view.selected_customer_nos()) == sorted(nos)


def test_synchronize_selected_syncs_exactly_the_selection(qtbot, window, sandbox) -> None:
    asked: list[int] = []
    window.controller.confirm_creates = lambda count: asked.append(count) or True
    window.mapping_view.filter_edit.setText("kunde")
    window.mapping_view.apply_filter_now()
    window.mapping_view.table.sortByColumn(COL_NO, Qt.SortOrder.DescendingOrder)
    _select(window, ["C00002", "C00005"])
    assert window.sync_selected_action.isEnabled()
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.sync_selected_action.trigger()
    summary = blocker.args[0]
    assert summary.status == RunStatus.DONE
    assert summary.counts.get("created") == 2
    assert asked == [2]  # told about the account invitations before the push
    emails = sorted(c["email"] for c in sandbox.store.customers.values() if c["role"] == "customer")
    assert emails == ["kunde2@example.de", "kunde5@example.de"]
    model = window.mapping_model
    for no in ("C00002", "C00005"):
        row = model.row_of(no)
        assert model.index(row, COL_WEBSTORE_ID).data() != ""
        assert model.index(row, COL_STATUS).data().startswith("synced")
    assert model.index(model.row_of("C00001"), COL_WEBSTORE_ID).data() == ""
    assert not window.progress_bar.isVisible()
    assert window.sync_action.isEnabled()


def test_declining_the_invitation_question_sends_nothing(qtbot, window, sandbox) -> None:
    window.controller.confirm_creates = lambda count: False
    with qtbot.waitSignal(window.controller.running_changed, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.synchronize()
        # first True (counting), then False (declined)
    qtbot.waitUntil(lambda: not window.controller.is_busy(), timeout=SYNC_TIMEOUT_MS)
    assert blocker.signal_triggered
    assert not any(c["role"] == "customer" for c in sandbox.store.customers.values())


def test_stop_cancels_after_the_current_batch(qtbot, db_path, open_window) -> None:
    from wcconnector_gui.sandbox import start_sandbox

    store = start_sandbox(seed=0, latency_ms=40)
    try:
        _prepare(db_path, store, 120, batch_size=5)
        win = open_window(db_path)
        win.controller.progress.connect(lambda p: win.stop() if p.outcomes else None)
        with qtbot.waitSignal(win.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
            win.synchronize()
        summary = blocker.args[0]
        assert summary.status == RunStatus.CANCELLED
        assert 0 < summary.counts.get("created", 0) < 120
        assert (
            len([c for c in store.store.customers.values() if c["role"] == "customer"])
            == (summary.counts["created"])
        )
        win.close()
    finally:
        store.stop()


def test_closing_during_a_sync_cancels_and_waits(qtbot, db_path, open_window) -> None:
    from wcconnector_gui.sandbox import start_sandbox

    store = start_sandbox(seed=0, latency_ms=40)
    try:
        _prepare(db_path, store, 120, batch_size=5)
        win = open_window(db_path)
        win.synchronize()
        qtbot.waitUntil(win.controller.is_running, timeout=SYNC_TIMEOUT_MS)
        with qtbot.waitSignal(win.controller.progress, timeout=SYNC_TIMEOUT_MS):
            pass
        runner = win.controller.runner
        threads = [t for t, _w in runner._running]
        win.close()  # cancels, quits and waits (never terminates)
        assert threads and not any(t.isRunning() for t in threads)
        qtbot.waitUntil(lambda: not shiboken6.isValid(win))  # deleted on this thread
        db = open_database(db_path)
        run = db.execute("SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1").fetchone()
        db.close()
        assert run[0] == RunStatus.CANCELLED
    finally:
        store.stop()


def test_failed_sync_is_shown_in_plain_words(qtbot, db_path, sandbox, open_window) -> None:
    _prepare(db_path, sandbox, 2)
    db = open_database(db_path)
    sid = store_id(db)
    db.close()
    keyring_store.delete_secret(keyring_store.consumer_key_name(sid))
    win = open_window(db_path)
    with qtbot.waitSignal(win.controller.failed, timeout=SYNC_TIMEOUT_MS):
        win.synchronize()
    assert "consumer key" in win.error_label.text()
    win.close()


def test_no_keyring_shows_the_banner_and_session_only_works(
    qtbot, db_path, no_keyring, open_window
) -> None:
    db = open_database(db_path)
    CustomerRepository(db).create(Customer(no="C00010", name="A", email="a@example.de"))
    db.close()
    win = open_window(db_path)
    win.show()
    assert win.banner.isVisible()
    assert "No secure keyring" in win.banner.label.text()
    qtbot.mouseClick(win.banner.session_button, Qt.MouseButton.LeftButton)
    assert not win.banner.isVisible()
    assert keyring_store.is_session_only()
    win.setup_view.consumer_key.setText("ck_session")
    win.setup_view.consumer_secret.setText("cs_session")
    win.setup_view._set_editor("store_url", "https://shop.example.com")
    assert win.setup_view.save()
    db = open_database(db_path)
    sid = store_id(db)
    db.close()
    # Kept in memory for this session (the failing backend was never needed).
    assert keyring_store.get_secret(keyring_store.consumer_key_name(sid)) == "ck_session"
    assert "this session only" in win.setup_view.keyring_label.text()
    win.close()


def test_test_connection_shows_the_diagnosis(qtbot, db_path, sandbox, open_window) -> None:
    _prepare(db_path, sandbox, 1)
    win = open_window(db_path)
    view = win.setup_view
    qtbot.waitUntil(lambda: True)
    view.test_connection()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    assert "✔" in view.diagnosis_label.text()
    view.consumer_secret.setText("cs_" + "0" * 40)
    view.test_connection()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    assert "✘" in view.diagnosis_label.text()
    win.close()


def test_setup_form_saves_every_setting(qtbot, window) -> None:
    view = window.setup_view
    view._set_editor("sync_interval_minutes", 15)
    view._set_editor("push_automatically", True)
    view._set_editor("store_url", "ftp://shop.example.com")
    assert not view.save()
    assert "Store URL" in view.message_label.text()
    view._set_editor("store_url", window.setup.store_url)
    assert view.save()
    assert window.setup.sync_interval_minutes == 15
    assert window.controller.recurring_interval_ms() == 15 * 60_000
    assert view.consumer_key.text() == ""  # never shown back in clear
    assert "keyring" in view.consumer_key.placeholderText()


def test_push_automatically_queues_edited_mapped_rows(qtbot, window) -> None:
    window.setup.push_automatically = True
    window.setup.create_accounts_automatically = True  # the explicit setting for creates
    window.controller.apply_setup(window.setup)
    model = window.mapping_model
    from wcconnector_gui.ui.mapping_model import COL_USERNAME

    assert model.setData(model.index(model.row_of("C00003"), COL_USERNAME), "kunde3")
    assert window.controller.queued() == ["C00003"]
    window.controller._auto_push.setInterval(10)
    window.controller._auto_push.start()
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        pass
    assert blocker.args[0].counts.get("created") == 1
    assert window.controller.queued() == []


def test_typed_webstore_id_is_checked_against_the_store(qtbot, window, sandbox) -> None:
    created = sandbox.store.add_customer(email="someone@example.de", first_name="Some")
    model = window.mapping_model
    cell = model.index(model.row_of("C00001"), COL_WEBSTORE_ID)
    assert model.setData(cell, "999999")
    qtbot.waitUntil(lambda: "no customer" in cell.siblingAtColumn(COL_STATUS).data())
    assert model.setData(cell, str(created["id"]))
    qtbot.waitUntil(
        lambda: (
            cell.data() == str(created["id"])
            and "synced" in cell.siblingAtColumn(COL_STATUS).data()
        )
    )
    assert MappingRepository(window.db).get("C00001").webstore_id == created["id"]


def test_suggest_mapping_dialog_applies_only_unambiguous(qtbot, open_window) -> None:
    from wcconnector_gui.demo.build import start_demo

    session = start_demo()
    try:
        win = open_window(session.db_path)
        win.suggest_mapping()
        qtbot.waitUntil(lambda: win._suggest_dialog is not None, timeout=SYNC_TIMEOUT_MS)
        dialog = win._suggest_dialog
        suggestions = dialog.model.suggestions
        assert any(s.ambiguous for s in suggestions)
        chosen = dialog.chosen_suggestions()
        assert chosen and not any(s.ambiguous for s in chosen)
        before = MappingRepository(win.db, win.store).get(chosen[0].customer_no).webstore_id
        assert before is None
        dialog.accept()
        qtbot.waitUntil(
            lambda: (
                MappingRepository(win.db, win.store).get(chosen[0].customer_no).webstore_id
                == chosen[0].webstore_id
            ),
            timeout=SYNC_TIMEOUT_MS,
        )
        row = win.mapping_model.row_of(chosen[0].customer_no)
        qtbot.waitUntil(
            lambda: (
                win.mapping_model.index(row, COL_WEBSTORE_ID).data() == str(chosen[0].webstore_id)
            )
        )
        win.close()
    finally:
        session.stop()


def test_conflict_shows_both_sides_and_keep_store_resolves_it(
    qtbot, db_path, sandbox, open_window
) -> None:
    _prepare(db_path, sandbox, 2)
    db = open_database(db_path)
    settings = {"pull_customers": PullMode.ALL, "store_can_update_customers": True}
    save_settings(db, settings)
    db.close()
    win = open_window(db_path)
    with qtbot.waitSignal(win.controller.finished, timeout=SYNC_TIMEOUT_MS):
        win.sync_action.trigger()
    store_id_ = MappingRepository(win.db).get("C00001").webstore_id
    sandbox.store.update_customer_direct(store_id_, billing={"city": "Store City"})
    CustomerRepository(win.db).update("C00001", {"city": "Office City"})
    with qtbot.waitSignal(win.controller.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        win.sync_action.trigger()
    assert blocker.args[0].counts.get("conflict") == 1

    view = win.conflicts_view
    view.reload()
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    shown = view.compare.toPlainText()
    assert "Office City" in shown and "Store City" in shown
    assert "1 field(s) differ" in shown
    assert view.keep_store.isEnabled()
    view.keep_store.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=SYNC_TIMEOUT_MS)
    assert CustomerRepository(win.db).get("C00001").city == "Store City"
    assert view.info.text() == "No open conflicts."


def test_customers_csv_import_and_export_run_in_the_background(
    qtbot, db_path, open_window, tmp_path
) -> None:
    win = open_window(db_path)
    view = win.customers_view
    told: list[tuple[str, str]] = []
    view.tell = lambda title, text: told.append((title, text))
    source = tmp_path / "in.csv"
    source.write_text(
        "no;name;country_code;email\n"
        "C7;Jean Dupont;FR;jean@example.fr\n"
        "C8;Bad Country;XX;bad@example.fr\n"
        ";Anna Nowak;PL;anna@example.pl\n",
        encoding="utf-8-sig",
    )
    view.import_csv(source)
    assert not view.import_button.isEnabled()  # busy until the worker answers
    assert not view.save_button.isEnabled()  # a card saved now could take a No. of the file
    qtbot.waitUntil(lambda: len(told) == 1, timeout=SYNC_TIMEOUT_MS)
    title, text = told[0]
    assert "2 imported" in text and "line 3:" in text and "1 rows rejected" in text
    assert view.import_button.isEnabled()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert CustomerRepository(win.db).get("C7").name == "Jean Dupont"

    target = tmp_path / "out.csv"
    view.export_csv(target)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=SYNC_TIMEOUT_MS)
    assert "2 customers exported" in told[1][1]
    assert "Anna Nowak" in target.read_text(encoding="utf-8-sig")

    changes = tmp_path / "changes.csv"
    changes.write_text("no,city\nC7,Lyon\nC99,Nowhere\n", encoding="utf-8")
    view.import_csv(changes, update=True)
    qtbot.waitUntil(lambda: len(told) == 3, timeout=SYNC_TIMEOUT_MS)
    assert "0 imported, 1 updated" in told[2][1] and "line 3:" in told[2][1]
    assert CustomerRepository(win.db).get("C7").city == "Lyon"

    view.import_csv(tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: len(told) == 4, timeout=SYNC_TIMEOUT_MS)
    assert "missing.csv" in told[3][1] and view.export_button.isEnabled()


def test_sync_log_lists_every_record_and_filters_errors(qtbot, window) -> None:
    CustomerRepository(window.db).update("C00003", {"email": "kunde3(at)example.de"})
    with qtbot.waitSignal(window.controller.finished, timeout=SYNC_TIMEOUT_MS):
        window.sync_action.trigger()
    view = window.log_view
    view.reload()  # the lists are read on a worker
    qtbot.waitUntil(lambda: view.runs.rowCount() == 1 and view.entries.rowCount() == 6)
    assert view.selected_run() is not None
    view.errors_only.setChecked(True)
    qtbot.waitUntil(lambda: view.entries.rowCount() == 1)
    (entry,) = [view.entries.record(row) for row in range(view.entries.rowCount())]
    assert entry["customer_no"] == "C00003" and entry["action"] == "skipped"
    assert "kunde3(at)example.de" in entry["reason"]
    view.errors_only.setChecked(False)
    qtbot.waitUntil(lambda: view.entries.rowCount() == 6)


def test_templates_view_adds_edits_and_says_why_it_refuses(qtbot, db_path, open_window) -> None:
    view = open_window(db_path).templates_view
    answers = iter(["retail", "FR", "XX", "DE, BY", "DE, BY, Bayern"])
    view._ask = lambda title, label: next(answers)
    view._add_template()
    view._add_country()
    assert [t.code for t in view.repo.list_templates()] == ["RETAIL"]
    view._add_country()
    assert "'XX' is not an ISO 3166-1" in view.message.text()
    view._add_county()
    assert "separated by commas" in view.message.text()
    view._add_county()
    assert view.message.text() == ""
    assert [(c.country_code, c.code, c.name) for c in view.repo.list_counties()] == [
        ("DE", "BY", "Bayern")
    ]
    model = view.country_templates
    cell = model.index(0, 1)  # Template Code of the FR country template
    assert not model.setData(cell, "WHOLESALE")
    assert "no customer template WHOLESALE" in view.message.text()
    assert model.setData(cell, " retail ")
    assert view.repo.list_country_templates()[0].template_code == "RETAIL"
    assert cell.data() == "RETAIL"  # the grid shows what was saved
