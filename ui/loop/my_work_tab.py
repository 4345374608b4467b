"""My work (待办, issue 7 item 4): what the signed-in person owns, heads, had escalated or
referred to them, and the periodic duties due — by due time, late ones in red.

A short list (a person's open items), so a plain table model over `my_work.my_work`.
Enter or a double click opens the record on its desk; a duty is marked done with a note.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.loop import rules as dr, duties, my_work
from feedback_desk.base.formatting import fmt_due, fmt_span
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.permissions import COMPLETE_DUTY, REPORT_PROGRESS

from ui.kit import operation
from ui.kit.permitted import guard
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.tables import read_only
from ui.loop.progress_report import report_progress

ROW_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def left_text(item: my_work.WorkItem) -> str:
    if item.late:
        return _("late by {span}").format(span=fmt_span(item.left))
    return fmt_span(item.left)


def desk_text(desk: str) -> str:
    return _("Periodic duty") if desk == "duty" else _(dr.item_labels()[desk])


class MyWorkModel(QAbstractTableModel):
    COLUMNS = ("desk", "title", "due", "left", "why")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[my_work.WorkItem] = []
        self._labels = [_("Desk"), _("What"), _("Due"), _("Time left"), _("Why it is yours")]

    def set_items(self, items: list[my_work.WorkItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._labels):
            return self._labels[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "desk":
                return desk_text(item.desk)
            if column == "title":
                return " ".join(item.title.split())
            if column == "due":
                return fmt_due(item.due_at)
            if column == "left":
                return left_text(item)
            step = _(" (step {n})").format(n=item.step) if item.why == "escalated" and item.step else ""
            return my_work.why_label(item.why) + step
        if role == Qt.ItemDataRole.ForegroundRole and item.late:
            return QBrush(WARN_COLOUR)
        if role == ROW_ITEM_ROLE:
            return item
        return None

    def item_at(self, row: int) -> my_work.WorkItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None


class MyWorkTab(QWidget):
    """The list; `openRequested(desk, item_id)` asks the main window to open a record on its desk."""
    openRequested = Signal(str, int)
    dutyDone = Signal()

    def __init__(self, person: Staff, parent=None):
        super().__init__(parent)
        self.person = person
        self.model = MyWorkModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        read_only(self.view, wrap=True)
        self.view.setAccessibleName(_("My work"))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 460, 140, 130, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view, lambda: self.open_row(self.view.currentIndex().row()))
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.summary = QLabel()
        self.open_btn = QPushButton(_("&Open"))
        self.open_btn.setToolTip(_("Open the record on its desk (Enter)"))
        self.open_btn.clicked.connect(lambda: self.open_row(self.view.currentIndex().row()))
        self.done_btn = QPushButton(_("&Done…"))
        self.done_btn.setToolTip(_("Mark the selected periodic duty done, with a note"))
        self.done_btn.clicked.connect(lambda: self.complete_current())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        self.report_btn = QPushButton(_("Report &progress…"))
        self.report_btn.setToolTip(_("Work with no deadline of its own: say how far it has got, every working day"))
        self.report_btn.clicked.connect(lambda: self.report_current())
        top.addWidget(self.open_btn)
        top.addWidget(self.report_btn)
        top.addWidget(self.done_btn)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)

    # --- loading ---------------------------------------------------------------
    def refresh(self, now: dt.datetime | None = None) -> None:
        current = self.current_item()
        key = (current.desk, current.item_id, current.duty_key) if current else None
        items = my_work.my_work(self.person, now or clock.now_utc())
        self.model.set_items(items)
        late = sum(1 for i in items if i.late)
        self.summary.setText(_("{n} item(s) waiting for you, {late} late.").format(n=len(items), late=late)
                             if items else _("Nothing waiting for you."))
        for row, item in enumerate(items):
            if key == (item.desk, item.item_id, item.duty_key):
                self.view.selectRow(row)
                break
        else:
            if items:
                self.view.selectRow(0)

    def focus_find(self) -> None:
        self.view.setFocus()

    def current_item(self) -> my_work.WorkItem | None:
        return self.model.item_at(self.view.currentIndex().row())

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.open_btn.setEnabled(item is not None and item.item_id is not None)
        guard(self.done_btn, COMPLETE_DUTY, self.person, enabled=item is not None and item.duty_key is not None)
        daily = item is not None and item.daily
        guard(self.report_btn, REPORT_PROGRESS, self.person, ItemClock.get_or_none(
            (ItemClock.desk == item.desk) & (ItemClock.item_id == item.item_id)) if daily else None, daily)

    # --- actions (the main window's Open / Void act on the current tab) ------
    def open_row(self, row: int) -> None:
        item = self.model.item_at(row)
        if item is None:
            return
        if item.item_id is None:
            self.complete_current()
            return
        self.openRequested.emit(item.desk, item.item_id)

    def edit_current(self) -> None:
        self.open_row(self.view.currentIndex().row())

    def new_record(self):
        return None

    def void_current(self) -> None:
        return None

    def form_reference(self) -> str | None:
        return None

    def report_current(self, note: str | None = None) -> bool:
        """Report progress on the selected work with no deadline; asks for the note unless given."""
        item = self.current_item()
        if item is None or not item.daily:
            return False
        if not report_progress(self, item.desk, item.item_id, item.title, self.person, note):
            return False
        self.refresh()
        return True

    def complete_current(self, note: str | None = None) -> bool:
        """Mark the selected duty done; asks for a note unless one is given."""
        item = self.current_item()
        if item is None or item.duty_key is None:
            return False
        if note is None:
            note, ok = QInputDialog.getMultiLineText(self, _("Duty done"),
                                                     _("{duty}\nWhat was done (a note):").format(duty=item.title))
            if not ok:
                return False
        if not operation.run(self, lambda: duties.complete_duty(item.duty_key[0], item.duty_key[1], self.person, note),
                             title=_("Duty done")).ok:
            return False
        self.refresh()
        self.dutyDone.emit()
        return True
