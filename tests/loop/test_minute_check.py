"""The set-based minute check (issue 19) gives what the per-item path gives: on a copy of the demo
database (every desk's records) with its clocks taken away, the first check registers for each open
item the clock `clocks.clock_values` computes for it alone, and, the clock moved on, reports late
and escalates exactly the clocks and steps each clock's own row says (`clocks.due_steps`, the
handler or the role's first holder). Then: the writes go in short turns that let another
workstation in between; a check with nothing changed reads no desk's records; the index it reads
the clocks falling due through is there on an upgraded database and serves the query."""
from __future__ import annotations

import datetime as dt
import sqlite3

import peewee as pw
import pytest

from feedback_desk import opening
from feedback_desk.base import clock, db as dbmod, roles
from feedback_desk.base.db import write_transaction
from feedback_desk.base import staff
from feedback_desk.base.models import Change, Department
from feedback_desk.desks.feedback import guest_feedback
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.loop import changes, clocks, minute_check, rules as dr, turns
from feedback_desk.loop.items import deadline_items
from feedback_desk.loop.models import Escalation, ItemClock, Rule

from own_queries import count_queries
from test_deadlines import complaint, people  # noqa: F401  (people is a fixture)

FIELDS = ("rule", "rule_version", "kind", "flag", "handled_at", "start_at", "due_at", "clock", "amount", "start",
          "grace", "chain", "owner", "department")


@pytest.fixture
def no_clocks(demo_file, tmp_path):
    """A copy of the demo database whose items have no clocks yet (as after the upgrade that brought them)."""
    path = tmp_path / "demo.db"
    with sqlite3.connect(demo_file["path"]) as source, sqlite3.connect(path) as target:
        source.backup(target)
    with sqlite3.connect(path) as con:
        con.execute("DELETE FROM item_clock")
        con.execute("DELETE FROM escalation")
        con.execute("DELETE FROM change WHERE action = 'escalate'")
    opening.open_database(path)
    try:
        yield
    finally:
        dbmod.close_database()
        clock.set_now(None)


def _expected_clocks() -> dict[tuple[str, int], dict]:
    """Per open item, the clock the per-item path computes for it."""
    rules, departments = dr.active_rules(), clocks.staff_departments()
    out = {}
    for name, desk in deadline_items().items():
        for item in desk.model.select().where(desk.base() & desk.open_sql()):
            rule = dr.pick_rule(name, desk.kind(item), desk.severity(item), "", rules)
            if rule is not None:
                out[(name, item.id)] = clocks.clock_values(name, item, rule, "", None, departments)
    return out


def _clock_fields(row: ItemClock) -> dict:
    return {f: row.__data__[f] for f in FIELDS}


def _holder(role: str, owner_id, department_id):
    return owner_id if role == "handler" else roles.first_holder(role, department_id if role == roles.HEAD else None)


def _escalations() -> set[tuple]:
    return set(Escalation.select(Escalation.desk, Escalation.item_id, Escalation.step, Escalation.to_role,
                                 Escalation.to_staff, Escalation.scheduled_at, Escalation.at).tuples())


def _due_by_the_rows(now: dt.datetime) -> tuple[set, set]:
    """(clocks to report late, steps to take) at `now`, each clock's own row read one by one."""
    late, steps = set(), set()
    for row in ItemClock.select().where(ItemClock.done_at.is_null()):
        desk = deadline_items()[row.desk]
        item = desk.model.get_by_id(row.item_id)
        if item.voided or not desk.is_open(item) or row.due_at > now:
            continue
        if not row.late_seen:
            late.add(row.id)
        steps |= {(row.desk, row.item_id, step, role, _holder(role, row.owner_id, row.department_id), scheduled, now)
                  for step, role, scheduled in clocks.due_steps(row, now)}
    return late, steps


def test_the_first_check_gives_each_item_of_every_desk_the_clock_the_per_item_path_gives(no_clocks):
    now = clock.now_utc().replace(microsecond=0)
    clock.set_now(now)
    expected = _expected_clocks()
    assert len({desk for desk, _id in expected}) >= 8  # complaints, anomaly sheets, work, suggestions, safety …
    referred = {(desk, item_id, 0, rule.refer_to, _holder(rule.refer_to, v["owner"], v["department"]), now, now)
                for (desk, item_id), v in expected.items() if (rule := Rule.get_by_id(v["rule"])).refer_to}
    result = minute_check.run_checks(now)
    assert result.registered == len(expected)
    made = {(row.desk, row.item_id): row for row in ItemClock.select()}
    assert made.keys() == expected.keys()
    assert {k: _clock_fields(row) for k, row in made.items()} == {
        k: {f: v[f] for f in FIELDS} for k, v in expected.items()}
    referrals = {e for e in _escalations() if e[2] == 0}
    assert referrals == referred
    anonymous = {(row.desk, row.item_id) for row in made.values() if row.id < 0}
    assert anonymous == {(name, item.id) for name, desk in deadline_items().items()
                         if hasattr(desk.model, "anonymous")
                         for item in desk.model.select().where(desk.model.anonymous == True)  # noqa: E712
                         if (name, item.id) in expected}
    # where the rule does not count from the moment, the per-item restart computes the same clock again
    for (name, item_id), row in list(made.items())[::7]:
        if row.start in ("created", "progress"):
            continue
        with write_transaction():
            again = clocks.restart(name, deadline_items()[name].model.get_by_id(item_id), now)
        assert (_clock_fields(again), again.step) == (_clock_fields(row), row.step)


@pytest.mark.parametrize("days", [(1, 3, 40), (5,)])
def test_late_marks_and_escalations_are_those_each_clock_falls_due_for(no_clocks, days):
    start = clock.now_utc().replace(microsecond=0)
    minute_check.run_checks(start)
    for day in days:
        now = start + dt.timedelta(days=day)
        clock.set_now(now)
        late, steps = _due_by_the_rows(now)
        before = _escalations()
        history = Change.select().where(Change.action == "escalate").count()
        result = minute_check.run_checks(now)
        assert {row.id for row in result.late} == late
        assert {(e.desk, e.item_id, e.step, e.to_role, e.to_staff_id, e.scheduled_at, e.at)
                for e in result.escalated} == steps == _escalations() - before
        assert Change.select().where(Change.action == "escalate").count() == history + len(steps)
        assert {row.id for row in ItemClock.select().where(ItemClock.done_at.is_null() & ItemClock.late_seen)} >= late
        assert not minute_check.run_checks(now).changed  # twice: nothing the second time
    assert steps or late  # the demo has work left undone


def test_the_writes_let_another_workstation_in_between_batches(db, second_connection, monkeypatch):
    """Between two batches the write lock is free: another connection's save gets in without waiting."""
    saved = []

    def the_other_workstation_saves(_seconds):
        if isinstance(second_connection, pw.SqliteDatabase):
            second_connection.execute_sql("PRAGMA busy_timeout = 0")
            with second_connection.atomic("IMMEDIATE"):
                second_connection.execute_sql("UPDATE setting SET value = value WHERE 0")
        else:
            from feedback_desk.base import server
            with second_connection.atomic():
                got = second_connection.execute_sql("SELECT pg_try_advisory_xact_lock(%s)", (server.WRITE_LOCK,))
                assert got.fetchone()[0]
        saved.append(True)

    monkeypatch.setattr(turns.time, "sleep", the_other_workstation_saves)
    monkeypatch.setattr(turns, "TURN_S", 0.0)  # every batch "too long": the next one of a single row
    written = []
    turns.in_short_turns(list(range(8)), written.append, first=4)
    assert written == [[0, 1, 2, 3], [4], [5], [6], [7]] and len(saved) == 4


def test_a_check_with_nothing_changed_reads_no_desks_records(db, clerk):
    complaint = guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "text": "太吵",
                                                "date": clock.today_local()}, clerk)
    assert minute_check.run_checks().registered == 1
    with count_queries() as counted:
        result = minute_check.run_checks()
    tables = {m._meta.table_name for m in {d.model for d in deadline_items().values()}}
    read = [q.msg[0] for q in counted.get_queries() if "advisory" not in q.msg[0]]  # the server's check lock
    assert not result.changed
    # no look for new items, answered items or new owners: only the clocks falling due
    assert not [sql for sql in read if any(f'"{t}"' in sql for t in tables)]
    assert len(read) == 3  # the history's last id and its anonymous rows, the clocks falling due
    # a change through a use case is seen by the next check
    other = guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "text": "太冷",
                                            "date": clock.today_local()}, clerk)
    assert minute_check.run_checks().registered == 1
    assert {row.item_id for row in ItemClock.select()} == {complaint.id, other.id}


def test_an_anonymous_suggestion_dropped_after_a_check_gets_its_clock_at_the_next(db, clerk):
    """Its history rows have random negative ids, below the last id a check saw: their number tells."""
    suggestions.ensure_categories()
    minute_check.run_checks()
    entry = {"category": suggestions.categories()[0].id, "text": "宿舍热水时有时无", "anonymous": True}
    dropped = suggestions.drop_suggestion(entry, clerk)
    assert minute_check.run_checks().registered == 1
    row = ItemClock.get((ItemClock.desk == "suggestion") & (ItemClock.item_id == dropped.id))
    assert dropped.id < 0 and row.id < 0


def test_a_rule_put_back_in_use_covers_the_open_items_at_the_next_check(people):  # noqa: F811
    dr.save_rule("complaint.answer", {"active": False}, people["gm"])
    uncovered = complaint(people["李娜"], dt.datetime(2026, 11, 16, 2, 0))
    assert minute_check.run_checks().registered == 0  # no rule for a general complaint
    dr.save_rule("complaint.answer", {"active": True}, people["gm"])
    assert minute_check.run_checks().registered == 1
    assert ItemClock.get(ItemClock.item_id == uncovered.id).rule.code == "complaint.answer"


def test_a_handler_moved_to_another_department_takes_the_clock_there_at_the_next_check(people):  # noqa: F811
    handler = people["李娜"]
    item = complaint(people["王芳"], dt.datetime(2026, 11, 16, 2, 0), handler=handler.id)
    minute_check.run_checks()
    front = Department.get(Department.name == "Front office")
    staff.save_staff(handler.name, front.id, staff_id=handler.id, version=handler.version, roles=["staff"])
    minute_check.run_checks()
    assert ItemClock.get(ItemClock.item_id == item.id).department_id == front.id


def test_a_write_that_left_no_history_is_seen_at_the_next_full_look(db, clerk, monkeypatch):
    complaint = guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "text": "太吵",
                                                "date": clock.today_local()}, clerk)
    minute_check.run_checks()
    type(complaint).update(voided=True).where(type(complaint).id == complaint.id).execute()  # no history row
    assert minute_check.run_checks().stopped == 0
    monkeypatch.setattr(changes, "FULL_EVERY_S", 0.0)
    assert minute_check.run_checks().stopped == 1


def test_after_a_check_that_made_many_clocks_the_server_plans_for_them_at_once(db, clerk, monkeypatch):
    monkeypatch.setattr(minute_check, "MANY_CLOCKS", 1)
    guest_feedback.create_feedback({"channel": "phone", "kind": "complaint", "text": "太吵",
                                    "date": clock.today_local()}, clerk)
    minute_check.run_checks()
    if isinstance(db, pw.SqliteDatabase):  # a file gathers none: its plan does not rest on them
        assert "sqlite_stat1" not in db.get_tables()
    else:
        assert db.execute_sql("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables "
                              "WHERE relname = 'item_clock'").fetchone()[0]


@pytest.mark.sqlite_only
def test_the_clocks_falling_due_are_read_through_their_index(db):
    query = ItemClock.select().where(ItemClock.waiting_sql() & (ItemClock.due_at <= clock.now_utc()))
    sql, params = query.sql()
    plan = " ".join(str(r) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "item_clock_waiting" in plan


def _index_definition(database) -> str:
    if isinstance(database, pw.SqliteDatabase):
        return database.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'item_clock_waiting'").fetchone()[0]
    return database.execute_sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'item_clock_waiting'").fetchone()[0]


def test_step_18_makes_the_index_a_new_database_has(db, db_target):
    fresh = _index_definition(db)
    db.execute_sql('DROP INDEX "item_clock_waiting"')
    db.execute_sql("UPDATE schema_version SET version = 17")
    dbmod.close_database()
    database = opening.open_database(db_target)
    assert database.execute_sql("SELECT version FROM schema_version").fetchone()[0] == 18
    assert _index_definition(database) == fresh
