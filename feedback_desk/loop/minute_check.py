"""The minute check (issue 7; set-based since issue 19): at start and every minute, over every
desk's deadline items, register new items, stop the clocks of answered ones, follow owners and
departments, report clocks newly late and escalate late ones (see loop/clocks.py).

It asks SQL for what needs doing rather than reading every running clock and its item, and reads
outside any transaction (SQLite's WAL lets other desks write meanwhile); the write lock is taken
only for what changed, so a check that finds nothing writes nothing. What it writes it writes
per batch (loop/turns.py): many clocks, late marks and steps in a few statements, each batch a
short write transaction, so a save at another workstation waits for one batch at most. The
batch's rows are looked at again under the lock (an item answered meanwhile is stopped, not
escalated; a clock registered meanwhile elsewhere is not made twice).

Items, answers and changes of owner are looked for only among the records changed since the
last check (loop/changes.py); the clocks falling due through a partial index of the clocks
still waiting for something (`ItemClock.waiting_sql`). On the shared server one workstation
checks at a time; a check asked for meanwhile elsewhere does nothing (`ran` False).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import operator

import peewee as pw

from feedback_desk.base import clock, records
from feedback_desk.base.db import differs, only_one_checker, refresh_statistics, write_transaction
from feedback_desk.loop import changes, clocks, rules as dr
from feedback_desk.loop.items import DeadlineItem, deadline_items
from feedback_desk.loop.models import Escalation, ItemClock
from feedback_desk.loop.turns import in_short_turns


MANY_CLOCKS = 1000  # clocks made, stopped or late in one check: the server's statistics of them are read again


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


def run_checks(now: dt.datetime | None = None) -> CheckResult:
    """The minute check (see module doc); idempotent for one `now`."""
    with only_one_checker() as mine:
        return _check(now or clock.now_utc()) if mine else CheckResult(ran=False)


def register_new(now: dt.datetime | None = None) -> int:
    """Every open item without a clock gets its clock (a rule about to change: under the rule as it is)."""
    return _register(changes.Changed(None), now or clock.now_utc())


def _all(*conditions):
    return functools.reduce(operator.and_, conditions)


def _among(field, ids: list[int] | None):
    """`field` among the changed records' ids (None: any)."""
    return [] if ids is None else [field.in_(ids)]


def _live(desk: DeadlineItem):
    return desk.base() & desk.open_sql()


def _has_clock(name: str, model):
    return pw.fn.EXISTS(ItemClock.select(pw.SQL("1")).where((ItemClock.desk == name) & (ItemClock.item_id == model.id)))


def _register(changed: changes.Changed, now: dt.datetime) -> int:
    """Clocks for the open items without one (among the changed records), computed for each item as
    `clocks.clock_values` computes one, written in short turns."""
    rules, departments = None, None
    planned: list[tuple[dict, str, bool]] = []  # a clock's values, its rule's referral, anonymous
    for name, desk in deadline_items().items():
        ids = desk.changed_ids(changed.ids)
        if ids == []:
            continue
        model = desk.model
        found = list(model.select().where(_all(_live(desk), ~_has_clock(name, model), *_among(model.id, ids))))
        if found and rules is None:
            rules, departments = dr.active_rules(), clocks.staff_departments()
        for item in found:
            rule = dr.pick_rule(name, desk.kind(item), desk.severity(item), "", rules)
            if rule is not None:
                planned.append((clocks.clock_values(name, item, rule, "", None, departments), rule.refer_to,
                                getattr(item, "anonymous", False) is True))
    made = []
    holders = clocks.Holders()

    def write(batch):
        keys = collections.defaultdict(list)
        for values, _refer, _anonymous in batch:
            keys[values["desk"]].append(values["item_id"])
        taken = set()  # another workstation's check got there first
        for desk_name, item_ids in keys.items():
            taken |= set(ItemClock.select(ItemClock.desk, ItemClock.item_id).where(
                (ItemClock.desk == desk_name) & ItemClock.item_id.in_(item_ids)).tuples())
        new = [p for p in batch if (p[0]["desk"], p[0]["item_id"]) not in taken]
        named = [values for values, _refer, anonymous in new if not anonymous]
        unnamed = [values for values, _refer, anonymous in new if anonymous]
        # an anonymous item's clock: its id says nothing of when either
        unnamed = [{"id": i, **values} for i, values in zip(records.untraceable_ids(ItemClock, len(unnamed)), unnamed)]
        _insert_clocks(named)
        _insert_clocks(unnamed)
        clocks.escalate([(v["desk"], v["item_id"], v["owner"], v["department"], 0, refer, now)
                         for v, refer, _anonymous in new if refer], now, holders)
        made.append(len(new))

    grown = [MANY_CLOCKS]

    def statistics_as_the_clocks_grow():
        """The server plans a query it is asked again and again once, for the table as it was then: as
        the first check fills the clocks, their statistics are read again at each doubling (which
        also plans again the queries that look for a clock already there)."""
        if sum(made) >= grown[0]:
            grown[0] *= 2
            refresh_statistics(ItemClock)

    in_short_turns(planned, write, between=statistics_as_the_clocks_grow)
    return sum(made)


def _insert_clocks(rows: list[dict]) -> None:
    """New clocks, as `ItemClock.create` makes each: not late, at step 0, running."""
    if rows:
        fresh = {"step": 0, "late_seen": False, "done_at": None, "reported_at": None}
        names = [*rows[0], *fresh]
        records.insert_rows([ItemClock._meta.fields[name] for name in names],
                            [tuple({**row, **fresh}[name] for name in names) for row in rows])


def _rekind(row: ItemClock, desk_name: str, item, departments) -> ItemClock | None:
    """The item changed kind (a CAPA action given a deadline, or its deadline taken away): its
    clock restarts under the rule of its new kind, keeping its escalation step; None when no
    rule covers the new kind (the clock stops)."""
    desk = deadline_items()[desk_name]
    rule = dr.pick_rule(desk_name, desk.kind(item), desk.severity(item), row.flag)
    if rule is None:
        ItemClock.update(done_at=clock.now_utc()).where(ItemClock.id == row.id).execute()
        return None
    values = clocks.clock_values(desk_name, item, rule, row.flag, row.handled_at, departments)
    values.update(late_seen=False)
    ItemClock.update(**values).where(ItemClock.id == row.id).execute()
    records.write_history(clocks.item_table(desk_name), item.id, "update", [("deadline_rule", row.rule_id, rule.id)],
                          None, clock.now_utc())
    return ItemClock.get_by_id(row.id)


def _check(now: dt.datetime) -> CheckResult:
    items = deadline_items()
    changed = changes.since_last_check(sorted({table for desk in items.values() for table in desk.tables()}))
    result = CheckResult(registered=_register(changed, now))
    departments = None
    stops: list[int] = []
    moves: dict[tuple, list[int]] = collections.defaultdict(list)   # (owner, department) → clock ids
    late: list[tuple[str, list[ItemClock]]] = []
    waiting = collections.defaultdict(list)  # the clocks falling due, of every desk in one look at their index
    for row in sorted(ItemClock.select().where(ItemClock.waiting_sql() & (ItemClock.due_at <= now)),
                      key=lambda row: row.id):  # sorted here: an ORDER BY id would have SQLite read the table whole
        waiting[row.desk].append(row)
    for name, desk in items.items():
        model = desk.model
        running = (ItemClock.desk == name) & ItemClock.done_at.is_null()
        live = _live(desk)
        ids = desk.changed_ids(changed.ids)
        if ids != []:
            answered = ~pw.fn.EXISTS(model.select(pw.SQL("1")).where((model.id == ItemClock.item_id) & live))
            stops += [i for (i,) in ItemClock.select(ItemClock.id).where(
                _all(running, answered, *_among(ItemClock.item_id, ids))).tuples()]
        if desk.kinds_vary and ids != []:  # few items (CAPA actions): looked at one by one
            rows = list(ItemClock.select().where(_all(running, ItemClock.kind != "", *_among(ItemClock.item_id, ids))))
            found = {i.id: i for i in model.select().where(model.id.in_([r.item_id for r in rows]) & live)}
            for row in rows:
                item = found.get(row.item_id)
                if item is not None and desk.kind(item) != row.kind:
                    departments = departments or clocks.staff_departments()
                    with write_transaction():
                        if _rekind(row, name, item, departments) is None:
                            result.stopped += 1
        moved = None if changed.people_changed() else ids
        if moved != []:
            owner, department = desk.owner_sql(), desk.department_sql()
            for clock_id, owner_id, department_id in (
                    ItemClock.select(ItemClock.id, owner, department).join(model, on=(model.id == ItemClock.item_id))
                    .where(_all(running, live, differs(ItemClock.owner, owner)
                                | differs(ItemClock.department, department), *_among(model.id, moved))).tuples()):
                moves[(owner_id, department_id)].append(clock_id)
        if waiting.get(name):
            open_ids = {i for part in pw.chunked([row.item_id for row in waiting[name]], 5000)
                        for (i,) in model.select(model.id).where(model.id.in_(part) & live).tuples()}
            due = [row for row in waiting[name] if row.item_id in open_ids
                   and (not row.late_seen or clocks.due_steps(row, now))]
            if due:
                late.append((name, due))

    def stop(batch):
        result.stopped += ItemClock.update(done_at=now).where(ItemClock.id.in_(batch)
                                                              & ItemClock.done_at.is_null()).execute()

    in_short_turns(stops, stop)
    for (owner_id, department_id), clock_ids in moves.items():
        in_short_turns(clock_ids, functools.partial(_move, owner_id, department_id))
    holders = clocks.Holders()
    for name, rows in late:
        in_short_turns(rows, functools.partial(_mark_late, items[name], now, result, holders))
    if result.registered + result.stopped + len(result.late) >= MANY_CLOCKS:
        refresh_statistics(ItemClock)
    changes.checked(changed)
    return result


def _move(owner_id, department_id, batch: list[int]) -> None:
    ItemClock.update(owner=owner_id, department=department_id).where(ItemClock.id.in_(batch)).execute()


def _mark_late(desk: DeadlineItem, now: dt.datetime, result: CheckResult, holders: clocks.Holders,
               batch: list[ItemClock]) -> None:
    """Inside the batch's write transaction: its clocks read again; those of items no longer open
    stopped, the others marked late (once) and taken up the steps that fell due."""
    fresh = {row.id: row for row in ItemClock.select().where(
        ItemClock.id.in_([row.id for row in batch]) & ItemClock.done_at.is_null())}
    model = desk.model
    live = {i for (i,) in model.select(model.id).where(
        model.id.in_([row.item_id for row in fresh.values()]) & _live(desk)).tuples()}
    gone = [i for i, row in fresh.items() if row.item_id not in live]
    if gone:
        result.stopped += ItemClock.update(done_at=now).where(ItemClock.id.in_(gone)).execute()
    rows = [fresh[row.id] for row in batch if row.id in fresh and fresh[row.id].item_id in live]
    newly = [row for row in rows if not row.late_seen]
    if newly:
        ItemClock.update(late_seen=True).where(ItemClock.id.in_([row.id for row in newly])).execute()
        result.late += newly
    steps: list[clocks.Step] = []
    reached: dict[int, list[int]] = collections.defaultdict(list)
    for row in rows:
        due = clocks.due_steps(row, now)
        steps += [(row.desk, row.item_id, row.owner_id, row.department_id, step, role, scheduled)
                  for step, role, scheduled in due]
        if due:
            reached[due[-1][0]].append(row.id)
    result.escalated += clocks.escalate(steps, now, holders)
    for step, clock_ids in reached.items():
        ItemClock.update(step=step).where(ItemClock.id.in_(clock_ids)).execute()
