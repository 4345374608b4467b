"""Front-desk paper forms: the customer profile card (顾客档案卡, taboos first) and the guest
comment card / complaint registration form (顾客意见卡 / 顾客投诉登记表)."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base import vocab
from feedback_desk.desks.customers.profiles import customer_profile, display_name
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Customer, Department, Feedback
from feedback_desk.base.records import get_live
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name, yes_no

VISITS_ON_CARD = 20
FEEDBACK_ON_CARD = 20


def _department(department_id: int | None) -> str:
    if department_id is None:
        return ""
    dept = Department.get_or_none(Department.id == department_id)
    return dept.name if dept else ""


def _preferences(form: FormSheet, title: str, items, warn: bool) -> None:
    style = "warn" if warn else "value"
    form.section(title, warn=warn)
    rows = [[C(i, 1, "warn_center" if warn else "center"), C(p.text, 8, style),
             C(_department(p.department_id), 3, style), C(local(p.created_at).date(), 3, style)]
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
                 (N_("VIP"), C(yes_no(c.vip), "center"))])
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


def _level_index(level: int | None) -> int | None:
    """A stored level (4 best … 1) as its column in the 非常满意/满意/一般/较差 grid."""
    return None if level is None else list(vocab.RATING_LEVELS).index(level)


def export_guest_feedback(feedback_id: int, target, bilingual: bool = False) -> Path:
    """顾客意见卡, or 顾客投诉登记表 for a complaint: the guest's words, ratings as ticks, and the
    complaint's handling (register number, handler, investigation, reply, satisfaction)."""
    fb: Feedback = get_live(Feedback, feedback_id)
    complaint = fb.kind == "complaint"
    form = FormSheet("complaint" if complaint else "comment_card", PORTRAIT, bilingual)
    form.header(fb.register_no if complaint and fb.register_no else fb.id, fb.date,
                extra=[(N_("Channel"), vocab.label(vocab.FEEDBACK_CHANNELS, fb.channel))])
    form.void_banner(fb)
    customer = Customer.get_or_none(Customer.id == fb.customer_id) if fb.customer_id else None
    form.fields([(N_("Kind"), vocab.label(vocab.FEEDBACK_KINDS, fb.kind)), (N_("Department"), _department(fb.department_id)),
                 (N_("Place"), fb.place)])
    form.fields([(N_("Guest"), display_name(customer) if customer else fb.customer_name)], per_row=1,
                label_span=2)
    form.text(N_("What the guest said"), fb.text, min_lines=4)
    levels = [form.t(text) for text in vocab.RATING_LEVELS.values()]
    aspects = vocab.CHANNEL_ASPECTS.get(fb.channel, ())
    if aspects:
        form.ticks(N_("Rating"), levels, [(form.t(vocab.RATING_ASPECTS[a]), _level_index(getattr(fb, a)))
                                      for a in aspects], option_span=2)
    if complaint:
        _complaint_part(form, fb, levels)
        boxes = [(N_("Handler"), staff_name(fb.handler_id), fb.reply_on), (N_("Reviewer"), "", None)]
    else:
        boxes = [(N_("Recorded by"), staff_name(fb.created_by_id), local(fb.created_at)), (N_("Reviewer"), "", None)]
    form.gap()
    form.signatures(boxes)
    return form.save(target)


def _complaint_part(form: FormSheet, fb: Feedback, levels: list[str]) -> None:
    form.section(N_("Complaint handling"), warn=fb.serious)
    serious = C(yes_no(fb.serious) + (" — " + _("to the deputy general manager") if fb.serious else ""),
                style="warn" if fb.serious else "value")
    form.fields([(N_("Register no."), fb.register_no or ""), (N_("State"), vocab.label(vocab.COMPLAINT_STATES, fb.state)),
                 (N_("Serious"), serious)])
    form.fields([(N_("Person complained about"), staff_name(fb.complained_about_id)),
                 (N_("Handler"), staff_name(fb.handler_id))], per_row=2, label_span=2)
    form.text(N_("Investigation"), fb.investigation, min_lines=3)
    form.fields([(N_("Reply by"), staff_name(fb.reply_by_id)),
                 (N_("Reply method"), vocab.label(vocab.REPLY_METHODS, fb.reply_method)),
                 (N_("Reply on"), fb.reply_on)])
    form.text(N_("Reply to the guest"), fb.reply_text, min_lines=3)
    form.ticks(N_("Guest's satisfaction"), levels, [(form.t(N_("With the outcome")), _level_index(fb.outcome_rating))],
               option_span=2)
