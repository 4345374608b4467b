"""Who may do what with guest feedback and complaints (责任到人, 被投诉人应当回避)."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, head_of, not_about_oneself, the_one
from feedback_desk.base.attachments import ADDED_IT
from feedback_desk.base.i18n import N_, _
from feedback_desk.desks.feedback.models import Feedback

STEP_ASIDE = N_("The person complained about steps aside: they may not handle, close or void this "
                "complaint (被投诉人应当回避).")
HEAD = head_of(lambda f: f.department_id)
HANDLER = the_one("handler", N_("its handler"))



def is_withheld(person_id: int, fb) -> bool:
    """沟通保密: a complaint about the reader shows them only that it exists (`withheld_sql` in SQL)."""
    return fb is not None and fb.kind == "complaint" and fb.complained_about_id == person_id


def withheld_sql(person_id: int):
    # never NULL (its negation keeps every other row): a complaint about nobody is nobody's
    return (Feedback.kind == "complaint") & (pw.fn.COALESCE(Feedback.complained_about, 0) == person_id)


def _about_the_reader(person, fb) -> str | None:
    if not is_withheld(person.id, fb):
        return None
    return _("A complaint about you exists ({number}, {day}). What it says and how it is investigated are not "
             "shown to you while it is handled (被投诉人应当回避).").format(
        number=fb.register_no or fb.id, day=fb.date)


READ = Permission("feedback.read", N_("Read guest feedback and a complaint with its investigation"),
                  roles=(roles.STAFF,), vetoes=(_about_the_reader,))
RECORD = Permission("feedback.record", N_("Record guest feedback or register a complaint"), roles=(roles.STAFF,))
HANDLE_COMPLAINT = Permission(
    "complaint.handle", N_("Investigate and answer a complaint"), roles=(roles.DEPUTY_GM, roles.GM),
    also=(HANDLER, HEAD),
    vetoes=(not_about_oneself("complained_about", STEP_ASIDE),),
    refusal=N_("Only the handler, the head of the department concerned or the (deputy) general manager "
               "works on a complaint."))
CORRECT_REGISTERED = Permission(
    "complaint.correct", N_("Correct a complaint one registered, while it is only registered"),
    also=((N_("who registered it"), lambda person, f: f.state == "registered" and f.created_by_id == person.id),),
    vetoes=(not_about_oneself("complained_about", STEP_ASIDE),))
CLOSE_COMPLAINT = Permission(
    "complaint.close", N_("Close a complaint"), roles=(roles.DEPUTY_GM, roles.GM), also=(HANDLER, HEAD),
    vetoes=(not_about_oneself("complained_about", STEP_ASIDE),),
    refusal=N_("Only the handler, the head of the department concerned or the (deputy) general manager "
               "closes a complaint."))
VOID_COMPLAINT = Permission(
    "complaint.void", N_("Void a complaint"), roles=(roles.DEPUTY_GM, roles.GM), also=(HEAD,),
    vetoes=(not_about_oneself("complained_about", STEP_ASIDE),),
    refusal=N_("Only the head of the department concerned or the (deputy) general manager voids a complaint."))
ADD_FILE = Permission(
    "feedback.add_file", N_("Add a photo or file to guest feedback or a complaint (its original materials)"),
    roles=(roles.STAFF,), vetoes=(not_about_oneself("complained_about", STEP_ASIDE),))
VOID_FILE = Permission(
    "feedback.void_file", N_("Set aside a photo or file of guest feedback or a complaint"),
    roles=(roles.DEPUTY_GM, roles.GM), also=(ADDED_IT,),
    refusal=N_("Only whoever added the file or the (deputy) general manager sets it aside."))

PERMISSIONS = (READ, RECORD, CORRECT_REGISTERED, HANDLE_COMPLAINT, CLOSE_COMPLAINT, VOID_COMPLAINT,
               ADD_FILE, VOID_FILE)
