"""Conflicts: records changed on both sides; the user keeps one side.

Signals:
    resolve_requested(int, str): keep "back_office" or "store" for conflict ``int``.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.sync.compare import compare_sides
from wcconnector_gui.ui.mapping_model import format_timestamp
from wcconnector_gui.ui.record_model import RecordTableModel
from wcconnector_gui.ui.table_view import apply_widths, make_table_view
from wcconnector_gui.ui.translation import CUSTOMER_CONTEXT, translate


class ConflictsView(QWidget):
    resolve_requested = Signal(int, str)

    def __init__(self, db: Database, parent: Any = None, *, store: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.store = store  # the store shown (None: the only store)
        self.model = RecordTableModel(
            [
                (self.tr("Customer No."), "customer_no"),
                (self.tr("Webstore ID"), "webstore_id"),
                (self.tr("Kind"), lambda r: str(r["kind"]).replace("_", " ")),
                (self.tr("Detail"), "detail"),
                (self.tr("Detected"), lambda r: format_timestamp(r["detected_at"])),
            ]
        )
        self.table = make_table_view([100, 100, 140, 420, 140])
        self.table.setModel(self.model)
        apply_widths(self.table)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.compare = QTextBrowser()
        self.compare.setPlaceholderText(self.tr("Select a conflict to compare both sides."))
        self.keep_back_office = QPushButton(self.tr("Keep Back-Office"))
        self.keep_back_office.setToolTip(self.tr("Overwrite the store customer with our data"))
        self.keep_back_office.clicked.connect(lambda: self._resolve("back_office"))
        self.keep_store = QPushButton(self.tr("Keep Store"))
        self.keep_store.setToolTip(self.tr("Overwrite our customer with the store's data"))
        self.keep_store.clicked.connect(lambda: self._resolve("store"))
        self.info = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        bar.addWidget(self.keep_back_office)
        bar.addWidget(self.keep_store)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter)
        self.reload()

    def reload(self) -> None:
        self.model.set_records(SyncLogRepository(self.db, self.store).open_conflicts())
        count = self.model.rowCount()
        self.info.setText(
            self.tr("No open conflicts.")
            if count == 0
            else self.tr("%n open conflict(s)", "", count)
        )
        self._on_selection_changed()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(self.model.record(i.row())["id"]) for i in rows]

    def _resolve(self, keep: str) -> None:
        for conflict_id in self.selected_ids():
            self.resolve_requested.emit(conflict_id, keep)

    def _on_selection_changed(self, *args: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        enabled = bool(rows)
        self.keep_back_office.setEnabled(enabled)
        self.keep_store.setEnabled(enabled)
        if len(rows) != 1:
            self.compare.clear()
            return
        record = self.model.record(rows[0].row())
        sides = compare_sides(
            self.db, record["local_snapshot"], record["remote_snapshot"], self.store
        )
        intro = html.escape(as_sentence(str(record["detail"])))
        if not sides:
            self.compare.setHtml(
                f"<p>{intro}</p><p>" + self.tr("No copy of the store customer was saved.") + "</p>"
            )
            return
        rows_html = "".join(
            "<tr{style}><td>{label}</td><td>{ours}</td><td>{theirs}</td></tr>".format(
                style=" style='background:#fdecc8'" if side.differs else "",
                label=html.escape(translate(CUSTOMER_CONTEXT, side.label)),
                ours=html.escape(side.back_office),
                theirs=html.escape(side.store),
            )
            for side in sides
        )
        changed = sum(side.differs for side in sides)
        self.compare.setHtml(
            f"<p>{intro} "
            + self.tr("%n field(s) differ (highlighted).", "", changed)
            + "</p><table cellpadding='3'><tr><th align='left'>"
            + self.tr("Field")
            + "</th><th align='left'>"
            + self.tr("Back office")
            + "</th><th align='left'>"
            + self.tr("Store (when found)")
            + f"</th></tr>{rows_html}</table>"
        )
