"""A work item as its doer and its giver read it: who gave what to whom, by when (both dates when a
delay was asked), who is copied, every exchange oldest first, and the steps the person signed in
may take now — each disabled, with the reason, where the core would refuse it."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Staff
from feedback_desk.base.vocab import label
from feedback_desk.base.attachments import Attachment
from feedback_desk.desks.work import giving
from feedback_desk.desks.work.files import FILES
from feedback_desk.desks.work.models import WorkItem, WorkStep
from feedback_desk.desks.work.steps import steps_of
from feedback_desk.desks.work.vocab import (DELAY_ANSWERS, RULINGS, STEP_KINDS, URGENCIES, WORK_KINDS,
                                            WORK_STATES)

from ui.desks.work.item_actions import ACTIONS, Action, state_allows
from ui.desks.work.step_form import StepForm
from ui.kit import operation
from ui.kit.attachment_strip import AttachmentStrip
from ui.kit.forms import ERROR_STYLE
from ui.kit.history import HistoryDialog
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.permitted import guard
from ui.kit.screen_fit import FittingDialog
from ui.kit.tables import read_only_table

HISTORY_LABELS = {"state": N_("State"), "doer": N_("Doer"), "due_on": N_("Due date"), "task": N_("Task"),
                  "urgency": N_("Urgency"), "result": N_("Completion report"), "copied": N_("Copied to"),
                  "asked_due_on": N_("New date asked")}


def due_dates(item: WorkItem) -> str:
    """The due date; with a delay accepted, the first one too; a new date asked for, beside it."""
    if item.due_on is None:
        shown = _("No due date: reported on every working day")
    elif item.first_due_on is not None and item.first_due_on != item.due_on:
        shown = _("{due} (first {first}; moved when a delay was accepted)").format(
            due=fmt_date(item.due_on), first=fmt_date(item.first_due_on))
    else:
        shown = fmt_date(item.due_on)
    if item.asked_due_on is not None:
        shown += " · " + _("{date} asked, waiting for the giver's answer").format(date=fmt_date(item.asked_due_on))
    return shown


def step_text(step: WorkStep) -> str:
    """What was said at a step, with the date, decision or person it names."""
    parts = [step.text] if step.text else []
    if step.new_due_on is not None:
        parts.append(_("new date {date}").format(date=fmt_date(step.new_due_on)))
    if step.decision in DELAY_ANSWERS and step.kind == "delay_answer":
        parts.append(label(DELAY_ANSWERS, step.decision))
    elif step.decision in RULINGS and step.kind == "ruled":
        parts.append(label(RULINGS, step.decision))
    if step.staff is not None and step.kind in ("help", "doer_changed", "ruling_asked", "given"):
        word = {"help": _("colleague asked: {name}"), "doer_changed": _("new doer: {name}"),
                "ruling_asked": _("to rule: {name}"), "given": _("to {name}")}[step.kind]
        parts.append(word.format(name=step.staff.name))
    if step.round:
        parts.append(_("round {n} of 3").format(n=step.round))
    return " · ".join(parts)


def _person(staff: Staff | None) -> str:
    if staff is None:
        return ""
    return staff.name + (f" ({staff.department.name})" if staff.department_id else "")


class WorkItemPane(QWidget):
    """The item shown (`show_item`), its steps' buttons following the person signed in."""
    changed = Signal(int)  # an item was saved: its id

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.item: WorkItem | None = None
        self.steps: list[WorkStep] = []
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, text in (("given", _("Given by")), ("doer", _("Doer")), ("copied", _("Copied to")),
                          ("due", _("Due date")), ("task", _("Task")), ("result", _("Latest report")),
                          ("ruler", _("To rule"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"work_{key}")
            self.facts.addRow(text, value)
            self.values[key] = value
        self.files = AttachmentStrip(author, FILES)
        self.files_error = QLabel()
        self.files_error.setStyleSheet(ERROR_STYLE)
        self.files_error.setWordWrap(True)
        self.files_error.hide()
        self.files.failed.connect(self._file_refused)
        self.files.changed.connect(lambda: self.files_error.hide())
        files_box = QVBoxLayout()
        files_box.setContentsMargins(0, 0, 0, 0)
        files_box.addWidget(self.files)
        files_box.addWidget(self.files_error)
        self.facts.addRow(_("Photos and files"), files_box)
        self.table = read_only_table([_("When"), _("Who"), _("Step"), _("What was said")], wrap=True)
        self.table.setAccessibleName(_("Steps"))
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        columns = {False: 0, True: 0}
        for action in ACTIONS:
            btn = QPushButton(_(action.text))
            btn.setToolTip(_(action.tip))
            btn.setAutoDefault(False)
            btn.clicked.connect(lambda _c=False, a=action: self.take(a.key))
            grid.addWidget(btn, int(action.giver_side), columns[action.giver_side])
            columns[action.giver_side] += 1
            self.buttons[action.key] = btn
        self.history_btn = QPushButton(_("History…"))
        self.history_btn.setToolTip(_("Who changed what, and when"))
        self.history_btn.setAutoDefault(False)
        self.history_btn.clicked.connect(self.show_history)
        grid.addWidget(self.history_btn, 0, columns[False])
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(self.facts)
        left.addStretch(1)
        top.addLayout(left, 2)
        top.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(grid)
        self.show_item(None)

    # --- showing ----------------------------------------------------------------------------
    def show_item(self, item_id: int | None) -> bool:
        """Show the item (None: nothing selected); False when it may not be read."""
        self.item, self.steps = None, []
        if item_id is not None:
            found = operation.run(self, lambda: giving.read_item(item_id), title=_("Work and meetings"))
            if found.ok:
                self.item = found.result
                self.steps = steps_of(item_id)
        self._fill()
        self._update_buttons()
        return self.item is not None

    def reload(self) -> None:
        self.show_item(self.item.id if self.item is not None else None)

    def _fill(self) -> None:
        w = self.item
        self.files_error.hide()
        self.files.show_record(w.id if w is not None else None, w is not None and FILES.fixed(w) is None)
        if w is None:
            self.heading.setText(_("Select a work item to see it here."))
            for value in self.values.values():
                value.clear()
            self.table.setRowCount(0)
            return
        state = label(WORK_STATES, w.state)
        if w.state not in ("confirmed",) and w.rounds:
            state += " · " + _("round {n} of 3").format(n=w.rounds)
        if w.voided:
            state = _("Void") + (f": {w.void_reason}" if w.void_reason else "")
        urgent = w.urgency == "urgent"
        self.heading.setText("<b style='font-size:14px'>{number}</b> · {kind} · {urgency} · <b{style}>{state}</b>"
                             .format(number=escape(w.number), kind=escape(label(WORK_KINDS, w.kind)),
                                     urgency=escape(label(URGENCIES, w.urgency)),
                                     style=f" style='color:{WARN_COLOUR.name()}'" if urgent or w.voided else "",
                                     state=escape(state)))
        given = _("{person}, {when}").format(person=_person(w.given_by),
                                             when=fmt_datetime(w.given_at) if w.given_at else fmt_date(w.given_on))
        if w.meeting_id is not None:
            given += " · " + _("decided at {number}").format(number=w.meeting.number)
        self.values["given"].setText(given)
        self.values["doer"].setText(_person(w.doer) + (" · " + _("acknowledged {when}").format(
            when=fmt_datetime(w.acknowledged_at)) if w.acknowledged_at else " · " + _("not yet acknowledged")))
        copies = giving.copies_of(w.id)
        self.values["copied"].setText(", ".join(c.staff.name for c in copies) or _("(nobody)"))
        self.values["due"].setText(due_dates(w))
        self.values["task"].setText(w.task)
        self.values["result"].setText(w.result)
        ruler = Staff.get_or_none(Staff.id == w.ruler_id) if w.state == "ruling" and w.ruler_id else None
        self.values["ruler"].setText(ruler.name if ruler else "")
        for key in ("result", "ruler"):  # a line with nothing to say yet is not shown
            self.facts.setRowVisible(self.values[key], bool(self.values[key].text()))
        self.table.setRowCount(len(self.steps))
        for row, step in enumerate(self.steps):
            cells = (fmt_datetime(step.at), step.by.name if step.by is not None else "", label(STEP_KINDS, step.kind),
                     step_text(step))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        if self.steps:
            self.table.scrollToBottom()

    def _update_buttons(self) -> None:
        for action in ACTIONS:
            allowed = state_allows(action, self.item, self.steps)
            guard(self.buttons[action.key], action.permission, self.author, self.item if allowed else None, allowed)
        self.history_btn.setEnabled(self.item is not None)

    def _file_refused(self, message: str) -> None:
        self.files_error.setText(message)
        self.files_error.show()

    # --- steps --------------------------------------------------------------------------------
    def take(self, key: str) -> StepForm | None:
        """Open the step's form; saved, the item is shown as it is now."""
        action: Action = next(a for a in ACTIONS if a.key == key)
        item = self.item
        if item is None:
            return None
        intro = f"{item.number} · {item.task[:80]}"
        leave_out = (self.author.id,) if key in ("help", "change_doer") else ()
        form = StepForm(_(action.text).rstrip("…"), intro, [(k, _(t)) for k, t in action.fields],
                        lambda values: action.run(item, values, self.author), leave_out, self)
        form.accepted.connect(lambda: self._saved(form.result_record))
        form.open()
        return form

    def _saved(self, saved: WorkItem | None) -> None:
        item_id = saved.id if saved is not None else self.item.id
        self.show_item(item_id)
        self.changed.emit(item_id)

    def show_history(self) -> HistoryDialog | None:
        if self.item is None:
            return None
        labels = {k: _(v) for k, v in {**HISTORY_LABELS, **STEP_KINDS}.items()}
        choices = {"state": {k: _(v) for k, v in WORK_STATES.items()},
                   "urgency": {k: _(v) for k, v in URGENCIES.items()}}
        dialog = HistoryDialog(WorkItem, self.item.id, labels, self.item.number, self, choices,
                               FILES.history(self.item.id), {Attachment: N_("Attachment")})
        dialog.open()
        return dialog


class WorkItemDialog(FittingDialog):
    """The pane on its own, for an item opened from My work or with Enter."""

    def __init__(self, author: Staff, item_id: int, parent=None):
        super().__init__(parent)
        self.pane = WorkItemPane(author, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane)
        layout.addWidget(buttons)
        self.found = self.pane.show_item(item_id)
        self.setWindowTitle(self.pane.item.number if self.pane.item else _("Work item"))
        self.resize(1100, 560)
