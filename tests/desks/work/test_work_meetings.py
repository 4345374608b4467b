"""Meetings (会议通报与反馈): recorded, their decisions given when the minutes go out within 24 hours,
each department named answering in writing within a working day."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, records
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.listing import Filters
from feedback_desk.desks.work import doing, meetings
from feedback_desk.desks.work.deadlines import ACK, MINUTES, RESPONSE
from feedback_desk.desks.work.meeting_listings import MeetingListing
from feedback_desk.desks.work.models import Meeting, MeetingAttendee, MeetingResponse, WorkItem
from feedback_desk.loop import clocks
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.loop.models import Escalation, ItemClock

from work_hotel import MONDAY, START, hotel, utc  # noqa: F401  (hotel: the fixture)

HELD = dt.datetime(2026, 11, 16, 8, 30)  # Monday 08:30 in Shanghai, as a form gives it (local)


def _values(hotel, **values):
    p = hotel["people"]
    base = {"kind": "gm_meeting", "held_at": HELD, "subject": "总经理办公会（周一）", "chair": p["陈总"].id,
            "minutes_keeper": p["孙主任"].id, "attendees": [p["刘副总"].id, p["周经理"].id, p["吴经理"].id],
            "minutes": "一、上周客诉回顾；二、VIP 接待安排；三、12 楼空调检修。"}
    base.update(values)
    return base


def _meeting(hotel, **values):
    p = hotel["people"]
    m = meetings.record_meeting(_values(hotel, **values), p["孙主任"])
    front = meetings.add_decision(m.id, {"doer": p["周经理"].id, "task": "本周五前整理上月客诉，提出三条改进措施",
                                         "due_on": MONDAY + dt.timedelta(days=4)}, p["孙主任"])
    repair = meetings.add_decision(m.id, {"doer": p["李师傅"].id, "task": "12 楼空调周三前全部检修完",
                                          "due_on": MONDAY + dt.timedelta(days=2), "urgency": "important"},
                                   p["孙主任"])
    return Meeting.get_by_id(m.id), front, repair


def _clock(desk, item_id):
    return ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item_id))


def test_a_meeting_is_recorded_numbered_with_its_attendees_and_decisions(hotel):
    p = hotel["people"]
    m, front, repair = _meeting(hotel)
    assert (m.number, m.held_at, m.held_on, m.chair_id) == ("会议-2026-11-0001", utc(2026, 11, 16, 8, 30), MONDAY,
                                                           p["陈总"].id)
    assert [a.name for a in meetings.attendees_of(m.id)] == ["刘副总", "周经理", "吴经理"]
    assert [d.id for d in meetings.decisions_of(m.id)] == [front.id, repair.id]
    assert (repair.kind, repair.state, repair.given_by_id, repair.meeting_id, repair.given_at) == (
        "meeting_decision", "decided", p["陈总"].id, m.id, None)
    assert repair.number == "工作-2026-11-0002"
    clocks.run_checks(START)
    assert _clock(ACK, repair.id) is None          # nobody is asked to acknowledge before the minutes go out


@pytest.mark.parametrize("values, field", [
    ({"kind": "party"}, "kind"),
    ({"held_at": None}, "held_at"),
    ({"held_at": dt.datetime(2026, 11, 17, 9)}, "held_at"),     # tomorrow
    ({"held_at": "2026-11-16 08:30"}, "held_at"),
    ({"subject": " "}, "subject"),
    ({"chair": None}, "chair"),
    ({"minutes_keeper": "郑敏"}, "minutes_keeper"),             # no longer works here
    ({"attendees": [9999]}, "attendees"),
])
def test_a_bad_meeting_is_refused_beside_its_field(hotel, values, field):
    p = hotel["people"]
    values = {k: p[v].id if isinstance(v, str) and k == "minutes_keeper" else v for k, v in values.items()}
    with pytest.raises(ValidationError) as refused:
        meetings.record_meeting(_values(hotel, **values), p["孙主任"])
    assert list(refused.value.errors) == [field]
    assert Meeting.select().count() == MeetingAttendee.select().count() == 0


def test_a_decision_is_checked_as_any_work_and_never_given_to_the_chair(hotel):
    p = hotel["people"]
    m = meetings.record_meeting(_values(hotel), p["孙主任"])
    with pytest.raises(ValidationError) as chair:
        meetings.add_decision(m.id, {"doer": p["陈总"].id, "task": "自己办"}, p["孙主任"])
    assert "themself" in chair.value.errors["doer"]
    with pytest.raises(ValidationError) as empty:
        meetings.add_decision(m.id, {"doer": p["李师傅"].id, "task": ""}, p["孙主任"])
    assert list(empty.value.errors) == ["task"]
    assert WorkItem.select().count() == 0


def test_the_minutes_go_out_within_24_hours_or_climb_the_keepers_chain(hotel):
    m, _front, _repair = _meeting(hotel)
    clocks.run_checks(START)
    row = _clock(MINUTES, m.id)
    assert (row.due_at, row.owner_id) == (utc(2026, 11, 17, 8, 30), hotel["people"]["孙主任"].id)
    clocks.run_checks(utc(2026, 11, 17, 8, 30))
    assert clocks.late_count(MINUTES, utc(2026, 11, 17, 8, 30)) == 1
    clocks.run_checks(utc(2026, 11, 18, 8, 30))       # 24 hours later: the head of the GM's office (nobody), then up
    assert [e.to_role for e in Escalation.select().where(Escalation.desk == MINUTES)] == ["head"]


def test_circulating_gives_the_decisions_and_asks_each_department_for_its_response(hotel):
    p, d = hotel["people"], hotel["dept"]
    m, front, repair = _meeting(hotel, minutes="")
    with pytest.raises(ValidationError) as empty:
        meetings.circulate(m.id, m.version, p["孙主任"])
    assert list(empty.value.errors) == ["minutes"]
    m = meetings.update_meeting(m.id, m.version, {"minutes": "一、客诉回顾；二、空调检修。", "attendees": [p["周经理"].id]},
                                p["孙主任"])
    assert [a.name for a in meetings.attendees_of(m.id)] == ["周经理"]
    assert {c.field for c in records.history(Meeting, m.id)} >= {"minutes", "attendees"}
    clocks.run_checks(START)                                      # the minutes' clock runs
    circulated_at = utc(2026, 11, 16, 15)
    clock.set_now(circulated_at)
    m = meetings.circulate(m.id, m.version, p["孙主任"])
    assert (m.circulated_at, m.circulated_by_id) == (circulated_at, p["孙主任"].id)
    repair = WorkItem.get_by_id(repair.id)
    assert (repair.state, repair.given_at) == ("given", circulated_at)
    answers = meetings.responses_of(m.id)
    assert [(r.department.name, r.owner.name) for r in answers] == [("Front office", "周经理"), ("Engineering", "吴经理")]
    clocks.run_checks(circulated_at + dt.timedelta(minutes=1))
    assert _clock(ACK, repair.id).due_at == circulated_at + dt.timedelta(hours=12)   # counted from circulation
    assert _clock(MINUTES, m.id).done_at is not None
    assert _clock(RESPONSE, answers[1].id).due_at == utc(2026, 11, 18)               # a working day: end of Tuesday
    with pytest.raises(ValidationError, match="circulated"):
        meetings.update_meeting(m.id, m.version, {"minutes": "改"}, p["孙主任"])
    with pytest.raises(ValidationError, match="circulated"):
        meetings.add_decision(m.id, {"doer": p["赵强"].id, "task": "补一项"}, p["孙主任"])
    assert d["Engineering"] == answers[1].department_id


def test_the_head_or_a_doer_there_answers_in_writing_within_a_working_day(hotel, as_people):
    p = hotel["people"]
    with access.acting_as_the_program():
        m, _front, repair = _meeting(hotel)
        clock.set_now(utc(2026, 11, 20, 16))                     # Friday afternoon
        m = meetings.circulate(m.id, m.version, p["孙主任"])
        clocks.run_checks(utc(2026, 11, 20, 16, 1))
    engineering = meetings.responses_of(m.id)[1]
    assert _clock(RESPONSE, engineering.id).due_at == utc(2026, 11, 24)  # over the weekend: end of Monday
    as_people(p["王芳"])
    with pytest.raises(PermissionDenied, match="its head or by a doer"):
        meetings.respond(engineering.id, engineering.version, "收到", p["王芳"])
    as_people(p["李师傅"])                                        # the doer of a decision there
    with pytest.raises(ValidationError) as empty:
        meetings.respond(engineering.id, engineering.version, "", p["李师傅"])
    assert list(empty.value.errors) == ["text"]
    answered = meetings.respond(engineering.id, engineering.version, "已安排周二、周三两天检修 12 楼空调", p["李师傅"])
    assert (answered.responded_by_id, answered.text) == (p["李师傅"].id, "已安排周二、周三两天检修 12 楼空调")
    with pytest.raises(ValidationError, match="answered the minutes already"):
        meetings.respond(answered.id, answered.version, "再答", p["李师傅"])
    with access.acting_as_the_program():
        clocks.run_checks(utc(2026, 11, 24, 0, 1))
        front = meetings.responses_of(m.id)[0]
        assert _clock(RESPONSE, answered.id).done_at is not None and _clock(RESPONSE, front.id).late_seen
        with pytest.raises(ValidationError) as not_there:
            meetings.respond(front.id, front.version, "代答", p["李师傅"])
        assert "owner" in not_there.value.errors
        doing.acknowledge(repair.id, WorkItem.get_by_id(repair.id).version, p["李师傅"])


def test_the_meetings_table_shows_minutes_and_responses_outstanding(hotel):
    p = hotel["people"]
    m, _front, _repair = _meeting(hotel)
    other = meetings.record_meeting(_values(hotel, kind="weekly", subject="工程部周例会", chair=p["吴经理"].id,
                                            minutes_keeper=p["赵强"].id), p["吴经理"])
    clock.set_now(utc(2026, 11, 17, 9))
    clocks.run_checks(clock.now_utc())
    listing = MeetingListing()
    rows = {r.id: dict(zip([c.key for c in listing.columns], r.values)) for r in
            listing.page(Filters(), None, False, 0, 50)}
    assert rows[m.id]["decisions"] == "2" and rows[m.id]["circulated"] == "Not yet"
    assert rows[m.id]["due"].startswith("⚠ late by 30 min")
    assert {r.id for r in listing.page(Filters(choice=LATE_CHOICE), None, False, 0, 50)} == {m.id, other.id}
    m = meetings.circulate(m.id, Meeting.get_by_id(m.id).version, p["孙主任"])
    rows = {r.id: dict(zip([c.key for c in listing.columns], r.values)) for r in
            listing.page(Filters(choice="open"), None, False, 0, 50)}
    assert rows[m.id]["responses"] == "0 / 2" and set(rows) == {m.id, other.id}
    assert {r.id for r in listing.page(Filters(choice="kind:weekly"), None, False, 0, 50)} == {other.id}


def test_a_meeting_voided_takes_its_open_decisions_and_unwritten_responses(hotel):
    p = hotel["people"]
    m, front, repair = _meeting(hotel)
    m = meetings.circulate(m.id, m.version, p["孙主任"])
    voided = meetings.void_meeting(m.id, m.version, "重复登记", p["孙主任"])
    assert voided.voided
    assert all(WorkItem.get_by_id(i.id).voided for i in (front, repair))
    assert all(r.voided for r in MeetingResponse.select())
