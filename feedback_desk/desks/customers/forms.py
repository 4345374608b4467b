"""The customer profile card (顾客档案卡), taboos first."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_
from feedback_desk.base.staff import department_name
from feedback_desk.desks.customers.models import Customer
from feedback_desk.desks.customers.profiles import customer_profile
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name, yes_no

VISITS_ON_CARD = 20
FEEDBACK_ON_CARD = 20


def _preferences(form: FormSheet, title: str, items, warn: bool) -> None:
    style = "warn" if warn else "value"
    form.section(title, warn=warn)
    rows = [[C(i, 1, "warn_center" if warn else "center"), C(p.text, 8, style),
             C(department_name(p.department_id), 3, style), C(local(p.created_at).date(), 3, style)]
            for i, p in enumerate(items, start=1)]
    form.table([("#", 1), (N_("Item"), 8), (N_("Department"), 3), (N_("Noted on"), 3)], rows)


def export_customer_profile(customer_id: int, target, bilingual: bool = False) -> Path:
    """顾客档案卡: who the customer is, taboos first and in warning colour, likes, visits, feedback."""
    profile = customer_profile(customer_id, feedback_limit=FEEDBACK_ON_CARD)
    c: Customer = profile.customer
    form = FormSheet("customer_profile", PORTRAIT, bilingual)
    form.header(c.id, local(c.created_at).date(), N_("Opened on"),
                extra=[(N_("Kind"), vocab.label(vocab.CUSTOMER_KINDS, c.kind))])
    form.void_banner(c)
    form.fields([(N_("Name"), c.name + (c.title or "")), (N_("Organisation"), c.organisation),
                 (N_("VIP"), C(yes_no(c.vip), style="center"))])
    # taboos before anything else about the guest: what we must not do comes first
    _preferences(form, N_("Taboos (must not)"), profile.taboos, warn=True)
    _preferences(form, N_("Likes"), profile.likes, warn=False)
    form.fields([(N_("Phones"), c.phones), (N_("Last visit"), c.last_visit)], per_row=2)
    form.text(N_("Notes"), c.notes, min_lines=2)
    form.section(N_("Visits"))
    form.table([("#", 1), (N_("Date"), 3), (N_("Place"), 4), (N_("Party size"), 2), (N_("Notes"), 5)],
               [[C(i, 1, "center"), C(v.date, 3, "center"), C(v.place, 4), C(v.party_size, 2, "center"),
                 C(v.notes, 5, "text")] for i, v in enumerate(profile.visits[:VISITS_ON_CARD], start=1)])
    form.section(N_("Feedback"))
    form.table([("#", 1), (N_("Date"), 2), (N_("Kind"), 2), (N_("Channel"), 3), (N_("What the guest said"), 7)],
               [[C(i, 1, "center"), C(f.date, 2, "center"), C(vocab.label(vocab.FEEDBACK_KINDS, f.kind), 2),
                 C(vocab.label(vocab.FEEDBACK_CHANNELS, f.channel), 3), C(f.text, 7, "text")]
                for i, f in enumerate(profile.feedback, start=1)])
    form.gap()
    form.signatures([(N_("Recorded by"), staff_name(c.created_by_id), local(c.created_at)),
                     (N_("Checked by"), "", None)])
    return form.save(target)
