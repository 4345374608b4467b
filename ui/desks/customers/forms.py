"""Dialogs of the customer desk: the profile form, a like or taboo, a visit, voiding."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from feedback_desk.desks.customers import profiles as customers
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.customers.models import Customer
from feedback_desk.base.vocab import CUSTOMER_KINDS, PREFERENCE_KINDS

from ui.kit.forms import FormDialog
from ui.kit.pickers import department_items
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items
from ui.kit.history import offer_history


class CustomerForm(FormDialog):
    """New or existing profile: kind, name, title, organisation, phones, VIP, notes."""

    def __init__(self, author: Staff, customer: Customer | None = None, parent: QWidget | None = None):
        super().__init__(_("Customer profile") if customer else _("New customer"), parent)
        self.author = author
        self.customer = customer
        self.kind = self.add_field("kind", _("Kind"), ChoiceCombo(vocab_items(CUSTOMER_KINDS)))
        self.name = self.add_field("name", _("Name"), QLineEdit())
        self.title_edit = self.add_field("title", _("Title"), QLineEdit())
        self.title_edit.setPlaceholderText(_("e.g. 科长, 主任, 经理"))
        self.organisation = self.add_field("organisation", _("Organisation"), QLineEdit())
        self.organisation.setPlaceholderText(_("e.g. 国税局"))
        self.phones = self.add_field("phones", _("Phones"), QLineEdit())
        self.phones.setPlaceholderText(_("Several numbers separated by commas"))
        self.vip = self.add_field("vip", _("VIP"), QCheckBox(_("VIP guest")))
        self.notes = self.add_field("notes", _("Notes"), QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.finish_layout()
        self.resize(460, 380)
        if customer is not None:
            offer_history(self, Customer, customer.id, customer.name + customer.title)
            self.kind.set_value(customer.kind)
            self.name.setText(customer.name)
            self.title_edit.setText(customer.title)
            self.organisation.setText(customer.organisation)
            self.phones.setText(customer.phones)
            self.vip.setChecked(customer.vip)
            self.notes.setPlainText(customer.notes)
            self.dirty = False
        self.name.setFocus()

    def watched_record(self):
        return self.customer

    def values(self) -> dict:
        return {"kind": self.kind.value(), "name": self.name.text(), "title": self.title_edit.text(),
                "organisation": self.organisation.text(), "phones": self.phones.text(),
                "vip": self.vip.isChecked(), "notes": self.notes.toPlainText()}

    def save(self):
        if self.customer is None:
            return customers.create_customer(self.values(), self.author)
        return customers.update_customer(self.customer.id, self.customer.version, self.values(), self.author)


class PreferenceForm(FormDialog):
    """A like (喜好) or a taboo (禁忌), tagged with the department it concerns."""

    def __init__(self, author: Staff, customer_id: int, kind: str = "taboo", parent=None):
        super().__init__(_("Add a taboo") if kind == "taboo" else _("Add a like"), parent)
        self.author, self.customer_id = author, customer_id
        self.kind = self.add_field("kind", _("Like or taboo"), ChoiceCombo(vocab_items(PREFERENCE_KINDS)))
        self.kind.set_value(kind)
        self.text = self.add_field("text", _("What"), QLineEdit())
        self.text.setPlaceholderText(_("e.g. 不吃辣椒 / 韭菜炒鸡蛋皮"))
        self.department = self.add_field("department", _("Department"),
                                         ChoiceCombo(department_items(), blank=_("(all departments)")))
        self.finish_layout()
        self.text.setFocus()

    def save(self):
        return customers.add_preference(self.customer_id, self.kind.value(), self.text.text(),
                                        self.department.value(), self.author)


class VisitForm(FormDialog):
    def __init__(self, author: Staff, customer_id: int, parent=None):
        super().__init__(_("Add a visit"), parent)
        self.author, self.customer_id = author, customer_id
        self.date = self.add_field("date", _("Date"), DateEdit())
        self.place = self.add_field("place", _("Place"), QLineEdit())
        self.place.setPlaceholderText(_("e.g. 红韵包厢 or room 1208"))
        self.party = self.add_field("party_size", _("Party size"), QSpinBox())
        self.party.setRange(0, 2000)
        self.party.setSpecialValueText(" ")
        self.notes = self.add_field("notes", _("Notes"), QLineEdit())
        self.finish_layout()
        self.place.setFocus()

    def save(self):
        return customers.add_visit(self.customer_id, {
            "date": self.date.value(), "place": self.place.text(),
            "party_size": self.party.value() or None, "notes": self.notes.text()}, self.author)
