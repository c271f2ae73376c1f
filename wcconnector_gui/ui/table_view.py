"""Table view defaults shared by every grid: fixed row heights, rows selected as a whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
    """Set the column widths given to :func:`make_table_view` (call after setModel)."""
    for column, width in enumerate(getattr(view, "_column_widths", [])):
        view.setColumnWidth(column, width)
