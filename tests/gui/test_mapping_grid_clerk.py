"""The mapping grid as a clerk uses it: masked password typing, plain reasons, keyboard details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from wcconnector_gui.credentials.customer_passwords import pending_password
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.ui.mapping_model import COL_NO, COL_PASSWORD, COL_USERNAME


def _cell(window, no: str, column: int):  # type: ignore[no-untyped-def]
    model, view = window.mapping_model, window.mapping_view
    return view.proxy.mapFromSource(model.index(model.row_of(no), column))


def test_password_editor_masks_what_is_typed(qtbot, window) -> None:
    window.show()
    table = window.mapping_view.table
    cell = _cell(window, "C00001", COL_PASSWORD)
    table.setCurrentIndex(cell)
    table.edit(cell)
    (editor,) = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClicks(editor, "s3cret!")
    assert editor.echoMode() == QLineEdit.EchoMode.Password
    assert "s3cret!" not in editor.displayText()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pending_password(window.db, "C00001") == "s3cret!")
    assert "s3cret!" not in str(cell.data())


def test_double_clicking_a_linked_username_says_why_at_once(qtbot, window) -> None:
    MappingRepository(window.db).update("C00002", webstore_id=41, username="kunde2")
    window.mapping_model.refresh_customers(["C00002"])
    window.show()
    table = window.mapping_view.table
    cell = _cell(window, "C00002", COL_USERNAME)
    table.scrollTo(cell)
    center = table.visualRect(cell).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    message = window.statusBar().currentMessage()
    assert "does not allow changing a username once the customer exists" in message
    assert table.state() != table.State.EditingState


def test_details_follow_the_current_row_on_the_keyboard(qtbot, window) -> None:
    window.show()
    view = window.mapping_view
    table = view.table
    table.setFocus()
    table.setCurrentIndex(_cell(window, "C00003", COL_NO))
    assert "C00003" in view.card_details.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert "C00006" in view.card_details.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert "C00001" in view.card_details.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert "C00002" in view.card_details.toPlainText()
