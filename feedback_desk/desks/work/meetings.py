"""Meetings and their decisions (会议通报与反馈, 公司工作反馈制度 三1): "公司工作会议记录及决议于会后24小时内
由办公室整理成文…按级别进行通报。涉及部门和相关负责人在接收后的半个至一个工作日内做出书面反馈意见".

- `record_meeting(values, by)`: kind (总经理办公会, 周例会, 临时会议, 月度重点工作汇报会), `held_at`
  (a local date and time, not in the future), `subject`, `chair`, `minutes_keeper`, `attendees`
  (staff ids) and `minutes`; numbered 会议-YYYY-MM-NNNN by the day it was held. By a head, the GM's
  office or the (deputy) GM.
- `update_meeting`, `add_decision(meeting_id, values, by)`: until the minutes are circulated, the
  minutes keeper, the chair or the GM's office write the minutes and the decisions, each a work item
  of kind meeting_decision given by the chair to its doer, with its due date (giving.clean_work's
  checks); it waits, "decided", until the minutes go out.
- `circulate(meeting_id, version, by)`: the minutes go out (within 24 hours of the meeting, the
  minutes keeper's clock): the decisions are given to their doers at that moment (their
  acknowledgement clocks start), and each department answering for a decision is asked for its
  written response (`MeetingResponse`, owned by its head, else by a doer there), due within a
  working day.
- `respond(response_id, version, text, by)`: the department's head or a doer there answers in writing.
- `void_meeting`: a meeting recorded by mistake goes with its decisions not yet done and its
  responses not yet written.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import peewee as pw

from feedback_desk.base import access, cleaning, clock, responsible
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.numbering import next_number
from feedback_desk.base.records import create_record, get_live, update_record, void_record, write_history
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.giving import active_person, clean_work, create_item
from feedback_desk.desks.work.models import Meeting, MeetingAttendee, MeetingResponse, WorkItem
from feedback_desk.desks.work.steps import add_step, person
from feedback_desk.desks.work.vocab import MEETING_KINDS, OPEN_STATES

PREFIX = "会议"
ATTENDEES_LIMIT = 100


def _utc(value) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    return clock.to_utc(value).replace(microsecond=0)


def clean_meeting(values: dict[str, Any], existing: Meeting | None = None) -> dict[str, Any]:
    """Validate a meeting's form; what `values` leaves out keeps its saved value."""
    def given(key):
        if key in values or existing is None:
            return values.get(key)
        return getattr(existing, f"{key}_id" if key in ("chair", "minutes_keeper") else key)

    errors: dict[str, str] = {}
    kind = given("kind")
    if kind not in MEETING_KINDS:
        errors["kind"] = _("Choose what kind of meeting it was.")
    held_at = _utc(values["held_at"]) if "held_at" in values else (existing.held_at if existing else None)
    if held_at is None:
        errors["held_at"] = _("Enter the date and time of the meeting.")
    elif held_at > clock.now_utc() + dt.timedelta(minutes=1):
        errors["held_at"] = _("A meeting is recorded once it was held: the time cannot be in the future.")
    subject = cleaning.text({"subject": given("subject")}, "subject", errors, 200,
                            required=_("Give the meeting's subject."))
    chair = active_person(given("chair"), "chair", errors, _("Name who chaired the meeting."))
    keeper = active_person(given("minutes_keeper"), "minutes_keeper", errors,
                           _("Name who keeps the minutes and circulates them."))
    minutes = cleaning.text({"minutes": given("minutes")}, "minutes", errors)
    attendees: list[int] = []
    if "attendees" in values or existing is None:
        for value in values.get("attendees") or ():
            found = active_person(value, "attendees", errors)
            if "attendees" in errors:
                break
            if found is not None and found.id not in attendees:
                attendees.append(found.id)
        if len(attendees) > ATTENDEES_LIMIT:
            errors["attendees"] = _("At most {n} attendees.").format(n=ATTENDEES_LIMIT)
    if errors:
        raise ValidationError(errors)
    cleaned = {"kind": kind, "held_at": held_at, "held_on": clock.to_local(held_at).date(), "subject": subject,
               "chair": chair.id, "minutes_keeper": keeper.id, "minutes": minutes}
    if "attendees" in values or existing is None:
        cleaned["attendees"] = attendees
    return cleaned


def _set_attendees(meeting_id: int, ids: list[int], by: Staff | None) -> None:
    before = attendees_of(meeting_id)
    if [a.id for a in before] == ids:
        return
    MeetingAttendee.delete().where(MeetingAttendee.meeting == meeting_id).execute()  # the list, not records
    for staff_id in ids:
        MeetingAttendee.create(meeting=meeting_id, staff=staff_id)
    write_history(Meeting._meta.table_name, meeting_id, "update",
                  [("attendees", ",".join(str(a.id) for a in before) or None, ",".join(map(str, ids)) or None)],
                  by, clock.now_utc())


def record_meeting(values: dict[str, Any], by: Staff) -> Meeting:
    """Record a meeting held (see the module's doc); numbered in the same transaction."""
    by = person(by)
    cleaned = clean_meeting(values)
    access.require(permissions.RECORD_MEETING, by)
    attendees = cleaned.pop("attendees")
    with write_transaction():
        cleaned["number"] = next_number(PREFIX, cleaned["held_on"])
        meeting = create_record(Meeting, cleaned, by)
        _set_attendees(meeting.id, attendees, by)
        return meeting


def _open_meeting(meeting_id: int, version: int | None = None) -> Meeting:
    meeting = get_live(Meeting, meeting_id)
    if version is not None and meeting.version != version:
        raise ConflictError()
    if meeting.voided:
        raise ValidationError({"": _("This meeting is void and can no longer be changed.")})
    if meeting.circulated_at is not None:
        raise ValidationError({"": _("The minutes were circulated: they are kept as they went out.")})
    return meeting


def update_meeting(meeting_id: int, version: int, values: dict[str, Any], by: Staff) -> Meeting:
    """Change the minutes, subject, time, kind, attendees (and who chaired or keeps the minutes) until
    they are circulated."""
    by = person(by)
    with write_transaction():
        meeting = _open_meeting(meeting_id, version)
        access.require(permissions.KEEP_MINUTES, by, meeting)
        cleaned = clean_meeting(values, meeting)
        attendees = cleaned.pop("attendees", None)
        saved = update_record(Meeting, meeting_id, version, cleaned, by)
        if attendees is not None:
            _set_attendees(meeting_id, attendees, by)
        return saved


def add_decision(meeting_id: int, values: dict[str, Any], by: Staff) -> WorkItem:
    """A decision of the meeting (会议决议): `doer`, `task`, `due_on`, `urgency`, `copied`, as for any
    work; given by the chair once the minutes are circulated."""
    by = person(by)
    with write_transaction():
        meeting = _open_meeting(meeting_id)
        access.require(permissions.KEEP_MINUTES, by, meeting)
        chair = Staff.get_by_id(meeting.chair_id)
        if not chair.active:
            raise ValidationError({"chair": _("{name} no longer works here: name who chairs now.").format(
                name=chair.name)})
        return create_item(clean_work(values, chair, decision=True), chair, by, meeting=meeting.id)


def decisions_of(meeting_id: int, include_void: bool = False) -> list[WorkItem]:
    query = (WorkItem.select(WorkItem, Staff).join(Staff, on=(WorkItem.doer == Staff.id), attr="doer")
             .where(WorkItem.meeting == meeting_id).order_by(WorkItem.id))
    if not include_void:
        query = query.where(WorkItem.voided == False)  # noqa: E712
    return list(query)


def attendees_of(meeting_id: int) -> list[Staff]:
    return list(Staff.select().join(MeetingAttendee, on=(MeetingAttendee.staff == Staff.id))
                .where(MeetingAttendee.meeting == meeting_id).order_by(MeetingAttendee.id))


def responses_of(meeting_id: int) -> list[MeetingResponse]:
    """The departments asked to answer the minutes, each with `department` and `owner` loaded."""
    owner = Staff.alias("response_owner")
    return list(MeetingResponse.select(MeetingResponse, Department, owner)
                .join(Department, on=(MeetingResponse.department == Department.id))
                .switch(MeetingResponse).join(owner, pw.JOIN.LEFT_OUTER, on=(MeetingResponse.owner == owner.id),
                                              attr="owner")
                .where((MeetingResponse.meeting == meeting_id) & (MeetingResponse.voided == False))  # noqa: E712
                .order_by(MeetingResponse.id))


def circulate(meeting_id: int, version: int, by: Staff) -> Meeting:
    """The minutes go out (通报): the decisions are given to their doers now, and each department
    answering for one is asked for its written response within a working day."""
    by = person(by)
    with write_transaction():
        meeting = _open_meeting(meeting_id, version)
        access.require(permissions.KEEP_MINUTES, by, meeting)
        if not meeting.minutes.strip():
            raise ValidationError({"minutes": _("Write the minutes before circulating them.")})
        now = clock.now_utc()
        saved = update_record(Meeting, meeting_id, version, {"circulated_at": now, "circulated_by": by.id}, by)
        asked: dict[int, int | None] = {}
        for item in decisions_of(meeting_id):
            if item.state == "decided":
                update_record(WorkItem, item.id, item.version, {"state": "given", "given_at": now}, by)
                add_step(item.id, "given", by, _("Minutes {number} circulated").format(number=meeting.number), at=now,
                         staff=item.doer_id)
            if item.department_id is not None and item.state in OPEN_STATES:
                asked.setdefault(item.department_id, item.doer_id)
        for department_id, first_doer in asked.items():
            owner = responsible.head_of(department_id) or first_doer
            create_record(MeetingResponse, {"meeting": meeting_id, "department": department_id, "owner": owner}, by)
        return saved


def respond(response_id: int, version: int, text: str, by: Staff) -> MeetingResponse:
    """A department's written response to the circulated minutes (书面反馈意见)."""
    by = person(by)
    with write_transaction():
        response = get_live(MeetingResponse, response_id)
        if response.version != version:
            raise ConflictError()
        access.require(permissions.RESPOND, by, response)
        refused = access.refusal(permissions.RESPOND, by, response)
        if refused:  # the program acting for someone too: only the head or a doer there answers
            raise ValidationError({"owner": refused})
        if response.voided or response.responded_at is not None:
            raise ValidationError({"": _("This department has answered the minutes already.")})
        errors: dict[str, str] = {}
        text = cleaning.text({"text": text}, "text", errors,
                             required=_("Write the department's response to the minutes."))
        if errors:
            raise ValidationError(errors)
        return update_record(MeetingResponse, response_id, version,
                             {"text": text, "responded_at": clock.now_utc(), "responded_by": by.id}, by)


def void_meeting(meeting_id: int, version: int, reason: str, by: Staff) -> Meeting:
    """Void a meeting recorded by mistake, with its decisions not yet done and responses not yet written."""
    by = person(by)
    with write_transaction():
        meeting = get_live(Meeting, meeting_id)
        access.require(permissions.KEEP_MINUTES, by, meeting)
        saved = void_record(Meeting, meeting_id, version, reason, by)
        for item in decisions_of(meeting_id):
            if item.state in OPEN_STATES:
                void_record(WorkItem, item.id, item.version, reason, by)
        for response in responses_of(meeting_id):
            if response.responded_at is None:
                void_record(MeetingResponse, response.id, response.version, reason, by)
        return saved


def read_meeting(meeting_id: int) -> Meeting:
    """The meeting for its form: minutes are circulated to the departments, every member of staff reads them."""
    return get_live(Meeting, meeting_id)
