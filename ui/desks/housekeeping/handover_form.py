"""The shift handover (岗位物资日交接表): the list, the form of the outgoing shift, the take-over.

A count received that differs from the count handed over stands out in red.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.desks.housekeeping import handover, permissions
from feedback_desk.desks.housekeeping.listings import HandoverListing
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.housekeeping.models import Handover, HandoverLine
from feedback_desk.base.vocab import SHIFTS, label

from ui.kit.desk_table import DeskTable
from ui.kit.forms import FormDialog
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.permitted import guard
from ui.kit.tables import read_only_table
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items

def fill_handover_lines(table: QTableWidget, handover_id: int | None) -> None:
    """Item, handed, received, difference; a differing row in red and bold."""
    table.setRowCount(0)
    if handover_id is None:
        return
    lines = list(HandoverLine.select().where(HandoverLine.handover == handover_id).order_by(HandoverLine.id))
    table.setRowCount(len(lines))
    bold = QFont()
    bold.setBold(True)
    for row, line in enumerate(lines):
        differs = line.received is not None and line.received != line.handed
        delta = "" if line.received is None else f"{line.received - line.handed:+d}" if differs else "0"
        for col, value in enumerate([line.item, str(line.handed),
                                     "" if line.received is None else str(line.received), delta]):
            item = QTableWidgetItem(value)
            if col:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if differs:
                item.setForeground(QBrush(WARN_COLOUR))
                item.setFont(bold)
            table.setItem(row, col, item)


class HandoverPage(QWidget):
    """The list of handovers and the selected one's counts."""
    changed = Signal()

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.table = DeskTable(HandoverListing(), _("Find: post"))
        self.new_btn = QPushButton(_("New handover…"))
        self.new_btn.setToolTip(_("The outgoing shift lists what it hands over (Ctrl+N)"))
        self.take_btn = QPushButton(_("Take over…"))
        self.take_btn.setToolTip(_("The incoming shift counts what it received and signs (Enter)"))
        self.new_btn.clicked.connect(self.new_handover)
        self.take_btn.clicked.connect(lambda: self.take_over(self.table.current_id()))
        guard(self.new_btn, permissions.WRITE_HANDOVER, author)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_btn)
        buttons.addWidget(self.take_btn)
        buttons.addStretch(1)
        self.detail_title = QLabel()
        self.detail = read_only_table([_("Item"), _("Handed over"), _("Received"), _("Difference")],
                                      single=False, alternating=False, wrap=True)
        self.detail.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.detail.setAccessibleName(_("Counts"))
        pane = QWidget()
        pl = QVBoxLayout(pane)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.detail_title)
        pl.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(pane)
        splitter.setSizes([420, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(splitter)
        self.table.currentChanged.connect(self.show_handover)
        self.table.openRequested.connect(self.take_over)

    def show_handover(self, handover_id: int | None) -> None:
        fill_handover_lines(self.detail, handover_id)
        h = Handover.get_or_none(Handover.id == handover_id) if handover_id else None
        if h is None:
            self.detail_title.setText("")
            guard(self.take_btn, None, self.author, enabled=False)
            return
        diffs = handover.differences(h.id)
        text = f"{fmt_date(h.date)} · {h.post} · {label(SHIFTS, h.shift)}"
        if diffs:
            text += " — " + _("{n} item(s) differ").format(n=len(diffs))
        self.detail_title.setText(text)
        self.detail_title.setStyleSheet("color: #b00020; font-weight: bold;" if diffs else "font-weight: bold;")
        guard(self.take_btn, permissions.TAKE_OVER, self.author, h, h.taken_by_id is None and not h.voided)

    def new_handover(self) -> "HandoverForm":
        form = HandoverForm(self.author, self)
        form.accepted.connect(lambda: self._saved(form.result_record.id))
        form.open()
        return form

    def take_over(self, handover_id: int | None) -> "TakeOverForm | None":
        h = Handover.get_or_none(Handover.id == handover_id) if handover_id else None
        if h is None or h.taken_by_id is not None:
            return None
        form = TakeOverForm(self.author, h, self)
        form.accepted.connect(lambda: self._saved(h.id))
        form.open()
        return form

    def _saved(self, handover_id: int) -> None:
        self.table.refresh(handover_id)
        self.show_handover(self.table.current_id())
        self.changed.emit()


class HandoverForm(FormDialog):
    """The outgoing shift: date, post, shift and the items with their counts; the author signs."""
    ROWS = 8

    def __init__(self, author: Staff, parent=None):
        super().__init__(_("Shift handover"), parent)
        self.author = author
        self.date = self.add_field("date", _("Date"), DateEdit())
        self.date.set_value(clock.today_local())
        self.post = self.add_field("post", _("Post"), QLineEdit())
        self.post.setPlaceholderText(_("e.g. 总台 or 三楼工作间"))
        self.shift = self.add_field("shift", _("Shift"), ChoiceCombo(vocab_items(SHIFTS)))
        self.items = QTableWidget(self.ROWS, 2)
        self.items.setHorizontalHeaderLabels([_("Item"), _("Count")])
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items.verticalHeader().hide()
        self.items.setMinimumHeight(240)
        self.items.itemChanged.connect(self._grow)
        self.add_field("items", _("Items handed over"), self.items)
        self.add_row_btn = QPushButton(_("Add row"))
        self.add_row_btn.setAutoDefault(False)
        self.add_row_btn.clicked.connect(lambda: self.items.setRowCount(self.items.rowCount() + 1))
        self.form.addRow("", self.add_row_btn)
        self.form.addRow("", QLabel(_("Signed by {name} on saving.").format(name=author.name)))
        self.finish_layout()
        self.resize(520, 560)

    def _grow(self, item: QTableWidgetItem) -> None:
        self.mark_dirty()
        if item.row() == self.items.rowCount() - 1 and item.text().strip():
            self.items.setRowCount(self.items.rowCount() + 1)

    def set_items(self, pairs: list[tuple[str, str]]) -> None:
        self.items.setRowCount(max(self.ROWS, len(pairs) + 1))
        for row, (name, count) in enumerate(pairs):
            self.items.setItem(row, 0, QTableWidgetItem(name))
            self.items.setItem(row, 1, QTableWidgetItem(str(count)))

    def item_rows(self) -> list[tuple[str, str]]:
        """(item, count) of each row filled in, the count as typed: the core reads it, or says why not."""
        rows = []
        for row in range(self.items.rowCount()):
            name = self.items.item(row, 0).text().strip() if self.items.item(row, 0) else ""
            count = self.items.item(row, 1).text().strip() if self.items.item(row, 1) else ""
            if not name and not count:
                continue
            rows.append((name, count))
        return rows

    def save(self):
        rows = self.item_rows()
        if any(not name for name, _count in rows):
            raise ValidationError({"items": _("Name every item you count.")})
        return handover.create_handover({"date": self.date.value(), "post": self.post.text(),
                                         "shift": self.shift.value()}, rows, self.author)


class TakeOverForm(FormDialog):
    """The incoming shift counts each item and signs; a count that differs stays marked."""

    def __init__(self, author: Staff, record: Handover, parent=None):
        super().__init__(_("Take over"), parent)
        self.author, self.record = author, record
        self.form.addRow(_("Handover"), QLabel(f"{fmt_date(record.date)} · {record.post} · "
                                               f"{label(SHIFTS, record.shift)} · {record.handed_by.name}"))
        self.lines = list(HandoverLine.select().where(HandoverLine.handover == record.id).order_by(HandoverLine.id))
        self.counts: dict[int, QSpinBox] = {}
        table = QWidget()
        grid = QVBoxLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        for line in self.lines:
            spin = QSpinBox()
            spin.setRange(-1, 99999)
            spin.setSpecialValueText(_("not counted"))
            spin.setValue(-1)
            spin.setAccessibleName(line.item)
            spin.editingFinished.connect(self.mark_dirty)
            row = QHBoxLayout()
            row.addWidget(QLabel(line.item), 2)
            row.addWidget(QLabel(_("handed over: {n}").format(n=line.handed)), 1)
            row.addWidget(spin, 1)
            grid.addLayout(row)
            self.counts[line.id] = spin
        self.add_field("received", _("Received counts"), table)
        self.form.addRow("", QLabel(_("Signed by {name} on saving.").format(name=author.name)))
        self.finish_layout()
        self.resize(520, 200 + 32 * len(self.lines))

    def save(self):
        received = {lid: spin.value() for lid, spin in self.counts.items() if spin.value() >= 0}
        return handover.take_over(self.record.id, self.record.version, received, self.author)
