"""The work desk's table (sorted and filtered in SQL): what was given, to whom, by when, and where it
stands; only the items the person signed in reads (permissions.readable); and the figures the
dashboard and the monthly summary take from it (acknowledgement times, late work per department).

The Due column shows the clock of the step the item waits for: the acknowledgement while it is
given, then the completion report (or the day's progress report), the giver's confirmation, the
ruling. An item is late by the rules when any of its running clocks is past its due time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import statistics

import peewee as pw

from feedback_desk.base import access, clock, search
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import N_, _
from feedback_desk.base.listing import NOTHING, Column, Filters, Listing, Row
from feedback_desk.base.models import Department, Staff
from feedback_desk.base.staff import departments
from feedback_desk.base.vocab import label
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.deadlines import WORK_CLOCKS
from feedback_desk.desks.work.models import WorkCopy, WorkItem
from feedback_desk.desks.work.vocab import OPEN_STATES, URGENCIES, WORK_KINDS, WORK_STATES
from feedback_desk.loop.due_columns import (LATE_CHOICE, DueCell, Fallback, clock_fields, due_column, join_clock,
                                            late_choice, late_condition)
from feedback_desk.loop.models import ItemClock

Giver = Staff.alias("giver")
Doer = Staff.alias("doer")
CLOCKS = {key: ItemClock.alias(f"{key}_clock") for key in WORK_CLOCKS}
# the clocks running in each state, the one the Due column shows first (a given item also counts
# down to its completion report)
RUNNING = {"given": ("work_ack", "work_done"), "in_progress": ("work_done",), "reported": ("work_confirm",),
           "ruling": ("work_ruling",)}


def reader_condition():
    """What the person signed in reads (everything when the program acts)."""
    if access.the_program_acts():
        return WorkItem.id.is_null(False)
    return permissions.readable(access.signed_in_id())


def late_sql(now: dt.datetime | None = None):
    """Open items with any clock past its due time."""
    condition = None
    for key in WORK_CLOCKS:
        late = late_condition(key, now)
        condition = late if condition is None else condition | late
    return condition


def due_text(item: WorkItem) -> str:
    """The due date, with the new one asked for beside it while unanswered ("Nov 18 → Nov 20 asked")."""
    if item.due_on is None:
        shown = _("No due date (reported daily)")
    else:
        shown = fmt_date(item.due_on)
    if item.asked_due_on is not None:
        shown += " → " + _("{date} asked").format(date=fmt_date(item.asked_due_on))
    return shown


class WorkListing(Listing):
    model = WorkItem
    date_field = WorkItem.given_on  # the find box's From … To
    default_sort = "given"
    default_descending = True
    columns = [
        Column("number", N_("Number"), WorkItem.number, width=140),
        Column("given", N_("Given on"), WorkItem.given_on, width=120),
        Column("kind", N_("Kind"), WorkItem.kind, width=130),
        Column("urgency", N_("Urgency"), WorkItem.urgency, width=70),
        Column("given_by", N_("Given by"), WorkItem.given_by, width=80),
        Column("doer", N_("Doer"), WorkItem.doer, width=80),
        Column("department", N_("Answering department"), WorkItem.department, width=110),
        Column("task", N_("Task"), width=260),
        Column("due_on", N_("Due date"), WorkItem.due_on, width=150, warns=True),
        Column("state", N_("State"), WorkItem.state, width=140, warns=True),
        due_column(WorkItem, *WORK_CLOCKS),
    ]

    def choices(self):
        return ([("", _("All work")), ("open", _("Open")), late_choice(),
                 ("to_acknowledge", _("Not yet acknowledged")), ("mine", _("Given to me")),
                 ("given_by_me", _("Given by me")), ("copied", _("Copied to me"))]
                + [(f"state:{k}", _(v)) for k, v in WORK_STATES.items()]
                + [(f"urgency:{k}", _(v)) for k, v in URGENCIES.items()]
                + [(f"kind:{k}", _(v)) for k, v in WORK_KINDS.items()]
                + [(f"department:{d.id}", _("Answered by {name}").format(name=d.name)) for d in departments(True)]
                + [(f"open_department:{d.id}", _("Open, answered by {name}").format(name=d.name))
                   for d in departments(True)]
                + [(f"late_department:{d.id}", _("Late, answered by {name}").format(name=d.name))
                   for d in departments(True)])

    def conditions(self, f: Filters) -> list:
        conds = [reader_condition()]
        term = f.text.strip()
        if term:
            conds.append(search.contains(WorkItem.task, term, WorkItem.result) | WorkItem.number.startswith(term))
        choice, me = f.choice, access.signed_in_id()
        if choice == "open":
            conds.append(WorkItem.state.in_(OPEN_STATES))
        elif choice == LATE_CHOICE:
            conds.append(late_sql())
        elif choice == "to_acknowledge":
            conds.append(WorkItem.state.in_(("decided", "given")))
        elif choice in ("mine", "given_by_me", "copied"):
            if me is None:
                conds.append(NOTHING)
            elif choice == "mine":
                conds.append(WorkItem.doer == me)
            elif choice == "given_by_me":
                conds.append(WorkItem.given_by == me)
            else:
                conds.append(WorkItem.id.in_(WorkCopy.select(WorkCopy.item).where(WorkCopy.staff == me)))
        elif choice.startswith("state:"):
            conds.append(WorkItem.state == choice[6:])
        elif choice.startswith("urgency:"):
            conds.append(WorkItem.urgency == choice[8:])
        elif choice.startswith("kind:"):
            conds.append(WorkItem.kind == choice[5:])
        elif choice.startswith("department:"):
            conds.append(WorkItem.department == int(choice[11:]))
        elif choice.startswith("open_department:"):  # the dashboard's bars of one department
            conds += [WorkItem.department == int(choice[16:]), WorkItem.state.in_(OPEN_STATES)]
        elif choice.startswith("late_department:"):
            conds += [WorkItem.department == int(choice[16:]), late_sql()]
        return conds

    def page_query(self) -> pw.Select:
        fields = [f for key in WORK_CLOCKS for f in clock_fields(CLOCKS[key])]
        query = (WorkItem.select(WorkItem, Giver.id, Giver.name, Doer.id, Doer.name, Department.id, Department.name,
                                 *fields)
                 .join(Giver, on=(WorkItem.given_by == Giver.id), attr="given_by")
                 .switch(WorkItem).join(Doer, on=(WorkItem.doer == Doer.id), attr="doer")
                 .switch(WorkItem).join(Department, pw.JOIN.LEFT_OUTER, on=(WorkItem.department == Department.id)))
        for key in WORK_CLOCKS:
            query = join_clock(query, WorkItem, key, CLOCKS[key], f"{key}_clock")
        return query

    def make_rows(self, records: list[WorkItem]) -> list[Row]:
        now = clock.now_utc()
        first = Fallback(WORK_CLOCKS[0])
        fallbacks = {key: first if key == WORK_CLOCKS[0] else Fallback(key, share=first) for key in WORK_CLOCKS}
        rows = []
        for w in records:
            running = () if w.voided else RUNNING.get(w.state, ())
            cells = {}
            for key in WORK_CLOCKS:
                joined = getattr(w, f"{key}_clock", None)
                waiting = key in running
                cells[key] = DueCell.of(joined, waiting, now, fallbacks[key](w, joined) if waiting else None)
            due = cells[running[0]] if running else DueCell(None, False, "", "")
            late = any(cell.late for cell in cells.values())
            task = w.task.replace("\n", " ")
            state = label(WORK_STATES, w.state)
            if w.state in OPEN_STATES and w.rounds:
                state += " · " + _("round {n} of 3").format(n=w.rounds)
            values = [w.number, fmt_date(w.given_on), label(WORK_KINDS, w.kind), label(URGENCIES, w.urgency),
                      w.given_by.name, w.doer.name, w.department.name if w.department_id else "",
                      task[:80] + ("…" if len(task) > 80 else ""), due_text(w), state, due.text]
            tip = "\n".join(t for t in (due.tooltip, *(c.tooltip for k, c in cells.items()
                                                        if c.late and c is not due), task[:500]) if t)
            rows.append(Row(w.id, values, warn=late or (w.urgency == "urgent" and w.state in OPEN_STATES),
                            void=w.voided, tooltip=tip,
                            raw={"state": w.state, "late": late, "urgency": w.urgency, "doer": w.doer_id,
                                 "given_by": w.given_by_id}))
        return rows


def overdue_count() -> int:
    """Open items late by the rules now (the monthly summary's still-open line)."""
    return WorkItem.select().where(late_sql() & (WorkItem.voided == False)).count()  # noqa: E712


@dataclasses.dataclass(frozen=True)
class DepartmentWork:
    """The dashboard's line of one answering department: open and late items, how long its
    acknowledgements took (in minutes: the median and the slowest) over the period asked."""
    department_id: int | None
    name: str
    open: int
    late: int
    acknowledged: int
    median_minutes: float | None
    slowest_minutes: float | None


def work_by_department(since: dt.date, until: dt.date) -> list[DepartmentWork]:
    """Open and late items per answering department now, and the acknowledgements of the items given
    from `since` to `until` (local days): the median and the slowest, most open first."""
    names = dict(Department.select(Department.id, Department.name).tuples())
    live = WorkItem.voided == False  # noqa: E712
    open_by = dict(WorkItem.select(WorkItem.department, pw.fn.COUNT(WorkItem.id))
                   .where(live & WorkItem.state.in_(OPEN_STATES)).group_by(WorkItem.department).tuples())
    late_by = dict(WorkItem.select(WorkItem.department, pw.fn.COUNT(WorkItem.id))
                   .where(live & late_sql()).group_by(WorkItem.department).tuples())
    waits: dict[int | None, list[float]] = {}
    for department, given, acknowledged in (WorkItem.select(WorkItem.department, WorkItem.given_at,
                                                            WorkItem.acknowledged_at)
                                            .where(live & WorkItem.given_on.between(since, until)
                                                   & WorkItem.acknowledged_at.is_null(False)
                                                   & WorkItem.given_at.is_null(False)).tuples()):
        given, acknowledged = _moment(given), _moment(acknowledged)
        waits.setdefault(department, []).append(max(0.0, (acknowledged - given).total_seconds() / 60))
    lines = []
    for department in set(open_by) | set(late_by) | set(waits):
        times = waits.get(department, [])
        lines.append(DepartmentWork(department, names.get(department, ""), open_by.get(department, 0),
                                    late_by.get(department, 0), len(times),
                                    statistics.median(times) if times else None, max(times) if times else None))
    return sorted(lines, key=lambda d: (-d.open, -d.late, d.name))


def _moment(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
