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

from wcconnector_gui.storage.read_models import webstore_customer_list
from wcconnector_gui.ui.record_model import RECORD_ROLE, RecordTableModel
from wcconnector_gui.ui.row_proxy import RowProxyModel
from wcconnector_gui.ui.table_view import apply_widths, enable_sorting, make_table_view
from wcconnector_gui.ui.workers import LatestRead, RunTask


class WebstoreView(QWidget):
    import_requested = Signal(list)
    suggest_requested = Signal()

    def __init__(
        self, db: Database, run_task: RunTask, parent: Any = None, *, store: int | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.store = store  # the store shown (None: the only store)
        self._list_read = LatestRead(run_task)
        self.model = RecordTableModel(
            [
                (self.tr("ID"), "id"),
                (self.tr("E-Mail"), "email"),
                (self.tr("Username"), "username"),
                (self.tr("First Name"), "first_name"),
                (self.tr("Last Name"), "last_name"),
                (self.tr("Company"), "company"),
                (self.tr("City"), "city"),
                (self.tr("Country"), "country"),
                (self.tr("Role"), "role"),
                (self.tr("Mapped to"), "customer_no"),
                (self.tr("Modified (GMT)"), "date_modified_gmt"),
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
        self.result_label = QLabel()  # what the last import did, refusals in plain words
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)

    def reload(self) -> None:
        """Read the list on a worker (a big store has as many customers as the back office)."""
        store = self.store
        self._list_read.start(
            lambda db: webstore_customer_list(db, store),
            self._on_records_loaded,
            self._on_records_failed,
        )

    def _on_records_loaded(self, records: list[dict[str, Any]]) -> None:
        self.model.set_records(records)
        unmapped = sum(1 for r in records if not r["customer_no"])
        self.info.setText(self.tr("{0} in the store, {1} unmapped").format(len(records), unmapped))

    def _on_records_failed(self, message: str) -> None:
        self.info.setText(message)

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(self.proxy.mapToSource(i).data(RECORD_ROLE)["id"]) for i in rows]

    def show_result(self, text: str) -> None:
        self.result_label.setText(text)

    def _on_import_button_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.import_requested.emit(ids)
