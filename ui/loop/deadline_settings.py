"""Settings → Deadlines and calendar (issue 7 items 1 and 2): the deadline rules, each edited
in a form — its name, which items it covers (desk, kind, severity), its clock and whom it
escalates to — and rules of one's own added (Ctrl+N); a change applies to new items only, and
the dialog says so. And the work calendar of this year and the next: public holidays and
make-up working days (调休), added and removed.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSizePolicy, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.loop import rules as dr, work_calendar as workcalendar
from feedback_desk.loop.models import Rule
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff

from ui.kit import operation
from ui.kit.field_messages import FieldMessages
from ui.kit.forms import ERROR_STYLE, FormDialog
from ui.kit.tables import read_only_table
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items
from ui.kit.screen_fit import FittingDialog

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def unit_text(clk: str) -> str:
    if clk == "hours":
        return _("hour(s)")
    if clk == "minutes":
        return _("minute(s)")
    return _("working day(s)") if clk == "working_days" else _("day(s)")


def clock_text(rule: Rule) -> str:
    if rule.clock == "hours":
        return _("{n} hour(s)").format(n=rule.amount)
    if rule.clock == "minutes":
        return _("{n} minute(s)").format(n=rule.amount)
    if rule.clock == "working_days":
        return _("The same working day") if rule.amount == 0 else _("{n} working day(s)").format(n=rule.amount)
    if rule.clock == "meeting":
        return _("By the next morning meeting") if rule.amount == 0 else \
            _("{n} day(s), then the morning meeting").format(n=rule.amount)
    return _("The same day") if rule.amount == 0 else _("{n} day(s)").format(n=rule.amount)


def chain_text(chain: str) -> str:
    return " → ".join(_(dr.ROLES[r]) if r in dr.ROLES else r for r in dr.chain_of(chain))


def desk_text(desk: str) -> str:
    return _(dr.item_labels()[desk]) if desk in dr.item_labels() else (_("Every desk") if not desk else desk)


def rule_kind_text(desk: str, kind: str) -> str:
    """'Any' only where the desk has kinds; blank where kinds mean nothing."""
    kinds = dr.KINDS.get(desk, {})
    if kind:
        return _(kinds[kind]) if kind in kinds else kind
    return _("Any") if kinds else ""


def severity_text(severity: str) -> str:
    return _(dr.SEVERITIES[severity]) if severity in dr.SEVERITIES else severity


def start_text(start: str) -> str:
    return _(dr.STARTS[start]) if start in dr.STARTS else start


def kind_text(kind: str) -> str:
    return _(workcalendar.KINDS[kind]) if kind in workcalendar.KINDS else kind


def _item(text: str, data=None, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(tooltip or text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 6px;")
    return label


class RuleForm(FormDialog):
    """One rule, or a new one (`rule` None): its name; which items it covers (desk, kind,
    severity); its clock (kind, start, amount, grace per escalation step); referral and chain."""

    def __init__(self, rule: Rule | None, by: Staff, parent=None):
        super().__init__(_("Deadline rule") if rule is not None else _("New deadline rule"), parent)
        self.rule, self.by = rule, by
        self.name = self.add_field("name", _("&Name"), QLineEdit(dr.rule_label(rule) if rule else ""))
        self.name.setPlaceholderText(_("What the rule asks, e.g. Answer within 4 hours"))
        self.form.addRow(_section(_("Which items")))
        self.desk = self.add_field("desk", _("&Desk"), ChoiceCombo(vocab_items(dr.item_labels()), blank=_("Every desk")))
        self.kind = self.add_field("kind", _("&Kind"), ChoiceCombo([], blank=_("Any")))
        self.severity = self.add_field("severity", _("Se&verity"), ChoiceCombo(vocab_items(dr.SEVERITIES)))
        self.form.addRow(_section(_("The clock")))
        self.clock = self.add_field("clock", _("C&lock"), ChoiceCombo(vocab_items(dr.CLOCKS)))
        self.start = self.add_field("start", _("Coun&ted from"), ChoiceCombo(vocab_items(dr.STARTS)))
        self.amount = self.add_field("amount", _("&Amount"), QLineEdit(str(rule.amount) if rule else "24"))
        self.grace = self.add_field("grace", _("&Grace before each step up"),
                                    QLineEdit(str(rule.grace) if rule else "24"))
        for box in (self.amount, self.grace):
            box.setMaximumWidth(100)
        self.unit = QLabel()
        self.form.addRow("", self.unit)
        self.form.addRow(_section(_("Escalation")))
        self.refer_to = self.add_field("refer_to", _("&Referred at once to"),
                                       ChoiceCombo(vocab_items(dr.ROLES), blank=_("Nobody")))
        for combo in (self.desk, self.kind, self.severity, self.clock, self.start, self.refer_to):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        chain_box = QWidget()
        row = QHBoxLayout(chain_box)
        row.setContentsMargins(0, 0, 0, 0)
        chain = dr.chain_of(rule.chain) if rule else list(dr.ROLES)
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
        self.active.setChecked(rule.active if rule else True)
        if rule is None:
            self.set_row_visible("active", False)  # a new rule is in use
        note = QLabel(_(dr.CHANGE_NOTE))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666; margin-top: 6px;")
        self.form.addRow(note)
        self.desk.set_value(rule.desk if rule and rule.desk else None)
        self._fill_kinds(rule.kind if rule else "")
        self.severity.set_value(rule.severity if rule else "")
        self.clock.set_value(rule.clock if rule else "hours")
        self.start.set_value(rule.start if rule else "created")
        self.refer_to.set_value((rule.refer_to or None) if rule else None)
        self.desk.currentIndexChanged.connect(lambda: self._fill_kinds())
        self.clock.currentIndexChanged.connect(self._show_unit)
        self._show_unit()
        self.finish_layout()
        self.resize(620, self.sizeHint().height())
        self.dirty = False  # filling the fields is not a change (Cancel closes without asking)

    def _fill_kinds(self, keep: str | None = None) -> None:
        """The kinds of the chosen desk; 'Any' alone, and the box disabled, where it has none."""
        kinds = dr.KINDS.get(self.desk.value() or "", {})
        keep = self.kind.value() if keep is None else keep
        self.kind.set_items(vocab_items(kinds), blank=_("Any"))
        self.kind.set_value(keep if keep in kinds else None)
        self.kind.setEnabled(bool(kinds))
        self.kind.setToolTip("" if kinds else _("Items on this desk are not divided into kinds."))

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        self.layout().activate()  # a long message (a clash names the other rule) wraps: make room for it
        self.resize(self.width(), max(self.height(), self.layout().totalHeightForWidth(self.width())))

    def _show_unit(self) -> None:
        self.unit.setText(_("Amount and grace are counted in {unit}.").format(unit=unit_text(self.clock.value())))

    def values(self) -> dict:
        return {"desk": self.desk.value() or "", "kind": self.kind.value() or "",
                "severity": self.severity.value() or "", "clock": self.clock.value(),
                "start": self.start.value(), "amount": self.amount.text(), "grace": self.grace.text(),
                "refer_to": self.refer_to.value() or "",
                "chain": [r for r, check in self.chain_checks.items() if check.isChecked()]}

    def save(self) -> Rule:
        values = self.values()
        if self.rule is None:
            return dr.create_rule({"name": self.name.text(), **values}, self.by)
        if self.name.text() != dr.rule_label(self.rule):  # a seeded name is kept untranslated until changed
            values["name"] = self.name.text()
        values["active"] = self.active.isChecked()
        return dr.save_rule(self.rule.code, values, self.by, expected_version=self.rule.version)


class RulesPage(QWidget):
    COLUMNS = (N_("Rule"), N_("Desk"), N_("Kind"), N_("Severity"), N_("Clock"), N_("Grace per step"),
               N_("Referred at once to"), N_("Escalation chain"), N_("In use"))

    def __init__(self, by: Staff, parent=None):
        super().__init__(parent)
        self.by = by
        self.table = read_only_table([_(c) for c in self.COLUMNS], wrap=True)
        self.table.setAccessibleName(_("Deadline rules"))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.TextFlag.TextWordWrap)
        for column, width in enumerate((230, 115, 115, 115, 115, 100, 125, 0, 55)):
            header.resizeSection(column, width)
        header.setFixedHeight(2 * header.fontMetrics().lineSpacing() + 10)  # long titles wrap to two lines
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)  # the chain takes what is left
        self.table.setWordWrap(True)  # names and chains are long: rows grow rather than cut them
        header.sectionResized.connect(self._fit_rows)
        self.table.doubleClicked.connect(lambda index: self.edit_rule(index.row()))
        self.new_btn = QPushButton(_("&New rule…"))
        self.new_btn.setToolTip(_("A rule of your own for some items (Ctrl+N)"))
        self.new_btn.clicked.connect(self.new_rule)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_rule)  # only while this page shows
        self.edit_btn = QPushButton(_("&Edit rule…"))
        self.edit_btn.clicked.connect(lambda: self.edit_rule(self.table.currentRow()))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #1b5e20;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.new_btn)
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
            started = _("{clock}, counted from: {start}").format(
                clock=clock_text(rule), start=start_text(rule.start))
            cells = [(dr.rule_label(rule), None), (desk_text(rule.desk), None),
                     (rule_kind_text(rule.desk, rule.kind), None), (severity_text(rule.severity), None),
                     (clock_text(rule), started), (grace, None),
                     (_(dr.ROLES[rule.refer_to]) if rule.refer_to else "", None), (chain_text(rule.chain), None),
                     (_("Yes") if rule.active else _("No"), None)]
            for column, (text, tooltip) in enumerate(cells):
                item = _item(text, rule.code, tooltip)
                if not rule.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if rule.code == select_code:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))
        self._fit_rows()
        if select_code is None and self.rules:
            self.table.selectRow(0)

    def _fit_rows(self, *_args) -> None:
        self.table.resizeRowsToContents()
        for row in range(self.table.rowCount()):  # a little air between wrapped rows
            self.table.setRowHeight(row, self.table.rowHeight(row) + 6)

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        return self.rules[row].code if 0 <= row < len(self.rules) else None

    def edit_rule(self, row: int) -> RuleForm | None:
        if not 0 <= row < len(self.rules):
            return None
        return self._open(RuleForm(Rule.get_by_id(self.rules[row].id), self.by, self))

    def new_rule(self) -> RuleForm:
        return self._open(RuleForm(None, self.by, self))

    def _open(self, form: RuleForm) -> RuleForm:
        form.accepted.connect(lambda: self._saved(form.result_record.code))
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
        self.table = read_only_table([_("Date"), _("Weekday"), _("Kind"), _("Occasion")], wrap=True)
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
        self.messages = FieldMessages(self.error)  # a refusal's message under its field
        adder = QHBoxLayout()
        for widget, stretch in ((self.messages.beside("date", self.day), 0), (self.messages.beside("kind", self.kind), 0),
                                (self.messages.beside("name", self.name), 1), (self.add_btn, 0), (self.remove_btn, 0)):
            adder.addWidget(widget, stretch, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.table)
        box.addLayout(adder)
        box.addWidget(self.error)
        self.load()

    def load(self, select: dt.date | None = None) -> None:
        days = [h for year in self.years for h in workcalendar.holidays(year)]
        self.days = days
        self.versions: dict[dt.date, int] = {}  # each day as shown: a save passes its version back
        self.table.setRowCount(len(days))
        for row, h in enumerate(days):
            day = h.date if isinstance(h.date, dt.date) else dt.date.fromisoformat(str(h.date))
            self.versions[day] = h.version
            values = [fmt_date(day), _(WEEKDAYS[day.weekday()]), kind_text(h.kind), h.name]
            for column, text in enumerate(values):
                item = _item(text, day.isoformat())
                if h.kind == "workday":
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.table.setItem(row, column, item)
            if day == select:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    def shown_version(self, day) -> int | None:
        """`day`'s version as the table shows it (0: not in the calendar); None for a day of a year
        the page does not show (nothing was read of it)."""
        if not isinstance(day, dt.date) or day.year not in self.years:
            return None
        return self.versions.get(day, 0)

    def add_day(self) -> bool:
        day = self.day.value()
        saved = operation.run(self, lambda: workcalendar.save_holiday(day, self.kind.value(), self.name.text(),
                                                                      self.shown_version(day)),
                              form=self.messages, on_error=self.messages.show_general)
        if not saved.ok:
            return False
        self.messages.clear()
        self.name.clear()
        self.load(saved.result.date)
        return True

    def current_day(self) -> dt.date | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def remove_current(self) -> bool:
        day = self.current_day()
        if day is None:
            return False
        if not operation.run(self, lambda: workcalendar.remove_holiday(day, self.shown_version(day)),
                             on_error=self.messages.show_general).ok:
            return False
        self.messages.clear()
        self.load()
        return True


class DeadlineSettings(FittingDialog):
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
        self.resize(1240, 680)  # the rules' nine columns; less where the screen has less room
