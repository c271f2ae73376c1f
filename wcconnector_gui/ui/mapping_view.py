"""The Customer Mapping view: filter box, the editable grid, and a details pane.

Signals:
    selection_changed(): the selected rows changed.
    notice(str): something to tell the user at once (e.g. why a cell cannot be edited).
"""

from __future__ import annotations

import html
import json
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from wcconnector_gui.domain.customer import CUSTOMER_FIELDS
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository
from wcconnector_gui.ui.mapping_model import (
    COL_EMAIL,
    COL_LAST_SYNCED,
    COL_NAME,
    COL_NO,
    COL_PASSWORD,
    COL_STATUS,
    COL_USERNAME,
    COL_WEBSTORE_CUSTOMER,
    COL_WEBSTORE_ID,
    CUSTOMER_NO_ROLE,
    MappingTableModel,
)
from wcconnector_gui.ui.password_delegate import PasswordDelegate
from wcconnector_gui.ui.row_proxy import RowProxyModel
from wcconnector_gui.ui.table_view import (
    ColumnFitter,
    apply_widths,
    enable_sorting,
    make_table_view,
)
from wcconnector_gui.ui.translation import field_label

FILTER_DELAY_MS = 100

_WIDTHS = {
    COL_NO: 64,
    COL_NAME: 165,
    COL_EMAIL: 200,
    COL_USERNAME: 110,
    COL_PASSWORD: 80,
    COL_WEBSTORE_CUSTOMER: 120,
    COL_WEBSTORE_ID: 80,
    COL_STATUS: 175,
    COL_LAST_SYNCED: 115,
}


class MappingView(QWidget):
    selection_changed = Signal()
    notice = Signal(str)

    def __init__(self, model: MappingTableModel, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = model
        self.proxy = RowProxyModel(self)
        self.proxy.setSourceModel(model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by No., name, e-mail or username"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        self.filter_edit.textChanged.connect(self._filter_timer.start)

        self.table = make_table_view([_WIDTHS[c] for c in range(len(_WIDTHS))])
        self.table.setModel(self.proxy)
        apply_widths(self.table)
        pending = self.table.fontMetrics().horizontalAdvance(model.pending_password_text())
        if self.table.columnWidth(COL_PASSWORD) < pending + 16:  # "•••••• (pending)" uncut
            self.table.setColumnWidth(COL_PASSWORD, pending + 16)
        enable_sorting(self.table, COL_NO, Qt.SortOrder.AscendingOrder)
        # A wider window widens the columns whose texts get cut, not Last Synced.
        self.column_fitter = ColumnFitter(
            self.table, {COL_STATUS: 0.5, COL_EMAIL: 0.25, COL_NAME: 0.15, COL_USERNAME: 0.1}
        )
        self.table.setItemDelegateForColumn(COL_PASSWORD, PasswordDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # The details follow the current row, however it moves (click, arrows, Ctrl+End).
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        self.card_details = QTextBrowser()
        self.store_details = QTextBrowser()
        for browser in (self.card_details, self.store_details):
            browser.setOpenLinks(False)
        self.card_details.setPlaceholderText(self.tr("Select a customer to see its card."))
        self.store_details.setPlaceholderText(
            self.tr("Select a customer to see its store customer (addresses, meta_data).")
        )

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table)
        details = QSplitter(Qt.Orientation.Horizontal)
        details.addWidget(self.card_details)
        details.addWidget(self.store_details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._update_count()

    # --- filter ------------------------------------------------------------------------
    def _on_filter_timer_timeout(self) -> None:
        self.proxy.set_filter_text(self.filter_edit.text())

    def apply_filter_now(self) -> None:
        self._filter_timer.stop()
        self._on_filter_timer_timeout()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if not self.model.loaded:
            self.count_label.setText(self.tr("Loading customers…"))
        elif shown == total:
            self.count_label.setText(self.tr("%n customer(s)", "", total))
        else:
            self.count_label.setText(self.tr("{0} of {1}").format(shown, total))

    # --- selection -----------------------------------------------------------------------
    def selected_customer_nos(self) -> list[str]:
        """The customers of the selected rows (mapped to the source model)."""
        rows = self.table.selectionModel().selectedRows()
        return [
            str(self.proxy.mapToSource(index).data(CUSTOMER_NO_ROLE))
            for index in sorted(rows, key=lambda i: i.row())
        ]

    def select_customers(self, customer_nos: list[str]) -> None:
        selection = QItemSelection()
        for no in customer_nos:
            row = self.model.row_of(no)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                last = index.siblingAtColumn(self.proxy.columnCount() - 1)
                selection.select(index, last)
        flags = self.table.selectionModel().SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)

    def _on_selection_changed(self, *args: Any) -> None:
        self.selection_changed.emit()
        selected = self.selected_customer_nos()
        if len(selected) == 1:  # e.g. selected from code, the current row left where it was
            self.show_details(selected[0])

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_details(str(self.proxy.mapToSource(current).data(CUSTOMER_NO_ROLE)))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        """A cell that cannot be edited says why at once (e.g. a linked customer's Username)."""
        if index.flags() & Qt.ItemFlag.ItemIsEditable or index.column() != COL_USERNAME:
            return
        reason = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        if reason:
            rect = self.table.visualRect(index)
            QToolTip.showText(QCursor.pos(), reason, self.table.viewport(), rect)
            self.notice.emit(reason)

    # --- details -------------------------------------------------------------------------
    def show_details(self, customer_no: str | None) -> None:
        """Fill the details pane: the back-office card and the linked store customer."""
        self._details_no = customer_no
        customer = CustomerRepository(self.db).find(customer_no) if customer_no else None
        if customer is None:
            self.card_details.clear()
            self.store_details.clear()
            return
        mapping = MappingRepository(self.db, self.model.store).get(customer.no)
        card = [f"<h3>{html.escape(customer.no)} — {html.escape(customer.name)}</h3>"]
        yes, no = self.tr("Yes"), self.tr("No")
        values = [(field_label(f), getattr(customer, f)) for f in CUSTOMER_FIELDS]
        values = [(k, (yes if v else no) if isinstance(v, bool) else v) for k, v in values]
        card.append(_table(values))
        if mapping.last_error:
            card.append(
                "<p><b>" + self.tr("Last result") + f":</b> {html.escape(mapping.last_error)}</p>"
            )
        self.card_details.setHtml("".join(card))
        store_html = ["<h3>" + self.tr("Store customer") + "</h3>"]
        store = (
            WebstoreCustomerRepository(self.db, self.model.store).get(mapping.webstore_id)
            if mapping.webstore_id is not None
            else None
        )
        if mapping.webstore_id is None:
            store_html.append("<p>" + self.tr("Not linked to a store customer yet.") + "</p>")
        elif store is None:
            text = self.tr("Webstore ID {0}; not seen in the store list yet.")
            store_html.append(f"<p>{text.format(mapping.webstore_id)}</p>")
        else:
            store_html.append(
                _table(
                    [
                        (self.tr("ID"), store.id),
                        (self.tr("E-Mail"), store.email),
                        (self.tr("Username"), store.username),
                        (self.tr("Name"), f"{store.first_name} {store.last_name}".strip()),
                        (self.tr("Role"), store.role),
                        (self.tr("Modified (GMT)"), store.date_modified_gmt),
                    ]
                )
            )
            blocks = []
            for title, address in (
                (self.tr("Billing"), store.billing),
                (self.tr("Shipping"), store.shipping),
            ):
                filled = [(k, v) for k, v in address.items() if v]
                if filled:
                    blocks.append(f"<td valign='top'><h4>{title}</h4>{_table(filled)}</td>")
            if store.meta_data:
                meta = [(m.get("key", ""), json.dumps(m.get("value"))) for m in store.meta_data]
                blocks.append(f"<td valign='top'><h4>meta_data</h4>{_table(meta)}</td>")
            if blocks:
                store_html.append(f"<table cellspacing='8'><tr>{''.join(blocks)}</tr></table>")
        self.store_details.setHtml("".join(store_html))

    def refresh_details(self) -> None:
        self.show_details(getattr(self, "_details_no", None))


def _table(pairs: list[tuple[Any, Any]]) -> str:
    rows = "".join(
        f"<tr><td style='color:#666;padding-right:8px'>{html.escape(str(k))}</td>"
        f"<td>{html.escape(str(v))}</td></tr>"
        for k, v in pairs
        if v not in ("", None)
    )
    return f"<table cellspacing='0'>{rows}</table>"
