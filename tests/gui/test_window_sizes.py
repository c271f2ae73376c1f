"""Every view is usable in a 900×600 window and uses the room of a 1600×1000 one."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from wcconnector_gui.ui.mapping_model import COL_NAME, COL_PASSWORD, COL_STATUS, PASSWORD_MASK
from wcconnector_gui.ui.record_model import RecordTableModel
from wcconnector_gui.ui.translation import install_translators, remove_translators


def _inside(widget: QWidget, window: QWidget) -> bool:
    """``widget`` is shown and lies wholly within ``window``'s visible area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture(params=["en", "de"])
def small_window(request, qapp, qtbot, db_path, filled_db, open_window):  # type: ignore[no-untyped-def]
    """A 900×600 window, in English and in German (longer words)."""
    if request.param == "de":
        install_translators(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
        request.addfinalizer(lambda: remove_translators(qapp))
    window = open_window(db_path)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_can_be_900_by_600(small_window) -> None:
    hint = small_window.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 600
    assert (small_window.width(), small_window.height()) == (900, 600)
    for row in range(small_window.side.count()):
        small_window.side.setCurrentRow(row)
        QApplication.processEvents()
        view = small_window.stack.currentWidget()
        assert _inside(view, small_window), small_window.side.item(row).text()


def test_setup_scrolls_down_only_at_900_by_600(qtbot, small_window) -> None:
    small_window.side.setCurrentRow(small_window.stack.indexOf(small_window.setup_view))
    view = small_window.setup_view
    QApplication.processEvents()
    assert view.scroll_area.horizontalScrollBar().maximum() == 0  # nothing cut on the right
    assert view.scroll_area.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    assert _inside(view.save_button, small_window) and _inside(view.revert_button, small_window)
    small_window.resize(1600, 1000)
    QApplication.processEvents()
    assert view._columns == 2  # the groups side by side when there is room


def test_customer_card_is_usable_at_900_by_600(qtbot, small_window) -> None:
    small_window.side.setCurrentRow(small_window.stack.indexOf(small_window.customers_view))
    view = small_window.customers_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    QApplication.processEvents()
    assert _inside(view.save_button, small_window)
    assert _inside(view.new_button, small_window)
    for key, edit in view.card_edits.items():
        assert isinstance(edit, QLineEdit)
        assert edit.width() >= 150, f"{key} is {edit.width()} px wide"
    assert view.filter_edit.width() >= 150


def test_cut_off_cells_have_their_whole_text_as_tooltip(small_window) -> None:
    model = small_window.mapping_model
    outcome = SimpleNamespace(
        customer_no="C00040",
        webstore_id=None,
        action="skipped",
        reason="'not-an-email' is not a valid e-mail address (it needs one @ and a domain)",
    )
    model.apply_outcomes([outcome])
    row = model.row_of("C00040")
    status = model.index(row, COL_STATUS)
    assert status.data(Qt.ItemDataRole.ToolTipRole) == status.data()
    assert status.data().endswith(outcome.reason)
    assert model.index(row, COL_NAME).data(Qt.ItemDataRole.ToolTipRole) == "Broken Mail Ltd"
    # The Password column is wide enough for its pending note.
    table = small_window.mapping_view.table
    metrics = table.fontMetrics()
    assert table.columnWidth(COL_PASSWORD) >= metrics.horizontalAdvance(
        model.pending_password_text()
    )
    assert PASSWORD_MASK in model.pending_password_text()


def test_record_lists_give_long_texts_as_tooltip() -> None:
    model = RecordTableModel([("Outcomes", "outcomes"), ("Status", "status")])
    model.set_records([{"outcomes": "135 created, 36 unchanged, 2 conflict", "status": "done"}])
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, 0).data()
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None  # short: always fits


def test_template_descriptions_get_room(small_window) -> None:
    view = small_window.templates_view
    table = view._table_of[id(view.templates)]
    keys = [view.templates.column_key(c) for c in range(view.templates.columnCount())]
    assert table.columnWidth(keys.index("description")) >= 260
    assert table.columnWidth(keys.index("code")) < 260


def test_a_wider_window_widens_the_columns_that_get_cut(small_window) -> None:
    from wcconnector_gui.ui.mapping_model import COL_EMAIL, COL_LAST_SYNCED

    table = small_window.mapping_view.table
    narrow = {c: table.columnWidth(c) for c in (COL_STATUS, COL_EMAIL, COL_LAST_SYNCED)}
    small_window.resize(1600, 1000)
    QApplication.processEvents()
    assert table.columnWidth(COL_STATUS) >= narrow[COL_STATUS] + 60
    assert table.columnWidth(COL_EMAIL) > narrow[COL_EMAIL]
    assert table.columnWidth(COL_LAST_SYNCED) < narrow[COL_LAST_SYNCED] + 50
    # The header stretching its last section is no reason to stop fitting...
    header = table.horizontalHeader()
    last = header.sectionSize(COL_LAST_SYNCED)
    header.sectionResized.emit(COL_LAST_SYNCED, last, last + 7)  # as the stretch does
    wide = table.columnWidth(COL_STATUS)
    small_window.resize(1500, 1000)
    QApplication.processEvents()
    assert narrow[COL_STATUS] < table.columnWidth(COL_STATUS) < wide
    # ...but a column the user dragged stays as they left it.
    header_pos = header.sectionViewportPosition(COL_NAME) + header.sectionSize(COL_NAME) - 1
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header_pos, 5))
    QTest.mouseMove(header.viewport(), QPoint(header_pos + 60, 5))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header_pos + 60, 5))
    dragged = table.columnWidth(COL_NAME)
    small_window.resize(1200, 800)
    QApplication.processEvents()
    assert table.columnWidth(COL_NAME) == dragged


def test_every_toolbar_button_is_in_view_at_900_by_600(small_window) -> None:
    from PySide6.QtWidgets import QToolButton

    toolbar = small_window.toolbar
    QApplication.processEvents()
    for action in toolbar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = toolbar.widgetForAction(action)
        assert widget is not None and widget.isVisible(), action.text()
        assert _inside(widget, small_window), action.text()
    stop = toolbar.widgetForAction(small_window.stop_action)
    assert isinstance(stop, QToolButton)
    small_window.resize(1600, 1000)
    QApplication.processEvents()
    assert stop.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
