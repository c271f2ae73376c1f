"""Table view defaults shared by every grid: fixed row heights, rows selected as a whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView


def make_table_view(widths: Sequence[int] = (), parent: Any = None) -> QTableView:
    """A QTableView that stays fast on big models (no resize-to-contents over all rows)."""
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    vertical.setVisible(False)
    horizontal = view.horizontalHeader()
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setStretchLastSection(True)
    horizontal.setHighlightSections(False)
    view._column_widths = list(widths)  # type: ignore[attr-defined]
    return view


def apply_widths(view: QTableView) -> None:
    """Set the column widths given to :func:`make_table_view` (call after setModel).

    A column is never narrower than its header text (headers only: cheap at any row count).
    """
    model = view.model()
    metrics = view.horizontalHeader().fontMetrics()
    widths = list(getattr(view, "_column_widths", []))
    for column in range(model.columnCount() if model is not None else 0):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = metrics.horizontalAdvance(title) + 28
        view.setColumnWidth(column, max(widths[column] if column < len(widths) else 100, needed))


def enable_sorting(view: QTableView, column: int, order: Qt.SortOrder) -> None:
    """Sortable by header click, first sorted by ``column``: one sort, not two.

    Enabling sorting sorts by the header's current indicator (column 0, descending)
    at once; setting the indicator first makes that the only sort.
    """
    view.horizontalHeader().setSortIndicator(column, order)
    view.setSortingEnabled(True)


class ColumnFitter(QObject):
    """Gives the room of a wider window to the columns whose texts get cut (Status, E-Mail...).

    The widths set by :func:`apply_widths` are the least; what the view has beyond their
    sum goes to ``shares`` (column → fraction). Once the user drags a column, the widths
    are theirs and are left alone.
    """

    def __init__(self, view: QTableView, shares: dict[int, float]) -> None:
        super().__init__(view)
        self._view = view
        self._shares = shares
        self._base = [view.columnWidth(c) for c in range(view.horizontalHeader().count())]
        self._fitting = False
        self._user_sized = False
        view.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and not self._user_sized:
            self.fit(event.size().width())  # type: ignore[attr-defined]
        return False

    def fit(self, view_width: int) -> None:
        """Spread ``view_width`` less the base widths over the shared columns."""
        view = self._view
        room = view_width - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        extra = max(0, room - sum(self._base))
        self._fitting = True
        try:
            for column, width in enumerate(self._base):
                view.setColumnWidth(column, width + int(extra * self._shares.get(column, 0.0)))
        finally:
            self._fitting = False

    def _on_header_section_resized(self, column: int, *sizes: int) -> None:
        # Only a drag with the mouse is the user's; the header also resizes its last
        # (stretching) section by itself whenever the view's width changes.
        header = self._view.horizontalHeader()
        stretching = header.stretchLastSection() and column == header.count() - 1
        if self._fitting or stretching:
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._user_sized = True
