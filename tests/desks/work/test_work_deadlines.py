"""The work desk's clocks: acknowledged within 30 minutes or 12 hours, reported a working day after
the due date (or every working day), confirmed and ruled within a working day; escalation up the
chain; a step that opens again runs its clock again; My work lists what waits to be acknowledged
first. Working days follow the calendar with its 调休 days."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import clock
from feedback_desk.desks.work import doing, giving
from feedback_desk.desks.work.deadlines import ACK, CONFIRM, DONE, RULING
from feedback_desk.loop import clocks, my_work
from feedback_desk.loop.models import Escalation, ItemClock, Rule

from test_work_rounds import _three_rounds
from work_hotel import MONDAY, START, hotel, repair, utc  # noqa: F401  (hotel: the fixture)

MINUTE = dt.timedelta(minutes=1)


def _clock(desk: str, item) -> ItemClock:
    return ItemClock.get((ItemClock.desk == desk) & (ItemClock.item_id == item.id))


def _rule(row: ItemClock) -> str:
    return Rule.get_by_id(row.rule_id).code


def _escalated(desk: str, item) -> list[tuple[int, str]]:
    return [(e.step, e.to_staff.name if e.to_staff_id else "") for e in
            Escalation.select().where((Escalation.desk == desk) & (Escalation.item_id == item.id)).order_by(Escalation.step)]


def test_urgent_work_is_acknowledged_within_30_minutes_and_climbs_the_chain(hotel):
    p = hotel["people"]
    order = giving.give({"kind": "direct_order", "doer": p["赵强"].id, "urgency": "urgent",
                         "task": "VIP 15:00 到店，1808 房空调先开好"}, p["陈总"])
    clocks.run_checks(START + MINUTE)
    row = _clock(ACK, order)
    assert (_rule(row), row.clock, row.due_at, row.owner_id) == (
        "work.acknowledge_urgent", "minutes", START + 30 * MINUTE, p["赵强"].id)
    assert not clocks.run_checks(START + 29 * MINUTE).late
    late = clocks.run_checks(START + 30 * MINUTE)
    assert [(r.desk, r.item_id) for r in late.late] == [(ACK, order.id)]
    clocks.run_checks(START + 60 * MINUTE)                       # one grace of 30 minutes on: the head
    clocks.run_checks(START + 120 * MINUTE)                      # then the deputy, then the GM
    assert _escalated(ACK, order) == [(1, "吴经理"), (2, "刘副总"), (3, "陈总")]
    clock.set_now(START + 121 * MINUTE)
    doing.acknowledge(order.id, order.version, p["赵强"], "收到，马上去")
    assert clocks.run_checks(START + 122 * MINUTE).stopped == 1
    assert _clock(ACK, order).done_at is not None


def test_other_work_is_acknowledged_within_12_hours_and_goes_to_the_head_at_24(hotel):
    item = repair(hotel, urgency="ordinary")
    clocks.run_checks(START + MINUTE)
    row = _clock(ACK, item)
    assert (_rule(row), row.due_at) == ("work.acknowledge", START + dt.timedelta(hours=12))
    clocks.run_checks(START + dt.timedelta(hours=23, minutes=59))
    assert _escalated(ACK, item) == []
    clocks.run_checks(START + dt.timedelta(hours=24))
    assert _escalated(ACK, item) == [(1, "吴经理")]


def _given_on(hotel, at: dt.datetime, due_on):
    clock.set_now(at)
    return repair(hotel, due_on=due_on)


def test_the_completion_report_is_due_a_working_day_after_the_due_date(hotel):
    cases = [(utc(2026, 11, 10, 9), dt.date(2026, 11, 13), utc(2026, 11, 17)),  # Friday: end of Monday
             (utc(2026, 9, 28, 9), dt.date(2026, 9, 30), utc(2026, 10, 9)),     # over 国庆: Thursday 8 Oct
             (utc(2026, 2, 10, 9), dt.date(2026, 2, 13), utc(2026, 2, 15))]     # the 调休 Saturday 14 Feb
    for at, due_on, expected in cases:
        item = _given_on(hotel, at, due_on)
        clocks.run_checks(at + MINUTE)
        row = _clock(DONE, item)
        assert (_rule(row), row.kind, row.due_at) == ("work.report", "dated", expected)


def test_work_with_no_due_date_is_reported_on_every_working_day(hotel):
    p = hotel["people"]
    item = _given_on(hotel, utc(2026, 2, 13, 10), None)          # Friday before the 调休 Saturday
    clocks.run_checks(utc(2026, 2, 13, 10, 1))
    row = _clock(DONE, item)
    assert (_rule(row), row.kind, row.due_at) == ("work.daily", "open_ended", utc(2026, 2, 14))
    clock.set_now(utc(2026, 2, 13, 17))
    item = doing.report_progress(item.id, item.version, "已联系厂家，明天来人", p["李师傅"])
    assert _clock(DONE, item).due_at == utc(2026, 2, 15)          # Saturday 14th is worked: its end
    assert [c.new for c in giving.item_history(item.id) if c.field == "progress"] == ["已联系厂家，明天来人"]
    late = clocks.run_checks(utc(2026, 2, 15, 0, 1))
    assert [(r.desk, r.item_id) for r in late.late] == [(DONE, item.id)]
    clock.set_now(utc(2026, 2, 15, 9))                            # Sunday: reported, due the next working day
    item = doing.report_progress(item.id, item.version, "厂家周一来", p["李师傅"])
    assert _clock(DONE, item).due_at > utc(2026, 2, 15, 9) and clocks.late_count(DONE, utc(2026, 2, 15, 9)) == 0


def test_the_giver_confirms_within_a_working_day_and_a_send_back_runs_the_doers_clock_again(hotel):
    p = hotel["people"]
    item = _given_on(hotel, utc(2026, 11, 12, 9), None)
    clocks.run_checks(utc(2026, 11, 12, 9, 1))
    clock.set_now(utc(2026, 11, 13, 16))                          # Friday afternoon
    item = doing.report_done(item.id, item.version, "已修好", p["李师傅"])
    clocks.run_checks(utc(2026, 11, 13, 16, 1))
    assert _clock(DONE, item).done_at is not None
    row = _clock(CONFIRM, item)
    assert (_rule(row), row.owner_id, row.due_at) == ("work.confirm", p["王芳"].id, utc(2026, 11, 17))
    clocks.run_checks(utc(2026, 11, 18, 0, 1))                    # a working day late: the giver's head
    assert _escalated(CONFIRM, item) == [(1, "周经理")]
    clock.set_now(utc(2026, 11, 18, 9))
    item = doing.send_back(item.id, item.version, "客人说还有异响", p["王芳"])
    clocks.run_checks(utc(2026, 11, 18, 9, 1))
    row = _clock(DONE, item)
    assert (row.done_at, row.due_at, row.late_seen) == (None, utc(2026, 11, 19), False)  # end of that day
    assert _clock(CONFIRM, item).done_at is not None
    clock.set_now(utc(2026, 11, 18, 15))
    item = doing.report_done(item.id, item.version, "更换风扇电机，异响消除", p["李师傅"])
    row = _clock(CONFIRM, item)                                   # runs again from the new report
    assert (row.done_at, row.due_at) == (None, utc(2026, 11, 20))


def test_a_delay_accepted_moves_the_completion_reports_due_time(hotel):
    p = hotel["people"]
    item = repair(hotel)                                          # due Wednesday 18th
    clocks.run_checks(START + MINUTE)
    assert _clock(DONE, item).due_at == utc(2026, 11, 20)         # end of Thursday 19th
    item = doing.ask_delay(item.id, item.version, "电容周五到货", p["李师傅"], new_due_on=dt.date(2026, 11, 20))
    assert _clock(DONE, item).due_at == utc(2026, 11, 20)         # asked, not yet accepted
    item = doing.answer_delay(item.id, item.version, True, p["王芳"])
    assert _clock(DONE, item).due_at == utc(2026, 11, 24)         # Friday 20th + 1 working day: Monday 23rd


def test_a_new_doer_gets_a_fresh_acknowledgement_clock(hotel):
    p = hotel["people"]
    item = repair(hotel)
    clocks.run_checks(START + MINUTE)
    clock.set_now(START + dt.timedelta(hours=3))
    item = giving.change_doer(item.id, item.version, p["黄丽"].id, "客房部有备用空调", p["王芳"])
    row = _clock(ACK, item)
    assert (row.owner_id, row.due_at, row.done_at) == (p["黄丽"].id, START + dt.timedelta(hours=15), None)
    assert _clock(DONE, item).owner_id == p["黄丽"].id


def test_a_ruling_is_due_within_a_working_day_and_goes_to_the_general_manager(hotel):
    clock.set_now(utc(2026, 11, 13, 10))                          # Friday
    item = _three_rounds(hotel, repair(hotel))
    clocks.run_checks(utc(2026, 11, 13, 10, 1))
    row = _clock(RULING, item)
    assert (_rule(row), row.owner_id, row.due_at) == ("work.ruling", hotel["people"]["周经理"].id, utc(2026, 11, 17))
    clocks.run_checks(utc(2026, 11, 18, 0, 1))
    assert _escalated(RULING, item) == [(1, "陈总")]


def test_my_work_lists_what_waits_to_be_acknowledged_first_then_by_due_time(hotel):
    p = hotel["people"]
    soon = repair(hotel, due_on=MONDAY, task="今天下班前检查 8 楼消防栓")
    doing.acknowledge(soon.id, soon.version, p["李师傅"])
    later = repair(hotel, urgency="ordinary", task="下周二前更换大堂吊灯灯泡", due_on=MONDAY + dt.timedelta(days=8))
    urgent = repair(hotel, urgency="urgent", task="1208 房卫生间漏水")
    clocks.run_checks(START + MINUTE)
    rows = [(w.desk, w.item_id) for w in my_work.my_work(p["李师傅"], START + 2 * MINUTE)]
    assert rows == [(ACK, urgent.id), (ACK, later.id), (DONE, soon.id), (DONE, urgent.id), (DONE, later.id)]
