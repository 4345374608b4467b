"""The listing behind the customer profiles table (sort and filter in SQL)."""
from __future__ import annotations

from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.base.vocab import CUSTOMER_KINDS, label
from feedback_desk.desks.customers.models import Customer, Preference
from feedback_desk.desks.customers.profiles import customers_matching, display_name, preferences_of


class CustomerListing(Listing):
    model = Customer
    date_field = Customer.last_visit  # the find box's From … To
    default_sort = "name"
    default_descending = False
    # a keystroke matching tens of thousands ("1", "zh") lists the first thousand in key order, sorted:
    # counting and sorting them all took up to a second a keystroke on 200,000 profiles
    match_cap = 1000
    columns = [
        Column("name", N_("Name"), Customer.sort_name, width=130, warns=True),
        Column("taboos", N_("Taboos"), width=170, warns=True, emphasis=True),
        Column("likes", N_("Likes"), width=150),
        Column("kind", N_("Kind"), Customer.kind, width=80),
        Column("organisation", N_("Organisation"), Customer.organisation, width=140),
        Column("phones", N_("Phones"), Customer.phones, width=120),
        Column("vip", N_("VIP"), Customer.vip, width=45),
        Column("last_visit", N_("Last visit"), Customer.last_visit, width=120),
    ]

    def choices(self):
        return [("", _("All customers")), ("vip", _("VIP only")), ("taboo", _("With taboos"))] + [
            (f"kind:{k}", _(v)) for k, v in CUSTOMER_KINDS.items()]

    def conditions(self, f: Filters) -> list:
        conds = []
        if f.text.strip():
            conds.append(Customer.id.in_(customers_matching(f.text).distinct().limit(self.match_cap)))
        if f.choice == "vip":
            conds.append(Customer.vip == True)  # noqa: E712
        elif f.choice == "taboo":
            conds.append(Customer.id.in_(Preference.select(Preference.customer).where(
                (Preference.kind == "taboo") & (Preference.voided == False))))  # noqa: E712
        elif f.choice.startswith("kind:"):
            conds.append(Customer.kind == f.choice[5:])
        return conds

    def page_query(self):
        """Only what a row shows: a profile's bookkeeping columns (three times each) cost more than its row."""
        c = Customer
        return c.select(c.id, c.kind, c.name, c.title, c.organisation, c.phones, c.vip, c.last_visit, c.voided)

    def make_rows(self, records: list[Customer]) -> list[Row]:
        prefs = preferences_of([c.id for c in records])
        rows = []
        for c in records:
            taboos, likes = prefs[c.id]["taboo"], prefs[c.id]["like"]
            values = [c.name + c.title, "、".join(taboos), "、".join(likes), label(CUSTOMER_KINDS, c.kind),
                      c.organisation, c.phones, "★" if c.vip else "", fmt_date(c.last_visit)]
            tip = (_("Taboos: {list}").format(list="、".join(taboos)) if taboos else "")
            rows.append(Row(c.id, values, warn=bool(taboos), void=c.voided, tooltip=tip,
                            raw={"display": display_name(c)}))
        return rows
