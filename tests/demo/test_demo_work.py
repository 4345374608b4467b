"""The demo's work desk (demo_work): work given through its steps, a ruling, meetings answered."""
from __future__ import annotations

import datetime as dt
import re

from feedback_desk.base import clock
from feedback_desk.base.models import Staff


def test_work_given_in_every_state_and_kind_through_its_steps(filled):
    from feedback_desk.desks.work.models import WorkCopy, WorkItem, WorkStep
    from feedback_desk.desks.work.vocab import WORK_KINDS, WORK_STATES
    items = list(WorkItem.select().where(WorkItem.voided == False))  # noqa: E712
    assert 30 <= len(items) <= 80 and filled["counts"]["work_items"] == len(items)
    assert {w.state for w in items} == set(WORK_STATES)
    assert {w.kind for w in items} == set(WORK_KINDS)
    now, today = clock.now_utc(), clock.today_local()
    for w in items:
        assert re.fullmatch(rf"工作-{w.given_on:%Y-%m}-\d{{4}}", w.number) and w.given_on <= today
        assert w.doer_id != w.given_by_id and w.updated_at <= now
        kinds = [k for (k,) in WorkStep.select(WorkStep.kind).where(WorkStep.item == w.id)
                 .order_by(WorkStep.at, WorkStep.id).tuples()]
        assert kinds[0] == "given"
        if w.state not in ("decided", "given"):
            assert w.acknowledged_at and "acknowledged" in kinds
        if w.state == "confirmed":
            assert kinds[-1] == "confirmed" and w.result
    delayed = [w for w in items if w.first_due_on != w.due_on]
    assert delayed and all(WorkStep.select().where((WorkStep.item == w.id) & (WorkStep.kind == "delay_answer")
                                                   & (WorkStep.decision == "accepted")).exists() for w in delayed)
    order = next(w for w in items if w.kind == "direct_order")
    assert order.urgency == "urgent" and WorkCopy.select().where((WorkCopy.item == order.id)
                                                                 & (WorkCopy.why == "head")).exists()
    assert WorkStep.select().where(WorkStep.kind == "sent_back").count() >= 3


def test_one_item_waits_for_the_front_office_heads_ruling_after_three_rounds(filled):
    from feedback_desk.desks.work.steps import steps_of
    from feedback_desk.desks.work.models import WorkItem
    waiting = list(WorkItem.select().where(WorkItem.state == "ruling"))
    assert len(waiting) == 1 == filled["counts"]["ruling"]
    item = waiting[0]
    assert item.rounds == 3 and Staff.get_by_id(item.ruler_id).name == "赵婷婷"
    steps = steps_of(item.id)
    assert [s.round for s in steps if s.round] == [1, 2, 3]
    assert steps[-1].kind == "ruling_asked" and steps[-1].staff.name == "赵婷婷"


def test_late_work_is_escalated_and_stands_out(filled):
    from feedback_desk.desks.work.deadlines import WORK_CLOCKS
    from feedback_desk.desks.work.listings import overdue_count
    from feedback_desk.loop.models import ItemClock
    assert 3 <= overdue_count() <= 20
    escalated = ItemClock.select().where(ItemClock.desk.in_(WORK_CLOCKS) & (ItemClock.step > 0)
                                         & ItemClock.done_at.is_null())
    assert escalated.count() >= 2


def test_monday_meetings_their_minutes_circulated_and_answered_some_outstanding(filled):
    from feedback_desk.desks.work.models import Meeting, MeetingResponse, WorkItem
    meetings = list(Meeting.select().order_by(Meeting.held_at))
    assert filled["counts"]["meetings"] == len(meetings) >= 5
    gm = [m for m in meetings if m.kind == "gm_meeting"]
    assert len(gm) >= 4 and all(clock.to_local(m.held_at).weekday() == 0 for m in gm)
    assert any(m.circulated_at - m.held_at > dt.timedelta(hours=24) for m in gm), "one circulated late"
    waiting = [m for m in meetings if m.circulated_at is None]
    assert len(waiting) == 1 and waiting[0].kind == "ad_hoc"
    assert {w.state for w in WorkItem.select().where(WorkItem.meeting == waiting[0].id)} == {"decided"}
    for m in gm:
        decisions = list(WorkItem.select().where(WorkItem.meeting == m.id))
        assert len(decisions) == 3 and all(d.given_by_id == m.chair_id for d in decisions)
        asked = {r.department_id for r in MeetingResponse.select().where(MeetingResponse.meeting == m.id)}
        assert asked == {d.department_id for d in decisions}
    outstanding = MeetingResponse.select().where(MeetingResponse.responded_at.is_null())
    assert outstanding.count() >= 1
    assert MeetingResponse.select().where(MeetingResponse.responded_at.is_null(False)).count() >= 8
