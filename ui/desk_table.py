"""A desk's table with its filter bar: text, state/kind, date range, void records."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget)

from feedback_desk.formatting import fmt_number
from feedback_desk.i18n import _
from feedback_desk.listing import Filters, Listing

from .forms import ERROR_STYLE
from .paged_model import PagedTableModel
from .widgets import ChoiceCombo, DateEdit


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
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().hide()
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
        self.choice.currentIndexChanged.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self.apply_filters)
        self.date_to.dateChanged.connect(self.apply_filters)
        self.show_void.toggled.connect(self.apply_filters)
        self.model.totalChanged.connect(self._show_total)
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
        self._debounce.stop()
        self.model.set_filters(self.filters())

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        self.model.reload()
        if keep is not None:
            self.select_id(keep)

    def _find_return(self) -> None:
        self.apply_filters()
        if self.model.rowCount() == 1:
            self.openRequested.emit(self.model.row_id(0))
        elif self.model.rowCount():
            self.view.setFocus()

    def _after_reset(self) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)
        else:
            self.currentChanged.emit(None)

    def _show_total(self, total: int) -> None:
        self.count_label.setStyleSheet("")
        self.count_label.setToolTip("")
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
        top = self.window()
        if isinstance(top, QMainWindow):
            top.statusBar().showMessage(_("Search failed: {message}").format(message=message), 15000)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
            return True
        return False
