"""The customer profiles desk (顾客档案): find as you type, profile pane, forms."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from feedback_desk.base.i18n import _
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.base.models import Staff
from feedback_desk.desks.customers import permissions
from feedback_desk.desks.customers.models import Customer
from feedback_desk.desks.customers.listings import CustomerListing

from ui.desks.customers.detail import CustomerDetail
from ui.desks.customers.forms import CustomerForm, PreferenceForm, VisitForm
from ui.kit.desk_table import DeskTable
from ui.desks.customers import TAB
from ui.kit.desk_tab import DeskTab


class CustomersTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/customers/__init__.py)

    def __init__(self, author: Staff, parent=None):
        super().__init__(author, DeskTable(CustomerListing(), _(
            "Find: name, pinyin initials (zkz), phone or organisation")), parent)
        self.form_tables = [(self.table, "customer")]
        self.detail = CustomerDetail(author)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 480])
        self.splitter = splitter
        QVBoxLayout(self).addWidget(splitter)
        self.table.openRequested.connect(self.open_customer)
        self.table.currentChanged.connect(self.show_customer)
        self.detail.addTaboo.connect(lambda: self.add_preference("taboo"))
        self.detail.addLike.connect(lambda: self.add_preference("like"))
        self.detail.addVisit.connect(self.add_visit)
        self.detail.voidPreference.connect(self.void_preference)
        self.detail.openFeedback.connect(lambda feedback_id: self.openElsewhere.emit("feedback", feedback_id))

    def desk_changed(self, desk: str) -> None:
        if desk == "feedback":  # a preference noted or a feedback saved shows on the open profile at once
            self.show_customer(self.current_id())
            self.table.refresh()

    def show_customer(self, customer_id: int | None) -> None:
        self.detail.show_profile(customers.customer_profile(customer_id) if customer_id else None)

    def _after_save(self, customer_id: int) -> None:
        self.table.refresh(customer_id)
        self.show_customer(customer_id if self.table.current_id() == customer_id else self.table.current_id())
        self.changed.emit()

    def new_record(self) -> CustomerForm:
        form = CustomerForm(self.author, None, self)
        form.accepted.connect(lambda: self._created(form.result_record))
        form.open()
        return form

    def _created(self, customer: Customer) -> None:
        self.table.find.setText(customer.name)
        self.table.apply_filters()
        self._after_save(customer.id)

    def open_customer(self, customer_id: int) -> CustomerForm:
        form = CustomerForm(self.author, Customer.get_by_id(customer_id), self)
        form.accepted.connect(lambda: self._after_save(customer_id))
        form.open()
        return form

    open_record = open_customer

    def add_preference(self, kind: str) -> PreferenceForm | None:
        cid = self.current_id()
        if not cid:
            return None
        form = PreferenceForm(self.author, cid, kind, self)
        form.accepted.connect(lambda: self._after_save(cid))
        form.open()
        return form

    def add_visit(self) -> VisitForm | None:
        cid = self.current_id()
        if not cid:
            return None
        form = VisitForm(self.author, cid, self)
        form.accepted.connect(lambda: self._after_save(cid))
        form.open()
        return form

    def void_preference(self, pref_id: int, version: int, text: str) -> None:
        if self.void_with_reason(text, lambda reason: customers.void_preference(pref_id, version, reason, self.author)):
            self._after_save(self.current_id())

    def void_check(self):
        customer = Customer.get_or_none(Customer.id == self.current_id()) if self.current_id() else None
        return None if customer is None or customer.voided else (permissions.VOID_CUSTOMER, customer)

    def void_current(self) -> None:
        cid = self.current_id()
        if not cid:
            return
        customer = Customer.get_by_id(cid)
        if self.void_with_reason(customers.display_name(customer),
                                 lambda reason: customers.void_customer(cid, customer.version, reason, self.author)):
            self.table.refresh()
            self.changed.emit()
