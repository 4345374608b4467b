"""The work desk's deadlines, one clock per step that waits on someone (rules in loop/rules.py,
settings with the seed's defaults):

- `work_ack`: the doer acknowledges (收到 / 我明白 / 正在办理) — urgent within 30 minutes, else within
  12 hours, escalated at 24 (公司工作反馈制度 二2); counted from when the doer received it
  (`given_at`: given, a meeting's minutes circulated, or the doer changed). My work lists these first.
- `work_done`: the completion report — within 1 working day after the due date (第二条), or, with
  no due date, a progress report every working day (日事日清); the item's primary clock.
- `work_confirm`: the giver confirms or sends back a completion report within 1 working day of it.
- `work_ruling`: the leader rules on a disagreement of three rounds within 1 working day.
- `meeting_minutes`: the minutes keeper circulates the minutes within 24 hours of the meeting.
- `meeting_response`: each department named in the decisions answers the circulated minutes in
  writing within 1 working day (a clock per department).
A clock stops when its step is answered; a step that opens again (a send-back, a new due date, a
new doer, a second completion report) runs its clock again (`loop.clocks.restart`).
"""
from __future__ import annotations

from feedback_desk.base.i18n import N_
from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem
from feedback_desk.loop.items import DeadlineItem, created_day

ACK, DONE, CONFIRM, RULING, MINUTES, RESPONSE = (
    "work_ack", "work_done", "work_confirm", "work_ruling", "meeting_minutes", "meeting_response")
WORK_CLOCKS = (ACK, DONE, CONFIRM, RULING)  # the clocks of a work item, the one asked first first
WAITING_FOR_THE_DOER = ("given", "in_progress")


def _live():
    return WorkItem.voided == False  # noqa: E712


def _title(w: WorkItem) -> str:
    return f"{w.number} {w.task[:40]}"


def _received(w: WorkItem):
    return w.given_at or w.created_at


WORK_ACK = DeadlineItem(
    ACK, N_("Work to acknowledge"), WorkItem, _live,
    lambda: WorkItem.state == "given", lambda w: w.state == "given", lambda w: w.urgency,
    _received, lambda w: None, "doer", "department", _title, primary=False, acknowledgement=True)

WORK_DONE = DeadlineItem(
    DONE, N_("Work given (its completion report)"), WorkItem, _live,
    lambda: WorkItem.state.in_(WAITING_FOR_THE_DOER), lambda w: w.state in WAITING_FOR_THE_DOER,
    lambda w: w.urgency, _received, lambda w: w.due_on, "doer", "department", _title,
    lambda w: "dated" if w.due_on else "open_ended", kinds_vary=True)

WORK_CONFIRM = DeadlineItem(
    CONFIRM, N_("Completion report to confirm"), WorkItem, _live,
    lambda: WorkItem.state == "reported", lambda w: w.state == "reported", lambda w: w.urgency,
    lambda w: w.done_at or w.updated_at, lambda w: None, "given_by", "from_department", _title, primary=False)

WORK_RULING = DeadlineItem(
    RULING, N_("Disagreement to rule on"), WorkItem, _live,
    lambda: WorkItem.state == "ruling", lambda w: w.state == "ruling", lambda w: w.urgency,
    lambda w: w.ruling_asked_at or w.updated_at, lambda w: None, "ruler", "from_department", _title,
    primary=False)

MEETING_MINUTES = DeadlineItem(
    MINUTES, N_("Meeting minutes to circulate"), Meeting, lambda: Meeting.voided == False,  # noqa: E712
    lambda: Meeting.circulated_at.is_null(), lambda m: m.circulated_at is None, lambda m: "",
    lambda m: m.held_at, lambda m: None, "minutes_keeper", None, lambda m: f"{m.number} {m.subject[:40]}")

MEETING_RESPONSE = DeadlineItem(
    RESPONSE, N_("Circulated minutes to answer"), MeetingResponse,
    lambda: MeetingResponse.voided == False,  # noqa: E712
    lambda: MeetingResponse.responded_at.is_null(), lambda r: r.responded_at is None, lambda r: "",
    created_day, lambda r: None, "owner", "department",
    lambda r: f"{r.meeting.number} {r.meeting.subject[:30]} · {r.department.name}")

ITEMS = (WORK_ACK, WORK_DONE, WORK_CONFIRM, WORK_RULING, MEETING_MINUTES, MEETING_RESPONSE)
