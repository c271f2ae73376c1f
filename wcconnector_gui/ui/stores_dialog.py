"""The store list: add, rename and remove stores (what a removal deletes is said first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)
from sqlite_utils import Database

from wcconnector_gui.credentials.store_secrets import remove_store
from wcconnector_gui.domain.store import Store
from wcconnector_gui.storage.stores import RemovalImpact, StoreError, StoreRepository
from wcconnector_gui.ui.workers import RunTask


class StoresDialog(QDialog):
    """Manage the stores of this database.

    Signals:
        stores_changed(): a store was added, renamed or removed.
    """

    stores_changed = Signal()

    def __init__(
        self, db: Database, run_task: RunTask, *, may_remove: Callable[[], bool], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stores"))
        self.db = db
        self._run_task = run_task
        self._may_remove = may_remove
        self.list = QListWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.currentRowChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Each store has its own setup, credentials, mappings, Sync Log and conflicts; "
                "the back-office customers are shared."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(460, 360)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for store in StoreRepository(self.db).all():
            item = QListWidgetItem(store.name)
            item.setData(Qt.ItemDataRole.UserRole, store.id)
            self.list.addItem(item)
            if store.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current_store() is not None
        self.rename_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.list.count() > 1)

    def current_store(self) -> Store | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return StoreRepository(self.db).get(int(item.data(Qt.ItemDataRole.UserRole)))

    # --- asking (tests replace these) ------------------------------------------------------
    def ask_name(self, title: str, label: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def confirm_removal(self, store: Store, impact: RemovalImpact) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove store"),
            self.removal_text(store.name, impact),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def removal_text(self, name: str, impact: RemovalImpact) -> str:
        """What removing store ``name`` deletes, said before anything is removed."""
        return self.tr(
            "Removing the store {0} deletes from this database:\n\n"
            "• its {1} mapping(s), {2} of them linked to a store customer (Username, "
            "Webstore ID, status)\n"
            "• {3} webstore customer copies, {4} sync run(s) of its Sync Log and {5} open "
            "conflict(s)\n"
            "• {6} password(s) waiting to be sent, its setup, and its consumer key and secret "
            "in the keyring\n\n"
            "Back-office customers stay, and nothing is changed in the store itself. Remove it?"
        ).format(
            name,
            impact.mappings,
            impact.linked,
            impact.webstore_customers,
            impact.runs,
            impact.open_conflicts,
            impact.pending_passwords,
        )

    # --- actions ---------------------------------------------------------------------------
    def _on_add_button_clicked(self) -> None:
        name = self.ask_name(self.tr("Add store"), self.tr("Name of the new store:"))
        if name is None:
            return
        try:
            store = StoreRepository(self.db).add(name)
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(
            self.tr("Store {0} added: choose it on the toolbar, then fill in its Setup.").format(
                store.name
            )
        )
        self.reload(store.id)
        self.stores_changed.emit()

    def _on_rename_button_clicked(self) -> None:
        store = self.current_store()
        if store is None:
            return
        name = self.ask_name(self.tr("Rename store"), self.tr("New name:"), store.name)
        if name is None:
            return
        try:
            StoreRepository(self.db).rename(store.id, name)
        except StoreError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        self.reload(store.id)
        self.stores_changed.emit()

    def _on_remove_button_clicked(self) -> None:
        store = self.current_store()
        if store is None:
            return
        if not self._may_remove():
            self.message.setText(self.tr("A sync is running: remove the store when it has ended."))
            return
        self.remove_button.setEnabled(False)
        # What goes is counted on a worker: a big store has 100,000 mappings and copies.
        self._run_task(
            lambda db: StoreRepository(db).removal_impact(store.id),
            lambda impact: self._confirm_and_remove(store, impact),
            self._on_remove_failed,
        )

    def _confirm_and_remove(self, store: Store, impact: RemovalImpact) -> None:
        if not self.confirm_removal(store, impact):
            self._update_buttons()
            return
        self.message.setText(self.tr("Removing {0}…").format(store.name))
        self._run_task(
            lambda db: remove_store(db, store.id),
            self._on_removed,
            self._on_remove_failed,
        )

    def _on_removed(self, result: Any) -> None:
        store, note = result
        text = self.tr("Store {0} removed.").format(store.name)
        self.message.setText(f"{text} {note}".strip())
        self.reload()
        self.stores_changed.emit()

    def _on_remove_failed(self, message: str) -> None:
        self.message.setText(message)
        self._update_buttons()
