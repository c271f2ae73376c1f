"""Sync Log: the runs, and per-record outcomes of the selected run (errors only on demand)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget
from sqlite_utils import Database

from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.ui.icons import icon
from wcconnector_gui.ui.mapping_model import format_timestamp
from wcconnector_gui.ui.record_model import RecordTableModel
from wcconnector_gui.ui.table_view import apply_widths, make_table_view
from wcconnector_gui.ui.translation import run_counts_text, word
from wcconnector_gui.ui.workers import LatestRead, RunTask

_ACTION_ICON = {
    "created": "status-synced",
    "updated": "status-synced",
    "adopted": "status-synced",
    "linked": "status-synced",
    "imported": "status-synced",
    "unchanged": "status-none",
    "skipped": "status-skipped",
    "failed": "status-error",
    "conflict": "status-conflict",
}


def _counts(record: dict[str, Any]) -> str:
    return run_counts_text(record.get("direction_counts") or {}, record.get("counts") or {})


class SyncLogView(QWidget):
    def __init__(
        self, db: Database, run_task: RunTask, parent: Any = None, *, store: int | None = None
    ) -> None:
        """``run_task`` reads the lists on a worker (a run of 100,000 records has as many
        entries)."""
        super().__init__(parent)
        self.db = db
        self.store = store  # the store shown (None: the only store)
        self._runs_read = LatestRead(run_task)
        self._entries_read = LatestRead(run_task)
        self.runs = RecordTableModel(
            [
                (self.tr("Run"), "id"),
                (self.tr("Started"), lambda r: format_timestamp(r["started_at"])),
                (self.tr("Direction"), lambda r: word(r["direction"])),
                (self.tr("Selection"), lambda r: r["selection"] or word("all")),
                (self.tr("Status"), lambda r: word(r["status"])),
                (self.tr("Outcomes"), _counts),
                (self.tr("Requests"), "requests"),
                (self.tr("Error"), "error"),
            ]
        )
        self.entries = RecordTableModel(
            [
                (self.tr("Time"), lambda r: format_timestamp(r["at"])),
                (self.tr("Customer No."), "customer_no"),
                (self.tr("Webstore ID"), "webstore_id"),
                (self.tr("Direction"), lambda r: word(r["direction"]) if r["direction"] else ""),
                (self.tr("Outcome"), lambda r: word(r["action"])),
                (self.tr("Reason"), "reason"),
            ],
            decoration=lambda r, c: (
                icon(_ACTION_ICON.get(r["action"], "status-none")) if c == 4 else None
            ),
        )
        self.runs_table = make_table_view([50, 130, 70, 120, 80, 260, 70, 200])
        self.runs_table.setModel(self.runs)
        apply_widths(self.runs_table)
        self.runs_table.setSelectionMode(self.runs_table.SelectionMode.SingleSelection)
        self.runs_table.selectionModel().selectionChanged.connect(self._on_run_selected)
        self.entries_table = make_table_view([130, 100, 90, 70, 110, 430])
        self.entries_table.setModel(self.entries)
        apply_widths(self.entries_table)
        self.errors_only = QCheckBox(self.tr("Errors only"))
        self.errors_only.toggled.connect(self._load_entries)
        self.info = QLabel()  # a list that could not be read says why here
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        bar.addWidget(self.errors_only)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.runs_table)
        splitter.addWidget(self.entries_table)
        splitter.setSizes([250, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter)
        self.reload()

    def reload(self) -> None:
        store = self.store
        self._runs_read.start(
            lambda db: SyncLogRepository(db, store).runs(), self._on_runs_read, self.info.setText
        )

    def _on_runs_read(self, runs: list[dict[str, Any]]) -> None:
        self.info.clear()
        self.runs.set_records(runs)
        if self.runs.rowCount():
            self.runs_table.selectRow(0)
        else:
            self._load_entries()

    def selected_run(self) -> int | None:
        rows = self.runs_table.selectionModel().selectedRows()
        return int(self.runs.record(rows[0].row())["id"]) if rows else None

    def _on_run_selected(self, *args: Any) -> None:
        self._load_entries()

    def _load_entries(self, *args: Any) -> None:
        run_id = self.selected_run()
        if run_id is None:
            self.entries.set_records([])
            return
        errors_only, store = self.errors_only.isChecked(), self.store
        self._entries_read.start(
            lambda db: SyncLogRepository(db, store).entries(run_id, errors_only=errors_only),
            self.entries.set_records,
            self.info.setText,
        )
