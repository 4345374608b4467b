"""The customer profiles desk's tab (tab.py), as the main window knows it before building it."""
from ui.kit.follow_up import FollowUp
from ui.kit.tab_entry import TabEntry
from feedback_desk.base.i18n import N_

TAB = TabEntry("customers", "ui.desks.customers.tab:CustomersTab", ledger="customers",
               opens={"customer": "open_customer"}, lists={"customers": "table"},
               follow_ups=(FollowUp(N_("New &feedback for this customer"), "Ctrl+Shift+N", "feedback", "customer_id"),))
