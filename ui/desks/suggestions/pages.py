"""The suggestion box's report pages: the points ledger (员工业绩档案), campaigns, adoption per month.

Small summaries (a year of one person's points, a campaign's departments, twelve months),
computed in SQL by the core and shown in plain read-only tables.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_date, fmt_number
from feedback_desk.base.i18n import _, babel_locale
from feedback_desk.base.models import Staff
from feedback_desk.desks.suggestions.points import (campaign_summary, campaigns, gather_campaign, ledger,
                                                    ledger_totals, points_by_staff)
from feedback_desk.desks.suggestions.listings import adoption_by_month
from feedback_desk.base.vocab import REWARD_KINDS, label

from ui.desks.suggestions.dialogs import CampaignDialog, PointsDialog
from ui.kit.pickers import people_items
from ui.kit.tables import read_only
from ui.kit.widgets import ChoiceCombo


def fmt_percent(value: float) -> str:
    from babel.numbers import format_percent

    return format_percent(value, format="#,##0.0%", locale=babel_locale())


def report_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setAccessibleName(name)
    return read_only(table, wrap=True, row_height=24)


def fill(table: QTableWidget, headers: list[str], rows: list[list[str]], bold_last: bool = False,
         text_columns: tuple[int, ...] = (0,), stretch_last: bool = False) -> None:
    """Rows of text; numbers (all but `text_columns`) right-aligned; the last row bold for totals."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    bold = QFont()
    bold.setBold(True)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c not in text_columns:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold_last and r == len(rows) - 1:
                item.setFont(bold)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)


def year_box(parent_slot) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2000, 2999)
    box.setValue(clock.today_local().year)
    box.setAccessibleName(_("Year"))
    box.valueChanged.connect(parent_slot)
    return box


class LedgerPage(QWidget):
    """员工业绩档案: everybody's points of the year; one person's totals per month and their entries."""
    changed = Signal()

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.year = year_box(self.load)
        self.person = ChoiceCombo(people_items(), blank=_("(everybody)"))
        self.person.setAccessibleName(_("Employee"))
        self.person.currentIndexChanged.connect(self.load)
        self.grant_btn = QPushButton(_("Grant points…"))
        self.grant_btn.setToolTip(_("Points to the employee shown, for outstanding feedback on any desk"))
        self.grant_btn.clicked.connect(self.grant)
        bar = QHBoxLayout()
        for text, widget in ((_("Year"), self.year), (_("Employee"), self.person)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(self.grant_btn)
        bar.addStretch(1)
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-weight: bold;")
        bar.addWidget(self.total_label)
        self.board = report_table(_("Points by employee"))
        self.board.itemActivated.connect(self._pick_from_board)
        self.board.cellDoubleClicked.connect(lambda row, _col: self._pick_from_board(self.board.item(row, 0)))
        self.months = report_table(_("Points per month"))
        self.entries = report_table(_("Points granted"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.months, 3)
        rl.addWidget(self.entries, 2)
        split = QSplitter()
        split.addWidget(self.board)
        split.addWidget(right)
        split.setSizes([600, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._board_ids: list[int] = []

    def load(self, *args) -> None:
        year = self.year.value()
        kinds = list(REWARD_KINDS)
        kind_labels = [label(REWARD_KINDS, k) for k in kinds]
        board = points_by_staff(year)
        self._board_ids = [p.staff_id for p in board]
        fill(self.board, [_("Employee")] + kind_labels + [_("Total")],
             [[p.name] + [fmt_number(p.per_kind[k]) for k in kinds] + [fmt_number(p.total)] for p in board])
        person = self.person.value()
        totals = ledger_totals(person, year)
        rows = [[f"{year}-{m:02d}"] + [fmt_number(totals.month(m, k)) for k in kinds] + [fmt_number(totals.month(m))]
                for m in range(1, 13)]
        rows.append([_("Year {year}").format(year=year)] + [fmt_number(totals.per_kind[k]) for k in kinds]
                    + [fmt_number(totals.total)])
        fill(self.months, [_("Month")] + kind_labels + [_("Total")], rows, bold_last=True)
        shown = ledger(person, year) if person is not None else []
        fill(self.entries, [_("Date"), _("Kind of points"), _("Points"), _("Reason")],
             [[fmt_date(p.granted_on), label(REWARD_KINDS, p.kind), fmt_number(p.points), p.reason]
              for p in shown], text_columns=(0, 1, 3), stretch_last=True)
        who = self.person.currentText() if person is not None else _("everybody")
        self.total_label.setText(_("{who}: {n} points in {year}").format(who=who, n=fmt_number(totals.total),
                                                                         year=year))

    def _pick_from_board(self, item) -> None:
        if item is not None and 0 <= item.row() < len(self._board_ids):
            self.person.set_value(self._board_ids[item.row()])

    def show_person(self, staff_id: int | None) -> None:
        self.person.set_value(staff_id)
        self.load()

    def grant(self) -> PointsDialog:
        dialog = PointsDialog(self.author, staff_id=self.person.value(), parent=self)
        dialog.accepted.connect(lambda: (self.load(), self.changed.emit()))
        dialog.open()
        return dialog


class CampaignPage(QWidget):
    """年底合理化建议活动: the campaigns, and for the one picked its entries by department."""
    changed = Signal()

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.list = QListWidget()
        self.list.setAccessibleName(_("Campaigns"))
        self.list.currentItemChanged.connect(lambda *_a: self.show_summary())
        self.new_btn = QPushButton(_("New campaign…"))
        self.new_btn.clicked.connect(self.new_campaign)
        self.gather_btn = QPushButton(_("Gather entries"))
        self.gather_btn.setToolTip(_("Add every entry received within the campaign's dates that is in no campaign"))
        self.gather_btn.clicked.connect(self.gather)
        self.summary = report_table(_("Campaign summary"))
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_btn)
        buttons.addWidget(self.gather_btn)
        ll.addLayout(buttons)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.note)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([320, 940])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)

    def load(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for c in campaigns():
            item = QListWidgetItem(f"{c.name} ({c.year})")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
            if c.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.show_summary()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_summary(self) -> None:
        cid = self.current_id()
        self.gather_btn.setEnabled(cid is not None)
        lines = campaign_summary(cid) if cid is not None else []
        fill(self.summary, [_("Department concerned"), _("Entries"), _("Adopted"), _("Adoption rate"), _("Points")],
             [[line.department or _("(none)"), fmt_number(line.entries), fmt_number(line.adopted),
               fmt_percent(line.rate), fmt_number(line.points)] for line in lines], bold_last=bool(lines))
        self.note.setText(_("Adopted counts partly adopted entries too; points are those granted for the "
                            "campaign's entries.") if cid is not None else _("No campaign yet: create one."))

    def new_campaign(self) -> CampaignDialog:
        dialog = CampaignDialog(self.author, self)
        dialog.accepted.connect(lambda: (self.load(dialog.result_record.id), self.changed.emit()))
        dialog.open()
        return dialog

    def gather(self) -> int:
        cid = self.current_id()
        if cid is None:
            return 0
        added = gather_campaign(cid, self.author)
        self.show_summary()
        self.note.setText(_("{n} entries gathered.").format(n=fmt_number(added)))
        if added:
            self.changed.emit()
        return added


class AdoptionPage(QWidget):
    """Adoption rate per month of receipt."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year = year_box(self.load)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Year")))
        bar.addWidget(self.year)
        bar.addStretch(1)
        self.table = report_table(_("Adoption per month"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def load(self, *args) -> None:
        months = adoption_by_month(self.year.value())
        rows = [[m.month, fmt_number(m.entries), fmt_number(m.decided), fmt_number(m.adopted), fmt_number(m.partly),
                 fmt_number(m.not_adopted), fmt_percent(m.rate) if m.decided else "—"] for m in months]
        if months:
            entries, decided = sum(m.entries for m in months), sum(m.decided for m in months)
            adopted, partly = sum(m.adopted for m in months), sum(m.partly for m in months)
            rows.append([_("Year {year}").format(year=self.year.value()), fmt_number(entries), fmt_number(decided),
                         fmt_number(adopted), fmt_number(partly), fmt_number(sum(m.not_adopted for m in months)),
                         fmt_percent((adopted + partly) / decided) if decided else "—"])
        fill(self.table, [_("Month received"), _("Entries"), _("Decided"), _("Adopted"), _("Partly adopted"),
                          _("Not adopted"), _("Adoption rate")], rows, bold_last=bool(months))
