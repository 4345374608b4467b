"""The guest comment card / complaint registration form (顾客意见卡 / 顾客投诉登记表)."""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base import vocab
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.staff import department_name
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.customers import Customer, display_name
from feedback_desk.desks.feedback.guest_feedback import read_feedback
from feedback_desk.desks.feedback.files import FILES
from feedback_desk.desks.quality import sheets_raised_from
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name, yes_no


def _level_index(level: int | None) -> int | None:
    """A stored level (4 best … 1) as its column in the 非常满意/满意/一般/较差 grid."""
    return None if level is None else list(vocab.RATING_LEVELS).index(level)


def export_guest_feedback(feedback_id: int, target, bilingual: bool = False) -> Path:
    """顾客意见卡, or 顾客投诉登记表 for a complaint: the guest's words, ratings as ticks, and the
    complaint's handling (register number, handler, investigation, reply, satisfaction)."""
    fb: Feedback = read_feedback(feedback_id)
    complaint = fb.kind == "complaint"
    form = FormSheet("complaint" if complaint else "comment_card", PORTRAIT, bilingual)
    form.header(fb.register_no if complaint and fb.register_no else fb.id, fb.date,
                extra=[(N_("Channel"), vocab.label(vocab.FEEDBACK_CHANNELS, fb.channel))])
    form.void_banner(fb)
    customer = Customer.get_or_none(Customer.id == fb.customer_id) if fb.customer_id else None
    form.fields([(N_("Kind"), vocab.label(vocab.FEEDBACK_KINDS, fb.kind)), (N_("Department"), department_name(fb.department_id)),
                 (N_("Place"), fb.place)])
    form.fields([(N_("Guest"), display_name(customer) if customer else fb.customer_name)], per_row=1,
                label_span=2)
    form.text(N_("What the guest said"), fb.text, min_lines=4)
    levels = [form.t(text) for text in vocab.RATING_LEVELS.values()]
    aspects = vocab.CHANNEL_ASPECTS.get(fb.channel, ())
    if aspects:
        form.ticks(N_("Rating"), levels, [(form.t(vocab.RATING_ASPECTS[a]), _level_index(getattr(fb, a)))
                                      for a in aspects], option_span=2)
    pictures.files(form, FILES.files_of(fb.id), N_("Original materials") if complaint else N_("Photos and files"))
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
    sheets = sheets_raised_from(Feedback, fb.id)
    if sheets:  # passed to the quality department (顾客反馈信息管理制度 4.3.1)
        form.fields([(N_("Anomaly sheets"), "、".join(f"{s.number} ({s.state})" for s in sheets))], per_row=1,
                    label_span=2)
    form.ticks(N_("Guest's satisfaction"), levels, [(form.t(N_("With the outcome")), _level_index(fb.outcome_rating))],
               option_span=2)
