"""The guest feedback desk (顾客意见): comment cards, calls, letters, and the complaint register."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm
from feedback_desk.base.i18n import N_


def spec() -> DeskSpec:
    from feedback_desk.base.models import Feedback
    from feedback_desk.desks.feedback import deadlines
    from feedback_desk.desks.feedback.forms import export_guest_feedback
    from feedback_desk.desks.feedback.listings import FeedbackListing
    from feedback_desk.export import ledger_desks

    return DeskSpec(
        key="feedback", title=N_("Guest feedback"),
        models=(Feedback,),
        deadline_items=deadlines.ITEMS,
        listings={"feedback": FeedbackListing, "complaints": FeedbackListing},
        loads=(DeskLoad("complaints", N_("Complaints"), "open"),),
        ledgers=(ledger_desks.FEEDBACK, ledger_desks.COMPLAINTS),
        forms=(PaperForm("feedback", Feedback, export_guest_feedback, "register_no"),))
