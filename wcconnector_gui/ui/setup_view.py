"""The Setup form: every setting, the store credentials (keyring) and "Test connection".

Signals:
    saved(object): the new ``Setup`` after Save.
    keyring_unavailable(str): the credentials could not be stored.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import fields
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.domain.setup import (
    INT_RANGES,
    AuthMode,
    CountySource,
    MappingType,
    NameSource,
    PullMode,
    Setup,
    SetupError,
    format_setting,
    parse_setting,
)
from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.storage.setup_store import load_setup, save_settings, store_id
from wcconnector_gui.ui.translation import setting_help, translate
from wcconnector_gui.woo.diagnose import test_connection

# Labels in the seeds' words.
SETTING_LABELS: dict[str, str] = {
    "store_url": translatable("SetupView", "Store URL"),
    "auth": translatable("SetupView", "Authentication"),
    "ca_bundle": translatable("SetupView", "CA Bundle (PEM File)"),
    "push_customers": translatable("SetupView", "Push Webstore Customers"),
    "can_update_webstore_customers": translatable("SetupView", "Can Update Webstore Customers"),
    "pull_customers": translatable("SetupView", "Pull Webstore Customers"),
    "store_can_update_customers": translatable("SetupView", "Store Can Update Customers"),
    "mapping_type": translatable("SetupView", "Customer Mapping Type"),
    "customer_roles": translatable("SetupView", "Store Roles Taken as Customers"),
    "auto_create_unknown": translatable("SetupView", "Auto Create Unknown Customers"),
    "customer_template_code": translatable("SetupView", "Customer Template Code"),
    "default_customer_no": translatable("SetupView", "Default Customer No."),
    "default_guest_customer_no": translatable("SetupView", "Default Guest Customer (Not Used Yet)"),
    "name_source": translatable("SetupView", "Name Source"),
    "name_2_source": translatable("SetupView", "Name 2 Source"),
    "contact_source": translatable("SetupView", "Contact Source"),
    "county_source": translatable("SetupView", "County Source"),
    "customer_no_meta_key": translatable("SetupView", "Customer No. Meta Key"),
    "push_automatically": translatable("SetupView", "Push Changes Automatically"),
    "create_accounts_automatically": translatable(
        "SetupView", "Create Store Accounts Automatically"
    ),
    "sync_interval_minutes": translatable("SetupView", "Sync Every (Minutes, 0 = Off)"),
    "concurrency": translatable("SetupView", "Most Parallel Requests"),
    "adapt_concurrency": translatable("SetupView", "Find the Store's Capacity"),
    "batch_size": translatable("SetupView", "Batch Size"),
    "strict_address": translatable("SetupView", "Strict Address"),
    "generate_passwords": translatable("SetupView", "Generate Passwords"),
    "request_timeout_seconds": translatable("SetupView", "Request Timeout (Seconds)"),
    "run_time_limit_minutes": translatable("SetupView", "Time Limit per Sync (Minutes)"),
    "phase_time_limit_minutes": translatable("SetupView", "Time Limit per Phase (Minutes)"),
}

CHOICE_LABELS: dict[StrEnum, str] = {
    AuthMode.BASIC: translatable("SetupView", "Basic over HTTPS"),
    AuthMode.QUERY: translatable("SetupView", "Credentials in the query string (HTTPS)"),
    AuthMode.OAUTH1: translatable("SetupView", "OAuth 1.0a (plain-HTTP stores)"),
    PullMode.OFF: translatable("SetupView", "Off"),
    PullMode.NEW: translatable("SetupView", "New Customers Only"),
    PullMode.ALL: translatable("SetupView", "All"),
    MappingType.EMAIL_PHONE: translatable("SetupView", "By Email/Phone"),
    MappingType.BILL_TO: translatable("SetupView", "By Bill-to Info"),
    MappingType.DEFAULT_CUSTOMER: translatable("SetupView", "Always Take the Default Customer"),
    NameSource.COMPANY_NAME: translatable("SetupView", "Company Name"),
    NameSource.FIRST_AND_LAST_NAME: translatable("SetupView", "First and Last Name"),
    NameSource.LAST_AND_FIRST_NAME: translatable("SetupView", "Last and First Name"),
    NameSource.NONE: translatable("SetupView", "None"),
    CountySource.CODE: translatable("SetupView", "Code"),
    CountySource.NAME: translatable("SetupView", "Name"),
}

GROUPS: list[tuple[str, list[str]]] = [
    (translatable("SetupView", "Store"), ["store_url", "auth", "ca_bundle"]),
    (
        translatable("SetupView", "Synchronization"),
        [
            "push_customers",
            "can_update_webstore_customers",
            "pull_customers",
            "store_can_update_customers",
            "push_automatically",
            "create_accounts_automatically",
            "sync_interval_minutes",
            "strict_address",
            "generate_passwords",
        ],
    ),
    (
        translatable("SetupView", "Customers from the Store"),
        [
            "mapping_type",
            "customer_roles",
            "auto_create_unknown",
            "customer_template_code",
            "default_customer_no",
            "default_guest_customer_no",
        ],
    ),
    (
        translatable("SetupView", "Names and Fields"),
        ["name_source", "name_2_source", "contact_source", "county_source", "customer_no_meta_key"],
    ),
    (
        translatable("SetupView", "Advanced"),
        [
            "concurrency",
            "adapt_concurrency",
            "batch_size",
            "request_timeout_seconds",
            "run_time_limit_minutes",
            "phase_time_limit_minutes",
        ],
    ),
]

# The settings a Test Connection result depends on (with the consumer key and secret).
STORE_FIELDS = ("store_url", "auth", "ca_bundle")

SAVED_PLACEHOLDER = translatable("SetupView", "saved in the keyring — type to replace")
SESSION_PLACEHOLDER = translatable("SetupView", "kept for this session only — type to replace")


TWO_COLUMNS_MIN_WIDTH = 1000


class SetupView(QWidget):
    saved = Signal(object)
    keyring_unavailable = Signal(str)

    def __init__(
        self,
        db: Database,
        run_task: Callable[[Callable[[Database], Any], Callable[[Any], None]], Any],
        parent: Any = None,
        *,
        store: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.store = store  # the store whose setup is shown (None: the only store)
        self._run_task = run_task
        self.editors: dict[str, QWidget] = {}
        setup_fields = {f.name for f in fields(Setup)}
        assert setup_fields == set(SETTING_LABELS), "every setting needs a label"

        self.consumer_key = QLineEdit()
        self.consumer_secret = QLineEdit()
        for edit in (self.consumer_key, self.consumer_secret):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setClearButtonEnabled(True)
        self.keyring_label = QLabel()
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet("color: #555;")

        self._grid = QGridLayout()
        self._boxes: list[QGroupBox] = []
        self._columns = 0
        for title, keys in GROUPS:
            box = QGroupBox(self.tr(title))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key in keys:
                editor = self._make_editor(key)
                editor.setToolTip(setting_help(key))
                self.editors[key] = editor
                label = QLabel(self.tr(SETTING_LABELS[key]))
                label.setToolTip(setting_help(key))
                form.addRow(label, editor)
            if title == "Store":
                form.addRow(self.tr("Consumer Key"), self.consumer_key)
                form.addRow(self.tr("Consumer Secret"), self.consumer_secret)
                form.addRow("", self.keyring_label)
                self.test_button = QPushButton(self.tr("Test Connection"))
                self.test_button.clicked.connect(self._on_test_button_clicked)
                self.diagnosis_label = QLabel()
                self.diagnosis_label.setWordWrap(True)
                self.diagnosis_label.setTextFormat(Qt.TextFormat.RichText)
                form.addRow(self.test_button, self.diagnosis_label)
            self._boxes.append(box)
        self._arrange(2)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.load)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(self._grid)
        inner_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self._loaded: dict[str, str] = {}
        self._test_round = 0  # a Test Connection answer for older values is dropped
        self._watch_store_fields()
        self.load()

    # --- layout -----------------------------------------------------------------------------
    def _arrange(self, columns: int) -> None:
        """The Store group across the top, the others in ``columns`` columns below it."""
        if columns == self._columns:
            return
        self._columns = columns
        for box in self._boxes:
            self._grid.removeWidget(box)
        first, *others = self._boxes
        self._grid.addWidget(first, 0, 0, 1, columns)
        for number, box in enumerate(others):
            self._grid.addWidget(box, 1 + number // columns, number % columns)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        # Two columns need about 1,000 px; narrower windows get one (and scroll down).
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_MIN_WIDTH else 1)
        super().resizeEvent(event)

    # --- editors ----------------------------------------------------------------------------
    def _make_editor(self, key: str) -> QWidget:
        default = getattr(Setup(), key)
        if isinstance(default, bool):
            return QCheckBox()
        if isinstance(default, StrEnum):
            combo = QComboBox()
            # Not as wide as its longest choice: the form must fit a 900 px window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            for member in type(default):
                if key == "contact_source" and member == NameSource.COMPANY_NAME:
                    continue
                combo.addItem(self.tr(CHOICE_LABELS.get(member, member.value)), member.value)
            return combo
        if isinstance(default, int):
            spin = QSpinBox()
            low, high = INT_RANGES[key]
            spin.setRange(low, high)
            return spin
        edit = QLineEdit()
        if key == "store_url":
            edit.setPlaceholderText("https://shop.example.com")
        return edit

    def _editor_text(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return "on" if editor.isChecked() else "off"
        if isinstance(editor, QComboBox):
            return str(editor.currentData())
        if isinstance(editor, QSpinBox):
            return str(editor.value())
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _set_editor(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(value))))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(format_setting(value))

    def _watch_store_fields(self) -> None:
        """An edit of the store's address, authentication or keys makes a test result old."""
        for key in STORE_FIELDS:
            editor = self.editors[key]
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self._forget_test_result)
            elif isinstance(editor, QComboBox):
                editor.activated.connect(self._forget_test_result)
        for edit in (self.consumer_key, self.consumer_secret):
            edit.textEdited.connect(self._forget_test_result)

    def _forget_test_result(self, *_args: Any) -> None:
        self._test_round += 1
        self.diagnosis_label.clear()
        self.test_button.setEnabled(True)

    def has_unsaved_edits(self) -> bool:
        """The form differs from what was loaded or saved (a typed key or secret counts)."""
        if self.consumer_key.text().strip() or self.consumer_secret.text().strip():
            return True
        return any(self._editor_text(key) != text for key, text in self._loaded.items())

    # --- load / save ----------------------------------------------------------------------------
    def load(self) -> None:
        setup = load_setup(self.db, self.store)
        for key in self.editors:
            self._set_editor(key, getattr(setup, key))
        self._loaded = {key: self._editor_text(key) for key in self.editors}
        self.consumer_key.clear()
        self.consumer_secret.clear()
        self._show_credentials_state()
        self.message_label.clear()
        self._forget_test_result()

    def _show_credentials_state(self) -> None:
        sid = store_id(self.db, self.store)
        try:
            has_key = bool(keyring_store.get_secret(keyring_store.consumer_key_name(sid)))
            has_secret = bool(keyring_store.get_secret(keyring_store.consumer_secret_name(sid)))
        except keyring_store.SecretStoreUnavailable:
            has_key = has_secret = False
        saved = self.tr(
            SESSION_PLACEHOLDER if keyring_store.is_session_only() else SAVED_PLACEHOLDER
        )
        self.consumer_key.setPlaceholderText(saved if has_key else "ck_…")
        self.consumer_secret.setPlaceholderText(saved if has_secret else "cs_…")
        self.keyring_label.setText(
            self.tr("Credentials are kept in: {0}").format(
                translate("Secrets", keyring_store.backend_description())
            )
        )

    def form_values(self) -> dict[str, Any]:
        """The parsed values of the form (SetupError names the first bad one)."""
        values: dict[str, Any] = {}
        for key in self.editors:
            try:
                values[key] = parse_setting(key, self._editor_text(key))
            except SetupError as exc:
                raise SetupError(f"{self.tr(SETTING_LABELS[key])}: {exc}") from None
        return values

    def save(self) -> bool:
        try:
            values = self.form_values()
        except SetupError as exc:
            self._show_message(str(exc), error=True)
            return False
        save_settings(self.db, values, self.store)
        key, secret = self.consumer_key.text().strip(), self.consumer_secret.text().strip()
        if key or secret:
            sid = store_id(self.db, self.store)
            try:
                if key:
                    keyring_store.set_secret(keyring_store.consumer_key_name(sid), key)
                if secret:
                    keyring_store.set_secret(keyring_store.consumer_secret_name(sid), secret)
            except keyring_store.SecretStoreUnavailable as exc:
                self._show_message(
                    self.tr("Settings saved; the credentials were not (see the note above)."),
                    error=True,
                )
                self.keyring_unavailable.emit(str(exc))
                return False
        self.load()
        self._show_message(self.tr("Setup saved."))
        self.saved.emit(load_setup(self.db, self.store))
        return True

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        color = "#b3261e" if error else "#2e7d32"
        self.message_label.setStyleSheet(f"color: {color};")
        self.message_label.setText(text)

    # --- test connection ---------------------------------------------------------------------
    def _on_test_button_clicked(self) -> None:
        self.test_connection()

    def test_connection(self) -> None:
        """Check the form's store settings in the background; the verdict shows below."""
        url = self._editor_text("store_url")
        auth = self._editor_text("auth")
        ca_bundle = self._editor_text("ca_bundle") or None
        key, secret = self.consumer_key.text().strip(), self.consumer_secret.text().strip()
        sid = store_id(self.db, self.store)
        try:
            key = key or keyring_store.get_secret(keyring_store.consumer_key_name(sid)) or ""
            secret = (
                secret or keyring_store.get_secret(keyring_store.consumer_secret_name(sid)) or ""
            )
        except keyring_store.SecretStoreUnavailable as exc:
            self.keyring_unavailable.emit(str(exc))
            return

        def task(db: Database) -> Any:
            return test_connection(url, key, secret, auth=auth, ca_bundle=ca_bundle)

        self._test_round += 1
        test_round = self._test_round
        self.test_button.setEnabled(False)
        self.diagnosis_label.setStyleSheet("")
        self.diagnosis_label.setText(self.tr("Testing…"))
        self._run_task(task, lambda answer: self._on_diagnosis(answer, test_round))

    def _on_diagnosis(self, diagnosis: Any, test_round: int | None = None) -> None:
        if test_round is not None and test_round != self._test_round:
            return  # the form changed while the test ran: its answer no longer applies
        self.test_button.setEnabled(True)
        if isinstance(diagnosis, str):  # the task failed; the text says why
            self.diagnosis_label.setText(
                f"<span style='color:#b3261e'>{html.escape(diagnosis)}</span>"
            )
            return
        if diagnosis.ok:
            text = f"<span style='color:#2e7d32'>✔ {html.escape(diagnosis.message)}</span>"
        else:
            text = f"<span style='color:#b3261e'>✘ {html.escape(diagnosis.message)}</span>"
            if diagnosis.hint:
                text += f"<br>{html.escape(diagnosis.hint)}"
        self.diagnosis_label.setText(text)
