"""The suggestion slip (意见箱 / 合理化建议): dropped named or anonymous; the reviewer's answer and adoption.

"Anonymous" sits at the top: ticked, the writer disappears from the form and the form
says plainly that nothing about who wrote it will be kept (the core keeps no author,
no typist and no time of day for it).
"""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit

from feedback_desk.base import access
from feedback_desk.desks.suggestions import box as suggestions, permissions
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.suggestions.files import FILES
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.desks.suggestions.points import campaigns
from feedback_desk.base.vocab import ADOPTION, SUGGESTION_STATES

from ui.kit.attachment_strip import add_files_field, history_with_files
from ui.kit.forms import FormDialog
from ui.kit.pickers import department_items, people_items
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items
from ui.kit.history import offer_history

NOTE_STYLE = "color: #0b5394; font-weight: bold;"


def category_items(keep_id: int | None = None) -> list[tuple]:
    """Active categories, plus a deactivated one an existing entry still has."""
    return [(c.id, c.name) for c in suggestions.categories(include_inactive=True)
            if c.active or c.id == keep_id]


class SuggestionForm(FormDialog):
    def __init__(self, author: Staff, record: Suggestion | None = None, parent=None):
        super().__init__(_("Suggestion {number}").format(number=record.number) if record
                         else _("New suggestion"), parent)
        self.author, self.record = author, record
        people = people_items()
        self.anonymous = self.add_field("anonymous", _("Anonymous"), QCheckBox(_("Drop it anonymously")))
        self.anonymous_note = QLabel(_("Nothing about who wrote this will be kept."))
        self.anonymous_note.setStyleSheet(NOTE_STYLE)
        self.anonymous_note.setWordWrap(True)
        self.form.addRow(self.anonymous_note)
        self.writer = self.add_field("writer", _("Writer"), ChoiceCombo(people, blank=_("(choose)")))
        self.received_on = self.add_field("received_on", _("Received on"), DateEdit())
        self.department = self.add_field("department", _("Department concerned"),
                                         ChoiceCombo(department_items(), blank=_("(none)")))
        self.category = self.add_field("category", _("Category"),
                                       ChoiceCombo(category_items(record.category_id if record else None)))
        self.text = self.add_field("text", _("Opinion or suggestion"), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        self.benefit = self.add_field("benefit", _("Expected benefit"), QPlainTextEdit())
        self.benefit.setTabChangesFocus(True)
        self.benefit.setMaximumHeight(70)
        self.campaign = self.add_field("campaign", _("Campaign"),
                                       ChoiceCombo([(c.id, c.name) for c in campaigns()], blank=_("(none)")))
        self.files = add_files_field(self, author, FILES, record)

        self.review_box = QGroupBox(_("Review and answer"))
        rf = QFormLayout(self.review_box)
        self.number = QLabel(record.number if record else "")
        rf.addRow(_("Number"), self.number)
        self.state = self.add_field("state", _("State"), ChoiceCombo(vocab_items(SUGGESTION_STATES)), rf)
        self.reviewer = self.add_field("reviewer", _("Reviewer"), ChoiceCombo(people, blank=_("(not yet)")), rf)
        self.answer = self.add_field("answer", _("Answer"), QPlainTextEdit(), rf)
        self.answer.setTabChangesFocus(True)
        self.answer.setMinimumHeight(90)
        self.answered_on = self.add_field("answered_on", _("Answered on"), DateEdit(optional=True), rf)
        self.adoption = self.add_field("adoption", _("Adoption"), ChoiceCombo(vocab_items(ADOPTION), blank="—"), rf)
        self.implemented = self.add_field("implemented", _("Implemented"), QCheckBox(_("Implementation done")), rf)
        self.implemented_on = self.add_field("implemented_on", _("Implemented on"), DateEdit(optional=True), rf)
        self.add_side(self.review_box)
        self.finish_layout()
        if record is not None:
            offer_history(self, Suggestion, record.id, record.number, **history_with_files(FILES, record.id))

        self.anonymous.toggled.connect(self._update_visibility)
        self.implemented.toggled.connect(self._update_visibility)
        if record is None:
            self.writer.set_value(author.id)
            self.review_box.hide()
            self.resize(560, 520)
        else:
            self._load(record)
            self.resize(1000, 560)
        self._update_visibility()
        self.dirty = False
        (self.answer if record else self.anonymous).setFocus()

    def watched_record(self):
        return self.record

    def _load(self, r: Suggestion) -> None:
        self.anonymous.setChecked(r.anonymous)
        self.writer.set_value(r.writer_id)
        self.received_on.set_value(r.received_on)
        self.department.set_value(r.department_id)
        self.category.set_value(r.category_id)
        self.text.setPlainText(r.text)
        self.benefit.setPlainText(r.benefit)
        self.campaign.set_value(r.campaign_id)
        # what the writer wrote stays as written; the reviewer routes it and answers
        for widget in (self.anonymous, self.writer, self.received_on, self.campaign):
            widget.setEnabled(False)
        for widget in (self.text, self.benefit):
            widget.setReadOnly(True)
        if r.anonymous:
            self.anonymous_note.setText(_("Dropped anonymously: nothing about who wrote it is kept."))
        self.state.set_value(r.state)
        self.reviewer.set_value(r.reviewer_id)
        self.answer.setPlainText(r.answer)
        self.answered_on.set_value(r.answered_on)
        self.adoption.set_value(r.adoption)
        self.implemented.setChecked(r.implemented)
        self.implemented_on.set_value(r.implemented_on)
        reviewing = access.refusal_here(permissions.REVIEW, r)
        if r.voided or reviewing:  # only the GM's office or HR, never on their own entry
            self.review_box.setEnabled(False)
            self.review_box.setToolTip(reviewing or "")
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setEnabled(False)
            save.setToolTip(reviewing or "")

    def _update_visibility(self, *args) -> None:
        anonymous = self.anonymous.isChecked()
        self.anonymous_note.setVisible(anonymous)
        self.set_row_visible("writer", not anonymous)
        self.set_row_visible("implemented_on", self.implemented.isChecked())

    def values(self) -> dict:
        anonymous = self.anonymous.isChecked()
        return {"anonymous": anonymous, "writer": None if anonymous else self.writer.value(),
                "received_on": self.received_on.value(), "department": self.department.value(),
                "category": self.category.value(), "text": self.text.toPlainText(),
                "benefit": self.benefit.toPlainText(), "campaign": self.campaign.value()}

    def review_values(self) -> dict:
        state = self.state.value()
        # whoever moves the entry on reviews it, unless someone else is named
        reviewer = self.reviewer.value() or (self.author.id if state != "received" else None)
        return {"state": state, "reviewer": reviewer,
                "answer": self.answer.toPlainText(), "answered_on": self.answered_on.value(),
                "adoption": self.adoption.value(), "implemented": self.implemented.isChecked(),
                "implemented_on": self.implemented_on.value(), "department": self.department.value(),
                "category": self.category.value()}

    def save(self):
        if self.record is None:  # the suggestion and the files picked for it: one transaction
            values = self.values()
            return self.files.save_new(lambda: suggestions.drop_suggestion(values, self.author))
        return suggestions.save_review(self.record.id, self.record.version, self.review_values(), self.author)
