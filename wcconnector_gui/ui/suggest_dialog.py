"""Suggest Mapping: the proposals, each with its reason; the user picks which to apply.

Ambiguous proposals are shown but cannot be applied from here: the user decides
by typing the Webstore ID in the grid.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.ui.table_view import apply_widths, make_table_view

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = (
    translatable("SuggestionModel", "Apply"),
    translatable("SuggestionModel", "Customer"),
    translatable("SuggestionModel", "Store Customer"),
    translatable("SuggestionModel", "Store E-Mail"),
    translatable("SuggestionModel", "Username Taken"),
    translatable("SuggestionModel", "Reason"),
    translatable("SuggestionModel", "Score"),
)
COL_APPLY, COL_CUSTOMER, COL_STORE, COL_EMAIL, COL_USERNAME, COL_REASON, COL_SCORE = range(7)


class SuggestionModel(QAbstractTableModel):
    def __init__(self, suggestions: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.suggestions = suggestions
        self.chosen = [not getattr(s, "ambiguous", False) for s in suggestions]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.suggestions)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not getattr(self.suggestions[index.row()], "ambiguous", False):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.suggestions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if getattr(item, "ambiguous", False):
                return None
            return Qt.CheckState.Checked if self.chosen[index.row()] else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        return None

    def _text(self, item: Any, column: int) -> str:
        if column == COL_APPLY:
            return self.tr("ambiguous") if getattr(item, "ambiguous", False) else ""
        if column == COL_CUSTOMER:
            name = getattr(item, "customer_name", "")
            return f"{item.customer_no} — {name}" if name else str(item.customer_no)
        if column == COL_STORE:
            name = getattr(item, "store_name", "")
            return f"{item.webstore_id} — {name}" if name else str(item.webstore_id)
        if column == COL_EMAIL:
            return str(getattr(item, "store_email", ""))
        if column == COL_USERNAME:
            return self._username_taken(item)
        if column == COL_REASON:
            return str(item.reason)
        score = getattr(item, "score", None)
        return "" if score is None else f"{score:g}"

    def _username_taken(self, item: Any) -> str:
        """The store username the row takes on applying, and what it replaces."""
        taken = str(getattr(item, "store_username", "") or "")
        current = str(getattr(item, "current_username", "") or "")
        if current and current != taken:
            return self.tr("{0} (replaces {1})").format(taken, current)
        return taken

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if getattr(self.suggestions[index.row()], "ambiguous", False):
            return False
        self.chosen[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def chosen_suggestions(self) -> list[Any]:
        return [s for s, chosen in zip(self.suggestions, self.chosen, strict=True) if chosen]


class SuggestDialog(QDialog):
    def __init__(self, suggestions: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Suggest Mapping"))
        self.model = SuggestionModel(suggestions, self)
        self.resize(880, 480)
        table = make_table_view([60, 150, 150, 170, 120, 220, 45])
        table.setModel(self.model)
        apply_widths(table)
        ambiguous = sum(1 for s in suggestions if getattr(s, "ambiguous", False))
        text = self.tr("{0} proposals for unmapped customers.").format(len(suggestions))
        if ambiguous:
            text += " " + self.tr(
                "{0} are ambiguous and are not applied; type the Webstore ID in the grid to "
                "decide them."
            ).format(ambiguous)
        text += " " + self.tr(
            "Applying links each ticked row to its store customer, and the row takes that "
            "customer's store username (Username Taken); the store does not allow changing it "
            "later."
        )
        self.note = QLabel(text)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(table)
        layout.addWidget(buttons)

    def chosen_suggestions(self) -> list[Any]:
        return self.model.chosen_suggestions()
