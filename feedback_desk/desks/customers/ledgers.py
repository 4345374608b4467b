"""The customer profiles ledger (顾客档案台帐)."""
from __future__ import annotations

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_
from feedback_desk.desks.customers.models import Customer
from feedback_desk.export.ledger_columns import (BOOL, CREATED, Col, DATE, ID, LABEL, Ledger, USER, VOID,
                                                 VOID_REASON, model_fields, utc_on_days)

CUSTOMERS = Ledger(
    "customers", N_("Customer profiles"), N_("Customer profiles"), Customer,
    model_fields(Customer, "created_at", "kind", "name", "title", "organisation", "phones", "vip",
                  "last_visit", "notes", "voided", "void_reason"),
    utc_on_days(Customer.created_at),
    (ID, CREATED,
     Col(N_("Kind"), "kind", LABEL, 10, vocab.CUSTOMER_KINDS),
     Col(N_("Name"), "name", USER, 14), Col(N_("Title"), "title", USER, 10),
     Col(N_("Organisation"), "organisation", USER, 20), Col(N_("Phones"), "phones", USER, 16),
     Col(N_("VIP"), "vip", BOOL, 6), Col(N_("Last visit"), "last_visit", DATE, 12),
     Col(N_("Notes"), "notes", USER, 30), VOID, VOID_REASON))

LEDGERS = (CUSTOMERS,)
