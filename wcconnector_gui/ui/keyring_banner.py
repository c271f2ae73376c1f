"""The banner shown when no keyring is available, with "Use for this session only".

Signals:
    session_only_chosen(): the user chose to keep secrets in memory for this session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from wcconnector_gui.credentials import keyring_store


class KeyringBanner(QFrame):
    session_only_chosen = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyringBanner")
        self.setStyleSheet(
            "#keyringBanner { background: #fff4ce; border: 1px solid #e2c044; border-radius: 4px; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.session_button = QPushButton(self.tr("Use for this session only"))
        self.session_button.clicked.connect(self._on_session_button_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.session_button)
        self.hide()

    def show_problem(self) -> None:
        """Say it once, calmly, here (not again in the error box or the status bar)."""
        self.label.setText(
            self.tr(
                "No secure keyring is available on this computer, so the store credentials and "
                "customer passwords cannot be saved. Unlock or install a keyring (GNOME Keyring, "
                "KWallet, macOS Keychain or Windows Credential Manager) and restart the app, or "
                "keep them for this session only."
            )
        )
        self.show()

    def _on_session_button_clicked(self) -> None:
        keyring_store.use_session_only(True)
        self.hide()
        self.session_only_chosen.emit()
