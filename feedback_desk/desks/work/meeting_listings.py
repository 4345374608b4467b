"""The meetings' table (sorted and filtered in SQL): when, who chaired, whether the minutes went out
in time and how many of the departments asked have answered them in writing."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import Column, Filters, Listing, Row
from feedback_desk.base.models import Staff
from feedback_desk.base.vocab import label
from feedback_desk.desks.work.deadlines import MINUTES, RESPONSE
from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem
from feedback_desk.desks.work.vocab import MEETING_KINDS
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column, join_clock,
                                            late_choice, late_condition)

Chair = Staff.alias("chair")
Keeper = Staff.alias("keeper")
LIVE_RESPONSE = MeetingResponse.voided == False  # noqa: E712


def waiting_sql():
    """Meetings whose minutes are not circulated, or whose departments have not all answered."""
    unanswered = MeetingResponse.select(MeetingResponse.meeting).where(
        LIVE_RESPONSE & MeetingResponse.responded_at.is_null())
    return Meeting.circulated_at.is_null() | Meeting.id.in_(unanswered)


def late_sql():
    """Minutes late, or a department's response late, by the rules."""
    late_answers = MeetingResponse.select(MeetingResponse.meeting).where(late_condition(RESPONSE))
    return late_condition(MINUTES) | Meeting.id.in_(late_answers)


class MeetingListing(Listing):
    model = Meeting
    date_field = Meeting.held_on
    default_sort = "held"
    default_descending = True
    columns = [
        Column("number", N_("Number"), Meeting.number, width=140),
        Column("held", N_("Held on"), Meeting.held_at, width=130),
        Column("kind", N_("Kind"), Meeting.kind, width=150),
        Column("subject", N_("Subject"), Meeting.subject, width=220),
        Column("chair", N_("Chair"), Meeting.chair, width=80),
        Column("keeper", N_("Minutes keeper"), Meeting.minutes_keeper, width=80),
        Column("decisions", N_("Decisions"), width=70, align_right=True),
        Column("circulated", N_("Circulated at"), Meeting.circulated_at, width=130, warns=True),
        Column("responses", N_("Departments answered"), width=110, align_right=True, warns=True),
        due_column(Meeting, MINUTES),
    ]

    def choices(self):
        return ([("", _("All meetings")), ("open", _("Minutes or responses outstanding")), late_choice(),
                 ("not_circulated", _("Minutes not yet circulated"))]
                + [(f"kind:{k}", _(v)) for k, v in MEETING_KINDS.items()])

    def conditions(self, f: Filters) -> list:
        conds = []
        term = f.text.strip()
        if term:
            conds.append(Meeting.subject.contains(term) | Meeting.minutes.contains(term)
                         | Meeting.number.startswith(term))
        if f.choice == "open":
            conds.append(waiting_sql())
        elif f.choice == LATE_CHOICE:
            conds.append(late_sql())
        elif f.choice == "not_circulated":
            conds.append(Meeting.circulated_at.is_null())
        elif f.choice.startswith("kind:"):
            conds.append(Meeting.kind == f.choice[5:])
        return conds

    def page_query(self) -> pw.Select:
        query = (Meeting.select(Meeting, Chair.id, Chair.name, Keeper.id, Keeper.name, *clock_fields())
                 .join(Chair, on=(Meeting.chair == Chair.id), attr="chair")
                 .switch(Meeting).join(Keeper, on=(Meeting.minutes_keeper == Keeper.id), attr="minutes_keeper"))
        return join_clock(query, Meeting, MINUTES)

    def make_rows(self, records: list[Meeting]) -> list[Row]:
        ids = [m.id for m in records]
        decisions = dict(WorkItem.select(WorkItem.meeting, pw.fn.COUNT(WorkItem.id))
                         .where(WorkItem.meeting.in_(ids) & (WorkItem.voided == False))  # noqa: E712
                         .group_by(WorkItem.meeting).tuples()) if ids else {}
        answers: dict[int, tuple[int, int]] = {}
        if ids:
            for meeting, asked, answered in (MeetingResponse.select(
                    MeetingResponse.meeting, pw.fn.COUNT(MeetingResponse.id), pw.fn.COUNT(MeetingResponse.responded_at))
                    .where(MeetingResponse.meeting.in_(ids) & LIVE_RESPONSE).group_by(MeetingResponse.meeting).tuples()):
                answers[meeting] = (int(asked), int(answered))
        late_answers = {m for (m,) in MeetingResponse.select(MeetingResponse.meeting).where(
            MeetingResponse.meeting.in_(ids) & late_condition(RESPONSE)).tuples()} if ids else set()
        now, fallback = clock.now_utc(), Fallback(MINUTES)
        rows = []
        for m in records:
            joined = getattr(m, "due_clock", None)
            waiting = m.circulated_at is None and not m.voided
            due = DueCell.of(joined, waiting, now, fallback(m, joined) if waiting else None)
            asked, answered = answers.get(m.id, (0, 0))
            late = due.late or m.id in late_answers
            values = [m.number, fmt_datetime(m.held_at), label(MEETING_KINDS, m.kind), m.subject, m.chair.name,
                      m.minutes_keeper.name, str(decisions.get(m.id, 0)),
                      fmt_datetime(m.circulated_at) if m.circulated_at else _("Not yet"),
                      f"{answered} / {asked}" if asked else "", due.text]
            tip = "\n".join(t for t in (due.tooltip, _("A department's written response is late.")
                                        if m.id in late_answers else "", m.minutes[:500]) if t)
            rows.append(Row(m.id, values, warn=late, void=m.voided, tooltip=tip,
                            raw={"circulated": m.circulated_at is not None, "asked": asked, "answered": answered,
                                 "held_on": fmt_date(m.held_on)}))
        return rows
