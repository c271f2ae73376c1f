"""A small read-mostly table model over a list of dicts (side views: log, conflicts...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole record (proxy-safe accessor)
SORT_ROLE = Qt.ItemDataRole.UserRole
TOOLTIP_MIN_CHARS = 12  # shorter texts fit every column


class RecordTableModel(QAbstractTableModel):
    """Rows are dicts; each column is (header, key or function of the record).

    Editable columns (``editable`` keys) call ``on_edit(record, key, text)``, which
    returns the value as saved (shown from then on) or None when it refuses it.
    """

    def __init__(
        self,
        columns: Sequence[tuple[str, str | Callable[[dict[str, Any]], Any]]],
        *,
        editable: Sequence[str] = (),
        on_edit: Callable[[dict[str, Any], str, str], Any] | None = None,
        decoration: Callable[[dict[str, Any], int], Any] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[dict[str, Any]] = []
        self._editable = set(editable)
        self._on_edit = on_edit
        self._decoration = decoration
        self._search: list[str] | None = None
        self._sort_keys: dict[int, list[Any]] = {}

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._records = records
        self._search = None
        self._sort_keys.clear()
        self.endResetModel()

    # For RowProxyModel: plain lists, so filtering and sorting never call back per row.
    def search_texts(self) -> list[str]:
        if self._search is None:
            columns = range(len(self._columns))
            self._search = [
                "\n".join(str(self._value(r, c) or "") for c in columns).casefold()
                for r in self._records
            ]
        return self._search

    def sort_keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = [self._sort_key(self._value(r, column)) for r in self._records]
            self._sort_keys[column] = keys
        return keys

    @staticmethod
    def _sort_key(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, value, "")
        return (1, 0, str(value or "").casefold())

    def column_key(self, column: int) -> str | None:
        """The record key a column shows (None for a computed column)."""
        source = self._columns[column][1]
        return source if isinstance(source, str) else None

    def record(self, row: int) -> dict[str, Any]:
        return self._records[row]

    def records(self) -> list[dict[str, Any]]:
        return list(self._records)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0] if 0 <= section < len(self._columns) else None
        return section + 1

    def _value(self, record: dict[str, Any], column: int) -> Any:
        source = self._columns[column][1]
        return source(record) if callable(source) else record.get(source, "")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._role_data(self._records[index.row()], index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: Any) -> None:  # noqa: N802,N803
        """Every role of a cell in one call into Python (Qt's default: one per role)."""
        if not index.isValid():
            for role_data in roleDataSpan:
                role_data.clearData()
            return
        record, column = self._records[index.row()], index.column()
        for role_data in roleDataSpan:
            role_data.setData(self._role_data(record, column, role_data.role()))

    def _role_data(self, record: dict[str, Any], column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._value(record, column)
            if isinstance(value, bool):
                return self.tr("yes") if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text: a narrow column (or window) cuts it off with "…".
            value = self._value(record, column)
            text = "" if value is None or isinstance(value, bool) else str(value)
            return text if len(text) > TOOLTIP_MIN_CHARS else None
        if role == SORT_ROLE:
            return self._sort_key(self._value(record, column))
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.DecorationRole and self._decoration is not None:
            return self._decoration(record, column)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        key = self._columns[index.column()][1]
        if isinstance(key, str) and key in self._editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._on_edit is None:
            return False
        key = self._columns[index.column()][1]
        if not isinstance(key, str) or key not in self._editable:
            return False
        record = self._records[index.row()]
        saved = self._on_edit(record, key, str(value))
        if saved is None:
            return False
        record[key] = saved
        self._search = None
        self._sort_keys.clear()
        self.dataChanged.emit(index, index, [])
        return True
