"""An incident report (事件报告单): what happened on the left, reported with its photos; once saved,
its route on the right — the office receives it and deals with it or passes it on, the leaders'
instructions (批示) and the departments sent it, each department's investigation, and the closing
with the cause, the measures and their check. Each step's button is guarded by the core's
permission, and says why when it would refuse."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QDateTimeEdit, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.staff import department_name
from feedback_desk.base.vocab import label
from feedback_desk.desks.safety import incidents, kinds, permissions
from feedback_desk.desks.safety.files import INCIDENT_FILES
from feedback_desk.desks.safety.models import IncidentReport
from feedback_desk.desks.safety.vocab import INCIDENT_STATES, INCIDENT_STEPS

from ui.desks.customers.picker import CustomerPicker
from ui.desks.quality.raise_from import SheetOffer
from ui.desks.safety.place import place_edit
from ui.kit import operation
from ui.kit.attachment_strip import add_files_field, history_with_files
from ui.kit.desk_tab import button
from ui.kit.forms import FormDialog
from ui.kit.history import offer_history
from ui.kit.people_pickers import PeopleChecklist
from ui.kit.permitted import guard
from ui.kit.pickers import department_items
from ui.kit.tables import read_only_table
from ui.kit.widgets import ChoiceCombo, date_format, text_box

WARN = "color: #b3261e; font-weight: bold;"


def _moment() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(date_format() + " HH:mm")
    edit.setCalendarPopup(True)
    return edit


class IncidentForm(FormDialog):
    changedIncident = Signal(int)

    def __init__(self, author: Staff, incident: IncidentReport | None = None, parent=None):
        super().__init__(_("Incident report {number}").format(number=incident.number) if incident
                         else _("Report an incident"), parent)
        self.author, self.incident = author, incident
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.body.insertWidget(0, self.state_label)
        self.kind = self.add_field("kind", _("Kind"), ChoiceCombo([(k.code, k.name) for k in kinds.kinds()],
                                                                  blank=_("(choose)")))
        self.happened_at = self.add_field("happened_at", _("Happened at"), _moment())
        self.place = self.add_field("place", _("Place"), place_edit(_("e.g. 洗衣房 or room 1208")))
        self.department = self.add_field("department", _("Department"),
                                         ChoiceCombo(department_items(), blank=_("(none)")))
        self.customer = self.add_field("customer", _("Guest involved"), CustomerPicker())
        self.staff_involved = self.add_field("staff_involved", _("Staff involved"), PeopleChecklist(max_height=64))
        self.people = self.add_field("people", _("Others involved"), QLineEdit())
        self.people.setPlaceholderText(_("Guests not in the profiles, visitors, by name"))
        self.injuries = self.add_field("injuries", _("Injuries"), text_box(50))
        self.loss = self.add_field("estimated_loss", _("Estimated loss (yuan)"), QLineEdit())
        self.loss.setValidator(QIntValidator(0, 2_000_000_000))
        self.loss.setMaximumWidth(140)
        self.immediate_action = self.add_field("immediate_action", _("What was done at once"), text_box(70))
        self.handled_at = self.add_field("handled_at", _("Handled at"), _moment())
        self.late_note = QLabel(_("Reported more than 1 hour after it was handled (第三条: within 1 hour)."))
        self.late_note.setStyleSheet(WARN)
        self.late_note.setWordWrap(True)
        self.form.addRow("", self.late_note)
        self.files = add_files_field(self, author, INCIDENT_FILES, incident)
        # food safety, a product's failure: passed to the quality department as an anomaly sheet
        self.sheets = SheetOffer(self, self.form, incident, _("Incident report"), incident.number if incident else "",
                                 incident is not None and not incident.voided,
                                 _("Pass the incident to the quality department as an anomaly sheet that starts "
                                   "from it (food safety, a product's failure); both show the link"))
        if incident is not None:
            self._build_route()
        self.finish_layout(compact=True)
        if incident is not None:
            offer_history(self, IncidentReport, incident.id, incident.number,
                          **history_with_files(INCIDENT_FILES, incident.id))
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)  # each step saves itself
            self.show_incident(incident)
            self.resize(1240, 700)
        else:
            now = QDateTime(clock.to_local(clock.now_utc()).replace(second=0, microsecond=0))
            self.happened_at.setDateTime(now)
            self.handled_at.setDateTime(now)
            self.department.set_value(author.department_id)
            self.late_note.hide()
            self.state_label.hide()
            self.dirty = False
            self.resize(640, self.sizeHint().height())
            self.kind.setFocus()

    def watched_record(self):
        return self.incident

    # --- the route ------------------------------------------------------------------------------
    def _build_route(self) -> None:
        self.pages = QTabWidget()
        route = QWidget()
        rl = QVBoxLayout(route)
        self.route = read_only_table([_("When"), _("Who"), _("Step"), _("What was said")], wrap=True)
        header = self.route.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        rl.addWidget(self.route, 1)
        steps = QFormLayout()
        self.note = self.add_field("text", _("Note or instruction"), text_box(60), steps)
        self.send_to = self.add_field("send_to", _("Send to"), ChoiceCombo(department_items(), blank="—"),
                                      steps)
        rl.addLayout(steps)
        row = QHBoxLayout()
        self.handle_btn = button(_("Received: dealt with by the office"),
                                 _("The office deals with it and reports afterwards to the leader and HR"),
                                 lambda: self.receive(True))
        self.pass_btn = button(_("Received: pass to the leader and HR"),
                               _("The office cannot deal with it: the responsible leader and HR do"),
                               lambda: self.receive(False))
        self.instruct_btn = button(_("Instruction (批示)"), _("Record the instruction written above"), self.instruct)
        self.send_btn = button(_("Send to the department"), _("The department investigates and analyses the cause"),
                               self.send)
        for btn in (self.handle_btn, self.pass_btn, self.instruct_btn, self.send_btn):
            row.addWidget(btn)
        row.addStretch(1)
        rl.addLayout(row)
        self.pages.addTab(route, _("Route"))

        inquiry = QWidget()
        il = QVBoxLayout(inquiry)
        self.inquiries = read_only_table([_("Department"), _("Asked to look into"), _("Investigation and cause"),
                                          _("Answered")], wrap=True)
        self.inquiries.horizontalHeader().setStretchLastSection(True)
        self.inquiries.itemSelectionChanged.connect(self._update_buttons)
        il.addWidget(self.inquiries, 1)
        answer_form = QFormLayout()
        self.answer = self.add_field("answer", _("Investigation and cause"), text_box(70), answer_form)
        il.addLayout(answer_form)
        self.answer_btn = button(_("Report the investigation"), _("The selected department's findings and cause"),
                                 self.answer_inquiry)
        il.addWidget(self.answer_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addTab(inquiry, _("Investigations"))

        closing = QWidget()
        cl = QFormLayout(closing)
        self.customer_answer = self.add_field("customer_answer", _("Customer answered"), text_box(50), cl)
        self.cause = self.add_field("cause", _("Cause"), text_box(60), cl)
        self.measures = self.add_field("measures", _("Measures taken"), text_box(60), cl)
        self.measures_check = self.add_field("measures_check", _("Check that they were done"), text_box(50), cl)
        self.close_btn = button(_("Close the incident"), _("Cause, measures and their check recorded"), self.close_it)
        cl.addRow("", self.close_btn)
        self.pages.addTab(closing, _("Closing"))
        self.add_side(self.pages)

    def show_incident(self, i: IncidentReport) -> None:
        self.incident = i
        state = _("Void") + (f": {i.void_reason}" if i.void_reason else "") if i.voided else label(INCIDENT_STATES,
                                                                                                    i.state)
        self.state_label.setText(f"{i.number} · {state}")
        if self.kind.findData(i.kind) < 0:  # a kind taken off the list since: the report keeps it
            self.kind.addItem(kinds.NAMES.get(i.kind, i.kind), i.kind)
        self.kind.set_value(i.kind)
        self.staff_involved.set_value([p.id for p in incidents.staff_involved(i.id)])
        self.staff_involved.show_ticked_only()
        self.happened_at.setDateTime(QDateTime(clock.to_local(i.happened_at)))
        self.handled_at.setDateTime(QDateTime(clock.to_local(i.handled_at)))
        self.place.setText(i.place)
        self.department.set_value(i.department_id)
        self.customer.set_customer(i.customer_id)
        self.people.setText(i.people)
        self.injuries.setPlainText(i.injuries)
        self.loss.setText("" if i.estimated_loss is None else str(i.estimated_loss))
        self.immediate_action.setPlainText(i.immediate_action)
        self.late_note.setVisible(i.reported_late)
        for widget in (self.kind, self.happened_at, self.handled_at, self.place, self.department, self.customer,
                       self.staff_involved, self.people, self.injuries, self.loss, self.immediate_action):
            widget.setEnabled(False)  # the report is kept as it was made
        steps = incidents.route_of(i.id)
        self.route.setRowCount(len(steps))
        for row, s in enumerate(steps):
            what = label(INCIDENT_STEPS, s.kind) + (f" · {department_name(s.department_id)}" if s.department_id else "")
            for column, text in enumerate((fmt_datetime(s.created_at), s.created_by.name if s.created_by_id else "",
                                           what, s.text)):
                self.route.setItem(row, column, QTableWidgetItem(text))
        self.route.resizeRowsToContents()
        self._inquiries = incidents.inquiries_of(i.id)
        self.inquiries.setRowCount(len(self._inquiries))
        for row, q in enumerate(self._inquiries):
            answered = f"{q.answered_by.name} · {fmt_datetime(q.answered_at)}" if q.answered_at else _("Waiting")
            for column, text in enumerate((department_name(q.department_id), q.asked, q.answer, answered)):
                self.inquiries.setItem(row, column, QTableWidgetItem(text))
        self.inquiries.resizeRowsToContents()
        self.customer_answer.setPlainText(i.customer_answer)
        self.cause.setPlainText(i.cause)
        self.measures.setPlainText(i.measures)
        self.measures_check.setPlainText(i.measures_check)
        self.files.show_record(i.id, INCIDENT_FILES.fixed(i) is None)
        self._update_buttons()
        self.dirty = False

    def _selected_inquiry(self):
        row = self.inquiries.currentRow()
        return self._inquiries[row] if 0 <= row < len(self._inquiries) else None

    def _update_buttons(self) -> None:
        i = self.incident
        live = not i.voided and i.state != "closed"
        for btn in (self.handle_btn, self.pass_btn):
            guard(btn, permissions.RECEIVE, self.author, i, live and i.state == "reported")
        for btn in (self.instruct_btn, self.send_btn):
            guard(btn, permissions.INSTRUCT, self.author, i, live and i.state in ("received", "investigating"))
        inquiry = self._selected_inquiry()
        guard(self.answer_btn, permissions.INVESTIGATE, self.author, inquiry,
              live and inquiry is not None and inquiry.answered_at is None)
        guard(self.close_btn, permissions.CLOSE_INCIDENT, self.author, i,
              live and i.state in ("received", "investigating"))

    def _step(self, call) -> bool:
        outcome = operation.run(self, call, form=self, context="an incident's step")
        if not outcome.ok:
            return False
        self.clear_errors()
        self.note.clear()
        self.answer.clear()
        fresh = IncidentReport.get_by_id(self.incident.id)
        self.show_incident(fresh)
        self.changedIncident.emit(fresh.id)
        return True

    def receive(self, itself: bool) -> bool:
        i = self.incident
        return self._step(lambda: incidents.receive(i.id, i.version, itself, self.note.toPlainText(), self.author))

    def instruct(self) -> bool:
        i = self.incident
        return self._step(lambda: incidents.instruct(i.id, i.version, self.note.toPlainText(), self.author))

    def send(self) -> bool:
        i = self.incident

        return self._step(lambda: incidents.send_to_department(i.id, i.version, self.send_to.value(),
                                                               self.note.toPlainText(), self.author))

    def answer_inquiry(self) -> bool:
        q = self._selected_inquiry()
        if q is None:
            return False
        return self._step(lambda: incidents.answer_inquiry(q.id, q.version, self.answer.toPlainText(), self.author))

    def close_it(self) -> bool:
        i = self.incident
        values = {"cause": self.cause.toPlainText(), "measures": self.measures.toPlainText(),
                  "measures_check": self.measures_check.toPlainText(),
                  "customer_answer": self.customer_answer.toPlainText()}
        return self._step(lambda: incidents.close(i.id, i.version, values, self.author))

    # --- reporting -------------------------------------------------------------------------------
    def values(self) -> dict:
        return {"kind": self.kind.value(), "happened_at": self.happened_at.dateTime().toPython(),
                "handled_at": self.handled_at.dateTime().toPython(), "place": self.place.text(),
                "department": self.department.value(), "customer": self.customer.customer_id,
                "staff_involved": self.staff_involved.value(),
                "people": self.people.text(), "injuries": self.injuries.toPlainText(),
                "estimated_loss": self.loss.text(), "immediate_action": self.immediate_action.toPlainText()}

    def save(self):
        if self.incident is not None:
            return self.incident
        values = self.values()
        return incidents.report_incident(values, self.author, self.files.pending)
