"""The customer profiles desk (顾客档案): guests, their likes and taboos, their visits.

Its public API, for the other desks: the tables, and finding and noting on a customer."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskSpec, PaperForm, Searched, later
from feedback_desk.base.i18n import N_
from feedback_desk.desks.customers.models import MODELS, Customer, CustomerKey, Preference, Visit
from feedback_desk.desks.customers.profiles import (add_preference, add_visit, clean_preference, clean_visit,
                                                    create_customer, customers_matching, display_name,
                                                    preferences_of)

__all__ = ["MODELS", "Customer", "CustomerKey", "Preference", "Visit", "add_preference", "add_visit",
           "clean_preference", "clean_visit", "create_customer", "customers_matching", "display_name",
           "preferences_of", "spec"]


def spec() -> DeskSpec:
    from feedback_desk.desks.customers import ledgers, permissions
    from feedback_desk.desks.customers.listings import CustomerListing

    return DeskSpec(
        key="customers", title=N_("Customer profiles"),
        models=MODELS,
        listings={"customers": CustomerListing},
        searched=(Searched("customers", N_("Customer profiles")),),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("customer", Customer,
                         later("feedback_desk.desks.customers.forms", "export_customer_profile")),),
        permissions=permissions.PERMISSIONS)
