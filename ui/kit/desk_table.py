"""A desk's table with its filter bar: text, state/kind, date range, void records."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget)

from feedback_desk.base.formatting import fmt_number
from feedback_desk.base.i18n import _
from feedback_desk.base.listing import Filters, Listing

from ui.kit.forms import ERROR_STYLE
from ui.kit.paged_model import PagedTableModel
from ui.kit.widgets import ChoiceCombo, DateEdit
from ui.kit.tables import read_only


class RecordTableView(QTableView):
    """Enter or a double click opens the current record."""
    activatedRecord = Signal(int)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self._emit(index)
            return
        super().mouseDoubleClickEvent(event)

    def _emit(self, index: QModelIndex) -> None:
        record_id = self.model().row_id(index.row())
        if record_id is not None:
            self.activatedRecord.emit(record_id)


class DeskTable(QWidget):
    openRequested = Signal(int)
    currentChanged = Signal(object)  # record id or None

    def __init__(self, listing: Listing, find_placeholder: str, parent=None):
        super().__init__(parent)
        self.model = PagedTableModel(listing, self)
        self._pending: tuple[int, bool] | None = None  # (record, just saved) to select after a reload
        bar = QHBoxLayout()
        self.find = QLineEdit()
        self.find.setPlaceholderText(find_placeholder)
        self.find.setAccessibleName(_("Find"))
        self.find.setClearButtonEnabled(True)
        self.choice = ChoiceCombo(listing.choices())
        self.choice.setAccessibleName(_("Show"))
        self.date_from = DateEdit(optional=True)
        self.date_from.setAccessibleName(_("From"))
        self.date_to = DateEdit(optional=True)
        self.date_to.setAccessibleName(_("To"))
        self.show_void = QCheckBox(_("Show void"))
        self.count_label = QLabel()
        bar.addWidget(self.find, 2)
        bar.addWidget(QLabel(_("Show")))
        bar.addWidget(self.choice, 1)
        bar.addWidget(QLabel(_("From")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(_("To")))
        bar.addWidget(self.date_to)
        bar.addWidget(self.show_void)
        bar.addWidget(self.count_label)

        self.view = RecordTableView()
        self.view.setModel(self.model)
        read_only(self.view, row_height=26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, col in enumerate(listing.columns):
            header.resizeSection(i, col.width)
        column = next(i for i, c in enumerate(listing.columns) if c.key == listing.default_sort)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if listing.default_descending
                                else Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAccessibleName(_("Records"))
        self.view.activatedRecord.connect(self.openRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filters)
        self.find.textChanged.connect(self._debounce.start)
        self.find.returnPressed.connect(self._find_return)
        for changed in (self.choice.currentIndexChanged, self.date_from.dateChanged, self.date_to.dateChanged,
                        self.show_void.toggled):
            changed.connect(self._filter_changed)
        self.model.totalChanged.connect(self._show_total)
        self.model.totalChanged.connect(self._after_reload)
        self.model.searching.connect(self._searching)
        self.model.failed.connect(self._search_failed)
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.currentChanged.emit(self.model.row_id(cur.row()) if cur.isValid() else None))

    def filters(self) -> Filters:
        return Filters(text=self.find.text(), choice=self.choice.value() or "",
                       date_from=self.date_from.value(), date_to=self.date_to.value(),
                       include_void=self.show_void.isChecked())

    def apply_filters(self, *args) -> None:
        """Read the table with the filters as they stand (the first read, or after a change)."""
        self._debounce.stop()
        self._pending = None
        self.model.set_filters(self.filters())

    def _filter_changed(self, *args) -> None:
        """A filter's widget changed: read again, unless the table was never read (a tab being
        built sets its filters before it is shown; the first show reads them once)."""
        if self.model.loaded:
            self.apply_filters()

    def refresh(self, select_id: int | None = None) -> None:
        """Reload; the record just saved (`select_id`), else the current one, stays selected and in
        sight, also when the reload runs in the background or the record is on a later page. A
        table never read stays so: it is read when first shown."""
        if not self.model.loaded and select_id is None:
            return
        keep = select_id if select_id is not None else self.current_id()
        self._pending = (keep, select_id is not None) if keep is not None else None
        self.model.reload()

    def _find_return(self) -> None:
        self.apply_filters()
        if self.model.rowCount() == 1:
            self.openRequested.emit(self.model.row_id(0))
        elif self.model.rowCount():
            self.view.setFocus()

    def _after_reset(self) -> None:
        if self._pending is None:  # else the reload is over once its total arrives
            self._select_first()

    def _after_reload(self, _total: int) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        record_id, just_saved = pending
        if self.select_id(record_id, fetch=True):
            return
        if just_saved:
            self._say(_("Saved. The record is not in the list as it is filtered now."))
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self.currentChanged.emit(None)

    def _say(self, message: str) -> None:
        top = self.window()
        if isinstance(top, QMainWindow):
            top.statusBar().showMessage(message, 10000)

    def _show_total(self, total: int) -> None:
        self.count_label.setStyleSheet("")
        self.count_label.setToolTip("")
        listing, filters = self.model.listing, self.model.filters
        if listing.more_than(filters, total):
            self.count_label.setText(_("More than {n} records").format(n=fmt_number(listing.count_cap)))
            return
        if listing.capped(filters, total):
            self.count_label.setText(_("First {n} matches: type more to narrow them").format(n=fmt_number(total)))
            return
        self.count_label.setText(_("{n} records").format(n=fmt_number(total)))

    def _searching(self, busy: bool) -> None:
        if busy:
            self.count_label.setStyleSheet("")
            self.count_label.setText(_("Searching…"))

    def _search_failed(self, message: str) -> None:
        """The search did not finish: say so where the count stands (F5 tries again)."""
        self.count_label.setStyleSheet(ERROR_STYLE)
        self.count_label.setText(_("⚠ Search failed"))
        self.count_label.setToolTip(message)
        self._say(_("Search failed: {message}").format(message=message))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select_id(self, record_id: int, fetch: bool = False) -> bool:
        """Select the record and scroll to it; with `fetch`, look through up to ten more pages."""
        row = self.model.row_of_id(record_id)
        pages = 10 if fetch else 0
        while row < 0 and pages and self.model.canFetchMore():
            self.model.fetchMore()
            row, pages = self.model.row_of_id(record_id), pages - 1
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
            return True
        return False
