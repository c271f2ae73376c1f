"""The mapping grid model and its fast sort/filter proxy."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.credentials.customer_passwords import pending_password
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.ui.mapping_model import (
    COL_EMAIL,
    COL_NAME,
    COL_NO,
    COL_PASSWORD,
    COL_STATUS,
    COL_USERNAME,
    COL_WEBSTORE_CUSTOMER,
    COL_WEBSTORE_ID,
    CUSTOMER_NO_ROLE,
    PASSWORD_MASK,
    SORT_ROLE,
    MappingTableModel,
)
from wcconnector_gui.ui.row_proxy import RowProxyModel


def _model(db) -> MappingTableModel:
    model = MappingTableModel(db)
    model.load()
    return model


def _index(model, no: str, column: int) -> QModelIndex:
    row = model.row_of(no)
    assert row is not None
    return model.index(row, column)


def test_models_pass_the_model_tester(qtmodeltester, filled_db) -> None:
    model = _model(filled_db)
    qtmodeltester.check(model)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("de")
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_rows_come_from_customers_left_join_mappings(filled_db) -> None:
    model = _model(filled_db)
    assert model.rowCount() == 5
    mapped = _index(model, "C00020", COL_WEBSTORE_ID)
    assert mapped.data() == "7"
    assert _index(model, "C00010", COL_WEBSTORE_ID).data() == ""
    assert mapped.siblingAtColumn(COL_USERNAME).data() == "dupont"
    assert _index(model, "C00050", COL_NAME).data() == "Παπαδόπουλος"
    # An invalid e-mail is shown (red, with the reason as tooltip).
    bad = _index(model, "C00040", COL_EMAIL)
    assert "not a valid e-mail" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert bad.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_username_is_editable_until_the_row_has_a_webstore_id(filled_db) -> None:
    model = _model(filled_db)
    free = _index(model, "C00010", COL_USERNAME)
    assert free.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(free, "mueller")
    assert MappingRepository(filled_db).get("C00010").username == "mueller"
    assert free.data() == "mueller"
    linked = _index(model, "C00020", COL_USERNAME)
    assert not linked.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(linked, "other")
    assert MappingRepository(filled_db).get("C00020").username == "dupont"


def test_bad_username_is_refused_with_a_reason(qtbot, filled_db) -> None:
    model = _model(filled_db)
    with qtbot.waitSignal(model.edit_failed) as blocker:
        assert not model.setData(_index(model, "C00010", COL_USERNAME), "bad/name!")
    assert "not a valid WordPress username" in blocker.args[0]


def test_password_is_masked_and_kept_sealed_only(filled_db, memory_keyring) -> None:
    model = _model(filled_db)
    cell = _index(model, "C00010", COL_PASSWORD)
    assert cell.data() == ""
    assert model.setData(cell, "S3cret-pass!")
    assert cell.data() == f"{PASSWORD_MASK} (pending)"
    assert cell.data(Qt.ItemDataRole.EditRole) == ""
    assert "S3cret-pass!" not in memory_keyring.entries.values()  # the data key is there
    assert pending_password(filled_db, "C00010") == "S3cret-pass!"
    dump = "\n".join(filled_db.conn.iterdump())
    assert "S3cret-pass!" not in dump
    assert MappingRepository(filled_db).get("C00010").password_pending


def test_password_without_keyring_asks_for_the_banner(qtbot, filled_db, no_keyring) -> None:
    model = _model(filled_db)
    with qtbot.waitSignal(model.keyring_unavailable) as blocker:
        assert not model.setData(_index(model, "C00010", COL_PASSWORD), "S3cret-pass!")
    assert "No secure keyring" in blocker.args[0]
    assert not MappingRepository(filled_db).get("C00010").password_pending
    keyring_store.use_session_only(True)
    assert model.setData(_index(model, "C00010", COL_PASSWORD), "S3cret-pass!")


def test_webstore_customer_checkbox(filled_db) -> None:
    model = _model(filled_db)
    cell = _index(model, "C00010", COL_WEBSTORE_CUSTOMER)
    assert cell.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert cell.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert cell.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert MappingRepository(filled_db).get("C00010").webstore_customer


def test_webstore_id_requests_a_checked_link(qtbot, filled_db) -> None:
    model = _model(filled_db)
    cell = _index(model, "C00010", COL_WEBSTORE_ID)
    with qtbot.waitSignal(model.edit_failed):
        assert not model.setData(cell, "abc")
    with qtbot.waitSignal(model.link_requested) as blocker:
        assert model.setData(cell, " 42 ")
    assert blocker.args == ["C00010", 42]
    assert "checking" in cell.siblingAtColumn(COL_STATUS).data()
    # Nothing is stored until the store confirmed the ID.
    assert MappingRepository(filled_db).get("C00010").webstore_id is None
    # Emptying the ID unlinks a mapped row.
    linked = _index(model, "C00020", COL_WEBSTORE_ID)
    assert model.setData(linked, "")
    assert MappingRepository(filled_db).get("C00020").webstore_id is None
    assert linked.siblingAtColumn(COL_USERNAME).flags() & Qt.ItemFlag.ItemIsEditable


def test_filter_and_sort_map_back_to_the_source(filled_db) -> None:
    model = _model(filled_db)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    proxy.set_filter_text("DE")  # e-mail domains .de, dupont? no: matches 'mueller.de' only
    nos = {proxy.index(r, COL_NO).data() for r in range(proxy.rowCount())}
    assert nos == {"C00010"}
    proxy.set_filter_text("")
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, COL_NAME).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert names == sorted(names)
    first = proxy.index(0, COL_NAME)
    source = proxy.mapToSource(first)
    assert source.data(CUSTOMER_NO_ROLE) == first.data(CUSTOMER_NO_ROLE) == "C00040"
    assert proxy.mapFromSource(source) == first
    proxy.sort(COL_WEBSTORE_ID, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, COL_NO).data() == "C00020"  # mapped rows first


def test_sorting_again_is_free_until_the_data_changes(qtbot, filled_db) -> None:
    model = _model(filled_db)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(COL_USERNAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, COL_NO).data() == "C00020"  # the only username
    with qtbot.assertNotEmitted(proxy.layoutChanged):
        proxy.sort(COL_USERNAME, Qt.SortOrder.DescendingOrder)
    assert model.setData(_index(model, "C00050", COL_USERNAME), "zeta")
    assert proxy.index(0, COL_NO).data() == "C00020"  # an edited row keeps its place...
    with qtbot.waitSignal(proxy.layoutChanged):
        proxy.sort(COL_USERNAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, COL_NO).data() == "C00050"  # ...until sorted again


def test_outcomes_update_single_rows(qtbot, filled_db) -> None:
    from types import SimpleNamespace

    model = _model(filled_db)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    outcome = SimpleNamespace(customer_no="C00030", webstore_id=99, action="created", reason="")
    failed = SimpleNamespace(
        customer_no="C00040", webstore_id=None, action="skipped", reason="bad e-mail"
    )
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(proxy.dataChanged):
        model.apply_outcomes([outcome, failed])
    assert _index(model, "C00030", COL_WEBSTORE_ID).data() == "99"
    assert _index(model, "C00030", COL_STATUS).data() == "synced"
    assert _index(model, "C00040", COL_STATUS).data() == "skipped: bad e-mail"


def test_multidata_answers_as_data_does_and_a_repaint_uses_it(qtbot, filled_db) -> None:
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    from wcconnector_gui.ui.mapping_view import MappingView

    model = _model(filled_db)
    proxy = RowProxyModel()
    proxy.setSourceModel(model)
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        CUSTOMER_NO_ROLE,
    ]
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            for role in roles:
                role_data = QModelRoleData(int(role))
                proxy.multiData(index, QModelRoleDataSpan(role_data))
                assert role_data.data() == index.data(role), (row, column, role)
    # A repaint asks each cell's roles in one call, not one call per role.
    view = MappingView(model, filled_db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    asked: list[int] = []
    original = model.data
    model.data = lambda index, role=Qt.ItemDataRole.DisplayRole: (  # type: ignore[method-assign]
        asked.append(role) or original(index, role)
    )
    view.table.viewport().repaint()
    assert asked == []
