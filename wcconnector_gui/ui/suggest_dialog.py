"""Suggest Mapping: the proposals, each with its reason; the user picks which to apply.

Ambiguous proposals are shown but cannot be applied from here: the user decides
by typing the Webstore ID in the grid.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from wcconnector_gui.ui.table_view import apply_widths, make_table_view

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Apply", "Customer No.", "Webstore ID", "Reason", "Score")


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
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.tr("ambiguous") if getattr(item, "ambiguous", False) else ""
            if column == 1:
                return item.customer_no
            if column == 2:
                return str(item.webstore_id)
            if column == 3:
                return item.reason
            if column == 4:
                score = getattr(item, "score", None)
                return "" if score is None else f"{score:g}"
        return None

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
        self.resize(820, 480)
        self.model = SuggestionModel(suggestions, self)
        table = make_table_view([90, 110, 100, 420, 60])
        table.setModel(self.model)
        apply_widths(table)
        ambiguous = sum(1 for s in suggestions if getattr(s, "ambiguous", False))
        text = self.tr("{0} proposals for unmapped customers.").format(len(suggestions))
        if ambiguous:
            text += " " + self.tr(
                "{0} are ambiguous and are not applied; type the Webstore ID in the grid to "
                "decide them."
            ).format(ambiguous)
        label = QLabel(text)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(table)
        layout.addWidget(buttons)

    def chosen_suggestions(self) -> list[Any]:
        return self.model.chosen_suggestions()
