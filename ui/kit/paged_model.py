"""A table model over a core Listing: rows fetched page by page as they are shown.

It holds only the rows already fetched (a few pages), asks the core to sort and
filter in SQL, and passes pytest-qt's model tester.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from feedback_desk.base.db import worker_binding
from feedback_desk.base.listing import Filters, Listing, Row

from ui.kit import faults

WARN_COLOUR = QColor("#b00020")
VOID_COLOUR = QColor("#9e9e9e")
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _Delivery(QObject):
    done = Signal(int, object, object)  # generation, total, rows (or an exception)


class _Search(QRunnable):
    """A slow search (text in half a million feedback entries) on its own connection, off the UI thread."""

    def __init__(self, delivery: _Delivery, generation: int, listing: Listing, filters: Filters,
                 sort_key: str, descending: bool, limit: int):
        super().__init__()
        self.delivery, self.generation = delivery, generation
        self.args = (listing, filters, sort_key, descending, limit)
        self.bound = worker_binding()  # the database open now, whatever is opened meanwhile

    def run(self) -> None:
        listing, filters, sort_key, descending, limit = self.args
        try:
            with self.bound():
                rows = listing.page(filters, sort_key, descending, 0, limit)
                total = listing.count(filters) if len(rows) == limit else len(rows)
            self._deliver(total, rows)
        except Exception as exc:  # delivered to the UI thread and shown there
            self._deliver(None, exc)

    def _deliver(self, total, rows) -> None:
        try:
            self.delivery.done.emit(self.generation, total, rows)
        except RuntimeError:
            pass  # the table was closed meanwhile: nobody is waiting for these rows


class PagedTableModel(QAbstractTableModel):
    PAGE = 200
    totalChanged = Signal(int)
    searching = Signal(bool)
    failed = Signal(str)  # a background search failed: what the user reads

    def __init__(self, listing: Listing, parent=None):
        super().__init__(parent)
        self.listing = listing
        self.filters = Filters()
        self.sort_key = listing.default_sort
        self.descending = listing.default_descending
        self._rows: list[Row] = []
        self._total = 0
        self._changing = False
        self._labels = listing.column_labels()
        self._bold = QFont()
        self._bold.setBold(True)
        self._generation = 0
        self.loaded = False  # read once: until then a sort or a filter set only waits for the first read
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._delivered)

    # --- loading -------------------------------------------------------
    def _slow(self) -> bool:
        return bool(self.listing.slow_text_search and self.filters.text.strip()
                    or self.sort_key in self.listing.slow_sort_keys)

    def reload(self) -> None:
        self.loaded = True
        self._generation += 1  # any search still running is now stale
        if self._slow():
            self.searching.emit(True)
            QThreadPool.globalInstance().start(_Search(
                self._delivery, self._generation, self.listing, self.filters, self.sort_key,
                self.descending, self.PAGE))
            return
        self.beginResetModel()
        self._changing = True  # views react to modelReset; no insertions until it is over
        try:
            self._total = self.listing.count(self.filters)
            self._rows = self.listing.page(self.filters, self.sort_key, self.descending, 0, self.PAGE)
        except Exception as exc:  # a locked or lost database: said beside the table, as a slow search's
            if faults.explains(exc):
                self.failed.emit(faults.report(exc, f"reading {type(self.listing).__name__}"))
                return
            raise  # the program's own mistake stays one
        finally:
            self.endResetModel()
            self._changing = False
        self.totalChanged.emit(self._total)

    def _delivered(self, generation: int, total, rows) -> None:
        if generation != self._generation:
            return  # the user typed on; a newer search is coming
        self.searching.emit(False)
        if isinstance(rows, Exception):
            self.failed.emit(faults.report(rows, f"searching {type(self.listing).__name__}"))
            return
        self.beginResetModel()
        self._changing = True
        try:
            self._total, self._rows = total, rows
        finally:
            self.endResetModel()
            self._changing = False
        self.totalChanged.emit(self._total)

    def set_filters(self, filters: Filters) -> None:
        """New filters, read at once (also a table never read before)."""
        self.filters = filters
        self.reload()

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        if parent.isValid() or self._changing:
            return False
        if self.listing.more_than(self.filters, self._total):  # a count stopped at its cap: read on till the end
            return not self._rows or self._rows[-1].after is not None
        return len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._changing:
            return
        last = self._rows[-1].after if self._rows else None  # read on from the last row, not past an offset
        more = self.listing.page(self.filters, self.sort_key, self.descending, len(self._rows), self.PAGE, after=last)
        if not more:
            if self._rows:
                self._rows[-1].after = None  # the last row there is
            if not self.listing.more_than(self.filters, self._total):
                self._total = len(self._rows)
            return
        start = len(self._rows)
        self._changing = True  # no nested fetch from handlers of rowsInserted
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._changing = False

    # --- Qt model interface -------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.listing.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._labels):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._labels[section]
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.listing.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.void:
                return QBrush(VOID_COLOUR)
            if row.warn and column.warns:
                return QBrush(WARN_COLOUR)
        if role == Qt.ItemDataRole.FontRole and row.warn and column.emphasis:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ID_ROLE:
            return row.id
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.listing.columns)):
            return
        key = self.listing.columns[column].key
        if not self.listing.sortable(key):
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:  # a sort indicator set while the table is built reads nothing
            self.reload()

    # --- helpers for views ----------------------------------------------
    def row_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def row_values(self, row: int) -> list[str]:
        return list(self._rows[row].values)
