"""The main window: toolbar, the views, status bar; wires views to the sync controller."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wcconnector_gui import __version__
from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.domain.sync_run import Direction, RunStatus
from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.storage.database import open_database
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.read_models import mapping_grid_rows
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.stores import StoreRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.ui.conflicts_view import ConflictsView
from wcconnector_gui.ui.customers_view import CustomersView
from wcconnector_gui.ui.icons import icon
from wcconnector_gui.ui.keyring_banner import KeyringBanner
from wcconnector_gui.ui.mapping_model import (
    MappingTableModel,
    format_timestamp,
    read_grid,
    warm_status_icons,
)
from wcconnector_gui.ui.mapping_view import MappingView
from wcconnector_gui.ui.setup_view import SetupView
from wcconnector_gui.ui.signal_refcount import top_up
from wcconnector_gui.ui.stores_dialog import StoresDialog
from wcconnector_gui.ui.suggest_dialog import SuggestDialog
from wcconnector_gui.ui.sync_controller import SyncController, with_engine
from wcconnector_gui.ui.sync_log_view import SyncLogView
from wcconnector_gui.ui.templates_view import TemplatesView
from wcconnector_gui.ui.translation import run_counts_text, word
from wcconnector_gui.ui.webstore_view import WebstoreView
from wcconnector_gui.ui.workers import LatestRead

log = logging.getLogger(__name__)

VIEW_MAPPING, VIEW_SETUP, VIEW_CUSTOMERS, VIEW_WEBSTORE = range(4)
VIEW_TEMPLATES, VIEW_CONFLICTS, VIEW_LOG = range(4, 7)

# After the window is up and idle: work that must not delay opening it.
WARM_UP_DELAY_MS = 300


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, *, title_note: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.db = open_database(db_path)  # the GUI thread's own connection
        # The store shown: the grid, Setup, Webstore Customers, Conflicts and Sync Log follow it.
        self.store: int = StoreRepository(self.db).all()[0].id
        self.setup: Setup = load_setup(self.db, self.store)
        self.setWindowTitle(
            f"wcconnector-gui {__version__}" + (f" — {title_note}" if title_note else "")
        )
        self.setWindowIcon(icon("app"))
        self.resize(1390, 860)
        # Destroyed on close, on the GUI thread, not later by whichever thread collects cycles.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._touched: set[str] = set()
        self._suggest_dialog: SuggestDialog | None = None
        self._closed = False

        self.controller = SyncController(db_path, self)
        self.controller.store = self.store
        self.controller.confirm_creates = self.confirm_creates
        self.controller.running_changed.connect(self._on_controller_running_changed)
        self.controller.progress.connect(self._on_controller_progress)
        self.controller.finished.connect(self._on_controller_finished)
        self.controller.failed.connect(self._on_controller_failed)
        self.controller.declined.connect(self._on_controller_declined)
        self.controller.task_failed.connect(self.show_error)

        # Models and views
        self.mapping_model = MappingTableModel(self.db, self)
        self.mapping_model.store = self.store
        self._grid_read = LatestRead(self.controller.run_task)
        self.reload_grid()  # on a worker, while the window is built and shown
        self.mapping_view = MappingView(self.mapping_model, self.db)
        self.setup_view = SetupView(
            self.db, lambda task, done: self.controller.run_task(task, done, done), store=self.store
        )
        self.customers_view = CustomersView(self.db, self.controller.run_task)
        self.webstore_view = WebstoreView(self.db, self.controller.run_task, store=self.store)
        self.templates_view = TemplatesView(self.db)
        self.conflicts_view = ConflictsView(self.db, store=self.store)
        self.log_view = SyncLogView(self.db, self.controller.run_task, store=self.store)
        self._stores_dialog: StoresDialog | None = None

        self.mapping_model.edit_failed.connect(self._on_edit_failed)
        self.mapping_model.keyring_unavailable.connect(self.show_keyring_problem)
        self.mapping_model.link_requested.connect(self.link_webstore_id)
        self.mapping_model.customer_edited.connect(self._on_customer_edited)
        self.mapping_view.selection_changed.connect(self._update_actions)
        self.mapping_view.notice.connect(self._on_edit_failed)
        self.setup_view.saved.connect(self._on_setup_saved)
        self.setup_view.keyring_unavailable.connect(self.show_keyring_problem)
        self.customers_view.customers_changed.connect(self._on_customers_changed)
        self.webstore_view.import_requested.connect(self.import_webstore_customers)
        self.webstore_view.suggest_requested.connect(self.suggest_mapping)
        self.conflicts_view.resolve_requested.connect(self.resolve_conflict)

        self._build_actions()
        self._build_central()
        self._build_status_bar()
        self._apply_store_setups()
        self._refcount_timer = QTimer(self)
        self._refcount_timer.timeout.connect(top_up)
        self._refcount_timer.start(500)
        self._update_store_label()
        self._update_last_sync_label()
        self._update_actions()
        QTimer.singleShot(WARM_UP_DELAY_MS, warm_status_icons)
        if not keyring_store.is_session_only() and not keyring_store.keyring_available():
            self.show_keyring_problem()

    # --- construction ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.sync_action = QAction(icon("sync"), self.tr("Synchronize"), self)
        self.sync_action.setShortcut(QKeySequence("F9"))
        self.sync_action.setToolTip(self.tr("Synchronize everything the setup enables (F9)"))
        self.sync_action.triggered.connect(self.synchronize)
        self.sync_selected_action = QAction(
            icon("sync-selected"), self.tr("Synchronize Selected"), self
        )
        self.sync_selected_action.setShortcut(QKeySequence("Shift+F9"))
        self.sync_selected_action.setToolTip(self.tr("Synchronize only the selected rows"))
        self.sync_selected_action.triggered.connect(self.synchronize_selected)
        self.suggest_action = QAction(icon("suggest"), self.tr("Suggest Mapping"), self)
        self.suggest_action.setToolTip(
            self.tr("Propose links between unmapped customers and store customers")
        )
        self.suggest_action.triggered.connect(self.suggest_mapping)
        self.stop_action = QAction(icon("stop"), self.tr("Stop"), self)
        self.stop_action.setShortcut(QKeySequence("Esc"))
        self.stop_action.setToolTip(self.tr("Stop the running sync after the current batch"))
        self.stop_action.triggered.connect(self.stop)
        self.all_stores_box = QCheckBox(self.tr("All Stores"))
        self.all_stores_box.setObjectName("allStores")
        self.all_stores_box.setToolTip(
            self.tr(
                "Synchronize and Synchronize Selected act on every store, one after the "
                "other, as each one's setup enables (the grid shows the chosen store)"
            )
        )
        self.stores_action = QAction(icon("view-setup"), self.tr("Stores…"), self)
        self.stores_action.setToolTip(self.tr("Add, rename or remove stores"))
        self.stores_action.triggered.connect(self.manage_stores)
        self.store_box = QComboBox()
        self.store_box.setObjectName("storeSelector")
        self.store_box.setToolTip(self.tr("The store shown and synchronized"))
        self.store_box.setMinimumContentsLength(12)
        self.store_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_store_box()
        self.store_box.currentIndexChanged.connect(self._on_store_box_current_index_changed)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(22, 22))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.sync_action, self.sync_selected_action, self.suggest_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.stop_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Store:") + " "))
        toolbar.addWidget(self.store_box)
        toolbar.addWidget(self.all_stores_box)
        toolbar.addAction(self.stores_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _fit_toolbar(self, width: int) -> None:
        """In a narrow window Stop and Stores show their icon only (the tooltip says
        what they do), so that nothing hides behind the toolbar's » menu."""
        secondary = (self.stop_action, self.stores_action)
        for compact in (False, True):
            style = (
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if compact
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            for action in secondary:
                button = self.toolbar.widgetForAction(action)
                if isinstance(button, QToolButton):
                    button.setToolButtonStyle(style)
            if self.toolbar.sizeHint().width() <= width:
                return

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        self._fit_toolbar(event.size().width())
        super().resizeEvent(event)

    def _build_central(self) -> None:
        self.side = QListWidget()
        self.side.setIconSize(QSize(20, 20))
        self.side.setMinimumWidth(160)
        self.side.setMaximumWidth(240)
        self.stack = QStackedWidget()
        for name, icon_name, widget in (
            (self.tr("Customer Mapping"), "view-mapping", self.mapping_view),
            (self.tr("Setup"), "view-setup", self.setup_view),
            (self.tr("Customers"), "view-customers", self.customers_view),
            (self.tr("Webstore Customers"), "view-webstore", self.webstore_view),
            (self.tr("Templates"), "view-templates", self.templates_view),
            (self.tr("Conflicts"), "view-conflicts", self.conflicts_view),
            (self.tr("Sync Log"), "view-log", self.log_view),
        ):
            item = QListWidgetItem(icon(icon_name), name)
            item.setSizeHint(QSize(0, 34))
            self.side.addItem(item)
            self.stack.addWidget(widget)
        self.side.currentRowChanged.connect(self._on_side_current_row_changed)
        self.side.setCurrentRow(VIEW_MAPPING)

        self.banner = KeyringBanner()
        self.banner.session_only_chosen.connect(self._on_banner_session_only_chosen)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_close = QPushButton("✕")
        self.error_close.setFlat(True)
        self.error_close.setFixedWidth(28)
        self.error_close.clicked.connect(self.clear_error)
        self.error_box = QWidget()
        self.error_box.setObjectName("errorBox")
        self.error_box.setStyleSheet(
            "#errorBox { background: #fde7e9; border: 1px solid #e8a3a9; border-radius: 4px; }"
        )
        error_layout = QHBoxLayout(self.error_box)
        error_layout.addWidget(self.error_label, 1)
        error_layout.addWidget(self.error_close)
        self.error_box.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.error_box)
        right_layout.addWidget(self.stack, 1)
        splitter = QSplitter()
        splitter.addWidget(self.side)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([170, 1220])
        self.setCentralWidget(splitter)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.store_label = QLabel()
        self.last_sync_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.store_label)
        bar.addPermanentWidget(self.last_sync_label)

    # --- labels and state ----------------------------------------------------------------------
    def _update_store_label(self) -> None:
        url = self.setup.store_url or self.tr("no store set up")
        name = self.store_box.currentText()
        if self.store_box.count() > 1:  # which one, when there are several
            self.store_label.setText(self.tr("Store {0}: {1}").format(name, url))
        else:
            self.store_label.setText(self.tr("Store: {0}").format(url))

    # --- stores ----------------------------------------------------------------------------
    def _fill_store_box(self) -> None:
        stores = StoreRepository(self.db).all()
        if not any(s.id == self.store for s in stores):
            self.store = stores[0].id
        self.store_box.blockSignals(True)
        self.store_box.clear()
        for store in stores:
            self.store_box.addItem(store.name, store.id)
        self.store_box.setCurrentIndex(self.store_box.findData(self.store))
        self.store_box.blockSignals(False)
        several = len(stores) > 1
        self.all_stores_box.setEnabled(several and not self.controller.is_busy())
        if not several:
            self.all_stores_box.setChecked(False)

    def _on_store_box_current_index_changed(self, index: int) -> None:
        chosen = self.store_box.itemData(index)
        if chosen is None or int(chosen) == self.store:
            return
        if self.stack.currentWidget() is self.setup_view and not self._may_leave_setup():
            self._fill_store_box()  # stay on the store whose setup has unsaved edits
            return
        self.show_store(int(chosen))

    def show_store(self, store: int) -> None:
        """Show ``store``: its mappings in the grid, its setup, log, conflicts and copies."""
        self.store = store
        self.controller.store = store
        self.mapping_model.store = store
        for view in (self.setup_view, self.webstore_view, self.conflicts_view, self.log_view):
            view.store = store
        self.setup = load_setup(self.db, store)
        self.controller.apply_setup(self.setup)
        self.setup_view.load()
        self.clear_error()
        self.reload_grid()
        self._fill_store_box()
        self._update_store_label()
        self._after_store_change()
        self.mapping_view.refresh_details()

    def manage_stores(self) -> None:
        dialog = StoresDialog(
            self.db,
            self.controller.run_task,
            may_remove=lambda: not self.controller.is_busy(),
            parent=self,
        )
        dialog.stores_changed.connect(self._on_stores_changed)
        self._stores_dialog = dialog
        dialog.open()

    def _on_stores_changed(self) -> None:
        shown = self.store
        self._fill_store_box()
        self._apply_store_setups()
        if self.store != shown:  # the shown store was removed
            self.show_store(self.store)
        self._update_store_label()  # a new name, or one store left

    def _apply_store_setups(self) -> None:
        """Each store's recurring sync and account rule (the controller follows them all)."""
        ids = [s.id for s in StoreRepository(self.db).all()]
        for store in ids:
            self.controller.apply_setup(load_setup(self.db, store), store)
        for store in self.controller.known_stores():
            if store not in ids:
                self.controller.forget_store(store)

    def _engine_task(self, function: Any) -> Any:
        """A background task with the shown store's engine (see ``with_engine``)."""
        return with_engine(function, self.store)

    def _stores_to_sync(self) -> list[int] | None:
        """Every store when All Stores is on, else None (the chosen store)."""
        if not self.all_stores_box.isChecked():
            return None
        return [s.id for s in StoreRepository(self.db).all()]

    def _update_last_sync_label(self) -> None:
        runs = SyncLogRepository(self.db, self.store).runs(limit=1)
        if runs:
            run = runs[0]
            when = format_timestamp(run["finished_at"] or run["started_at"])
            self.last_sync_label.setText(
                self.tr("Last sync: {0} ({1})").format(when, word(run["status"]))
            )
        else:
            self.last_sync_label.setText(self.tr("Last sync: never"))

    def _update_actions(self) -> None:
        busy = self.controller.is_busy()
        self.sync_action.setEnabled(not busy)
        self.sync_selected_action.setEnabled(
            not busy and bool(self.mapping_view.table.selectionModel().hasSelection())
        )
        self.suggest_action.setEnabled(not busy)
        self.stop_action.setEnabled(self.controller.is_running())
        # A sync's outcomes are shown in its store's grid: no switching while one runs.
        self.store_box.setEnabled(not busy)
        self.all_stores_box.setEnabled(not busy and self.store_box.count() > 1)

    def _on_side_current_row_changed(self, row: int) -> None:
        leaving_setup = self.stack.currentWidget() is self.setup_view and row != VIEW_SETUP
        if leaving_setup and not self._may_leave_setup():
            self.side.blockSignals(True)  # stay on Setup, as if nothing was clicked
            self.side.setCurrentRow(VIEW_SETUP)
            self.side.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)
        view = self.stack.currentWidget()
        reload = getattr(view, "reload", None)
        if reload is not None and view is not self.customers_view:
            reload()  # the side views load when shown (cheap ones; never the grid)

    def ask_unsaved_setup(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel: the Setup form has edits that are not saved."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self,
            self.tr("Unsaved setup"),
            self.tr("The setup has changes that are not saved. Save them before leaving?"),
            buttons,
            QMessageBox.StandardButton.Save,
        )

    def _may_leave_setup(self) -> bool:
        if not self.setup_view.has_unsaved_edits():
            return True
        answer = self.ask_unsaved_setup()
        if answer == QMessageBox.StandardButton.Save:
            return self.setup_view.save()  # a refused value keeps the user on Setup
        if answer == QMessageBox.StandardButton.Discard:
            self.setup_view.load()
            return True
        return False

    def show_error(self, message: str) -> None:
        if keyring_store.is_unavailable_message(message) and not keyring_store.is_session_only():
            self.show_keyring_problem()  # said once, in the banner
            return
        self.error_label.setText(message)
        self.error_box.show()
        self.statusBar().showMessage(message, 10_000)

    def clear_error(self) -> None:
        self.error_box.hide()
        self.error_label.clear()

    def show_keyring_problem(self, _message: str = "") -> None:
        if not keyring_store.is_session_only():  # else the secrets are kept in memory
            self.banner.show_problem()

    def _on_banner_session_only_chosen(self) -> None:
        self.clear_error()
        self.statusBar().showMessage(
            self.tr("Secrets are kept in memory until the app closes. Enter them again now."), 8000
        )
        self.setup_view.load()

    def _on_edit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- synchronize -----------------------------------------------------------------------------
    def confirm_creates(self, count: int) -> bool:
        """Ask before a push that creates ``count`` store accounts (each may get an e-mail)."""
        answer = QMessageBox.question(
            self,
            self.tr("Create store accounts"),
            self.tr(
                "This sync creates {0} new customer account(s) in the store.\n\n"
                'The store may send each of them WooCommerce\'s "New account" e-mail '
                "(an account invitation). Go on?"
            ).format(count),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_controller_declined(self) -> None:
        self.statusBar().showMessage(
            self.tr("Not synchronized: you chose not to create the store accounts."), 10_000
        )

    def synchronize(self) -> bool:
        self.clear_error()
        self._touched.clear()
        return self.controller.synchronize(stores=self._stores_to_sync())

    def synchronize_selected(self) -> bool:
        nos = self.mapping_view.selected_customer_nos()
        if not nos:
            self.statusBar().showMessage(self.tr("Select the rows to synchronize first."), 5000)
            return False
        self.clear_error()
        self._touched.clear()
        return self.controller.synchronize(nos, stores=self._stores_to_sync())

    def stop(self) -> None:
        if self.controller.is_running():
            self.controller.cancel()
            self.statusBar().showMessage(self.tr("Stopping after the current batch…"))

    def _on_controller_running_changed(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)
            self.statusBar().showMessage(self.tr("Synchronizing…"))
        else:  # "Synchronizing…" or a phase is over; the outcome (if any) follows
            self.statusBar().clearMessage()
        self._update_actions()

    def _on_controller_progress(self, progress: Any) -> None:
        top_up()  # WORKAROUND: see signal_refcount
        total = int(getattr(progress, "total", 0) or 0)
        done = int(getattr(progress, "done", 0) or 0)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        message = getattr(progress, "message", "") or getattr(progress, "phase", "")
        if message:
            self.statusBar().showMessage(str(message))
        outcomes = list(getattr(progress, "outcomes", None) or [])
        if outcomes and self.controller.running_store() == self.store:
            self.mapping_model.apply_outcomes(outcomes)
            self._touched.update(str(o.customer_no) for o in outcomes if o.customer_no)

    def _on_controller_finished(self, summary: Any) -> None:
        counts = dict(getattr(summary, "counts", {}) or {})
        if counts.get("imported"):
            self.reload_grid()
        elif self._touched:
            self.refresh_rows(sorted(self._touched))
        self._touched.clear()
        status = str(getattr(summary, "status", ""))
        text = run_counts_text(dict(getattr(summary, "by_direction", {}) or {}), counts)
        if not text:
            done = status == RunStatus.DONE
            text = self.tr("nothing to do") if done else self.tr("no record was handled")
        self.statusBar().showMessage(self.tr("Sync {0}: {1}").format(word(status), text), 15_000)
        error = getattr(summary, "error", "")
        if error:
            self.show_error(str(error))
        self.mapping_view.refresh_details()
        self._after_store_change()

    def reload_grid(self) -> None:
        """Read every row of the grid on a worker; the model swaps them in when ready."""
        store = self.store
        self._grid_read.start(
            lambda db: read_grid(db, store), self.mapping_model.set_grid, self.show_error
        )

    def refresh_rows(self, customer_nos: list[str]) -> None:
        """Re-read rows after a sync: here when few, on a worker thread when many."""
        if len(customer_nos) <= 200:
            self.mapping_model.refresh_customers(customer_nos)
            return
        store = self.store
        self.controller.run_task(
            lambda db: mapping_grid_rows(db, customer_nos, store),
            self.mapping_model.replace_loaded_rows,
        )

    def _on_controller_failed(self, message: str) -> None:
        self.show_error(message)
        if self._touched:
            self.refresh_rows(sorted(self._touched))
            self._touched.clear()
        self._update_last_sync_label()

    def _after_store_change(self) -> None:
        self._update_last_sync_label()
        current = self.stack.currentWidget()
        for view in (self.webstore_view, self.conflicts_view, self.log_view):
            if view is current:
                view.reload()

    # --- edits with push-automatically ------------------------------------------------------------
    def _on_customer_edited(self, customer_no: str) -> None:
        if not self.setup.push_automatically:
            return
        mapping = MappingRepository(self.db, self.store).get(customer_no)
        # Updates of linked customers only; a new store account needs the explicit setting.
        if mapping.webstore_id is not None or (
            mapping.webstore_customer and self.setup.create_accounts_automatically
        ):
            self.controller.queue_push(customer_no)

    def _on_customers_changed(self, customer_nos: list[str]) -> None:
        if len(customer_nos) == 1 and self.mapping_model.row_of(customer_nos[0]) is not None:
            self.mapping_model.refresh_customers(customer_nos)
        else:
            self.reload_grid()
        for no in customer_nos:
            self._on_customer_edited(no)

    def _on_setup_saved(self, setup: Setup) -> None:
        self.setup = setup
        self.controller.apply_setup(setup)
        self._update_store_label()

    # --- mapping tasks (background) ---------------------------------------------------------------
    def link_webstore_id(self, customer_no: str, webstore_id: int) -> None:
        """Check a typed Webstore ID against the store, then link (or say why not)."""

        def done(result: Any) -> None:
            action = str(getattr(result, "action", "linked"))
            reason = str(getattr(result, "reason", "") or "")
            if action in ("failed", "skipped", "conflict"):
                self.mapping_model.refresh_customers([customer_no])
                self.mapping_model.set_row_note(customer_no, "error", reason)
                self.statusBar().showMessage(reason, 10_000)
                return
            self.mapping_model.refresh_customers([customer_no])
            self.statusBar().showMessage(
                self.tr("{0} is now linked to store customer {1}.").format(
                    customer_no, webstore_id
                ),
                8000,
            )

        def failed(message: str) -> None:
            self.mapping_model.refresh_customers([customer_no])
            self.mapping_model.set_row_note(customer_no, "error", message)
            self.statusBar().showMessage(message, 10_000)

        self.controller.run_task(
            self._engine_task(lambda engine: engine.link_webstore_id(customer_no, webstore_id)),
            done,
            failed,
        )

    def suggest_mapping(self) -> None:
        self.statusBar().showMessage(self.tr("Looking for matches…"))
        self.controller.run_task(
            self._engine_task(lambda engine: engine.suggest()), self._on_suggestions_found
        )

    def _on_suggestions_found(self, suggestions: Any) -> None:
        suggestions = list(suggestions or [])
        if not suggestions:
            self.statusBar().showMessage(self.tr("No mapping suggestions."), 8000)
            return
        self.statusBar().clearMessage()
        dialog = SuggestDialog(suggestions, self)
        dialog.accepted.connect(lambda: self.apply_suggestions(dialog.chosen_suggestions()))
        self._suggest_dialog = dialog
        dialog.open()

    def apply_suggestions(self, chosen: list[Any]) -> None:
        if not chosen:
            return
        nos = [s.customer_no for s in chosen]

        def done(_result: Any) -> None:
            self.mapping_model.refresh_customers(nos)
            self.statusBar().showMessage(self.tr("%n mapping(s) applied.", "", len(nos)), 8000)

        self.controller.run_task(
            self._engine_task(lambda engine: engine.apply_suggestions(chosen)), done
        )

    def import_webstore_customers(self, ids: list[int]) -> None:
        def done(outcomes: Any) -> None:
            outcomes = list(outcomes or [])
            imported = sum(1 for o in outcomes if str(o.action) == "imported")
            text = self.tr("%n store customer(s) imported.", "", imported)
            refused = [o for o in outcomes if str(o.action) in ("skipped", "failed")]
            if refused:
                reasons = "; ".join(as_sentence(str(o.reason)).rstrip(".") for o in refused)
                text += " " + self.tr("Not imported: {0}.").format(reasons)
            if imported:
                self.reload_grid()
                self.customers_view.reload()
            self.webstore_view.reload()
            self.webstore_view.show_result(text)
            self.statusBar().showMessage(text, 15_000)

        self.controller.run_task(
            self._engine_task(lambda engine: engine.import_webstore_customers(ids)), done
        )

    def resolve_conflict(self, conflict_id: int, keep: str) -> None:
        def done(_result: Any) -> None:
            self.conflicts_view.reload()
            self.reload_grid()

        self.controller.run_task(
            self._engine_task(lambda engine: engine.resolve_conflict(conflict_id, keep=keep)), done
        )

    def synchronize_direction(self, direction: Direction) -> bool:
        return self.controller.synchronize(direction=direction)

    # --- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self._closed:
            event.accept()
            return
        self._closed = True
        if self.controller.is_running():
            self.statusBar().showMessage(self.tr("Stopping the sync before closing…"))
        elif self.controller.runner.busy():
            self.statusBar().showMessage(self.tr("Finishing a background task before closing…"))
        # Results that arrive from now on must not touch the window (its db closes below).
        self.controller.blockSignals(True)
        self.controller.shutdown()
        self.db.close()
        event.accept()
