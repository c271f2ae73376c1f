"""Back-office customers: the list, a card editor, CSV import and export.

Signals:
    customers_changed(list): customers were added or changed (their Nos.; empty = many).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from wcconnector_gui.csvfiles.customers import export_customers, import_customers
from wcconnector_gui.domain.customer import CUSTOMER_FIELDS, Customer
from wcconnector_gui.domain.validation import country_problem, email_problem
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.read_models import CUSTOMER_LIST_COLUMNS, customer_list
from wcconnector_gui.ui.record_model import RECORD_ROLE, RecordTableModel
from wcconnector_gui.ui.row_proxy import RowProxyModel
from wcconnector_gui.ui.table_view import apply_widths, enable_sorting, make_table_view
from wcconnector_gui.ui.translation import field_label
from wcconnector_gui.ui.workers import LatestRead, RunTask

CARD_MIN_WIDTH = 300
CARD_FIELD_MIN_WIDTH = 150


class CustomersView(QWidget):
    customers_changed = Signal(list)

    def __init__(self, db: Database, run_task: RunTask, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._run_task = run_task
        self.model = RecordTableModel([(field_label(k), k) for k in CUSTOMER_LIST_COLUMNS])
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter customers"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.table = make_table_view([72, 210, 120, 70, 140, 230])
        self.table.setModel(self.proxy)
        apply_widths(self.table)
        enable_sorting(self.table, 0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.update_button = QPushButton(self.tr("Update from CSV…"))
        self.update_button.setToolTip(
            self.tr("Change existing customers (by No.): only the columns in the file")
        )
        self.update_button.clicked.connect(self._on_update_button_clicked)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.csv_status = QLabel()
        # The filter on its own row: beside four buttons it shrank to nothing at 900 px.
        bar = QHBoxLayout()
        for button in (self.import_button, self.update_button, self.export_button):
            bar.addWidget(button)
        bar.addWidget(self.csv_status, 1)

        # The card editor
        self.card_title = QLabel()
        self.card_title.setStyleSheet("font-weight: bold;")
        self.card_edits: dict[str, QLineEdit] = {}
        self.blocked_check = QCheckBox()
        form = QFormLayout()
        # A narrow card puts each label above its field instead of squeezing the field.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.card_title)
        for key in CUSTOMER_FIELDS:
            if key == "blocked":
                form.addRow(field_label(key), self.blocked_check)
                continue
            edit = QLineEdit()
            edit.setMinimumWidth(CARD_FIELD_MIN_WIDTH)  # else it shrinks instead of wrapping
            self.card_edits[key] = edit
            form.addRow(field_label(key), edit)
        self.card_edits["no"].setPlaceholderText(self.tr("next number from the series"))
        self.card_message = QLabel()
        self.card_message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save Card"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.addLayout(form)
        card_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(card)
        # New and Save Card stay in view below the scrolling fields, whatever the height.
        card_buttons = QHBoxLayout()
        card_buttons.addWidget(self.new_button)
        card_buttons.addStretch(1)
        card_buttons.addWidget(self.save_button)
        card_panel = QWidget()
        card_panel.setMinimumWidth(CARD_MIN_WIDTH)
        card_panel_layout = QVBoxLayout(card_panel)
        card_panel_layout.setContentsMargins(0, 0, 0, 0)
        card_panel_layout.addWidget(scroll, 1)
        card_panel_layout.addWidget(self.card_message)
        card_panel_layout.addLayout(card_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_edit)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(card_panel)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([800, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._editing_no: str | None = None
        self._loaded = False
        self._list_read = LatestRead(run_task)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the list on a worker (100,000 customers take about half a second)."""
        self._loaded = True
        self._list_read.start(customer_list, self._on_rows_loaded, self._on_rows_failed)

    def _on_rows_loaded(self, rows: Any) -> None:
        first = self.model.rowCount() == 0
        self.model.set_records(rows)
        card_untouched = self._editing_no is None and not any(
            edit.text() for edit in self.card_edits.values()
        )
        if first and self.proxy.rowCount() and card_untouched:
            self.table.selectRow(0)

    def _on_rows_failed(self, message: str) -> None:
        self.card_message.setStyleSheet("color: #b3261e;")
        self.card_message.setText(message)

    # --- card ----------------------------------------------------------------------------
    def _on_current_row_changed(self, current: Any, previous: Any) -> None:
        if not current.isValid():
            return
        record = current.data(RECORD_ROLE)
        self.edit_customer(str(record["no"]))

    def edit_customer(self, no: str | None) -> None:
        customer = CustomerRepository(self.db).find(no) if no else None
        self._editing_no = customer.no if customer else None
        customer = customer or Customer()
        for key, edit in self.card_edits.items():
            edit.setText(str(getattr(customer, key)))
        self.card_edits["no"].setReadOnly(self._editing_no is not None)
        self.blocked_check.setChecked(customer.blocked)
        self.card_title.setText(
            self.tr("Customer {0}").format(customer.no)
            if self._editing_no
            else self.tr("New customer")
        )
        self.card_message.clear()

    def _on_new_button_clicked(self) -> None:
        self.table.clearSelection()
        self.edit_customer(None)
        self.card_edits["name"].setFocus()

    def _card_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: e.text().strip() for k, e in self.card_edits.items()}
        values["country_code"] = values["country_code"].upper()
        values["blocked"] = self.blocked_check.isChecked()
        return values

    def save_card(self) -> bool:
        values = self._card_values()
        problems = []
        if values["email"] and (problem := email_problem(values["email"])):
            problems.append(problem)
        if values["country_code"] and (problem := country_problem(values["country_code"])):
            problems.append(problem)
        if not values["name"]:
            problems.append(self.tr("the name is empty"))
        if problems:
            self.card_message.setStyleSheet("color: #b3261e;")
            self.card_message.setText("; ".join(problems).capitalize() + ".")
            return False
        repo = CustomerRepository(self.db)
        try:
            if self._editing_no:
                del values["no"]
                saved = repo.update(self._editing_no, values)
            else:
                saved = repo.create(Customer(**values))
        except ValueError as exc:
            self.card_message.setStyleSheet("color: #b3261e;")
            self.card_message.setText(str(exc))
            return False
        self.reload()
        self.edit_customer(saved.no)
        self.card_message.setStyleSheet("color: #2e7d32;")
        self.card_message.setText(self.tr("Saved."))
        self.customers_changed.emit([saved.no])
        return True

    def _on_save_button_clicked(self) -> None:
        self.save_card()

    # --- CSV (on a worker: 100,000 rows take seconds) ------------------------------------------
    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_csv(Path(path))

    def _on_update_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Update customers"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_csv(Path(path), update=True)

    def import_csv(self, path: Path, update: bool = False) -> None:
        """Add the customers of ``path`` (``update``: change existing ones) in the background."""
        self._csv_started(self.tr("Importing {0}…").format(path.name))
        self._run_task(
            lambda db: import_customers(db, path, update=update),
            self._on_import_finished,
            self._on_csv_failed,
        )

    def _on_import_finished(self, report: Any) -> None:
        self._csv_ended()
        lines = [self.tr("{0} imported, {1} updated.").format(report.imported, report.updated)]
        first, last = report.numbered
        if first:
            lines.append(self.tr("New customer Nos.: {0} to {1}.").format(first, last))
        if report.rejected:
            lines.append(self.tr("{0} rows rejected:").format(len(report.rejected)))
            lines += [
                self.tr("line {0}: {1}").format(line, reason)
                for line, reason in report.rejected[:20]
            ]
            if len(report.rejected) > 20:
                lines.append(self.tr("… and {0} more.").format(len(report.rejected) - 20))
        self.reload()
        self.customers_changed.emit([])
        self.tell(self.tr("Import customers"), "\n".join(lines))

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export customers"), "customers.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        self._csv_started(self.tr("Exporting to {0}…").format(path.name))
        self._run_task(
            lambda db: export_customers(db, path), self._on_export_finished, self._on_csv_failed
        )

    def _on_export_finished(self, count: Any) -> None:
        self._csv_ended()
        self.tell(
            self.tr("Export customers"), self.tr("{0} customers exported.").format(int(count))
        )

    def _on_csv_failed(self, message: str) -> None:
        self._csv_ended()
        self.tell(self.tr("Customers CSV"), message)

    def _csv_buttons(self) -> tuple[QPushButton, ...]:
        # New and Save Card too: a customer saved during an import could take the
        # No. the import has reserved for a row.
        return (
            self.import_button,
            self.update_button,
            self.export_button,
            self.new_button,
            self.save_button,
        )

    def _csv_started(self, text: str) -> None:
        for button in self._csv_buttons():
            button.setEnabled(False)
        self.csv_status.setText(text)

    def _csv_ended(self) -> None:
        for button in self._csv_buttons():
            button.setEnabled(True)
        self.csv_status.clear()

    def tell(self, title: str, text: str) -> None:
        """Show the outcome of an import or export (tests replace this)."""
        QMessageBox.information(self, title, text)
