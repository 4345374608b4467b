"""Closing the loop (issue 7): each open item's due time, lateness and escalation.

Every actionable item gets a clock (`ItemClock`) the first time a check sees it open: its
rule (see deadline_rules), due time, owner and department. `run_checks(now)` — at start and
every minute — registers new items, stops the clock of items whose state answers them
(complaint replied/closed, suggestion answered/closed, anomaly sheet taken up, CAPA action
done, maintenance checked, service sheet verified, or void), reports items newly late, and
escalates late ones one step per grace period along the chain (handler → department head →
deputy general manager → general manager), each step an `Escalation` row and a history row
on the item. Running it twice changes nothing the second time. The check itself, over every
desk at once, is loop/minute_check.py; this module holds what it computes for one item (its
clock's values, its due steps, whom a step goes to) and what use cases do to one clock.
"""
from __future__ import annotations

import datetime as dt
import types
from typing import Any


from feedback_desk.base import access, clock, records, roles
from feedback_desk.loop import permissions, rules as dr, work_calendar as workcalendar
from feedback_desk.base.db import write_transaction
from feedback_desk.loop.items import DeadlineItem, deadline_items, desk_of  # noqa: F401  (desk_of: part of this module's use)
from feedback_desk.loop.models import Escalation, ItemClock, Rule
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Change, Staff

def staff_departments() -> dict[int, int | None]:
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


def clock_values(desk_name: str, item, rule: Rule, flag: str, handled_at, departments) -> dict:
    desk = deadline_items()[desk_name]
    start = _start(rule, desk, item, handled_at)
    start_at = start if isinstance(start, dt.datetime) else workcalendar.end_of_day_utc(start) \
        - dt.timedelta(days=1)
    return {"desk": desk_name, "item_id": item.id, "rule": rule.id, "rule_version": rule.version,
            "kind": desk.kind(item), "flag": flag, "handled_at": handled_at, "start_at": start_at,
            "due_at": dr.due_from(rule, start), "clock": rule.clock, "amount": rule.amount,
            "start": rule.start, "grace": rule.grace, "chain": rule.chain, "owner": desk.owner(item),
            "department": _department(desk, item, departments)}


def item_table(desk_name: str) -> str:
    """The table of a deadline item's records (where its history rows point)."""
    return deadline_items()[desk_name].model._meta.table_name


class Holders:
    """Whom an escalation step goes to (the handler, else the first holder of the role; a head of
    the item's department) and their names: each asked once per check, however many steps."""

    def __init__(self):
        self.holders: dict[tuple, int | None] = {}
        self.names: dict[int, str] = {}

    def of(self, role: str, owner_id, department_id) -> int | None:
        if role == "handler":
            return owner_id
        key = (role, department_id if role == roles.HEAD else None)
        if key not in self.holders:
            self.holders[key] = roles.first_holder(*key)
        return self.holders[key]

    def name(self, staff_id: int | None) -> str:
        if not staff_id:
            return ""
        if staff_id not in self.names:
            self.names[staff_id] = Staff.get_by_id(staff_id).name
        return self.names[staff_id]


# one escalation step to take: desk, item id, its clock's owner and department, step, role, when it fell due
Step = tuple[str, int, Any, Any, int, str, dt.datetime]


def escalate(steps: list[Step], now: dt.datetime, holders: Holders | None = None) -> list[Escalation]:
    """Take the steps inside the caller's transaction: an `Escalation` row each and a history row on
    its item, each table's rows in one statement run for all of them; returns the escalations (without ids)."""
    holders = holders or Holders()
    made, history = [], []
    for desk, item_id, owner_id, department_id, step, role, scheduled in steps:
        to = holders.of(role, owner_id, department_id)
        made.append(Escalation(desk=desk, item_id=item_id, step=step, to_role=role, to_staff=to,
                               scheduled_at=scheduled, at=now))
        history.append((item_table(desk), item_id, "escalate", "escalation", str(step - 1) if step else None,
                        f"{step} {role} {holders.name(to)}".strip(), now, None))
    records.insert_rows([Escalation.desk, Escalation.item_id, Escalation.step, Escalation.to_role, Escalation.to_staff,
                         Escalation.scheduled_at, Escalation.at],
                        [(e.desk, e.item_id, e.step, e.to_role, e.to_staff_id, e.scheduled_at, e.at) for e in made])
    records.insert_rows([Change.table, Change.record_id, Change.action, Change.field, Change.old, Change.new,
                         Change.at, Change.by], history)
    return made


def register_new(now: dt.datetime | None = None) -> int:
    """Give every open item without a clock its clock (and its referral, if the rule has one), in
    short write transactions (loop/minute_check.py). Looks first, outside any transaction; writes
    only when there is something new."""
    from feedback_desk.loop import minute_check

    return minute_check.register_new(now)


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
    values = clock_values(desk_name, item, rule, row.flag, row.handled_at, staff_departments())
    if rule.start in ("created", "progress"):
        values.update(start_at=now, due_at=dr.due_from(rule, now))
    values.update(step=row.step, late_seen=False, done_at=None, reported_at=None)
    ItemClock.update(**values).where(ItemClock.id == row.id).execute()
    return ItemClock.get_by_id(row.id)


def due_steps(row: ItemClock, now: dt.datetime) -> list[tuple[int, str, dt.datetime]]:
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


def run_checks(now: dt.datetime | None = None):
    """The minute check (loop/minute_check.py): a `CheckResult`."""
    from feedback_desk.loop import minute_check

    return minute_check.run_checks(now)


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
        values = clock_values(desk, item, rule, flag, handled_at or (now if flag == "emergency" else None),
                               staff_departments())
        if old is None:
            row = ItemClock.create(**values)
        else:
            values.update(step=old.step, late_seen=False)
            ItemClock.update(**values).where(ItemClock.id == old.id).execute()
            row = ItemClock.get_by_id(old.id)
        records.write_history(item_table(desk), item.id, "update", [("deadline_flag", old.flag if old else None, flag)],
                              by, now)
        if rule.refer_to and not Escalation.select().where(
                (Escalation.desk == desk) & (Escalation.item_id == item.id) & (Escalation.step == 0)).exists():
            escalate([(desk, item.id, row.owner_id, row.department_id, 0, rule.refer_to, now)], now)
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
        records.write_history(item_table(desk_name), item_id, "update", [("progress", None, note)], by, now)
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
