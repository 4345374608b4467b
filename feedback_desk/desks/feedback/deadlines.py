"""A complaint is answered within its rule's time (24小时回复制): replied or closed stops its clock."""
from __future__ import annotations

from feedback_desk.base.i18n import N_
from feedback_desk.desks.feedback import complaint_states
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.loop.items import DeadlineItem

COMPLAINT = DeadlineItem(
    "complaint", N_("Complaint"),
    Feedback, lambda: (Feedback.kind == "complaint") & (Feedback.voided == False),  # noqa: E712
    complaint_states.waiting_sql, lambda f: f.state not in complaint_states.ANSWERED, lambda f: "serious" if f.serious else "general",
    lambda f: f.date, lambda f: None, "handler", "department",
    lambda f: f"{f.register_no or ''} {f.customer_name} {f.text[:40]}".strip(),
    applies=lambda f: f.kind == "complaint")

ITEMS = (COMPLAINT,)
