"""The guest feedback desk (顾客意见): comment cards, calls, letters, and the complaint register.

Its public API, for the other desks: the table, who may read a record (READ_FEEDBACK), and what an
open or answered complaint is."""
from __future__ import annotations

from feedback_desk.base.desk_spec import DeskLoad, DeskSpec, PaperForm, Searched, StillOpen, later
from feedback_desk.base.i18n import N_
from feedback_desk.desks.feedback.models import MODELS, Feedback
from feedback_desk.desks.feedback.permissions import READ as READ_FEEDBACK

__all__ = ["MODELS", "READ_FEEDBACK", "Feedback", "kept_from_the_reader", "spec"]


def kept_from_the_reader():
    """A condition keeping a complaint about the signed-in person out of what they are shown."""
    from feedback_desk.base import access
    from feedback_desk.desks.feedback.permissions import withheld_sql

    reader = access.signed_in_id()
    if reader is None or access.the_program_acts():
        return Feedback.id.is_null(False)
    return ~withheld_sql(reader)


def spec() -> DeskSpec:
    from feedback_desk.desks.feedback import complaint_states, permissions
    from feedback_desk.desks.feedback import deadlines, ledgers
    from feedback_desk.desks.feedback.listings import FeedbackListing

    return DeskSpec(
        key="feedback", title=N_("Guest feedback"),
        models=MODELS,
        deadline_items=deadlines.ITEMS,
        listings={"feedback": FeedbackListing, "complaints": FeedbackListing},
        searched=(Searched("complaints", N_("Feedback and complaints")),),
        loads=(DeskLoad("complaints", N_("Complaints"), "open"),),
        ledgers=ledgers.LEDGERS,
        forms=(PaperForm("feedback", Feedback,
                         later("feedback_desk.desks.feedback.forms", "export_guest_feedback"), "register_no"),),
        still_open=(StillOpen("complaints", N_("Open complaints (not closed)"),
                              lambda: Feedback.select().where(complaint_states.open_sql()).count()),),
        permissions=permissions.PERMISSIONS)
