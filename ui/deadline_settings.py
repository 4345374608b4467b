"""Settings → Deadlines and calendar (issue 7 items 1 and 2): the deadline rules, each edited
in a form (a change applies to new items only, and the dialog says so), and the work calendar
of this year and the next: public holidays and make-up working days (调休), added and removed.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from feedback_desk import clock, deadline_rules as dr, workcalendar
from feedback_desk.deadline_models import Rule
from feedback_desk.errors import ValidationError
from feedback_desk.formatting import fmt_date
from feedback_desk.i18n import N_, _
from feedback_desk.models import Staff

from .forms import ERROR_STYLE, FormDialog
from .widgets import ChoiceCombo, DateEdit, vocab_items

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def unit_text(clk: str) -> str:
    if clk == "hours":
        return _("hour(s)")
    return _("working day(s)") if clk == "working_days" else _("day(s)")


def clock_text(rule: Rule) -> str:
    if rule.clock == "end_of_day" and rule.amount == 0:
        return _("The same day")
    return f"{rule.amount} {_(dr.CLOCKS[rule.clock])}" if rule.clock != "hours" else \
        _("{n} hour(s)").format(n=rule.amount)


def chain_text(chain: str) -> str:
    return " → ".join(_(dr.ROLES[r]) if r in dr.ROLES else r for r in dr.chain_of(chain))


def kind_text(kind: str) -> str:
    return _(workcalendar.KINDS[kind]) if kind in workcalendar.KINDS else kind


def _item(text: str, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(labels: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(labels))
    table.setHorizontalHeaderLabels(labels)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table


class RuleForm(FormDialog):
    """One rule: its clock and amount, the grace per escalation step, referral and chain."""

    def __init__(self, rule: Rule, by: Staff, parent=None):
        super().__init__(_("Deadline rule"), parent)
        self.rule, self.by = rule, by
        name = QLabel(dr.rule_label(rule))
        name.setWordWrap(True)
        name.setStyleSheet("font-weight: bold;")
        self.form.addRow(name)
        self.clock = self.add_field("clock", _("C&lock"), ChoiceCombo(vocab_items(dr.CLOCKS)))
        self.clock.set_value(rule.clock)
        self.amount = self.add_field("amount", _("&Amount"), QLineEdit(str(rule.amount)))
        self.grace = self.add_field("grace", _("&Grace before each step up"), QLineEdit(str(rule.grace)))
        self.unit = QLabel()
        self.form.addRow("", self.unit)
        self.refer_to = self.add_field("refer_to", _("&Referred at once to"),
                                       ChoiceCombo(vocab_items(dr.ROLES), blank=_("Nobody")))
        self.refer_to.set_value(rule.refer_to or None)
        chain_box = QWidget()
        row = QHBoxLayout(chain_box)
        row.setContentsMargins(0, 0, 0, 0)
        chain = dr.chain_of(rule.chain)
        self.chain_checks: dict[str, QCheckBox] = {}
        for role, label in dr.ROLES.items():
            check = QCheckBox(_(label))
            check.setChecked(role in chain)
            if role == "handler":
                check.setChecked(True)
                check.setEnabled(False)  # the chain starts with the handler
            row.addWidget(check)
            self.chain_checks[role] = check
        row.addStretch(1)
        self.add_field("chain", _("Escalation &chain"), chain_box)
        for check in self.chain_checks.values():
            self._watch(check)
        self.active = self.add_field("active", _("In &use"), QCheckBox())
        self.active.setChecked(rule.active)
        note = QLabel(_(dr.CHANGE_NOTE))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        self.form.addRow(note)
        self.clock.currentIndexChanged.connect(self._show_unit)
        self._show_unit()
        self.finish_layout()
        self.resize(560, self.sizeHint().height())

    def _show_unit(self) -> None:
        self.unit.setText(_("Amount and grace are counted in {unit}.").format(unit=unit_text(self.clock.value())))

    def save(self) -> Rule:
        values = {"clock": self.clock.value(), "amount": self.amount.text(), "grace": self.grace.text(),
                  "refer_to": self.refer_to.value() or "",
                  "chain": [r for r, check in self.chain_checks.items() if check.isChecked()],
                  "active": self.active.isChecked()}
        return dr.save_rule(self.rule.code, values, self.by, expected_version=self.rule.version)


class RulesPage(QWidget):
    def __init__(self, by: Staff, parent=None):
        super().__init__(parent)
        self.by = by
        self.table = _table([_("Rule"), _("Clock"), _("Grace per step"), _("Referred at once to"),
                             _("Escalation chain"), _("In use")])
        self.table.setAccessibleName(_("Deadline rules"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 110), (3, 130), (4, 260), (5, 60)):
            header.resizeSection(column, width)
        self.table.setWordWrap(False)  # the full text is the tooltip
        self.table.doubleClicked.connect(lambda index: self.edit_rule(index.row()))
        self.edit_btn = QPushButton(_("&Edit rule…"))
        self.edit_btn.clicked.connect(lambda: self.edit_rule(self.table.currentRow()))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #1b5e20;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.edit_btn)
        box = QVBoxLayout(self)
        box.addWidget(self.table)
        box.addLayout(buttons)
        self.load()

    def load(self, select_code: str | None = None) -> None:
        self.rules = dr.all_rules()
        self.table.setRowCount(len(self.rules))
        for row, rule in enumerate(self.rules):
            grace = f"{rule.grace} {unit_text(rule.clock)}"
            values = [dr.rule_label(rule), clock_text(rule), grace,
                      _(dr.ROLES[rule.refer_to]) if rule.refer_to else "", chain_text(rule.chain),
                      _("Yes") if rule.active else _("No")]
            for column, text in enumerate(values):
                self.table.setItem(row, column, _item(text, rule.code))
            if rule.code == select_code:
                self.table.selectRow(row)
        if select_code is None and self.rules:
            self.table.selectRow(0)

    def edit_rule(self, row: int) -> RuleForm | None:
        if not 0 <= row < len(self.rules):
            return None
        form = RuleForm(Rule.get_by_id(self.rules[row].id), self.by, self)
        form.accepted.connect(lambda: self._saved(form.rule.code))
        form.open()
        return form

    def _saved(self, code: str) -> None:
        self.load(code)
        self.note.setText(_("Saved. ") + _(dr.CHANGE_NOTE))


class CalendarPage(QWidget):
    """This year's and next year's days off the usual week."""

    def __init__(self, parent=None):
        super().__init__(parent)
        year = clock.today_local().year
        self.years = (year, year + 1)
        intro = QLabel(_("Working-day rules count Monday to Friday, less public holidays, plus make-up "
                         "working days (调休). {next} is filled in with the expected holidays: check it "
                         "against the State Council notice when it is published.").format(next=year + 1))
        intro.setWordWrap(True)
        self.table = _table([_("Date"), _("Weekday"), _("Kind"), _("Occasion")])
        self.table.setAccessibleName(_("Work calendar"))
        header = self.table.horizontalHeader()
        for column, width in ((0, 120), (1, 80), (2, 220)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.day = DateEdit()
        self.day.setAccessibleName(_("Date"))
        self.kind = ChoiceCombo(vocab_items(workcalendar.KINDS))
        self.kind.setAccessibleName(_("Kind"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name, e.g. 春节调休"))
        self.name.setAccessibleName(_("Occasion"))
        self.add_btn = QPushButton(_("&Add day"))
        self.add_btn.clicked.connect(self.add_day)
        self.remove_btn = QPushButton(_("&Remove day"))
        self.remove_btn.setToolTip(_("Give the selected day back to the usual week"))
        self.remove_btn.clicked.connect(self.remove_current)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        adder = QHBoxLayout()
        for widget, stretch in ((self.day, 0), (self.kind, 0), (self.name, 1), (self.add_btn, 0),
                                (self.remove_btn, 0)):
            adder.addWidget(widget, stretch)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.table)
        box.addLayout(adder)
        box.addWidget(self.error)
        self.load()

    def load(self, select: dt.date | None = None) -> None:
        days = [h for year in self.years for h in workcalendar.holidays(year)]
        self.days = days
        self.table.setRowCount(len(days))
        for row, h in enumerate(days):
            day = h.date if isinstance(h.date, dt.date) else dt.date.fromisoformat(str(h.date))
            values = [fmt_date(day), _(WEEKDAYS[day.weekday()]), kind_text(h.kind), h.name]
            for column, text in enumerate(values):
                item = _item(text, day.isoformat())
                if h.kind == "workday":
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.table.setItem(row, column, item)
            if day == select:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    def add_day(self) -> bool:
        self.error.hide()
        try:
            saved = workcalendar.save_holiday(self.day.value(), self.kind.value(), self.name.text())
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return False
        self.name.clear()
        self.load(saved.date)
        return True

    def current_day(self) -> dt.date | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def remove_current(self) -> bool:
        day = self.current_day()
        if day is None:
            return False
        workcalendar.remove_holiday(day)
        self.load()
        return True


class DeadlineSettings(QDialog):
    def __init__(self, by: Staff, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Deadlines and calendar"))
        self.pages = QTabWidget()
        self.rules = RulesPage(by)
        self.calendar = CalendarPage()
        self.pages.addTab(self.rules, _("Deadline rules"))
        self.pages.addTab(self.calendar, _("Work calendar"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.pages)
        box.addWidget(buttons)
        self.resize(1100, 620)
