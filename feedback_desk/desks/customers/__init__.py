"""The customer profiles desk (顾客档案): guests, their likes and taboos, their visits."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskSpec, PaperForm
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.base.models import Customer, CustomerKey, Preference, Visit
    from feedback_desk.desks.feedback.forms import export_customer_profile
    from feedback_desk.desks.feedback.listings import CustomerListing
    from feedback_desk.export import ledger_desks

    return DeskSpec(
        key="customers", title=N_("Customer profiles"),
        models=(Customer, CustomerKey, Preference, Visit),
        listings={"customers": CustomerListing},
        ledgers=(ledger_desks.CUSTOMERS,),
        forms=(PaperForm("customer", Customer, export_customer_profile),))
