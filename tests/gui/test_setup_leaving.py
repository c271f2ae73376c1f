"""Setup: unsaved edits are not lost silently; an old test result does not linger."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.ui.main_window import VIEW_CUSTOMERS, VIEW_SETUP

from .window_support import SYNC_TIMEOUT_MS

Button = QMessageBox.StandardButton


def test_leaving_setup_with_unsaved_edits_asks(qtbot, window) -> None:
    asked: list[str] = []
    answers: list[QMessageBox.StandardButton] = []
    window.ask_unsaved_setup = lambda: asked.append("asked") or answers.pop(0)
    view = window.setup_view
    window.side.setCurrentRow(VIEW_SETUP)
    window.side.setCurrentRow(VIEW_CUSTOMERS)  # nothing edited: no question
    assert asked == [] and window.stack.currentWidget() is window.customers_view

    window.side.setCurrentRow(VIEW_SETUP)
    view._set_editor("batch_size", 50)
    answers.append(Button.Cancel)
    window.side.setCurrentRow(VIEW_CUSTOMERS)
    assert asked == ["asked"]
    assert window.stack.currentWidget() is view and window.side.currentRow() == VIEW_SETUP
    assert view.editors["batch_size"].value() == 50  # the edit is still there

    answers.append(Button.Save)
    window.side.setCurrentRow(VIEW_CUSTOMERS)
    assert load_setup(window.db).batch_size == 50
    assert window.stack.currentWidget() is window.customers_view

    window.side.setCurrentRow(VIEW_SETUP)
    view.consumer_secret.setText("cs_typed_but_not_saved")
    answers.append(Button.Discard)
    window.side.setCurrentRow(VIEW_CUSTOMERS)
    assert view.consumer_secret.text() == "" and not view.has_unsaved_edits()
    assert len(asked) == 3


def test_an_old_test_connection_result_is_cleared(qtbot, window) -> None:
    view = window.setup_view
    view.test_connection()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    assert "✔" in view.diagnosis_label.text()
    view.revert_button.click()
    assert view.diagnosis_label.text() == ""

    view.test_connection()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    assert view.save()
    assert view.diagnosis_label.text() == ""

    view.test_connection()
    qtbot.waitUntil(lambda: view.test_button.isEnabled(), timeout=SYNC_TIMEOUT_MS)
    qtbot.keyClicks(view.editors["store_url"], "x")  # a typed edit
    assert view.diagnosis_label.text() == ""


def test_an_answer_for_older_values_is_dropped(qtbot, window) -> None:
    view = window.setup_view
    view.test_connection()
    qtbot.keyClicks(view.consumer_secret, "cs_other")  # edited while the test runs
    qtbot.waitUntil(lambda: window.controller.runner.busy() is False, timeout=SYNC_TIMEOUT_MS)
    qtbot.wait(50)
    assert view.diagnosis_label.text() == "" and view.test_button.isEnabled()


def test_no_to_creating_accounts_leaves_no_synchronizing_message(qtbot, window) -> None:
    window.controller.confirm_creates = lambda count: False
    window.show()
    with qtbot.waitSignal(window.controller.declined, timeout=SYNC_TIMEOUT_MS):
        window.synchronize()
    message = window.statusBar().currentMessage()
    assert "Synchronizing" not in message
    assert "chose not to create" in message
    assert not window.progress_bar.isVisible() and window.sync_action.isEnabled()
