"""The work desk's ledgers: work given (工作联络单台帐) and meetings (会议台帐), for the ledger export and
the monthly workbook. Heads read the rows of the departments they head (work their department gave
or answers for, meetings they chaired or kept); the GM's office and above read them whole."""
from __future__ import annotations

from feedback_desk.base.i18n import N_
from feedback_desk.desks.work.listings import late_sql
from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem
from feedback_desk.desks.work.vocab import MEETING_KINDS, URGENCIES, WORK_KINDS, WORK_STATES
from feedback_desk.export.ledger_columns import (Col, DATE, DATETIME, DEPARTMENT, INT, LABEL, Ledger, Lookup,
                                                 STAFF, TEXT, USER, VOID, VOID_REASON, model_fields, on_days,
                                                 staff_in)

MEETING = Lookup("meeting", lambda: (Meeting.id, Meeting.number))


def _late(values, ctx) -> str:
    (item_id,) = values
    return ctx.yes if item_id in ctx.extra["work_late"] else ""


def _late_ids() -> dict:
    return {"work_late": {i for (i,) in WorkItem.select(WorkItem.id).where(late_sql()).tuples()}}


WORK_ITEMS = Ledger(
    "work_items", N_("Work given"), N_("Work given"), WorkItem,
    model_fields(WorkItem, "number", "given_on", "kind", "urgency", "given_by", "from_department", "doer",
                 "department", "task", "first_due_on", "due_on", "state", "acknowledged_at", "done_at", "result",
                 "confirmed_at", "rounds", "meeting", "voided", "void_reason"),
    on_days(WorkItem.given_on),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Given on"), "given_on", DATE, 11),
     Col(N_("Kind"), "kind", LABEL, 16, WORK_KINDS), Col(N_("Urgency"), "urgency", LABEL, 8, URGENCIES),
     Col(N_("Given by"), "given_by", TEXT, 10, lookup=STAFF),
     Col(N_("Giving department"), "from_department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Doer"), "doer", TEXT, 10, lookup=STAFF),
     Col(N_("Answering department"), "department", TEXT, 12, lookup=DEPARTMENT),
     Col(N_("Task"), "task", USER, 40), Col(N_("Due date as given"), "first_due_on", DATE, 11),
     Col(N_("Due date"), "due_on", DATE, 11), Col(N_("State"), "state", LABEL, 14, WORK_STATES),
     Col(N_("Acknowledged at"), "acknowledged_at", DATETIME, 17),
     Col(N_("Reported done at"), "done_at", DATETIME, 17), Col(N_("Completion report"), "result", USER, 36),
     Col(N_("Confirmed at"), "confirmed_at", DATETIME, 17), Col(N_("Rounds of disagreement"), "rounds", INT, 8),
     Col(N_("Meeting"), "meeting", TEXT, 16, lookup=MEETING),
     Col(N_("Late by the rules"), ("id",), TEXT, 8, compute=_late), VOID, VOID_REASON),
    prepare=_late_ids, counted_by=("state", WORK_STATES),
    in_departments=lambda d: WorkItem.department.in_(d) | WorkItem.from_department.in_(d))

MEETINGS = Ledger(
    "meetings", N_("Meetings"), N_("Meetings"), Meeting,
    model_fields(Meeting, "number", "held_on", "kind", "subject", "chair", "minutes_keeper", "circulated_at",
                 "minutes", "voided", "void_reason"),
    on_days(Meeting.held_on),
    (Col(N_("Number"), "number", TEXT, 16), Col(N_("Held on"), "held_on", DATE, 11),
     Col(N_("Kind"), "kind", LABEL, 18, MEETING_KINDS), Col(N_("Subject"), "subject", USER, 30),
     Col(N_("Chair"), "chair", TEXT, 10, lookup=STAFF), Col(N_("Minutes keeper"), "minutes_keeper", TEXT, 10,
                                                           lookup=STAFF),
     Col(N_("Circulated at"), "circulated_at", DATETIME, 17), Col(N_("Minutes"), "minutes", USER, 50),
     VOID, VOID_REASON),
    counted_by=("kind", MEETING_KINDS),
    in_departments=lambda d: Meeting.chair.in_(staff_in(d)) | Meeting.minutes_keeper.in_(staff_in(d))
    | Meeting.id.in_(MeetingResponse.select(MeetingResponse.meeting).where(MeetingResponse.department.in_(d))))

LEDGERS = (WORK_ITEMS, MEETINGS)
