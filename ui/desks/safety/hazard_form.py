"""A safety hazard: reported on the left (area, place, what was found, when and by whom, photos);
once saved, its rectification on the right, each step a button the core may refuse with the reason
shown: name who rectifies it and by when, report it rectified, check it (passed, or not and why)."""
from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel

from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.vocab import SEVERITIES, label
from feedback_desk.desks.safety import hazards, permissions
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.models import SafetyHazard
from feedback_desk.desks.safety.vocab import HAZARD_AREAS, HAZARD_STATES

from ui.desks.safety.place import place_edit
from ui.kit import operation
from ui.kit.attachment_strip import add_files_field, history_with_files
from ui.kit.desk_tab import button
from ui.kit.forms import FormDialog
from ui.kit.history import offer_history
from ui.kit.people_pickers import PersonCombo
from ui.kit.permitted import guard
from ui.kit.pickers import department_items
from ui.kit.widgets import ChoiceCombo, DateEdit, date_format, text_box, vocab_items

WARN = "color: #b3261e; font-weight: bold;"


class HazardForm(FormDialog):
    changedHazard = Signal(int)  # a step was saved: the hazard's id

    def __init__(self, author: Staff, hazard: SafetyHazard | None = None, parent=None):
        super().__init__(_("Safety hazard {number}").format(number=hazard.number) if hazard
                         else _("Report a safety hazard"), parent)
        self.author, self.hazard = author, hazard
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.body.insertWidget(0, self.state_label)
        self.area = self.add_field("area", _("Area"), ChoiceCombo(vocab_items(HAZARD_AREAS), blank=_("(choose)")))
        self.place = self.add_field("place", _("Place"), place_edit(_("e.g. 中餐厨房冷库 or room 1208")))
        self.description = self.add_field("description", _("Hazard"), text_box(110))
        self.description.setPlaceholderText(_("What was found, and what could happen"))
        self.severity = self.add_field("severity", _("Severity"), ChoiceCombo(vocab_items(SEVERITIES)))
        self.found_at = self.add_field("found_at", _("Found at"), QDateTimeEdit())
        self.found_at.setDisplayFormat(date_format() + " HH:mm")
        self.found_at.setCalendarPopup(True)
        self.found_by = self.add_field("found_by", _("Found by"), PersonCombo())
        self.department = self.add_field("department", _("Department"),
                                         ChoiceCombo(department_items(), blank=_("(none)")))
        self.late_note = QLabel(_("Reported more than 2 hours after it was found (第五条: within 2 hours)."))
        self.late_note.setStyleSheet(WARN)
        self.late_note.setWordWrap(True)
        self.form.addRow("", self.late_note)
        self.files = add_files_field(self, author, FILES, hazard)
        if hazard is not None:
            self._build_steps()
        self.finish_layout(compact=True)
        if hazard is not None:
            offer_history(self, SafetyHazard, hazard.id, hazard.number, **history_with_files(FILES, hazard.id))
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)  # each step saves itself
            self.show_hazard(hazard)
            self.resize(1000, 600)
        else:
            self.found_at.setDateTime(QDateTime(clock.to_local(clock.now_utc()).replace(second=0, microsecond=0)))
            self.found_by.set_value(author.id)
            self.department.set_value(author.department_id)
            self.severity.set_value("general")
            self.late_note.hide()
            self.state_label.hide()
            self.dirty = False
            self.resize(620, self.sizeHint().height())
            self.area.setFocus()

    def watched_record(self):
        return self.hazard

    # --- the rectification's steps ------------------------------------------------------
    def _build_steps(self) -> None:
        box = QGroupBox(_("Rectification (整改)"))
        steps = QFormLayout(box)
        self.owner = self.add_field("owner", _("Rectified by"), PersonCombo(), steps)
        self.due_on = self.add_field("due_on", _("Rectify by"), DateEdit(), steps)
        self.assign_btn = button(_("Assign rectification"), _("Name who rectifies it and by when"),
                                            self.assign)
        steps.addRow("", self.assign_btn)
        self.rectification = self.add_field("rectification", _("What was done"), text_box(80), steps)
        self.rectified_btn = button(_("Report rectified"), _("Say what was done; someone else checks it"),
                                               self.report_rectified)
        steps.addRow("", self.rectified_btn)
        self.check_result = self.add_field("check_result", _("Result of the check"), text_box(70), steps)
        row = QHBoxLayout()
        self.pass_btn = button(_("Check passed: close"), _("The rectification holds: close the hazard"),
                                          lambda: self.check(True))
        self.fail_btn = button(_("Not passed…"), _("Send it back to its owner, saying why"),
                                          lambda: self.check(False))
        row.addWidget(self.pass_btn)
        row.addWidget(self.fail_btn)
        row.addStretch(1)
        steps.addRow("", row)
        self.checked = QLabel()
        steps.addRow(_("Checked"), self.checked)
        self.add_side(box)

    def show_hazard(self, h: SafetyHazard) -> None:
        self.hazard = h
        state = label(HAZARD_STATES, h.state)
        if h.voided:
            state = _("Void") + (f": {h.void_reason}" if h.void_reason else "")
        elif h.failed_checks and h.state == "rectifying":
            state += " · " + _("check failed {n}×").format(n=h.failed_checks)
        self.state_label.setText(f"{h.number} · {state}")
        self.area.set_value(h.area)
        self.place.setText(h.place)
        self.description.setPlainText(h.description)
        self.severity.set_value(h.severity)
        self.found_at.setDateTime(QDateTime(clock.to_local(h.found_at)))
        self.found_by.set_value(h.found_by_id)
        self.department.set_value(h.department_id)
        self.late_note.setVisible(h.reported_late)
        for widget in (self.area, self.place, self.description, self.severity, self.found_at, self.found_by,
                       self.department):
            widget.setEnabled(False)  # the report is kept as it was made
        self.owner.set_value(h.owner_id)
        self.due_on.set_value(h.due_on or clock.today_local())
        self.rectification.setPlainText(h.rectification)
        self.check_result.setPlainText(h.check_result)
        self.checked.setText(f"{h.checked_by.name} · {fmt_datetime(h.checked_at)}" if h.checked_by_id else "—")
        live = not h.voided
        assignable = live and h.state in ("reported", "rectifying")
        guard(self.assign_btn, permissions.ASSIGN, self.author, h, assignable)
        for widget in (self.owner, self.due_on):
            widget.setEnabled(self.assign_btn.isEnabled())
        guard(self.rectified_btn, permissions.RECTIFY, self.author, h, live and h.state == "rectifying")
        self.rectification.setReadOnly(not self.rectified_btn.isEnabled())
        for btn in (self.pass_btn, self.fail_btn):
            guard(btn, permissions.CHECK, self.author, h, live and h.state == "rectified")
        self.check_result.setReadOnly(not self.pass_btn.isEnabled())
        self.files.show_record(h.id, FILES.fixed(h) is None)
        self.dirty = False

    def _step(self, call) -> bool:
        outcome = operation.run(self, call, form=self, context=f"a hazard's step {call.__name__}")
        if not outcome.ok:
            return False
        self.clear_errors()
        self.show_hazard(outcome.result)
        self.changedHazard.emit(outcome.result.id)
        return True

    def assign(self) -> bool:
        h = self.hazard
        return self._step(lambda: hazards.assign_rectification(h.id, h.version, self.owner.value(),
                                                               self.due_on.value(), self.author))

    def report_rectified(self) -> bool:
        h = self.hazard
        return self._step(lambda: hazards.report_rectified(h.id, h.version, self.rectification.toPlainText(),
                                                           self.author))

    def check(self, passed: bool) -> bool:
        h = self.hazard
        return self._step(lambda: hazards.check(h.id, h.version, passed, self.check_result.toPlainText(),
                                                self.author))

    # --- reporting ----------------------------------------------------------------------------
    def values(self) -> dict:
        return {"area": self.area.value(), "place": self.place.text(), "description": self.description.toPlainText(),
                "severity": self.severity.value(), "found_at": self.found_at.dateTime().toPython(),
                "found_by": self.found_by.value(), "department": self.department.value()}

    def save(self):
        if self.hazard is not None:
            return self.hazard
        values = self.values()
        return hazards.report_hazard(values, self.author, self.files.pending)
