"""Closing the loop: due times of the default rules, lateness, escalation, My work, duties."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from feedback_desk.base import clock, records, settings, staff
from feedback_desk.loop import rules as dr, clocks as deadlines, duties, my_work
from feedback_desk.loop.models import Escalation, ItemClock, Rule
from feedback_desk.base.models import Change, Department, Staff
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room, ServiceSheet
from feedback_desk.desks.suggestions.models import Suggestion

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
H = dt.timedelta(hours=1)


def utc(y, m, d, hh=0, mm=0) -> dt.datetime:
    """Naive UTC of a Shanghai wall-clock time (computed apart from the code)."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH).astimezone(dt.timezone.utc).replace(tzinfo=None)


@pytest.fixture
def people(db, shanghai):
    dining = Department.get(Department.name == "Dining")
    made = {}
    for name, role in (("李娜", "staff"), ("周强", "head"), ("刘副总", "deputy_gm"), ("陈总", "gm"), ("王芳", "staff")):
        person = staff.save_staff(name, dining.id, roles=[role])
        made[role if role != "staff" else name] = person
    return made


def complaint(by, at, handler=None, serious=False, dept=None) -> Feedback:
    clock.set_now(at)
    return records.create_record(Feedback, {
        "channel": "phone", "kind": "complaint", "date": clock.today_local(), "text": "汤里有头发",
        "state": "registered", "serious": serious, "handler": handler, "department": dept,
        "register_no": f"客诉-{at.isoformat()}-{serious}"}, by)


def anomaly(by, at, severity="general") -> AnomalySheet:
    clock.set_now(at)
    return records.create_record(AnomalySheet, {
        "number": f"QA-{at.isoformat()}", "source": "internal", "found_at": at, "product": "面包",
        "product_key": "面包", "description": "霉点", "severity": severity}, by)


# --- the due time of each default rule ------------------------------------------------------

def test_a_complaint_is_answered_within_24_hours(people):
    item = complaint(people["王芳"], utc(2026, 11, 13, 10))   # Friday: hours ignore the weekend
    assert deadlines.due_at(item) == utc(2026, 11, 14, 10)
    assert deadlines.time_left(item, utc(2026, 11, 14, 9)) == H
    assert not deadlines.is_late(item, utc(2026, 11, 14, 9, 59))
    assert deadlines.is_late(item, utc(2026, 11, 14, 10))


def test_a_suggestion_counts_24_hours_from_the_end_of_its_day(people):
    clock.set_now(utc(2026, 11, 14, 9))
    s = records.create_record(Suggestion, {"number": "建议-1", "received_on": dt.date(2026, 11, 14),
                                           "text": "宿舍热水"}, people["王芳"])
    assert deadlines.due_at(s) == utc(2026, 11, 16, 0)


def test_the_suggestion_rule_is_the_suggestion_desks_setting(people):
    dr.save_rule("suggestion.answer", {"amount": 48}, people["gm"])
    assert settings.get_int("suggestions.answer_hours") == 48


@pytest.mark.parametrize("due_on, expected", [
    (dt.date(2026, 11, 13), utc(2026, 11, 17)),   # Friday → over the weekend: end of Monday 16th
    (dt.date(2026, 9, 30), utc(2026, 10, 9)),     # over 国庆: end of Thursday 8 October
    (dt.date(2026, 2, 13), utc(2026, 2, 15)),     # onto the 调休 Saturday 14 February
])
def test_assigned_work_is_reported_a_working_day_after_its_deadline(people, due_on, expected):
    sheet = anomaly(people["王芳"], utc(2026, 2, 1, 9))
    action = records.create_record(CapaAction, {"sheet": sheet, "kind": "corrective", "what": "换筛网",
                                                 "owner": people["李娜"], "due_on": due_on}, people["王芳"])
    assert deadlines.due_at(action) == expected


def test_a_maintenance_follow_up_is_reported_on_by_the_end_of_each_working_day(people):
    room = Room.create(number="1201", floor=12)
    clock.set_now(utc(2026, 5, 8, 15))   # Friday: by the end of that day
    item = records.create_record(MaintenanceItem, {"room": room, "description": "空调滴水"}, people["王芳"])
    assert deadlines.due_at(item) == utc(2026, 5, 9)
    clock.set_now(utc(2026, 5, 9, 10))   # Saturday 9 May is a 调休 working day: that day too
    item = records.create_record(MaintenanceItem, {"room": room, "description": "门锁松动"}, people["王芳"])
    assert deadlines.due_at(item) == utc(2026, 5, 10)
    clock.set_now(utc(2026, 5, 2, 15))   # during 劳动节 (1–5 May): the first working day after
    item = records.create_record(MaintenanceItem, {"room": room, "description": "灯不亮"}, people["王芳"])
    assert deadlines.due_at(item) == utc(2026, 5, 7)


def test_a_service_sheet_is_verified_the_same_day(people):
    clock.set_now(utc(2026, 11, 14, 9))
    sheet = records.create_record(ServiceSheet, {"date": dt.date(2026, 11, 14), "floor": 12,
                                                 "attendant": people["李娜"]}, people["李娜"])
    assert deadlines.due_at(sheet) == utc(2026, 11, 15, 0)


def test_a_safety_hazard_is_reported_within_2_hours_and_an_emergency_1_hour_after_handling(people):
    item = anomaly(people["王芳"], utc(2026, 11, 14, 9))
    row = deadlines.mark(item, "safety", people["王芳"])
    assert row.due_at == utc(2026, 11, 14, 11) and deadlines.due_at(item) == utc(2026, 11, 14, 11)
    other = complaint(people["王芳"], utc(2026, 11, 14, 9), handler=people["李娜"])
    deadlines.mark(other, "emergency", people["王芳"], handled_at=utc(2026, 11, 14, 9, 30))
    assert deadlines.due_at(other) == utc(2026, 11, 14, 10, 30)
    assert [c.new for c in records.history(Feedback, other.id) if c.field == "deadline_flag"] == ["emergency"]


def test_serious_complaints_go_to_the_deputy_and_major_sheets_to_the_general_manager(people):
    serious = complaint(people["王芳"], utc(2026, 11, 14, 9), handler=people["李娜"], serious=True)
    major = anomaly(people["王芳"], utc(2026, 11, 14, 9), "major")
    deadlines.run_checks(utc(2026, 11, 14, 9, 1))
    assert [(e.step, e.to_role, e.to_staff_id) for e in deadlines.escalations_of(serious)] == [
        (0, "deputy_gm", people["deputy_gm"].id)]
    assert [(e.step, e.to_role, e.to_staff_id) for e in deadlines.escalations_of(major)] == [
        (0, "gm", people["gm"].id)]
    assert deadlines.due_at(major) == utc(2026, 11, 15, 9)
    assert [w.why for w in my_work.my_work(people["deputy_gm"], utc(2026, 11, 14, 10))
            if w.desk == "complaint"] == ["referred"]


# --- late, escalated, stopped -----------------------------------------------------------------

def _steps(item):
    return [(e.step, e.to_role, e.to_staff_id) for e in deadlines.escalations_of(item)]


def test_a_late_complaint_climbs_one_step_per_grace_period_and_stops_when_answered(people):
    item = complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    due = utc(2026, 11, 14, 10)
    assert not deadlines.run_checks(due - dt.timedelta(minutes=1)).late
    result = deadlines.run_checks(due)
    assert [r.item_id for r in result.late] == [item.id] and not result.escalated
    assert not deadlines.run_checks(due + 23 * H).changed
    result = deadlines.run_checks(due + 24 * H)
    assert _steps(item) == [(1, "head", people["head"].id)] and len(result.escalated) == 1
    deadlines.run_checks(due + 48 * H)
    assert _steps(item)[-1] == (2, "deputy_gm", people["deputy_gm"].id)
    deadlines.run_checks(due + 100 * H)
    deadlines.run_checks(due + 500 * H)   # the chain ends at the general manager
    assert [s[1] for s in _steps(item)] == ["head", "deputy_gm", "gm"]
    history = [c.new for c in records.history(Feedback, item.id) if c.field == "escalation"]
    assert history == ["1 head 周强", "2 deputy_gm 刘副总", "3 gm 陈总"]
    assert {w.why for w in my_work.my_work(people["head"], due + 500 * H)} == {"escalated"}

    clock.set_now(due + 501 * H)
    records.update_record(Feedback, item.id, item.version, {"state": "replied", "reply_method": "phone"},
                          people["李娜"])
    result = deadlines.run_checks(due + 501 * H)
    assert result.stopped == 1
    assert not deadlines.is_late(Feedback.get_by_id(item.id), due + 600 * H)
    deadlines.run_checks(due + 700 * H)
    assert len(_steps(item)) == 3
    assert my_work.my_work(people["head"], due + 700 * H) == []


def test_an_item_answered_in_time_never_escalates(people):
    item = complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    deadlines.run_checks(utc(2026, 11, 13, 11))
    clock.set_now(utc(2026, 11, 13, 12))
    records.update_record(Feedback, item.id, item.version, {"state": "closed"}, people["李娜"])
    deadlines.run_checks(utc(2026, 11, 30))
    assert _steps(item) == [] and deadlines.late_count("complaint", utc(2026, 11, 30)) == 0


def test_run_checks_twice_changes_nothing_the_second_time(people):
    complaint(people["王芳"], utc(2026, 11, 10, 10), handler=people["李娜"], serious=True)
    complaint(people["王芳"], utc(2026, 11, 12, 10))
    anomaly(people["王芳"], utc(2026, 11, 11, 9), "major")
    now = utc(2026, 11, 14, 12)
    first = deadlines.run_checks(now)
    assert first.changed

    def snapshot():
        return ([tuple(r.__data__.values()) for r in ItemClock.select().order_by(ItemClock.id)],
                Escalation.select().count(), Change.select().count())

    before = snapshot()
    assert not deadlines.run_checks(now).changed
    assert snapshot() == before
    assert deadlines.late_count("complaint", now) == 2


def test_a_rule_change_applies_to_new_items_only(people):
    old = complaint(people["王芳"], utc(2026, 11, 13, 10))
    rule = dr.save_rule("complaint.answer", {"amount": 48}, people["gm"], expected_version=1)
    assert rule.version == 2 and "new items only" in dr.CHANGE_NOTE
    new = complaint(people["王芳"], utc(2026, 11, 13, 11))
    assert deadlines.due_at(old) == utc(2026, 11, 14, 10)
    assert deadlines.due_at(new) == utc(2026, 11, 15, 11)
    assert ItemClock.get(ItemClock.item_id == old.id).rule_version == 1


# --- My work ----------------------------------------------------------------------------------

def test_my_work_lists_what_a_person_owns_by_due_time(people):
    later = complaint(people["王芳"], utc(2026, 11, 13, 12), handler=people["李娜"])
    sooner = complaint(people["王芳"], utc(2026, 11, 13, 10), handler=people["李娜"])
    complaint(people["王芳"], utc(2026, 11, 13, 9), handler=people["王芳"])
    action = records.create_record(CapaAction, {"sheet": anomaly(people["王芳"], utc(2026, 11, 13, 8)),
                                                "kind": "corrective", "what": "换筛网", "owner": people["李娜"],
                                                "due_on": dt.date(2026, 11, 20)}, people["王芳"])
    deadlines.run_checks(utc(2026, 11, 13, 12, 1))  # the minute check gives them their clocks
    work = my_work.my_work(people["李娜"], utc(2026, 11, 14, 11))
    assert [(w.desk, w.item_id) for w in work] == [("complaint", sooner.id), ("complaint", later.id),
                                                   ("capa", action.id)]
    assert [w.late for w in work] == [True, False, False] and work[1].left == H
    assert {w.why for w in work} == {"owner"}
    # the head sees none of them, only the unowned anomaly sheet raised in the department
    assert [(w.desk, w.why) for w in my_work.my_work(people["head"], utc(2026, 11, 14, 11))] == [
        ("anomaly", "department")]


def test_a_head_sees_the_unowned_items_of_the_department(people):
    item = complaint(people["王芳"], utc(2026, 11, 13, 10), dept=people["head"].department_id)
    assert my_work.my_work(people["head"], utc(2026, 11, 13, 11)) == []  # until a check has seen it
    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    work = my_work.my_work(people["head"], utc(2026, 11, 13, 11))
    assert [(w.item_id, w.why) for w in work] == [(item.id, "department")]


# --- periodic duties --------------------------------------------------------------------------

def _shown(now):
    return {(d.duty, d.period) for d in duties.duties(now)}


def test_periodic_duties_appear_when_due_and_are_fulfilled(people):
    assert ("revisit", "2026-01") not in _shown(utc(2026, 1, 26, 12))
    now = utc(2026, 1, 28, 12)
    # open duties stay a quarter past their day: last October's revisits are still owed
    assert _shown(now) == {("revisit", "2026-01"), ("quarterly_summary", "2025-Q4"),
                           ("satisfaction_survey", "2025"), ("revisit", "2025-10")}
    assert {w.duty_key for w in my_work.my_work(people["deputy_gm"], now)} == _shown(now)
    assert my_work.my_work(people["李娜"], now) == []

    clock.set_now(now)
    records.create_record(Feedback, {"channel": "revisit", "kind": "praise", "date": dt.date(2026, 1, 20),
                                     "text": "回访"}, people["王芳"])          # before the window: not it
    assert ("revisit", "2026-01") in _shown(now)
    records.create_record(Feedback, {"channel": "revisit", "kind": "praise", "date": dt.date(2026, 1, 28),
                                     "text": "回访"}, people["王芳"])
    records.create_record(Feedback, {"channel": "phone", "kind": "praise", "date": dt.date(2025, 11, 5),
                                     "text": "满意度调查", "rating_attitude": 4}, people["王芳"])
    duties.complete_duty("quarterly_summary", "2025-Q4", people["deputy_gm"], "交质管部")
    duties.complete_duty("revisit", "2025-10", people["deputy_gm"], "电话回访已做, 未录入")
    assert _shown(now) == set()
    done = {(d.duty, d.period): d.done_by for d in duties.duties(now, include_done=True)}
    assert done[("revisit", "2026-01")].startswith("feedback:") and done[("quarterly_summary", "2025-Q4")] == "hand"
    # a quarter later the next ones come
    assert _shown(utc(2026, 3, 26, 12)) == {("quarterly_summary", "2026-Q1")}
    assert ("satisfaction_survey", "2026") in _shown(utc(2026, 10, 1, 12))
