"""The feedback form (反馈信息记录表 / 顾客之声 / 信息收集表), with the complaint register part."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit

from feedback_desk.desks.feedback import guest_feedback as feedback, permissions
from feedback_desk.base import access, responsible
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.desks.feedback.files import FILES
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.base.vocab import (CHANNEL_ASPECTS, COMPLAINT_STATES, FEEDBACK_CHANNELS, FEEDBACK_KINDS,
                                      PREFERENCE_KINDS, RATING_ASPECTS, RATING_LEVELS, REPLY_METHODS)

from ui.kit import screen_fit
from ui.desks.customers.picker import CustomerPicker
from ui.desks.quality.raise_from import SheetOffer
from ui.kit.attachment_strip import add_files_field, history_with_files
from ui.kit.forms import FormDialog
from ui.kit.pickers import department_items, people_items
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items
from ui.kit.history import offer_history


class FeedbackForm(FormDialog):
    def __init__(self, author: Staff, record: Feedback | None = None, parent=None, customer_id: int | None = None):
        super().__init__(_("Guest feedback") if record else _("New guest feedback"), parent)
        self.author, self.record = author, record
        people = people_items()
        self.date = self.add_field("date", _("Date"), DateEdit())
        self.channel = self.add_field("channel", _("Channel"), ChoiceCombo(vocab_items(FEEDBACK_CHANNELS)))
        self.kind = self.add_field("kind", _("Kind"), ChoiceCombo(vocab_items(FEEDBACK_KINDS)))
        self.customer = self.add_field("customer", _("Customer"), CustomerPicker())
        self.place = self.add_field("place", _("Place"), QLineEdit())
        self.place.setPlaceholderText(_("e.g. 红韵包厢 or room 1208"))
        self.department = self.add_field("department", _("Department concerned"),
                                         ChoiceCombo(department_items(), blank=_("(none)")))
        self.text = self.add_field("text", _("What the guest said"), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(80)

        self.ratings: dict[str, ChoiceCombo] = {}
        for aspect, aspect_label in RATING_ASPECTS.items():
            combo = ChoiceCombo(vocab_items(RATING_LEVELS), blank="—")
            self.ratings[aspect] = self.add_field(aspect, _(aspect_label), combo)
        self.files = add_files_field(self, author, FILES, record)

        self.pref_box = QGroupBox(_("Preference for the customer's profile"))
        pref_form = QFormLayout(self.pref_box)
        self.pref_kind = self.add_field("pref_kind", _("Like or taboo"),
                                        ChoiceCombo(vocab_items(PREFERENCE_KINDS)), pref_form)
        self.pref_text = self.add_field("pref_text", _("What"), QLineEdit(), pref_form)
        self.pref_text.setPlaceholderText(_("e.g. 不吃辣椒"))
        self.add_side(self.pref_box)

        self.complaint_box = QGroupBox(_("Complaint register"))
        cf = QFormLayout(self.complaint_box)
        self.register_no = QLabel(record.register_no if record and record.register_no
                                  else _("(numbered when saved)"))
        cf.addRow(_("Register no."), self.register_no)
        self.serious = self.add_field("serious", _("Serious"),
                                      QCheckBox(_("Serious: report to the deputy general manager")), cf)
        self.complained_about = self.add_field("complained_about", _("Person complained about"),
                                               ChoiceCombo(people, blank=_("(nobody named)")), cf)
        self.handler = self.add_field("handler", _("Handler"), ChoiceCombo(people, blank=_("(not yet)")), cf)
        self.investigation = self.add_field("investigation", _("Investigation"), QPlainTextEdit(), cf)
        self.investigation.setTabChangesFocus(True)
        self.investigation.setMaximumHeight(70)
        self.reply_method = ChoiceCombo(vocab_items(REPLY_METHODS), blank="—")
        self.reply_on = DateEdit(optional=True)
        self.reply_by = ChoiceCombo(people, blank="—")
        self.add_field("reply_method", _("Reply: how"), self.reply_method, cf)
        self.add_field("reply_on", _("Reply: when"), self.reply_on, cf)
        self.add_field("reply_by", _("Reply: by whom"), self.reply_by, cf)
        self.reply_text = self.add_field("reply_text", _("Reply to the guest"), QPlainTextEdit(), cf)
        self.reply_text.setTabChangesFocus(True)
        self.reply_text.setMaximumHeight(70)
        self.outcome = self.add_field("outcome_rating", _("Guest's satisfaction with the outcome"),
                                      ChoiceCombo(vocab_items(RATING_LEVELS), blank="—"), cf)
        self.state = self.add_field("state", _("State"), ChoiceCombo(vocab_items(COMPLAINT_STATES)), cf)
        self.add_side(self.complaint_box)
        self.finish_layout()
        if record is not None:
            offer_history(self, Feedback, record.id, record.register_no or "", **history_with_files(FILES, record.id))
        # passed to the quality department (顾客反馈信息管理制度 4.3.1)
        self.sheets = SheetOffer(self, cf, record, _("Complaint"), record.register_no or str(record.id) if record else "",
                                 record is not None and record.kind == "complaint" and not record.voided,
                                 _("Pass the complaint to the quality department as an anomaly sheet that starts "
                                   "from it; both show the link"))

        self.channel.currentIndexChanged.connect(self._update_visibility)
        self.kind.currentIndexChanged.connect(self._update_visibility)
        self._suggested_handler = None  # who the program proposed, until the user picks someone else
        for combo in (self.kind, self.department, self.complained_about):
            combo.currentIndexChanged.connect(self._suggest_handler)
        self.customer.customerPicked.connect(self.mark_dirty)
        if record is not None:
            self._load(record)
        elif customer_id is not None:
            self.customer.set_customer(customer_id)
        self._update_visibility()
        self.dirty = False
        (self.text if record else self.channel).setFocus()

    def watched_record(self):
        return self.record

    def _load(self, r: Feedback) -> None:
        self.date.set_value(r.date)
        self.channel.set_value(r.channel)
        self.kind.set_value(r.kind)
        self.customer.set_customer(r.customer_id)
        self.place.setText(r.place)
        self.department.set_value(r.department_id)
        self.text.setPlainText(r.text)
        for aspect, combo in self.ratings.items():
            combo.set_value(getattr(r, aspect))
        self.serious.setChecked(bool(r.serious))
        self.complained_about.set_value(r.complained_about_id)
        self.handler.set_value(r.handler_id)
        self.investigation.setPlainText(r.investigation or "")
        self.reply_method.set_value(r.reply_method)
        self.reply_on.set_value(r.reply_on)
        self.reply_by.set_value(r.reply_by_id)
        self.reply_text.setPlainText(r.reply_text or "")
        self.outcome.set_value(r.outcome_rating)
        self.state.set_value(r.state or "registered")
        if r.kind == "complaint":
            self.kind.setEnabled(False)
            self._allow_what_the_core_allows(r)
        pref = feedback.noted_preference(r.id)
        if pref is not None:
            self.pref_kind.set_value(pref.kind)
            self.pref_text.setText(pref.text)

    def _allow_what_the_core_allows(self, r: Feedback) -> None:
        """Disable, with the reason as the tip, what the person signed in may not do to this complaint:
        its handling (the handler, the head concerned, the (deputy) GM), closing it, saving at all."""
        handling = access.refusal_here(permissions.HANDLE_COMPLAINT, r)
        if handling:
            for widget in (self.handler, self.investigation, self.reply_method, self.reply_on, self.reply_by,
                           self.reply_text, self.outcome, self.state, self.serious, self.complained_about):
                widget.setEnabled(False)
                widget.setToolTip(handling)
        closing = access.refusal_here(permissions.CLOSE_COMPLAINT, r)
        closed = self.state.findData("closed")
        if closing and closed >= 0 and r.state != "closed":
            item = self.state.model().item(closed)
            item.setEnabled(False)
            item.setToolTip(closing)
        if handling and access.refusal_here(permissions.CORRECT_REGISTERED, r):
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            save.setEnabled(False)
            save.setToolTip(handling)

    def _update_visibility(self, *args) -> None:
        aspects = CHANNEL_ASPECTS.get(self.channel.value(), ())
        for aspect in self.ratings:
            self.set_row_visible(aspect, aspect in aspects)
        kind = self.kind.value()
        self.pref_box.setVisible(kind == "preference")
        self.pref_box.setEnabled(self.record is None)
        self.complaint_box.setVisible(kind == "complaint")
        # one column for a comment card; the register or the preference opens the second one
        side = kind in ("complaint", "preference")
        width = 1000 if side else 600
        if self.isVisible():
            screen_fit.fit(self, width, self.height())
        else:
            self.resize(width, 600)

    def _suggest_handler(self, *args) -> None:
        """A new complaint shows at once who will handle it (责任到人); the user may change it."""
        if self.record is not None or self.kind.value() != "complaint":
            return
        if self.handler.value() not in (None, self._suggested_handler):
            return  # the user chose the handler
        proposed = responsible.complaint_owner(self.department.value(), self.complained_about.value(),
                                               self.author.id)
        self._suggested_handler = proposed
        self.handler.set_value(proposed)

    def values(self) -> dict:
        values = {"date": self.date.value(), "channel": self.channel.value(), "kind": self.kind.value(),
                  "customer": self.customer.customer_id, "place": self.place.text(),
                  "department": self.department.value(), "text": self.text.toPlainText(),
                  "pref_kind": self.pref_kind.value(), "pref_text": self.pref_text.text(),
                  "serious": self.serious.isChecked(), "complained_about": self.complained_about.value(),
                  "handler": self.handler.value(), "investigation": self.investigation.toPlainText(),
                  "reply_method": self.reply_method.value(), "reply_on": self.reply_on.value(),
                  "reply_by": self.reply_by.value(), "reply_text": self.reply_text.toPlainText(),
                  "outcome_rating": self.outcome.value(), "state": self.state.value()}
        values.update({aspect: combo.value() for aspect, combo in self.ratings.items()})
        return values

    def save(self):
        if self.customer.edit.text().strip() and self.customer.customer_id is None:
            raise ValidationError({"customer": _("Pick the customer from the list, or clear the field.")})
        if self.record is None:  # the record and the files picked for it: one transaction
            values = self.values()
            return self.files.save_new(lambda: feedback.create_feedback(values, self.author))
        return feedback.update_feedback(self.record.id, self.record.version, self.values(), self.author)
