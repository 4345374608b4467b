"""Who may do what on the work desk (责任到人; 决不允许中途推给其他人回复):

- anyone gives a cross-department request or reports a problem found in another department
  (公司任何人发现任何部门、任何人的任何问题); an assignment by the general manager is recorded by the
  GM's office, the deputy GM or the GM; a direct order (命令下达) is given by a head or above
  (公司经管层); work to a subordinate by a head of the doer's department, the deputy GM or the GM;
- only the doer acknowledges, reports progress, asks a colleague's help, asks for a delay, reports
  the work done and disagrees with a send-back: the answer comes from them;
- only the giver answers a delay and confirms or sends back the completion report (nobody
  confirms their own work);
- the doer is changed only by the giver or the giver's superior (a head of the giver's department,
  the deputy GM, the GM), never by the doer handing it on;
- after three rounds of disagreement the leader it went to rules (or the GM);
- an item is voided by its giver or by the GM's office and above;
- an item is read by who gave it, who does it, who is copied on it, the leader asked to rule, the
  heads of the departments that gave it and answer for it, and the GM's office and above
  (`readable`: the same in SQL, for the listings and ledgers);
- meetings are recorded by heads, the GM's office and the (deputy) GM; their minutes and decisions
  written and circulated by the minutes keeper, the chair or the GM's office; a department's
  written response by its head or by a doer of a decision there.

A record here is a `WorkItem`, a proposal of one (`proposal`: what giving asks before it exists),
a `Meeting` or a `MeetingResponse`.
"""
from __future__ import annotations

import types

import peewee as pw

from feedback_desk.base import roles
from feedback_desk.base.access import Permission, head_of, the_one
from feedback_desk.base.attachments import ADDED_IT
from feedback_desk.base.i18n import N_, _

SEE_ALL = (roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM)

GIVER = the_one("given_by", N_("who gave it"))
DOER = the_one("doer", N_("its doer"))
RULER = the_one("ruler", N_("the leader asked to rule on it"))
HEAD_OF_DOER = head_of(lambda item: item.department_id)
HEAD_OF_GIVER = (N_("a head of the giver's department"),
                 lambda person, item: item.from_department_id is not None
                 and roles.holds(person.id, roles.HEAD, department=item.from_department_id))


def proposal(kind: str, doer_id: int | None, department_id: int | None, given_by_id: int | None = None):
    """What the permissions ask of an item before it is given: its kind, doer and departments."""
    return types.SimpleNamespace(kind=kind, doer_id=doer_id, department_id=department_id,
                                 given_by_id=given_by_id, from_department_id=None, id=None, ruler_id=None)


def _copied(person, item) -> bool:
    from feedback_desk.desks.work.models import WorkCopy

    return item.id is not None and WorkCopy.select().where(
        (WorkCopy.item == item.id) & (WorkCopy.staff == person.id)).exists()


def _heads_it(person, item) -> bool:
    departments = {d for d in (item.department_id, item.from_department_id) if d is not None}
    return bool(departments & set(roles.headed_departments(person.id)))


HAND_ON = N_("The doer cannot hand the work on: they may ask colleagues for help, but the answer comes from them "
             "(决不允许中途推给其他人回复).")


def _not_the_doer(person, item) -> str | None:
    return _(HAND_ON) if item is not None and getattr(item, "doer_id", None) == person.id else None


def _not_ones_own(person, item) -> str | None:
    if item is not None and getattr(item, "doer_id", None) == person.id:
        return _("Nobody confirms or answers for their own work: the person who gave it does.")
    return None


def _not_the_doers_ruling(person, item) -> str | None:
    if item is not None and getattr(item, "doer_id", None) == person.id:
        return _("Nobody rules on their own disagreement.")
    return None


READ = Permission(
    "work.read", N_("Read a work item and its exchanges"), roles=SEE_ALL,
    also=(GIVER, DOER, (N_("who is copied on it"), _copied), RULER,
          (N_("a head of the department that gave it or answers for it"), _heads_it)),
    refusal=N_("A work item is read by who gave it, who does it, who is copied on it, the heads of the departments "
               "concerned and the general manager's office and above."))
GIVE = Permission("work.give", N_("Give work: a cross-department request or a problem found in another department"),
                  roles=(roles.STAFF,))
GIVE_FOR_GM = Permission(
    "work.give_gm", N_("Record an assignment by the general manager"), roles=SEE_ALL,
    refusal=N_("Assignments by the general manager are recorded by the general manager's office, the deputy "
               "general manager or the general manager."))
ORDER = Permission(
    "work.order", N_("Give a direct order (命令下达)"), roles=(roles.HEAD, roles.DEPUTY_GM, roles.GM),
    refusal=N_("Direct orders are given by the heads of department and the (deputy) general manager."))
ASSIGN = Permission(
    "work.assign", N_("Give work to a subordinate"), roles=(roles.DEPUTY_GM, roles.GM), also=(HEAD_OF_DOER,),
    refusal=N_("Work is given to a subordinate by a head of the doer's department or the (deputy) general manager."))
ACKNOWLEDGE = Permission(
    "work.acknowledge", N_("Acknowledge work given to one (收到 / 我明白 / 正在办理)"), also=(DOER,),
    refusal=N_("Only the person the work was given to acknowledges it."))
REPORT = Permission(
    "work.report", N_("Report on work given to one: progress, help asked, a delay, done, a disagreement"),
    also=(DOER,),
    refusal=N_("Only the person the work was given to reports on it: the answer comes from them "
               "(决不允许中途推给其他人回复)."))
ANSWER = Permission(
    "work.answer", N_("Answer the doer: a delay asked for, a completion report confirmed or sent back"),
    also=(GIVER,), vetoes=(_not_ones_own,),
    refusal=N_("Only the person who gave the work answers its delays and confirms or sends back its "
               "completion report."))
REASSIGN = Permission(
    "work.reassign", N_("Give the work to another doer"), roles=(roles.DEPUTY_GM, roles.GM),
    also=(GIVER, HEAD_OF_GIVER), vetoes=(_not_the_doer,),
    refusal=N_("Only the person who gave the work or their superior (a head of their department, the deputy "
               "general manager, the general manager) gives it to another doer."))
RULE = Permission(
    "work.rule", N_("Rule on a disagreement after three rounds (裁定)"), roles=(roles.GM,), also=(RULER,),
    vetoes=(_not_the_doers_ruling,),
    refusal=N_("Only the leader the disagreement went to, or the general manager, rules on it."))
VOID = Permission(
    "work.void", N_("Void a work item (given by mistake, a duplicate)"), roles=SEE_ALL, also=(GIVER,),
    refusal=N_("Only the person who gave the work or the general manager's office and above void it."))
ADD_TO = Permission("work.add_to", N_("Add what one would submit again to the open item instead"),
                    roles=(roles.STAFF,))
ADD_FILE = Permission(
    "work.add_file", N_("Add a document or photo to a work item (a written completion report, a drawing)"),
    roles=SEE_ALL, also=(GIVER, DOER, RULER),
    refusal=N_("Files are added to a work item by who gave it, who does it, the leader ruling on it and the "
               "general manager's office and above."))
VOID_FILE = Permission(
    "work.void_file", N_("Set aside a file of a work item"), roles=SEE_ALL, also=(ADDED_IT,),
    refusal=N_("Only whoever added the file or the general manager's office and above sets it aside."))

RECORD_MEETING = Permission(
    "meeting.record", N_("Record a meeting"), roles=(roles.HEAD, roles.GM_OFFICE, roles.DEPUTY_GM, roles.GM),
    refusal=N_("Meetings are recorded by the heads of department, the general manager's office and the (deputy) "
               "general manager."))
KEEP_MINUTES = Permission(
    "meeting.minutes", N_("Write a meeting's minutes and decisions and circulate them"), roles=(roles.GM_OFFICE,),
    also=(the_one("minutes_keeper", N_("who keeps its minutes")), the_one("chair", N_("its chair"))),
    refusal=N_("A meeting's minutes and decisions are written and circulated by its minutes keeper, its chair or "
               "the general manager's office."))


def _doer_there(person, response) -> bool:
    from feedback_desk.desks.work.models import WorkItem

    return WorkItem.select().where((WorkItem.meeting == response.meeting_id) & (WorkItem.doer == person.id)
                                   & (WorkItem.department == response.department_id)
                                   & (WorkItem.voided == False)).exists()  # noqa: E712


RESPOND = Permission(
    "meeting.respond", N_("Answer circulated minutes in writing for one's department"),
    also=(head_of(lambda response: response.department_id), the_one("owner", N_("who was asked to answer")),
          (N_("a doer of a decision in that department"), _doer_there)),
    refusal=N_("A department's response to the minutes is written by its head or by a doer of a decision there."))

# 第二条: the units report to HR by Saturday noon on the office meeting's work, HR collects it for the next
# meeting; each responsible unit reports its key work at the month's end: HR and the GM's office and
# above export every line, a head their own departments' (and what they gave, do or are copied on)
DECISION_REPORTS = Permission(
    "work.decision_reports", N_("Export the weekly report on the general manager's meeting decisions and the monthly "
                                "key-work report"),
    roles=(roles.HEAD, roles.HR, *SEE_ALL),
    refusal=N_("The reports on meeting decisions and key work are for the heads of department, human resources and "
               "the general manager's office and above."))
REPORTS_SEE_ALL = (roles.HR, *SEE_ALL)

PERMISSIONS = (READ, GIVE, GIVE_FOR_GM, ORDER, ASSIGN, ACKNOWLEDGE, REPORT, ANSWER, REASSIGN, RULE, VOID, ADD_TO,
               RECORD_MEETING, KEEP_MINUTES, RESPOND, DECISION_REPORTS, ADD_FILE, VOID_FILE)

# which permission gives which kind of work (a meeting's decisions: KEEP_MINUTES, in meetings.py)
TO_GIVE = {"gm_assignment": GIVE_FOR_GM, "cross_department": GIVE, "found_problem": GIVE, "direct_order": ORDER,
           "manager_to_subordinate": ASSIGN, "meeting_decision": KEEP_MINUTES}


def readable(person_id: int | None):
    """The work items `person_id` reads, as a condition (everything for the GM's office and above, and
    for the program: None)."""
    from feedback_desk.desks.work.models import WorkCopy, WorkItem

    if person_id is None or roles.roles_of(person_id) & set(SEE_ALL):
        return WorkItem.id.is_null(False)
    condition = ((WorkItem.given_by == person_id) | (WorkItem.doer == person_id)
                 | (pw.fn.COALESCE(WorkItem.ruler, 0) == person_id)
                 | WorkItem.id.in_(WorkCopy.select(WorkCopy.item).where(WorkCopy.staff == person_id)))
    headed = roles.headed_departments(person_id)
    if headed:
        condition |= WorkItem.department.in_(headed) | WorkItem.from_department.in_(headed)
    return condition
