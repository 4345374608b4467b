"""The lines of the two reports on work given from above (内部信息反馈及重大事件处理制度 第二条):

- **the weekly report on the general manager's meeting decisions** (集团办公会布置的工作…每周六上午前
  …报人力资源中心): every decision of a general manager's office meeting held by the end of the week
  that was still open when the week began or was decided during it — what HR collects by Saturday
  noon and reports on at the next meeting;
- **the monthly key-work report** (月度重点工作计划…每月月底…汇报重点工作完成情况): the key work of
  the month, read as the work given from above — the decisions of every meeting and the general
  manager's assignments — and any work marked urgent or important; each item given by the month's
  end that was given in the month, due in it, still open, or confirmed in it.

Each line: the meeting (if any), the item, its doer and department, the due date (and a new one
asked for), the state, late or not, and the latest report the doer made. A late item is one open
and late by the rules or past its due date, or one reported done after its due date. HR, the
GM's office and above get every line; a head of department the items they read on the desk (their
departments', and what they gave, do or are copied on).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from feedback_desk.base import access, clock, roles
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.vocab import label
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.listings import late_sql
from feedback_desk.desks.work.models import Meeting, WorkItem, WorkStep
from feedback_desk.desks.work.vocab import OPEN_STATES, STEP_KINDS, WORK_KINDS, WORK_STATES

REPORTED = ("acknowledged", "progress", "delay", "done", "disputed")  # what the doer says of the work
KEY_KINDS = ("meeting_decision", "gm_assignment")
KEY_URGENCIES = ("urgent", "important")


@dataclasses.dataclass(frozen=True)
class DecisionLine:
    meeting: str                 # the meeting's number ('' for work not decided at a meeting)
    held_on: dt.date | None
    number: str
    kind: str                    # label
    task: str
    doer: str
    department: str
    due_on: dt.date | None
    asked_due_on: dt.date | None
    state: str                   # label
    late: bool
    report_at: dt.datetime | None  # local time of the latest report
    report: str                  # "Progress report: …"


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday … Sunday of the week holding `day` (its report is due on the Saturday, at noon)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _reader() -> object | None:
    """Which items the person signed in gets (None: every one), or refused."""
    access.require(permissions.DECISION_REPORTS)
    person = access.signed_in_id()
    if access.the_program_acts() or person is None or roles.roles_of(person) & set(permissions.REPORTS_SEE_ALL):
        return None
    return permissions.readable(person)


def _utc_start(day: dt.date) -> dt.datetime:
    return clock.to_utc(dt.datetime.combine(day, dt.time()))


def _still_there(first: dt.date, last: dt.date):
    """Live items given by `last`, and not confirmed before `first`."""
    return ((WorkItem.voided == False) & (WorkItem.given_on <= last)  # noqa: E712
            & (WorkItem.confirmed_at.is_null() | (WorkItem.confirmed_at >= _utc_start(first))))


def gm_meeting_decisions(day: dt.date) -> list[DecisionLine]:
    """The weekly report's lines for the week holding `day`, by meeting then number."""
    first, last = week_of(day)
    condition = (_still_there(first, last) & (WorkItem.kind == "meeting_decision")
                 & (Meeting.kind == "gm_meeting") & (Meeting.voided == False)  # noqa: E712
                 & (Meeting.held_on <= last))
    return _lines(condition)


def key_work(year: int, month: int) -> list[DecisionLine]:
    """The monthly key-work report's lines, by meeting then number (work of no meeting first)."""
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    key = WorkItem.kind.in_(KEY_KINDS) | WorkItem.urgency.in_(KEY_URGENCIES)
    this_month = (WorkItem.given_on.between(first, last) | WorkItem.due_on.between(first, last)
                  | WorkItem.state.in_(OPEN_STATES)
                  | (WorkItem.confirmed_at >= _utc_start(first)))
    meeting_live = Meeting.id.is_null() | (Meeting.voided == False)  # noqa: E712
    return _lines(_still_there(first, last) & key & this_month & meeting_live)


def _lines(condition) -> list[DecisionLine]:
    reader = _reader()
    if reader is not None:
        condition &= reader
    Doer = Staff.alias("report_doer")
    query = (WorkItem.select(WorkItem, Meeting.number.alias("meeting_number"), Meeting.held_on.alias("meeting_held_on"),
                             Doer.name.alias("doer_name"), Department.name.alias("department_name"))
             .join(Meeting, pw.JOIN.LEFT_OUTER, on=(WorkItem.meeting == Meeting.id))
             .switch(WorkItem).join(Doer, on=(WorkItem.doer == Doer.id))
             .switch(WorkItem).join(Department, pw.JOIN.LEFT_OUTER, on=(WorkItem.department == Department.id))
             .where(condition).order_by(Meeting.held_on.asc(nulls="first"), Meeting.number, WorkItem.number)
             .dicts())
    rows = list(query)
    ids = [r["id"] for r in rows]
    late = {i for (i,) in WorkItem.select(WorkItem.id).where(WorkItem.id.in_(ids) & late_sql()).tuples()} if ids else set()
    reports = latest_reports(ids)
    today = clock.today_local()
    lines = []
    for r in rows:
        done = clock.to_local(r["done_at"]).date() if r["done_at"] else None
        is_open = r["state"] in OPEN_STATES
        past_due = r["due_on"] is not None and ((is_open and r["state"] != "reported" and today > r["due_on"])
                                                or (done is not None and done > r["due_on"]))
        step = reports.get(r["id"])
        lines.append(DecisionLine(
            r["meeting_number"] or "", r["meeting_held_on"], r["number"], label(WORK_KINDS, r["kind"]), r["task"],
            r["doer_name"], r["department_name"] or "", r["due_on"], r["asked_due_on"], label(WORK_STATES, r["state"]),
            r["id"] in late or past_due,
            clock.to_local(step.at).replace(microsecond=0) if step else None,
            f"{label(STEP_KINDS, step.kind)}: {step.text}".rstrip(": ") if step else ""))
    return lines


def latest_reports(item_ids: list[int]) -> dict[int, WorkStep]:
    """Each item's latest report by its doer (acknowledgement, progress, delay, completion, disagreement)."""
    found: dict[int, WorkStep] = {}
    for i in range(0, len(item_ids), 500):
        chunk = item_ids[i:i + 500]
        for step in (WorkStep.select().where(WorkStep.item.in_(chunk) & WorkStep.kind.in_(REPORTED))
                     .order_by(WorkStep.at, WorkStep.id)):
            found[step.item_id] = step
    return found
