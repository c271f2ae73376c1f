"""Webstore Customers: the store's list as last seen; import selected; try mapping.

Signals:
    import_requested(list): import the store customers with these IDs.
    suggest_requested(): run Suggest Mapping.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from wcconnector_gui.ui.record_model import RECORD_ROLE, RecordTableModel
from wcconnector_gui.ui.row_proxy import RowProxyModel
from wcconnector_gui.ui.table_view import apply_widths, enable_sorting, make_table_view

SQL = """
SELECT w.id, w.email, w.username, w.first_name, w.last_name, w.role,
       json_extract(w.billing, '$.company') AS company,
       json_extract(w.billing, '$.city') AS city,
       json_extract(w.billing, '$.country') AS country,
       w.date_modified_gmt, m.customer_no
FROM webstore_customers w LEFT JOIN mappings m ON m.webstore_id = w.id
ORDER BY w.id
"""


class WebstoreView(QWidget):
    import_requested = Signal(list)
    suggest_requested = Signal()

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = RecordTableModel(
            [
                ("ID", "id"),
                ("E-Mail", "email"),
                ("Username", "username"),
                ("First Name", "first_name"),
                ("Last Name", "last_name"),
                ("Company", "company"),
                ("City", "city"),
                ("Country", "country"),
                ("Role", "role"),
                ("Mapped to", "customer_no"),
                ("Modified (GMT)", "date_modified_gmt"),
            ]
        )
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter store customers"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.table = make_table_view([60, 220, 140, 110, 120, 150, 110, 60, 90, 90, 150])
        self.table.setModel(self.proxy)
        apply_widths(self.table)
        enable_sorting(self.table, 0, Qt.SortOrder.AscendingOrder)
        self.import_button = QPushButton(self.tr("Import Selected"))
        self.import_button.setToolTip(
            self.tr("Create back-office customers for the selected unmapped store customers")
        )
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.suggest_button = QPushButton(self.tr("Try Mapping"))
        self.suggest_button.clicked.connect(self.suggest_requested)
        self.info = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.info)
        bar.addWidget(self.suggest_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def reload(self) -> None:
        records = list(self.db.query(SQL))
        self.model.set_records(records)
        unmapped = sum(1 for r in records if not r["customer_no"])
        self.info.setText(self.tr("{0} in the store, {1} unmapped").format(len(records), unmapped))

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(self.proxy.mapToSource(i).data(RECORD_ROLE)["id"]) for i in rows]

    def _on_import_button_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.import_requested.emit(ids)
