"""Read-only tables: set up once, the same way on every desk."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget


def read_only(view: QTableView, *, rows: bool = True, single: bool = True, alternating: bool = True,
              wrap: bool = False, row_height: int | None = None) -> QTableView:
    """A table to read and pick from, not to type in: no editing, no row numbers; by default a whole
    row is picked, one at a time, rows alternate in colour and cells do not wrap. A False keeps
    Qt's own behaviour for that point (cells picked one by one, several at a time, …)."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if rows:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if alternating:
        view.setAlternatingRowColors(True)
    if not wrap:
        view.setWordWrap(False)
    view.verticalHeader().hide()
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    return view


def read_only_table(headers: list[str], **options) -> QTableWidget:
    """An empty read-only QTableWidget with these column headers (`options` as for `read_only`)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    read_only(table, **options)
    return table
