"""Closing the loop, continued: work with no deadline reported daily, the service sheet's
delivery to the front desk, rules of one's own and a rule's scope, and the schema-6 upgrade."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock, db as dbmod, records
from feedback_desk import opening
from feedback_desk.loop import rules as dr, clocks as deadlines, my_work
from feedback_desk.loop.models import Escalation, ItemClock, Rule
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.models import Change, SchemaVersion
from feedback_desk.desks.quality.models import CapaAction
from feedback_desk.desks.housekeeping.service_log import add_line, receive_sheet, verify_sheet
from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room, ServiceSheet

from test_deadlines import anomaly, complaint, people, utc  # noqa: F401  (people is a fixture)


def _clock(desk: str, item_id: int) -> ItemClock:
    return ItemClock.get((ItemClock.desk == desk) & (ItemClock.item_id == item_id))


def _action(people, at, due_on=None) -> CapaAction:  # noqa: F811
    sheet = anomaly(people["王芳"], at)
    clock.set_now(at)
    return records.create_record(CapaAction, {"sheet": sheet, "kind": "corrective", "what": "查明霉点来源",
                                               "owner": people["李娜"], "due_on": due_on}, people["王芳"])


# --- work with no deadline: progress reported every working day (日事日清) -----------------------

def _follow_up(people, at, text="空调滴水") -> MaintenanceItem:  # noqa: F811
    room = Room.get_or_none(Room.number == "1201") or Room.create(number="1201", floor=12)
    clock.set_now(at)
    return records.create_record(MaintenanceItem, {"room": room, "description": text, "owner": people["李娜"],
                                                   "state": "assigned"}, people["王芳"])


def test_work_without_a_deadline_is_reported_every_working_day(people):  # noqa: F811
    item = _follow_up(people, utc(2026, 11, 13, 10))         # Friday
    assert deadlines.due_at(item) == utc(2026, 11, 14)       # by the end of that Friday
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    assert _clock("maintenance", item.id).start == "progress"
    assert Rule.get_by_id(_clock("maintenance", item.id).rule_id).code == "work.daily"

    row = deadlines.report_progress("maintenance", item.id, "已报厂家，周一到件", people["李娜"],
                                    utc(2026, 11, 13, 17))
    assert row.due_at == utc(2026, 11, 17)                   # the next working day: end of Monday 16th
    progress = [c for c in records.history(MaintenanceItem, item.id) if c.field == "progress"]
    assert [(c.new, c.by_id) for c in progress] == [("已报厂家，周一到件", people["李娜"].id)]

    assert not deadlines.run_checks(utc(2026, 11, 16, 23, 59)).late
    result = deadlines.run_checks(utc(2026, 11, 17, 0, 1))   # nothing said on Monday
    assert [(r.desk, r.item_id) for r in result.late] == [("maintenance", item.id)]
    assert deadlines.late_count("maintenance", utc(2026, 11, 17, 9)) == 1

    deadlines.report_progress("maintenance", item.id, "配件到了，正在换", people["李娜"], utc(2026, 11, 17, 9))
    assert deadlines.late_count("maintenance", utc(2026, 11, 17, 9)) == 0
    assert _clock("maintenance", item.id).due_at == utc(2026, 11, 19)  # end of Wednesday 18th


def test_work_entered_on_a_day_off_is_first_reported_on_the_next_working_day(people):  # noqa: F811
    item = _follow_up(people, utc(2026, 11, 14, 10))         # Saturday
    assert deadlines.due_at(item) == utc(2026, 11, 17)       # end of Monday 16th


def test_a_progress_report_needs_words_and_a_daily_clock(people):  # noqa: F811
    item = _follow_up(people, utc(2026, 11, 13, 10))
    dated = _action(people, utc(2026, 11, 13, 10, 5), due_on=dt.date(2026, 11, 20))
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    with pytest.raises(ValidationError) as empty:
        deadlines.report_progress("maintenance", item.id, "  ", people["李娜"])
    assert "note" in empty.value.errors
    with pytest.raises(ValidationError) as has_deadline:
        deadlines.report_progress("capa", dated.id, "进行中", people["李娜"])
    assert "deadline of its own" in has_deadline.value.errors["note"]
    assert not Change.select().where(Change.field == "progress").exists()  # nothing half-saved


def test_giving_the_work_a_deadline_moves_it_to_the_deadline_rule_and_back(people):  # noqa: F811
    action = _action(people, utc(2026, 11, 13, 10))
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    action = records.update_record(CapaAction, action.id, action.version, {"due_on": dt.date(2026, 11, 20)},
                                   people["王芳"])
    deadlines.run_checks(utc(2026, 11, 13, 11))
    row = _clock("capa", action.id)
    assert (row.kind, row.start, row.due_at) == ("dated", "due_on", utc(2026, 11, 24))  # Fri 20th + 1 working day
    assert Rule.get_by_id(row.rule_id).code == "capa.report"
    assert [c.field for c in records.history(CapaAction, action.id)].count("deadline_rule") == 1

    records.update_record(CapaAction, action.id, action.version, {"due_on": None}, people["王芳"])
    deadlines.run_checks(utc(2026, 11, 13, 12))
    row = _clock("capa", action.id)
    assert (row.kind, row.start, Rule.get_by_id(row.rule_id).code) == ("open_ended", "progress", "work.daily")


# --- the service sheet at the front desk before the morning meeting ---------------------------

def test_a_service_sheet_reaches_the_front_desk_before_the_next_morning_meeting(people):  # noqa: F811
    room = Room.create(number="1201", floor=12)
    clock.set_now(utc(2026, 11, 14, 9))
    sheet = records.create_record(ServiceSheet, {"date": dt.date(2026, 11, 14), "floor": 12,
                                                 "attendant": people["李娜"]}, people["李娜"])
    add_line(sheet.id, {"room": room.number, "room_state": "stayover"}, people["李娜"])
    deadlines.run_checks(utc(2026, 11, 14, 9, 1))
    delivery = _clock("sheet_delivery", sheet.id)
    assert delivery.due_at == utc(2026, 11, 15, 8)           # 08:00, the morning meeting (a setting)
    assert delivery.owner_id is None and delivery.department_id == people["李娜"].department_id

    clock.set_now(utc(2026, 11, 14, 20))
    sheet = verify_sheet(sheet.id, ServiceSheet.get_by_id(sheet.id).version, people["head"])
    deadlines.run_checks(utc(2026, 11, 14, 20, 1))
    assert _clock("service_sheet", sheet.id).done_at is not None      # verified: that clock stops
    delivery = _clock("sheet_delivery", sheet.id)
    assert delivery.done_at is None and delivery.owner_id == people["head"].id  # the foreman carries it

    result = deadlines.run_checks(utc(2026, 11, 15, 8))
    assert [(r.desk, r.item_id) for r in result.late] == [("sheet_delivery", sheet.id)]
    result = deadlines.run_checks(utc(2026, 11, 16, 8))     # a day's grace later: one step up
    assert [(e.desk, e.step, e.to_role) for e in result.escalated] == [("sheet_delivery", 1, "head")]

    clock.set_now(utc(2026, 11, 16, 9))
    receive_sheet(sheet.id, sheet.version, people["王芳"])
    result = deadlines.run_checks(utc(2026, 11, 17, 9))
    assert result.stopped == 1 and not result.escalated
    assert _clock("sheet_delivery", sheet.id).done_at is not None
    assert Escalation.select().where(Escalation.desk == "sheet_delivery").count() == 1


def test_the_delivery_rule_follows_the_morning_meeting_setting(people):  # noqa: F811
    from feedback_desk.base import settings

    settings.put("service_log.morning_meeting", "07:30")
    assert dr.add_clock("meeting", dt.date(2026, 11, 14), 0) == utc(2026, 11, 15, 7, 30)
    assert dr.step_time("meeting", 1, utc(2026, 11, 15, 7, 30), 2) == utc(2026, 11, 17, 7, 30)


# --- rules of one's own, and a rule's scope ----------------------------------------------------

def _new_rule(**values):
    base = {"name": "VIP 投诉 4 小时内答复", "desk": "complaint", "kind": "", "severity": "general",
            "clock": "hours", "amount": 4, "start": "created", "grace": 4, "refer_to": "", "chain": "handler,head,gm"}
    return {**base, **values}


def test_a_rule_of_ones_own_covers_new_items_and_leaves_open_ones_alone(people):  # noqa: F811
    old = complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    rule = dr.create_rule(_new_rule(), people["gm"])
    assert rule.code.startswith("own.") and rule in dr.all_rules()
    new = complaint(people["王芳"], utc(2026, 11, 13, 11), handler=people["李娜"])
    assert deadlines.due_at(new) == utc(2026, 11, 13, 15)
    assert deadlines.due_at(old) == utc(2026, 11, 14, 10)   # keeps the seed's 24 hours
    serious = complaint(people["王芳"], utc(2026, 11, 13, 11), handler=people["李娜"], serious=True)
    assert deadlines.due_at(serious) == utc(2026, 11, 14, 11)  # the serious rule is still the closer fit


def test_a_new_rule_is_checked_field_by_field(people):  # noqa: F811
    with pytest.raises(ValidationError) as bad:
        dr.create_rule(_new_rule(name=" ", desk="kitchen", amount="两", grace=0), people["gm"])
    assert set(bad.value.errors) >= {"name", "desk", "amount", "grace"}
    with pytest.raises(ValidationError) as wrong_kind:
        dr.create_rule(_new_rule(kind="open_ended"), people["gm"])  # complaints have no kinds
    assert "kind" in wrong_kind.value.errors
    with pytest.raises(ValidationError) as clash:
        dr.create_rule(_new_rule(severity=""), people["gm"])  # complaint.answer covers that already
    assert "already covers" in clash.value.errors["desk"]
    assert not Rule.select().where(Rule.code.startswith("own.")).exists()


def test_a_rules_scope_can_be_changed(people):  # noqa: F811
    rule = dr.save_rule("complaint.answer", {"severity": "general", "name": "一般投诉 24 小时内答复"}, people["gm"])
    assert (rule.desk, rule.severity, rule.version) == ("complaint", "general", 2)
    assert dr.rule_label(rule) == "一般投诉 24 小时内答复"
    assert dr.pick_rule("complaint", "", "general").id == rule.id
    assert dr.pick_rule("complaint", "", "serious").code == "complaint.serious"
    with pytest.raises(ValidationError) as clash:  # complaint.serious covers serious complaints already
        dr.save_rule("suggestion.answer", {"desk": "complaint", "severity": "serious"}, people["gm"])
    assert "already covers" in clash.value.errors["desk"]
    assert Rule.get(Rule.code == "suggestion.answer").desk == "suggestion"  # nothing saved
    dr.save_rule("work.daily", {"active": False}, people["gm"])
    rule = dr.save_rule("capa.report", {"desk": "", "kind": "open_ended", "name": "无期限工作：两天一报"},
                        people["gm"])
    assert dr.pick_rule("maintenance", "open_ended", "").id == rule.id


# --- the upgrade -------------------------------------------------------------------------------

def test_a_schema_5_database_gets_the_new_clock_columns(schema5_file, tmp_path):
    path = schema5_file
    database = opening.open_database(path)
    try:
        assert {"kind", "amount", "start", "reported_at"} <= {c.name for c in database.get_columns("item_clock")}
        assert SchemaVersion.select(SchemaVersion.version).scalar() == dbmod.SCHEMA_VERSION
        assert (tmp_path / "five.db.schema5.bak").exists()
    finally:
        dbmod.close_database()


# --- the minute check keeps out of other desks' way -------------------------------------------

def test_a_check_with_nothing_new_takes_no_write_lock(people, caplog, monkeypatch):  # noqa: F811
    import logging

    complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    _action(people, utc(2026, 11, 13, 10, 5))
    deadlines.run_checks(utc(2026, 11, 13, 11))
    database = dbmod.database.obj
    begun = []
    real_begin = database.begin
    monkeypatch.setattr(database, "begin", lambda *a, **k: (begun.append(a or k), real_begin(*a, **k))[1])
    caplog.set_level(logging.DEBUG, logger="peewee")
    caplog.clear()
    result = deadlines.run_checks(utc(2026, 11, 13, 11, 1))
    assert not result.changed
    statements = [str(r.msg[0] if isinstance(r.msg, tuple) else r.msg).lstrip().split()[0].upper()
                  for r in caplog.records if r.name == "peewee"]
    assert statements and set(statements) == {"SELECT"}  # no INSERT, UPDATE or DELETE
    assert begun == []  # and no transaction, so no write lock
    deadlines.run_checks(utc(2026, 11, 14, 11))  # the complaint late: now it writes
    assert begun


def test_a_new_handler_takes_the_clock_with_them(people):  # noqa: F811
    from feedback_desk.base.models import Department
    from feedback_desk.desks.feedback.models import Feedback

    item = complaint(people["王芳"], utc(2026, 11, 13, 10))  # nobody handles it yet
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    row = _clock("complaint", item.id)
    assert row.owner_id is None and row.department_id == people["王芳"].department_id  # the author's
    front = Department.get(Department.name == "Front office")
    records.update_record(Feedback, item.id, item.version, {"handler": people["李娜"].id, "department": front.id},
                          people["王芳"])
    result = deadlines.run_checks(utc(2026, 11, 13, 11))
    assert not result.late and not result.escalated
    row = _clock("complaint", item.id)
    assert (row.owner_id, row.department_id) == (people["李娜"].id, front.id)
    assert [w.item_id for w in my_work.my_work(people["李娜"], utc(2026, 11, 13, 11))] == [item.id]


def test_rule_changes_are_in_the_history(people):  # noqa: F811
    rule = dr.save_rule("complaint.answer", {"amount": 12}, people["gm"], expected_version=1)
    own = dr.create_rule(_new_rule(), people["gm"])
    rows = [(c.record_id, c.action, c.field, c.old, c.new, c.by_id) for c in Change.select()
            .where(Change.table == "deadline_rule").order_by(Change.id)]
    assert (rule.id, "update", "amount", "24", "12", people["gm"].id) in rows
    assert (own.id, "create", "amount", None, "4", people["gm"].id) in rows
    with pytest.raises(ValidationError) as clash:  # beside the field that was changed
        dr.save_rule("complaint.answer", {"severity": "serious"}, people["gm"], expected_version=2)
    assert set(clash.value.errors) == {"severity"}
