"""The work desk's paper forms: 工作联络单 (a work item from its giving to its confirmation, every
exchange in a table, the giver's and the doer's boxes) and 会议纪要 (a meeting, its minutes, its
decisions table and the departments' written responses, the chair's and the minutes keeper's boxes).

A work item's form is read by who may read the item (permissions.READ); a meeting's minutes are
circulated to the departments, every member of staff reads them.
"""
from __future__ import annotations

from pathlib import Path

from feedback_desk.base.i18n import N_, _
from feedback_desk.base.models import Department
from feedback_desk.base.vocab import label
from feedback_desk.desks.work.files import FILES
from feedback_desk.desks.work.giving import copies_of, read_item
from feedback_desk.desks.work.meetings import attendees_of, decisions_of, read_meeting, responses_of
from feedback_desk.desks.work.models import Meeting, WorkItem, WorkStep
from feedback_desk.desks.work.steps import steps_of
from feedback_desk.desks.work.vocab import (DELAY_ANSWERS, MEETING_KINDS, RULINGS, STEP_KINDS, URGENCIES,
                                            WORK_KINDS, WORK_STATES)
from feedback_desk.export import pictures
from feedback_desk.export.layout import PORTRAIT, C, FormSheet, local, staff_name

STEP_COLUMNS = (("#", 1), (N_("Time"), 3), (N_("Step"), 3), (N_("By"), 2), (N_("What was said"), 6))
DECISION_COLUMNS = ((N_("No."), 3), (N_("Task"), 4), (N_("Doer"), 2), (N_("Department"), 2), (N_("Due date"), 2),
                    (N_("State"), 2))
RESPONSE_COLUMNS = ((N_("Department"), 3), (N_("To answer"), 2), (N_("Answered at"), 3), (N_("Response"), 7))


def _department(department_id: int | None) -> str:
    found = Department.get_or_none(Department.id == department_id) if department_id else None
    return found.name if found else ""


def state_of(item: WorkItem) -> str:
    """The state as the table shows it, with the round of disagreement while open."""
    state = label(WORK_STATES, item.state)
    if item.rounds and item.state != "confirmed":
        state += " · " + _("round {n} of 3").format(n=item.rounds)
    return state


def step_text(form: FormSheet, step: WorkStep) -> str:
    """What the step said, with what it names besides: the person, the new date, the decision, the round."""
    parts = [step.text] if step.text else []
    if step.staff_id is not None and step.kind in ("given", "doer_changed"):
        parts.append(_("To: {name}").format(name=step.staff.name))
    elif step.staff_id is not None and step.kind == "help":
        parts.append(_("Colleague: {name}").format(name=step.staff.name))
    elif step.staff_id is not None:
        parts.append(_("Leader asked to rule: {name}").format(name=step.staff.name))
    if step.new_due_on is not None:
        parts.append(_("New date: {date}").format(date=step.new_due_on.isoformat()))
    if step.decision:
        words = RULINGS if step.kind == "ruled" else DELAY_ANSWERS
        parts.append(label(words, step.decision))
    if step.round:
        parts.append(_("round {n} of 3").format(n=step.round))
    return "\n".join(parts)


def _steps(form: FormSheet, item_id: int) -> int:
    """The steps table; returns its header row, repeated at the top of every page a long one runs on."""
    rows = [[C(i, 1, "center"), C(local(s.at), 3, "center"), C(label(STEP_KINDS, s.kind), 3),
             C(s.by.name if s.by_id is not None else "", 2, "center"), C(step_text(form, s), 6, "text")]
            for i, s in enumerate(steps_of(item_id), start=1)]
    form.section(N_("Steps"))
    return form.table(STEP_COLUMNS, rows)


def export_work_item(item_id: int, target, bilingual: bool = False) -> Path:
    """工作联络单: who gave what to whom and by when, every exchange, the report and its confirmation."""
    item: WorkItem = read_item(item_id)
    form = FormSheet("work_item", PORTRAIT, bilingual)
    urgent = item.urgency == "urgent"
    form.header(item.number, item.given_on, N_("Given on"),
                extra=[(N_("Urgency"), C(label(URGENCIES, item.urgency), style="warn" if urgent else "value"))])
    form.void_banner(item)
    meeting = Meeting.get_or_none(Meeting.id == item.meeting_id) if item.meeting_id else None
    form.fields([(N_("Kind"), label(WORK_KINDS, item.kind)), (N_("State"), state_of(item)),
                 (N_("Meeting"), meeting.number if meeting else "")])
    form.fields([(N_("Given by"), staff_name(item.given_by_id)), (N_("Giver's department"),
                                                                  _department(item.from_department_id)),
                 (N_("Doer"), staff_name(item.doer_id)), (N_("Answering department"), _department(item.department_id))],
                per_row=2)
    copied = "、".join(c.staff.name for c in copies_of(item.id))
    form.text(N_("Copied to"), copied, min_lines=1)
    form.text(N_("Task"), item.task, min_lines=4)
    first_due = item.first_due_on if item.first_due_on != item.due_on else None
    form.fields([(N_("Given at"), local(item.given_at)), (N_("Acknowledged at"), local(item.acknowledged_at)),
                 (N_("Due date"), item.due_on if item.due_on else _("None: reported daily"))])
    form.fields([(N_("Due date as given"), first_due), (N_("New date asked for"), item.asked_due_on),
                 (N_("Rounds of disagreement"), item.rounds or None)])
    if item.ruler_id:
        form.fields([(N_("Referred for a ruling to"), staff_name(item.ruler_id)),
                     (N_("Referred at"), local(item.ruling_asked_at))], per_row=2)
    steps_header = _steps(form, item.id)
    form.section(N_("Completion report and confirmation"))
    form.text(N_("Completion report"), item.result, min_lines=3)
    form.fields([(N_("Reported done at"), local(item.done_at)), (N_("Confirmed at"), local(item.confirmed_at))],
                per_row=2)
    pictures.files(form, FILES.files_of(item.id))
    form.gap()
    form.signatures([(N_("Given by"), staff_name(item.given_by_id), local(item.confirmed_at)),
                     (N_("Doer"), staff_name(item.doer_id), local(item.done_at))])
    return form.save(target, title_rows=f"{steps_header}:{steps_header}")


def _decisions(form: FormSheet, meeting_id: int) -> None:
    rows = []
    for d in decisions_of(meeting_id):
        rows.append([C(d.number, 3, "center"), C(d.task, 4, "text"), C(d.doer.name, 2, "center"),
                     C(_department(d.department_id), 2, "center"),
                     C(d.due_on if d.due_on else _("None"), 2, "center"), C(state_of(d), 2, "center")])
    form.section(N_("Decisions"))
    form.table(DECISION_COLUMNS, rows)


def _responses(form: FormSheet, meeting_id: int) -> None:
    rows = [[C(r.department.name, 3, "center"), C(r.owner.name if r.owner_id is not None else "", 2, "center"),
             C(local(r.responded_at) if r.responded_at else _("Not yet"), 3, "center"),
             C(r.text, 7, "text")] for r in responses_of(meeting_id)]
    form.section(N_("The departments' written responses"))
    form.table(RESPONSE_COLUMNS, rows)


def export_meeting_minutes(meeting_id: int, target, bilingual: bool = False) -> Path:
    """会议纪要: the meeting, its minutes, its decisions with their doers and due dates, when the minutes
    went out and each department's written response."""
    m: Meeting = read_meeting(meeting_id)
    form = FormSheet("meeting_minutes", PORTRAIT, bilingual)
    form.header(m.number, local(m.held_at), N_("Held at"), extra=[(N_("Kind"), label(MEETING_KINDS, m.kind))])
    form.void_banner(m)
    form.text(N_("Subject"), m.subject, min_lines=1)
    form.fields([(N_("Chair"), staff_name(m.chair_id)), (N_("Minutes keeper"), staff_name(m.minutes_keeper_id)),
                 (N_("Circulated at"), local(m.circulated_at) if m.circulated_at else _("Not yet"))])
    form.text(N_("Attendees"), "、".join(a.name for a in attendees_of(m.id)), min_lines=1)
    form.text(N_("Minutes of the meeting"), m.minutes, min_lines=6)
    _decisions(form, m.id)
    _responses(form, m.id)
    form.gap()
    form.signatures([(N_("Chair"), staff_name(m.chair_id), m.held_on),
                     (N_("Minutes keeper"), staff_name(m.minutes_keeper_id), local(m.circulated_at))])
    return form.save(target)
