"""Keyring messages: one calm message in the banner; no Python names; honest placeholders."""

from __future__ import annotations

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.setup_store import store_id

from .window_support import SYNC_TIMEOUT_MS, prepare


def test_without_a_keyring_the_message_is_said_once_in_the_banner(
    qtbot, db_path, sandbox, open_window, no_keyring
) -> None:
    keyring_store.use_session_only(True)  # the store keys go in before the keyring "breaks"
    prepare(db_path, sandbox, 2)
    keyring_store.reset_session_secrets()
    win = open_window(db_path)
    win.show()
    assert win.banner.isVisible()
    text = win.banner.label.text()
    assert text.startswith("No secure keyring") and "Error" not in text

    def said_once() -> None:
        assert win.banner.isVisible()
        assert not win.error_box.isVisible()
        assert "keyring" not in win.statusBar().currentMessage()

    win.setup_view.consumer_key.setText("ck_new")
    assert not win.setup_view.save()
    said_once()
    with qtbot.waitSignal(win.controller.failed, timeout=SYNC_TIMEOUT_MS):
        win.synchronize()
    qtbot.wait(10)
    said_once()

    win.banner.session_button.click()
    assert not win.banner.isVisible() and not win.error_box.isVisible()
    view = win.setup_view
    view.consumer_key.setText("ck_session")
    view.consumer_secret.setText("cs_session")
    assert view.save()
    assert "this session only" in view.keyring_label.text()
    assert "keyring" not in view.consumer_key.placeholderText()
    assert "this session only" in view.consumer_key.placeholderText()


def test_with_a_keyring_no_python_class_name_is_shown(qtbot, window) -> None:
    label = window.setup_view.keyring_label.text()
    assert "MemoryKeyring" not in label and "conftest" not in label
    assert label.endswith("the system keyring")
    assert "saved in the keyring" in window.setup_view.consumer_key.placeholderText()
    db = open_database(window.db_path)
    sid = store_id(db)
    db.close()
    assert keyring_store.get_secret(keyring_store.consumer_key_name(sid))
