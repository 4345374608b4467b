"""Tables of the work desk (工作联络单 / 内部信息反馈单, 会议纪要): work items, who is copied on them,
their exchanges, meetings with their attendees and each department's written response.

A work item is given by one person to one responsible person (the doer; 决不允许中途推给其他人回复),
whose department answers for it; it is acknowledged, reported on, reported done and confirmed
by whoever gave it. Each exchange on it (a progress report, a help note, a delay asked and
answered, a completion report, a send-back, a disagreement, a ruling, a change of doer) is a
`WorkStep`, written in the same transaction as the item's change and its history rows.
A meeting's decisions are work items of kind `meeting_decision` pointing to their meeting.
Nothing is deleted: items and meetings are voided with a reason.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Department, Record, Staff
from feedback_desk.base.search import SearchedText


class Meeting(Record):
    """会议纪要: a meeting, its minutes, and when they were circulated (通报)."""
    number = pw.CharField(max_length=32, unique=True)            # 会议-2026-11-0001
    kind = pw.CharField(max_length=16, index=True)               # gm_meeting / weekly / ad_hoc / monthly_review
    held_at = pw.DateTimeField(index=True)                       # UTC
    held_on = pw.DateField(index=True)                           # its local day (filters, ledgers)
    subject = pw.CharField(max_length=200, default="")
    chair = pw.ForeignKeyField(Staff, backref="+")               # gives the decisions
    minutes_keeper = pw.ForeignKeyField(Staff, backref="+")      # writes and circulates the minutes
    minutes = SearchedText(default="")
    circulated_at = pw.DateTimeField(null=True)                  # UTC; None: not yet circulated
    circulated_by = pw.ForeignKeyField(Staff, null=True, backref="+")


class MeetingAttendee(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendees", on_delete="CASCADE")
    staff = pw.ForeignKeyField(Staff, backref="+")

    class Meta:
        indexes = ((("meeting", "staff"), True),)


class WorkItem(Record):
    number = pw.CharField(max_length=32, unique=True)            # 工作-2026-11-0001
    kind = pw.CharField(max_length=24, index=True)               # vocab.WORK_KINDS
    given_by = pw.ForeignKeyField(Staff, backref="+")
    from_department = pw.ForeignKeyField(Department, null=True, backref="+")  # the giver's, when given
    given_on = pw.DateField(index=True)                          # the local day it was given
    # when the doer received it (UTC): given; a meeting's decision when its minutes went out;
    # again when the doer changed. The acknowledgement's clock counts from it. None: not yet.
    given_at = pw.DateTimeField(null=True)
    doer = pw.ForeignKeyField(Staff, backref="+")                # one responsible person
    department = pw.ForeignKeyField(Department, null=True, backref="+")  # the answering department: the doer's
    urgency = pw.CharField(max_length=12, default="ordinary")    # urgent / important / ordinary
    task = SearchedText()
    due_on = pw.DateField(null=True, index=True)                 # None: no deadline, reported daily
    first_due_on = pw.DateField(null=True)                       # the due date as given
    asked_due_on = pw.DateField(null=True)                       # a new date the doer asked for, unanswered
    state = pw.CharField(max_length=16, default="given", index=True)  # vocab.WORK_STATES
    acknowledged_at = pw.DateTimeField(null=True)
    done_at = pw.DateTimeField(null=True)                        # the latest completion report (or dispute)
    result = SearchedText(default="")                            # the latest completion report's text
    confirmed_at = pw.DateTimeField(null=True)
    rounds = pw.IntegerField(default=0)                          # disagreement rounds since the last ruling
    ruler = pw.ForeignKeyField(Staff, null=True, backref="+")    # the leader asked to rule (裁定)
    ruling_asked_at = pw.DateTimeField(null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="decisions")

    class Meta:
        indexes = ((("department", "state"), False), (("doer", "state"), False), (("given_by", "state"), False))


class WorkCopy(BaseModel):
    """Someone copied on an item (抄送): named by the giver, the doer's head on a direct order, or
    someone whose repeated submission was added to it."""
    item = pw.ForeignKeyField(WorkItem, backref="copies", on_delete="CASCADE")
    staff = pw.ForeignKeyField(Staff, backref="+")
    why = pw.CharField(max_length=12, default="named")          # named / head / added
    added_at = pw.DateTimeField()
    added_by = pw.ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("item", "staff"), True), (("staff",), False))


class WorkStep(BaseModel):
    """One exchange on an item, oldest first; never changed once written."""
    item = pw.ForeignKeyField(WorkItem, backref="steps", on_delete="CASCADE")
    kind = pw.CharField(max_length=16)                           # vocab.STEP_KINDS
    at = pw.DateTimeField()                                      # UTC
    by = pw.ForeignKeyField(Staff, null=True, backref="+")
    text = pw.TextField(default="")
    new_due_on = pw.DateField(null=True)                         # a delay asked for / accepted
    round = pw.IntegerField(null=True)                           # a disagreement's round (1, 2, 3)
    decision = pw.CharField(max_length=12, null=True)            # accepted / refused; a ruling: giver / doer
    staff = pw.ForeignKeyField(Staff, null=True, backref="+")    # the colleague asked; the new doer

    class Meta:
        indexes = ((("item", "at"), False),)


class MeetingResponse(Record):
    """A department named in the decisions answers the circulated minutes in writing (书面反馈意见)."""
    meeting = pw.ForeignKeyField(Meeting, backref="responses")
    department = pw.ForeignKeyField(Department, backref="+")
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")    # who answers: the head, else a doer there
    text = pw.TextField(default="")
    responded_at = pw.DateTimeField(null=True)
    responded_by = pw.ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("meeting", "department"), True),)


# the work items first: a backup says how many records the desk has by its first table
MODELS = [WorkItem, WorkCopy, WorkStep, Meeting, MeetingAttendee, MeetingResponse]
