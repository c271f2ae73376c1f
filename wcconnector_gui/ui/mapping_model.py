"""The customer-mapping grid: one row per back-office customer and its mapping.

Rows are the tuples of one read-model query (``storage/read_models.py``), kept
as they come, so ``data()`` is O(1) and the grid stays smooth at 100,000
customers. The window reads them on a worker and hands over a ready
:class:`GridRows` (:func:`prepare_grid`); the GUI thread only swaps it in. Edits
of the mapping columns are written at once (small local writes); a typed
Webstore ID is only *requested* here and checked against the store in the
background.

Signals:
    edit_failed(str): an edit was refused; the text says why, in plain words.
    keyring_unavailable(str): a password could not be stored (no keyring).
    link_requested(str, int): the user typed Webstore ID ``int`` for customer ``str``.
    customer_edited(str): a mapping field of customer ``str`` was changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from wcconnector_gui.credentials.customer_passwords import set_pending_password
from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.sync_run import SyncAction
from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.domain.validation import email_problem, username_problem
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.read_models import MAPPING_GRID_COLUMNS, mapping_grid_rows
from wcconnector_gui.ui.gui_gc import freeze_long_lived
from wcconnector_gui.ui.icons import icon
from wcconnector_gui.ui.signal_refcount import top_up
from wcconnector_gui.ui.translation import word

AnyIndex = QModelIndex | QPersistentModelIndex

# Columns
COL_NO, COL_NAME, COL_EMAIL, COL_USERNAME, COL_PASSWORD = range(5)
COL_WEBSTORE_CUSTOMER, COL_WEBSTORE_ID, COL_STATUS, COL_LAST_SYNCED = range(5, 9)
COLUMN_COUNT = 9

# Custom roles
SORT_ROLE = Qt.ItemDataRole.UserRole  # a native sort key (str, int, bool, tuple)
CUSTOMER_NO_ROLE = Qt.ItemDataRole.UserRole + 1  # proxy-safe accessor of the row's customer

# Positions inside a row (a read-model tuple, or a list once changed here)
R_NO, R_NAME, R_EMAIL, R_USERNAME, R_PW_PENDING, R_FLAG, R_WSID = range(7)
R_STATUS, R_ERROR, R_SYNCED = range(7, 10)
assert len(MAPPING_GRID_COLUMNS) == 10

PASSWORD_MASK = "••••••"

# What a sync outcome means for the row's status.
_STATUS_OF_ACTION = {
    SyncAction.CREATED: MappingStatus.SYNCED,
    SyncAction.UPDATED: MappingStatus.SYNCED,
    SyncAction.ADOPTED: MappingStatus.SYNCED,
    SyncAction.LINKED: MappingStatus.SYNCED,
    SyncAction.IMPORTED: MappingStatus.SYNCED,
    SyncAction.UNCHANGED: MappingStatus.SYNCED,
    SyncAction.SKIPPED: MappingStatus.SKIPPED,
    SyncAction.FAILED: MappingStatus.ERROR,
    SyncAction.CONFLICT: MappingStatus.CONFLICT,
}

_STATUS_ICON = {
    MappingStatus.NONE: "status-none",
    MappingStatus.PENDING: "status-pending",
    MappingStatus.SYNCED: "status-synced",
    MappingStatus.ERROR: "status-error",
    MappingStatus.SKIPPED: "status-skipped",
    MappingStatus.CONFLICT: "status-conflict",
}

_INVALID = QBrush(QColor("#b3261e"))

# Columns whose sort key is the stored value as it is.
_PLAIN_SORT_POSITION = {
    COL_NO: R_NO,
    COL_PASSWORD: R_PW_PENDING,
    COL_WEBSTORE_CUSTOMER: R_FLAG,
    COL_LAST_SYNCED: R_SYNCED,
}


def warm_status_icons() -> None:
    """Render the status icons now, not in the first repaint of a running sync."""
    for name in _STATUS_ICON.values():
        icon(name)


def search_text(row: Sequence[Any]) -> str:
    """What the filter box searches in a row: No., name, e-mail and username."""
    return f"{row[R_NO]}\n{row[R_NAME]}\n{row[R_EMAIL]}\n{row[R_USERNAME]}".casefold()


class GridRows(NamedTuple):
    """Rows ready for the model: built on a worker, swapped in on the GUI thread."""

    rows: list[Sequence[Any]]
    row_of: dict[str, int]
    search: list[str]


def prepare_grid(rows: list[Sequence[Any]]) -> GridRows:
    """Index ``rows`` (from :func:`mapping_grid_rows`) for the model (run it on a worker)."""
    return GridRows(
        rows,
        {row[R_NO]: i for i, row in enumerate(rows)},
        [search_text(row) for row in rows],
    )


def read_grid(db: Database, store: int | None = None) -> GridRows:
    """Every row of the grid with ``store``'s mappings, ready to show (a worker task)."""
    return prepare_grid(mapping_grid_rows(db, store=store))


def format_timestamp(value: str) -> str:
    """``2026-11-23T19:18:36.123456Z`` → ``2026-11-23 20:18`` in local time."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class MappingTableModel(QAbstractTableModel):
    edit_failed = Signal(str)
    keyring_unavailable = Signal(str)
    link_requested = Signal(str, int)
    customer_edited = Signal(str)

    HEADERS = (
        translatable("MappingTableModel", "No."),
        translatable("MappingTableModel", "Name"),
        translatable("MappingTableModel", "E-Mail"),
        translatable("MappingTableModel", "Username"),
        translatable("MappingTableModel", "Password"),
        translatable("MappingTableModel", "Webstore Customer"),
        translatable("MappingTableModel", "Webstore ID"),
        translatable("MappingTableModel", "Status"),
        translatable("MappingTableModel", "Last Synced"),
    )

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        # The store whose mappings the grid shows and edits (None: the only store).
        self.store: int | None = None
        self._rows: list[Sequence[Any]] = []
        self._row_of: dict[str, int] = {}
        self._search: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self.loaded = False  # rows were handed over at least once

    # --- loading ----------------------------------------------------------------------
    def load(self, db: Database | None = None) -> None:
        """(Re)load every row here, with one query (the window uses a worker: :func:`read_grid`)."""
        if db is not None:
            self.db = db
        assert self.db is not None
        self.set_grid(read_grid(self.db, self.store))

    def set_grid(self, grid: GridRows) -> None:
        """Show rows prepared by :func:`prepare_grid`."""
        self.beginResetModel()
        self._rows, self._row_of, self._search = grid
        self._sort_keys.clear()
        self.loaded = True
        self.endResetModel()
        freeze_long_lived()

    def refresh_customers(self, customer_nos: Iterable[str]) -> None:
        """Re-read some rows from the database (after a sync or an edit elsewhere)."""
        assert self.db is not None
        wanted = [no for no in customer_nos if no in self._row_of]
        self.replace_loaded_rows(mapping_grid_rows(self.db, wanted, self.store))

    def replace_loaded_rows(self, fresh_rows: list[Sequence[Any]]) -> None:
        """Show rows read elsewhere (e.g. by a worker with :func:`mapping_grid_rows`)."""
        self._replace_rows(
            [(self._row_of[f[R_NO]], list(f)) for f in fresh_rows if f[R_NO] in self._row_of]
        )

    # --- accessors for views and the fast proxy ------------------------------------------
    def customer_no_at(self, row: int) -> str:
        return str(self._rows[row][R_NO])

    def row_of(self, customer_no: str) -> int | None:
        return self._row_of.get(customer_no)

    def row_values(self, row: int) -> list[Any]:
        return list(self._rows[row])

    def search_texts(self) -> list[str]:
        return self._search

    def sort_keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            position = _PLAIN_SORT_POSITION.get(column)
            if position is not None:  # the value itself: no Python call per row
                keys = list(map(itemgetter(position), self._rows))
            else:
                keys = [self._sort_key(row, column) for row in self._rows]
            self._sort_keys[column] = keys
        return keys

    # --- sync outcomes -----------------------------------------------------------------
    def apply_outcomes(self, outcomes: Iterable[Any]) -> None:
        """Show per-record outcomes of a running sync (no database access)."""
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        changed: list[tuple[int, list[Any]]] = []
        for outcome in outcomes:
            row_index = self._row_of.get(str(outcome.customer_no or ""))
            if row_index is None:
                continue
            row = list(self._rows[row_index])
            try:
                status = _STATUS_OF_ACTION[SyncAction(str(outcome.action))]
            except ValueError:
                continue
            row[R_STATUS] = str(status)
            row[R_ERROR] = "" if status is MappingStatus.SYNCED else str(outcome.reason or "")
            if status is MappingStatus.SYNCED:
                row[R_SYNCED] = now
            if outcome.webstore_id:
                row[R_WSID] = int(outcome.webstore_id)
            changed.append((row_index, row))
        self._replace_rows(changed)

    def set_row_note(self, customer_no: str, status: str, note: str) -> None:
        """Show a transient status (e.g. while a typed Webstore ID is checked)."""
        row_index = self._row_of.get(customer_no)
        if row_index is None:
            return
        row = list(self._rows[row_index])
        row[R_STATUS], row[R_ERROR] = status, note
        self._replace_row(row_index, row)

    def _replace_rows(self, changed: list[tuple[int, list[Any]]]) -> None:
        """Replace many rows; one dataChanged over their span when they are many."""
        if len(changed) <= 20:
            for row_index, row in changed:
                self._replace_row(row_index, row)
            return
        for row_index, row in changed:
            self._rows[row_index] = row
            self._search[row_index] = search_text(row)
        self._sort_keys.clear()
        top_up()  # WORKAROUND: see signal_refcount
        first = min(i for i, _ in changed)
        last = max(i for i, _ in changed)
        self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1), [])

    def _replace_row(self, row_index: int, row: list[Any]) -> None:
        self._rows[row_index] = row
        self._search[row_index] = search_text(row)
        self._sort_keys.clear()
        top_up()  # WORKAROUND: see signal_refcount
        self.dataChanged.emit(self.index(row_index, 0), self.index(row_index, COLUMN_COUNT - 1), [])

    def pending_password_text(self) -> str:
        """What the Password cell shows while a password waits to be sent."""
        return self.tr("{0} (pending)").format(PASSWORD_MASK)

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.tr(self.HEADERS[section]) if 0 <= section < COLUMN_COUNT else None
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        column = index.column()
        if column == COL_USERNAME:
            if self._rows[index.row()][R_WSID] is None:
                flags |= Qt.ItemFlag.ItemIsEditable
        elif column in (COL_PASSWORD, COL_WEBSTORE_ID):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif column == COL_WEBSTORE_CUSTOMER:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._role_data(self._rows[index.row()], index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: Any) -> None:  # noqa: N802,N803
        """Every role a view asks for a cell, in one call (a delegate asks for ~7 per paint).

        Qt's default calls ``data()`` once per role: seven calls into Python per cell,
        each taking the GIL, where a busy thread makes each take longer.
        """
        if not index.isValid():
            for role_data in roleDataSpan:
                role_data.clearData()
            return
        row, column = self._rows[index.row()], index.column()
        for role_data in roleDataSpan:
            role_data.setData(self._role_data(row, column, role_data.role()))

    def _role_data(self, row: Sequence[Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_PASSWORD:
                return ""  # write-only
            if column == COL_WEBSTORE_ID:
                return "" if row[R_WSID] is None else str(row[R_WSID])
            return self._display(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_WEBSTORE_CUSTOMER:
            return Qt.CheckState.Checked if row[R_FLAG] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return icon(_STATUS_ICON.get(MappingStatus(row[R_STATUS] or ""), "status-none"))
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == CUSTOMER_NO_ROLE:
            return row[R_NO]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_EMAIL and email_problem(row[R_EMAIL]):
                return _INVALID
            if column == COL_USERNAME and row[R_USERNAME] and username_problem(row[R_USERNAME]):
                return _INVALID
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: Sequence[Any], column: int) -> Any:
        if column == COL_NO:
            return row[R_NO]
        if column == COL_NAME:
            return row[R_NAME]
        if column == COL_EMAIL:
            return row[R_EMAIL]
        if column == COL_USERNAME:
            return row[R_USERNAME]
        if column == COL_PASSWORD:
            return self.pending_password_text() if row[R_PW_PENDING] else ""
        if column == COL_WEBSTORE_ID:
            return "" if row[R_WSID] is None else str(row[R_WSID])
        if column == COL_STATUS:
            text = word(row[R_STATUS]) if row[R_STATUS] else ""
            if row[R_ERROR]:
                return f"{text}: {row[R_ERROR]}" if text else row[R_ERROR]
            return text
        if column == COL_LAST_SYNCED:
            return format_timestamp(row[R_SYNCED])
        return None

    def _tooltip(self, row: Sequence[Any], column: int) -> str | None:
        """The cell's whole text (columns are often narrower), with why it is red or locked."""
        if column == COL_NAME:
            return row[R_NAME] or None
        if column == COL_EMAIL:
            problem = email_problem(row[R_EMAIL])
            return "\n".join(t for t in (row[R_EMAIL], problem) if t) or None
        if column == COL_USERNAME:
            lines = [row[R_USERNAME]]
            if row[R_USERNAME] and (problem := username_problem(row[R_USERNAME])):
                lines.append(problem)
            if row[R_WSID] is not None:
                lines.append(
                    self.tr(
                        "The store does not allow changing a username once the customer exists."
                    )
                )
            return "\n".join(t for t in lines if t) or None
        if column == COL_PASSWORD:
            if row[R_PW_PENDING]:
                return self.tr("A password waits (sealed) and is sent with the next push.")
            return self.tr("Type a password to send with the next push (kept sealed until then).")
        if column == COL_STATUS:
            return self._display(row, column) or None
        return None

    @staticmethod
    def _sort_key(row: Sequence[Any], column: int) -> Any:
        if column == COL_NO:
            return row[R_NO]
        if column == COL_NAME:
            return row[R_NAME].casefold()
        if column == COL_EMAIL:
            return row[R_EMAIL].casefold()
        if column == COL_USERNAME:
            return row[R_USERNAME].casefold()
        if column == COL_PASSWORD:
            return row[R_PW_PENDING]
        if column == COL_WEBSTORE_CUSTOMER:
            return row[R_FLAG]
        if column == COL_WEBSTORE_ID:
            return (row[R_WSID] is None, row[R_WSID] or 0)
        if column == COL_STATUS:
            return (row[R_STATUS], row[R_ERROR])
        if column == COL_LAST_SYNCED:
            return row[R_SYNCED]
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.db is None:
            return False
        row_index, column = index.row(), index.column()
        row = list(self._rows[row_index])
        customer_no = str(row[R_NO])
        mappings = MappingRepository(self.db, self.store)
        if column == COL_WEBSTORE_CUSTOMER and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            mappings.update(customer_no, webstore_customer=checked)
            row[R_FLAG] = checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column == COL_USERNAME:
            if row[R_WSID] is not None:
                return False
            text = str(value).strip()
            problem = username_problem(text) if text else None
            if problem:
                self.edit_failed.emit(problem)
                return False
            mappings.update(customer_no, username=text)
            row[R_USERNAME] = text
        elif column == COL_PASSWORD:
            password = str(value)
            if not password:
                return False
            try:
                set_pending_password(self.db, customer_no, password, self.store)
            except SecretStoreUnavailable as exc:
                self.keyring_unavailable.emit(str(exc))
                return False
            row[R_PW_PENDING] = True
        elif column == COL_WEBSTORE_ID:
            return self._set_webstore_id(row_index, row, str(value).strip())
        else:
            return False
        self._replace_row(row_index, row)
        self.customer_edited.emit(customer_no)
        return True

    def _set_webstore_id(self, row_index: int, row: list[Any], text: str) -> bool:
        customer_no = str(row[R_NO])
        if not text:
            if row[R_WSID] is None:
                return False
            MappingRepository(self.db, self.store).update(  # type: ignore[arg-type]
                customer_no, webstore_id=None, status=MappingStatus.NONE, last_error=""
            )
            row[R_WSID] = None
            row[R_STATUS], row[R_ERROR] = "", ""
            self._replace_row(row_index, row)
            return True
        try:
            webstore_id = int(text)
        except ValueError:
            self.edit_failed.emit(self.tr("A Webstore ID is a whole number, e.g. 42."))
            return False
        if webstore_id <= 0:
            self.edit_failed.emit(self.tr("A Webstore ID is a positive whole number."))
            return False
        if webstore_id == row[R_WSID]:
            return False
        self.set_row_note(
            customer_no, str(MappingStatus.PENDING), self.tr("checking ID {0}…").format(webstore_id)
        )
        self.link_requested.emit(customer_no, webstore_id)
        return True
