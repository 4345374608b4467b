"""A meeting as its minutes keeper and the departments read it: when and who, the minutes, the
decisions (each a work item) and each department's written response; and what the person signed
in may do now — edit the minutes and add decisions until they go out, circulate them, answer them
for their department, void the meeting."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QTableWidgetItem, QVBoxLayout, QWidget

from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.vocab import label
from feedback_desk.desks.work import meetings, permissions
from feedback_desk.desks.work.listings import due_text
from feedback_desk.desks.work.models import Meeting, MeetingResponse
from feedback_desk.desks.work.vocab import MEETING_KINDS, WORK_STATES

from ui.desks.work.meeting_forms import DecisionForm, MeetingForm
from ui.desks.work.step_form import StepForm
from ui.kit import operation
from ui.kit.desk_tab import button
from ui.kit.permitted import guard, may
from ui.kit.tables import read_only_table


class MeetingPane(QWidget):
    changed = Signal(int)          # the meeting saved: its id
    openWork = Signal(int)         # a decision's work item to open

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.meeting: Meeting | None = None
        self.responses: list[MeetingResponse] = []
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.minutes = QPlainTextEdit()
        self.minutes.setReadOnly(True)
        self.minutes.setAccessibleName(_("Minutes"))
        self.decisions = read_only_table([_("Number"), _("Decision"), _("Doer"), _("Due date"), _("State")])
        self.decisions.setAccessibleName(_("Decisions"))
        self.decisions.cellDoubleClicked.connect(lambda row, _c: self._open_decision(row))
        self.answers = read_only_table([_("Department"), _("To answer"), _("Answered at"), _("Response")], wrap=True)
        self.answers.setAccessibleName(_("Departments' responses"))
        self.answers.itemSelectionChanged.connect(self._update_buttons)
        for table in (self.decisions, self.answers):
            header = table.horizontalHeader()
            for column in range(table.columnCount() - 1):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
        self.edit_btn = button(_("Edit minutes…"), _("Change the minutes, attendees or time until they go out"),
                               self.edit)
        self.decision_btn = button(_("Add a decision…"), _("A decision of the meeting: task, doer and due date; "
                                                           "given when the minutes go out"), self.add_decision)
        self.circulate_btn = button(_("Circulate the minutes"), _("The minutes go out (within 24 hours of the "
                                                                  "meeting): the decisions are given to their doers "
                                                                  "and each department answers within a working day"),
                                    self.circulate)
        self.respond_btn = button(_("Write the response…"), _("The selected department's written response to the "
                                                              "minutes"), self.respond)
        self.void_btn = button(_("Void meeting…"), _("Void a meeting recorded by mistake, with its open decisions"),
                               self.void)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.minutes, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("Decisions (double-click to open the work item)")))
        right.addWidget(self.decisions, 1)
        right.addWidget(QLabel(_("Written responses of the departments")))
        right.addWidget(self.answers, 1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(right, 3)
        row = QHBoxLayout()
        for each in (self.edit_btn, self.decision_btn, self.circulate_btn, self.respond_btn, self.void_btn):
            row.addWidget(each)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top, 1)
        layout.addLayout(row)
        self._decision_ids: list[int] = []
        self.show_meeting(None)

    # --- showing --------------------------------------------------------------------------------
    def show_meeting(self, meeting_id: int | None, response_id: int | None = None) -> bool:
        self.meeting = Meeting.get_or_none(Meeting.id == meeting_id) if meeting_id is not None else None
        m = self.meeting
        self.responses = meetings.responses_of(m.id) if m is not None else []
        if m is None:
            self.heading.setText(_("Select a meeting to see its minutes, decisions and responses here."))
            self.minutes.clear()
            self.decisions.setRowCount(0)
            self.answers.setRowCount(0)
            self._update_buttons()
            return False
        names = ", ".join(a.name for a in meetings.attendees_of(m.id)) or _("(none named)")
        out = _("circulated {when}").format(when=fmt_datetime(m.circulated_at)) if m.circulated_at \
            else "<b style='color:#b00020'>" + escape(_("minutes not yet circulated")) + "</b>"
        self.heading.setText(
            "<b style='font-size:14px'>{number}</b> · {kind} · {when}<br><b>{subject}</b><br>{chair}: {c} · "
            "{keeper}: {k} · {out}<br>{attendees}: {names}".format(
                number=escape(m.number), kind=escape(label(MEETING_KINDS, m.kind)), when=fmt_datetime(m.held_at),
                subject=escape(m.subject), chair=escape(_("Chair")), c=escape(m.chair.name),
                keeper=escape(_("Minutes keeper")), k=escape(m.minutes_keeper.name), out=out,
                attendees=escape(_("Attendees")), names=escape(names)))
        self.minutes.setPlainText(m.minutes)
        decisions = meetings.decisions_of(m.id)
        self._decision_ids = [d.id for d in decisions]
        self._fill(self.decisions, [[d.number, d.task, d.doer.name, due_text(d), label(WORK_STATES, d.state)]
                                    for d in decisions])
        self._fill(self.answers, [[r.department.name, r.owner.name if r.owner is not None else "",
                                   fmt_datetime(r.responded_at) if r.responded_at else _("Not yet"), r.text]
                                  for r in self.responses])
        self.answers.resizeRowsToContents()
        wanted = next((n for n, r in enumerate(self.responses) if r.id == response_id), None)
        if wanted is None:  # the first one the person signed in may still answer
            wanted = next((n for n, r in enumerate(self.responses)
                           if r.responded_at is None and may(permissions.RESPOND, self.author, r)), None)
        if wanted is not None:
            self.answers.selectRow(wanted)
        self._update_buttons()
        return True

    def reload(self) -> None:
        self.show_meeting(self.meeting.id if self.meeting is not None else None, getattr(self.response(), "id", None))

    @staticmethod
    def _fill(table, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(r, c, cell)

    def response(self) -> MeetingResponse | None:
        row = self.answers.currentRow() if self.answers.selectedItems() else -1
        return self.responses[row] if 0 <= row < len(self.responses) else None

    def _update_buttons(self) -> None:
        m = self.meeting
        open_minutes = m is not None and not m.voided and m.circulated_at is None
        for widget in (self.edit_btn, self.decision_btn, self.circulate_btn):
            guard(widget, permissions.KEEP_MINUTES, self.author, m if open_minutes else None, open_minutes)
        guard(self.void_btn, permissions.KEEP_MINUTES, self.author, m, m is not None and not m.voided)
        r = self.response()
        waiting = r is not None and r.responded_at is None and not r.voided
        guard(self.respond_btn, permissions.RESPOND, self.author, r if waiting else None, waiting)

    def _open_decision(self, row: int) -> None:
        if 0 <= row < len(self._decision_ids):
            self.openWork.emit(self._decision_ids[row])

    # --- actions --------------------------------------------------------------------------------
    def _saved(self, meeting_id: int) -> None:
        self.show_meeting(meeting_id, getattr(self.response(), "id", None))
        self.changed.emit(meeting_id)

    def edit(self) -> MeetingForm | None:
        if self.meeting is None:
            return None
        form = MeetingForm(self.author, self.meeting, self)
        form.accepted.connect(lambda: self._saved(form.result_record.id))
        form.open()
        return form

    def add_decision(self) -> DecisionForm | None:
        if self.meeting is None:
            return None
        form = DecisionForm(self.author, self.meeting, self)
        meeting_id = self.meeting.id
        form.accepted.connect(lambda: self._saved(meeting_id))
        form.open()
        return form

    def circulate(self) -> bool:
        m = self.meeting
        if m is None:
            return False
        done = operation.run(self, lambda: meetings.circulate(m.id, m.version, self.author),
                             title=_("Minutes not circulated"))
        if done.ok:
            self._saved(m.id)
        return done.ok

    def respond(self) -> StepForm | None:
        r = self.response()
        if r is None:
            return None
        intro = _("{department}'s written response to the minutes {number}").format(
            department=r.department.name, number=self.meeting.number)
        form = StepForm(_("Response to the minutes"), intro, [("text", _("Response"))],
                        lambda values: meetings.respond(r.id, r.version, values["text"], self.author), parent=self)
        meeting_id = self.meeting.id
        form.accepted.connect(lambda: self._saved(meeting_id))
        form.open()
        return form

    def void(self) -> StepForm | None:
        m = self.meeting
        if m is None:
            return None
        form = StepForm(_("Void meeting"), _("{number}: its decisions not yet done and its responses not yet "
                                             "written go with it.").format(number=m.number), [("reason", _("Reason"))],
                        lambda values: meetings.void_meeting(m.id, m.version, values["reason"], self.author),
                        parent=self)
        form.accepted.connect(lambda: self._saved(m.id))
        form.open()
        return form
