"""Closing the loop (issue 7): each open item's due time, lateness and escalation.

Every actionable item gets a clock (`ItemClock`) the first time a check sees it open: its
rule (see deadline_rules), due time, owner and department. `run_checks(now)` — at start and
every minute — registers new items, stops the clock of items whose state answers them
(complaint replied/closed, suggestion answered/closed, anomaly sheet taken up, CAPA action
done, maintenance checked, service sheet verified, or void), reports items newly late, and
escalates late ones one step per grace period along the chain (handler → department head →
deputy general manager → general manager), each step an `Escalation` row and a history row
on the item. Running it twice changes nothing the second time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import types
from typing import Any

import peewee as pw

from feedback_desk.base import access, clock, records, roles
from feedback_desk.loop import permissions, rules as dr, work_calendar as workcalendar
from feedback_desk.base.db import differs, only_one_checker, write_transaction
from feedback_desk.loop.items import DeadlineItem, deadline_items, desk_of  # noqa: F401  (desk_of: part of this module's use)
from feedback_desk.loop.models import Escalation, ItemClock, Rule
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff

BATCH = 500  # clocks registered or stopped per write transaction


def _staff_departments() -> dict[int, int | None]:
    return dict(Staff.select(Staff.id, Staff.department).tuples())


def _department(desk: DeadlineItem, item, departments: dict) -> int | None:
    """The item's own department, else its owner's, else its author's."""
    return (desk.department(item) or departments.get(desk.owner(item))
            or departments.get(item.created_by_id))


def _start(rule: Rule, desk: DeadlineItem, item, handled_at) -> Any:
    if rule.start == "handled" and handled_at is not None:
        return handled_at
    if rule.start in ("day", "progress"):  # reported daily: from its day, until its first report
        return desk.day(item)
    if rule.start == "due_on" and desk.due_on(item) is not None:
        return desk.due_on(item)
    return item.created_at


def _clock_values(desk_name: str, item, rule: Rule, flag: str, handled_at, departments) -> dict:
    desk = deadline_items()[desk_name]
    start = _start(rule, desk, item, handled_at)
    start_at = start if isinstance(start, dt.datetime) else workcalendar.end_of_day_utc(start) \
        - dt.timedelta(days=1)
    return {"desk": desk_name, "item_id": item.id, "rule": rule.id, "rule_version": rule.version,
            "kind": desk.kind(item), "flag": flag, "handled_at": handled_at, "start_at": start_at,
            "due_at": dr.due_from(rule, start), "clock": rule.clock, "amount": rule.amount,
            "start": rule.start, "grace": rule.grace, "chain": rule.chain, "owner": desk.owner(item),
            "department": _department(desk, item, departments)}


def _table(desk_name: str) -> str:
    return deadline_items()[desk_name].model._meta.table_name


def _holder(role: str, owner_id, department_id) -> int | None:
    if role == "handler":
        return owner_id
    return roles.first_holder(role, department_id if role == roles.HEAD else None)


def _escalate(row: ItemClock, step: int, role: str, scheduled: dt.datetime, now: dt.datetime) -> Escalation:
    to = _holder(role, row.owner_id, row.department_id)
    esc = Escalation.create(desk=row.desk, item_id=row.item_id, step=step, to_role=role, to_staff=to,
                            scheduled_at=scheduled, at=now)
    name = Staff.get_by_id(to).name if to else ""
    records.write_history(_table(row.desk), row.item_id, "escalate",
                          [("escalation", str(step - 1) if step else None, f"{step} {role} {name}".strip())],
                          None, now)
    return esc


def register_new(now: dt.datetime | None = None) -> int:
    """Give every open item without a clock its clock (and its referral, if the rule has one).
    Looks first, outside any transaction; writes only when there is something new."""
    now = now or clock.now_utc()
    rules = dr.active_rules()
    departments = _staff_departments()
    found = []
    for name, desk in deadline_items().items():
        seen = ItemClock.select(ItemClock.item_id).where(ItemClock.desk == name)
        found += [(name, item) for item in
                  desk.model.select().where(desk.base() & desk.open_sql() & desk.model.id.not_in(seen))]
    if not found:
        return 0
    made = 0
    for first in range(0, len(found), BATCH):  # short write transactions: saves elsewhere slip in between
        with write_transaction():
            for name, item in found[first:first + BATCH]:
                desk = deadline_items()[name]
                rule = dr.pick_rule(name, desk.kind(item), desk.severity(item), "", rules)
                if rule is None or ItemClock.select().where(
                        (ItemClock.desk == name) & (ItemClock.item_id == item.id)).exists():
                    continue  # no rule covers it, or another desk's check got there first
                values = _clock_values(name, item, rule, "", None, departments)
                if getattr(item, "anonymous", False) is True:  # its clock's id says nothing of when either
                    values["id"] = records.untraceable_ids(ItemClock, 1)[0]
                row = ItemClock.create(**values)
                made += 1
                if rule.refer_to:
                    _escalate(row, 0, rule.refer_to, now, now)
    return made


def restart(desk_name: str, item, now: dt.datetime | None = None) -> ItemClock | None:
    """Run an item's clock again, inside the caller's transaction, when the item opens again or its
    own deadline moves (a work item sent back, given a new date or another doer, reported again):
    its due time is counted afresh under the rule for the item as it now is — from now where the
    rule counts from when the item was entered or from its last report — keeping the escalation
    step it reached (a chain is not climbed twice). None when the check has not seen the item yet
    (the next check gives it its clock), or when no rule covers it now or it is not open (its clock stops)."""
    now = now or clock.now_utc()
    row = ItemClock.get_or_none((ItemClock.desk == desk_name) & (ItemClock.item_id == item.id))
    if row is None:
        return None
    desk = deadline_items()[desk_name]
    rule = dr.pick_rule(desk_name, desk.kind(item), desk.severity(item), row.flag)
    if rule is None or item.voided or not desk.is_open(item):
        ItemClock.update(done_at=now).where((ItemClock.id == row.id) & ItemClock.done_at.is_null()).execute()
        return None
    values = _clock_values(desk_name, item, rule, row.flag, row.handled_at, _staff_departments())
    if rule.start in ("created", "progress"):
        values.update(start_at=now, due_at=dr.due_from(rule, now))
    values.update(step=row.step, late_seen=False, done_at=None, reported_at=None)
    ItemClock.update(**values).where(ItemClock.id == row.id).execute()
    return ItemClock.get_by_id(row.id)


def _rekind(row: ItemClock, desk_name: str, item, departments) -> ItemClock | None:
    """The item changed kind (a CAPA action given a deadline, or its deadline taken away): its
    clock restarts under the rule of its new kind, keeping its escalation step; None when no
    rule covers the new kind (the clock stops)."""
    desk = deadline_items()[desk_name]
    rule = dr.pick_rule(desk_name, desk.kind(item), desk.severity(item), row.flag)
    if rule is None:
        ItemClock.update(done_at=clock.now_utc()).where(ItemClock.id == row.id).execute()
        return None
    values = _clock_values(desk_name, item, rule, row.flag, row.handled_at, departments)
    values.update(late_seen=False)
    ItemClock.update(**values).where(ItemClock.id == row.id).execute()
    records.write_history(_table(desk_name), item.id, "update", [("deadline_rule", row.rule_id, rule.id)], None,
                          clock.now_utc())
    return ItemClock.get_by_id(row.id)


@dataclasses.dataclass
class CheckResult:
    registered: int = 0
    stopped: int = 0
    late: list[ItemClock] = dataclasses.field(default_factory=list)        # newly late
    escalated: list[Escalation] = dataclasses.field(default_factory=list)  # new steps
    ran: bool = True  # False: another workstation was checking (its results are in the database)

    @property
    def changed(self) -> bool:
        return bool(self.registered or self.stopped or self.late or self.escalated)


def _due_steps(row: ItemClock, now: dt.datetime) -> list[tuple[int, str, dt.datetime]]:
    """The escalation steps (step, role, when it fell due) a late clock has not yet taken."""
    chain = dr.chain_of(row.chain)
    steps, step = [], row.step
    while step + 1 < len(chain):
        scheduled = dr.step_time(row.clock, row.grace, row.due_at, step + 1)
        if scheduled > now:
            break
        step += 1
        steps.append((step, chain[step], scheduled))
    return steps


def run_checks(now: dt.datetime | None = None) -> CheckResult:
    """The minute check (see module doc); idempotent for one `now`.

    It asks SQL for what needs doing (clocks of answered items, owners changed, clocks newly
    late or due a step) rather than reading every running clock and its item, and it reads
    outside any transaction (SQLite's WAL lets other desks write meanwhile): the write lock is
    taken only for what changed, so a check that finds nothing writes nothing. On the shared
    server one workstation checks at a time; a check asked for meanwhile elsewhere does nothing
    (`ran` False)."""
    with only_one_checker() as mine:
        return _check(now or clock.now_utc()) if mine else CheckResult(ran=False)


def _check(now: dt.datetime) -> CheckResult:
    result = CheckResult(registered=register_new(now))
    departments = _staff_departments()
    stops: list[int] = []
    moves: list[tuple[int, int | None, int | None]] = []       # clock id, owner, department
    late: list[tuple[str, ItemClock]] = []
    steps_left = pw.fn.LENGTH(ItemClock.chain) - pw.fn.LENGTH(pw.fn.REPLACE(ItemClock.chain, ",", ""))
    for name, desk in deadline_items().items():
        model = desk.model
        running = (ItemClock.desk == name) & ItemClock.done_at.is_null()
        live = desk.base() & desk.open_sql()
        stops += [i for (i,) in ItemClock.select(ItemClock.id).where(
            running & ItemClock.item_id.not_in(model.select(model.id).where(live))).tuples()]
        if desk.kinds_vary:  # few items (CAPA actions): looked at one by one
            rows = list(ItemClock.select().where(running & (ItemClock.kind != "")))
            items = {i.id: i for i in model.select().where(model.id.in_([r.item_id for r in rows]) & live)}
            for row in rows:
                item = items.get(row.item_id)
                if item is not None and desk.kind(item) != row.kind:
                    with write_transaction():
                        if _rekind(row, name, item, departments) is None:
                            result.stopped += 1
        owner, department = desk.owner_sql(), desk.department_sql()
        moves += list(ItemClock.select(ItemClock.id, owner, department)
                      .join(model, on=(model.id == ItemClock.item_id))
                      .where(running & live & (differs(ItemClock.owner, owner)
                                               | differs(ItemClock.department, department)))
                      .tuples())
        for row in (ItemClock.select().join(model, on=(model.id == ItemClock.item_id))
                    .where(running & live & (ItemClock.due_at <= now)
                           & ((ItemClock.late_seen == False) | (ItemClock.step < steps_left)))):  # noqa: E712
            if not row.late_seen or _due_steps(row, now):
                late.append((name, row))
    for first in range(0, len(stops), BATCH):
        with write_transaction():
            result.stopped += ItemClock.update(done_at=now).where(
                ItemClock.id.in_(stops[first:first + BATCH]) & ItemClock.done_at.is_null()).execute()
    for first in range(0, len(moves), BATCH):
        with write_transaction():
            for clock_id, owner_id, department_id in moves[first:first + BATCH]:
                ItemClock.update(owner=owner_id, department=department_id).where(ItemClock.id == clock_id).execute()
    for name, row in late:
        with write_transaction():  # one item at a time, checked again under the lock
            desk = deadline_items()[name]
            item = desk.model.get_or_none(desk.model.id == row.item_id)
            fresh = ItemClock.get_by_id(row.id)
            if fresh.done_at is not None:
                continue
            if item is None or item.voided or not desk.is_open(item):
                ItemClock.update(done_at=now).where(ItemClock.id == row.id).execute()
                result.stopped += 1
                continue
            if not fresh.late_seen:
                ItemClock.update(late_seen=True).where(ItemClock.id == row.id).execute()
                result.late.append(fresh)
            steps = _due_steps(fresh, now)
            for step, role, scheduled in steps:
                result.escalated.append(_escalate(fresh, step, role, scheduled, now))
            if steps:
                ItemClock.update(step=steps[-1][0]).where(ItemClock.id == row.id).execute()
    return result


# --- one item -------------------------------------------------------------------------------

def clock_of(item) -> ItemClock | None:
    desk = desk_of(item)
    if desk is None:
        return None
    return ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item.id))


def due_at(item) -> dt.datetime | None:
    """The item's due time (naive UTC): the one stored when it was first seen, else what its
    rule gives now; None when no rule covers it."""
    row = clock_of(item)
    if row is not None:
        return row.due_at
    desk = desk_of(item)
    if desk is None:
        return None
    rule = dr.pick_rule(desk, deadline_items()[desk].kind(item), deadline_items()[desk].severity(item))
    return None if rule is None else dr.due_from(rule, _start(rule, deadline_items()[desk], item, None))


def expected_due(desk_name: str, item, rules: list[Rule], overrides: dict | None = None,
                 meeting: dt.time | None = None) -> dt.datetime | None:
    """What an open item's due time will be when the next check gives it its clock (items
    entered in the last minute): `rules` (the active rules), `overrides` (the work calendar)
    and `meeting` (the morning-meeting time) are read once per page."""
    desk = deadline_items()[desk_name]
    rule = dr.pick_rule(desk_name, desk.kind(item), desk.severity(item), "", rules)
    return None if rule is None else dr.due_from(rule, _start(rule, desk, item, None), overrides, meeting)


def is_open(item) -> bool:
    desk = desk_of(item)
    return desk is not None and not item.voided and deadline_items()[desk].is_open(item)


def is_late(item, now: dt.datetime | None = None) -> bool:
    """Open and past its due time."""
    due = due_at(item)
    return due is not None and is_open(item) and (now or clock.now_utc()) >= due


def time_left(item, now: dt.datetime | None = None) -> dt.timedelta | None:
    """Time to the due time (negative when late); None when answered or without a rule."""
    due = due_at(item)
    if due is None or not is_open(item):
        return None
    return due - (now or clock.now_utc())


def escalations_of(item) -> list[Escalation]:
    desk = desk_of(item)
    return list(Escalation.select().where((Escalation.desk == desk) & (Escalation.item_id == item.id))
                .order_by(Escalation.step))


def concern(item) -> types.SimpleNamespace:
    """What the permissions ask of an item (loop/permissions.py): its owner and its department,
    as its clock has (or would have) them."""
    spec = deadline_items()[desk_of(item)]
    owner = spec.owner(item)
    people = [i for i in (owner, item.created_by_id) if i is not None]
    departments = dict(Staff.select(Staff.id, Staff.department).where(Staff.id.in_(people)).tuples())
    return types.SimpleNamespace(owner_id=owner, department_id=_department(spec, item, departments))


MARKING = {"": permissions.UNMARK, "safety": permissions.MARK_SAFETY, "emergency": permissions.MARK_EMERGENCY}


def mark(item, flag: str, by: Staff | None, handled_at: dt.datetime | None = None) -> ItemClock | None:
    """Mark an open item a safety hazard or an emergency (handled at `handled_at`, UTC) or
    clear the mark (''): its clock restarts under the matching rule; a history row says so.
    Anyone marks a hazard; an emergency its owner or a manager; a mark is taken off by the head
    concerned, the quality department, the GM's office or the (deputy) GM (loop/permissions.py)."""
    if flag not in ("", *dr.FLAGS):
        raise ValueError(flag)
    desk = desk_of(item)
    if desk is None or not is_open(item):
        return None
    access.require(MARKING[flag], by, concern(item))
    rule = dr.pick_rule(desk, deadline_items()[desk].kind(item), deadline_items()[desk].severity(item), flag)
    if rule is None:
        return None
    now = clock.now_utc()
    with write_transaction():
        old = clock_of(item)
        values = _clock_values(desk, item, rule, flag, handled_at or (now if flag == "emergency" else None),
                               _staff_departments())
        if old is None:
            row = ItemClock.create(**values)
        else:
            values.update(step=old.step, late_seen=False)
            ItemClock.update(**values).where(ItemClock.id == old.id).execute()
            row = ItemClock.get_by_id(old.id)
        records.write_history(_table(desk), item.id, "update", [("deadline_flag", old.flag if old else None, flag)],
                              by, now)
        if rule.refer_to and not Escalation.select().where(
                (Escalation.desk == desk) & (Escalation.item_id == item.id) & (Escalation.step == 0)).exists():
            _escalate(row, 0, rule.refer_to, now, now)
    return row


def reports_progress(row: ItemClock | None) -> bool:
    """Whether the clock is one of work reported daily (re-armed by each progress report)."""
    return row is not None and row.start == "progress" and row.done_at is None


def report_progress(desk_name: str, item_id: int, note: str, by: Staff | None,
                    now: dt.datetime | None = None) -> ItemClock:
    """A progress report on work with no deadline (对事情的处理进度作出回复): the note goes into
    the item's history and its clock moves on to the end of the next working day after today,
    so the owner reports again tomorrow; an item already late stops being late. Reported by its
    owner, the head of its department or the (deputy) general manager."""
    from feedback_desk.base.errors import ValidationError

    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say how far the work has got.")})
    now = now or clock.now_utc()
    with write_transaction():
        row = ItemClock.get_or_none((ItemClock.desk == desk_name) & (ItemClock.item_id == item_id))
        if not reports_progress(row):
            raise ValidationError({"note": _("This item has a deadline of its own; no daily report is due.")})
        access.require(permissions.REPORT_PROGRESS, by, row)
        if row.clock == "hours":
            due = now + dt.timedelta(hours=max(row.amount, row.grace))
        else:
            due = dr.add_clock(row.clock, clock.to_local(now).date(), row.amount + 1)
        ItemClock.update(due_at=due, reported_at=now, late_seen=False).where(ItemClock.id == row.id).execute()
        records.write_history(_table(desk_name), item_id, "update", [("progress", None, note)], by, now)
        return ItemClock.get_by_id(row.id)


# --- lists ----------------------------------------------------------------------------------

def late_condition(desk: str, now: dt.datetime | None = None):
    """WHERE condition on the desk's model: open, and its clock past its due time. The tab
    counts, the dashboard's overdue bars and each table's "Late by the rules" filter all use it."""
    now = now or clock.now_utc()
    spec = deadline_items()[desk]
    late_ids = ItemClock.select(ItemClock.item_id).where(
        (ItemClock.desk == desk) & ItemClock.done_at.is_null() & (ItemClock.due_at <= now))
    return spec.model.id.in_(late_ids) & spec.base() & spec.open_sql()


def late_count(desk: str, now: dt.datetime | None = None) -> int:
    """Open items of a desk past their due time (for the tab's count)."""
    return deadline_items()[desk].model.select().where(late_condition(desk, now)).count()
