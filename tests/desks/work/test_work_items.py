"""Giving work and answering it: every step, every refusal, the doer changed, voiding."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, records
from feedback_desk.base.errors import ConflictError, PermissionDenied, ValidationError
from feedback_desk.base.models import Counter
from feedback_desk.desks.work import doing, giving
from feedback_desk.desks.work.models import WorkCopy, WorkItem, WorkStep
from feedback_desk.desks.work.steps import steps_of

from work_hotel import MONDAY, START, hotel, repair, utc  # noqa: F401  (hotel: the fixture)


def _counts():
    return WorkItem.select().count(), WorkStep.select().count(), WorkCopy.select().count(), Counter.select().count()


def _kinds(item):
    return [s.kind for s in steps_of(item.id)]


def test_work_is_given_numbered_to_one_doer_whose_department_answers(hotel):
    p, d = hotel["people"], hotel["dept"]
    item = repair(hotel, copied=[p["周经理"].id, p["王芳"].id, p["李师傅"].id])
    assert item.number == "工作-2026-11-0001"
    assert (item.state, item.given_by_id, item.doer_id) == ("given", p["王芳"].id, p["李师傅"].id)
    assert (item.department_id, item.from_department_id) == (d["Engineering"], d["Front office"])
    assert (item.given_on, item.given_at, item.due_on, item.first_due_on) == (
        MONDAY, START, MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=2))
    # the giver and the doer are not copied on their own work
    assert [c.staff.name for c in giving.copies_of(item.id)] == ["周经理"]
    assert _kinds(item) == ["given"]
    fields = {c.field for c in records.history(WorkItem, item.id)}
    assert {"number", "doer", "task", "due_on", "copied"} <= fields
    second = repair(hotel, task="大堂吊灯有两只灯泡不亮")
    assert second.number == "工作-2026-11-0002"
    clock.set_now(utc(2026, 12, 1, 9))
    assert repair(hotel, due_on=None).number == "工作-2026-12-0001"   # gapless per month


@pytest.mark.parametrize("values, field, words", [
    ({"doer": None}, "doer", "one person"),
    ({"doer": 9999}, "doer", "staff list"),
    ({"doer": "郑敏"}, "doer", "no longer works here"),
    ({"doer": "王芳"}, "doer", "themself"),
    ({"due_on": MONDAY - dt.timedelta(days=1)}, "due_on", "before the day the work is given"),
    ({"due_on": "2026-11-20"}, "due_on", "date"),
    ({"task": "  "}, "task", "what is to be done"),
    ({"urgency": "asap"}, "urgency", "urgent, important or ordinary"),
    ({"kind": "favour"}, "kind", "kind of work"),
    ({"kind": "meeting_decision"}, "kind", "with its meeting"),
    ({"copied": [9999]}, "copied", "staff list"),
    ({"copied": ["郑敏"]}, "copied", "no longer works here"),
])
def test_bad_work_is_refused_beside_its_field_and_nothing_is_saved(hotel, values, field, words):
    p = hotel["people"]
    values = {k: ([p[n].id if isinstance(n, str) else n for n in v] if k == "copied" else
                  p[v].id if k == "doer" and isinstance(v, str) else v) for k, v in values.items()}
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        repair(hotel, **values)
    assert list(refused.value.errors) == [field] and words in refused.value.errors[field]
    assert _counts() == before


def test_a_direct_order_is_copied_to_the_head_of_the_doers_department(hotel):
    p = hotel["people"]
    order = giving.give({"kind": "direct_order", "doer": p["赵强"].id, "urgency": "urgent",
                         "task": "VIP 15:00 到店，1808 房欢迎水果和鲜花 14:30 前布置好"}, p["陈总"])
    assert [(c.staff.name, c.why) for c in giving.copies_of(order.id)] == [("吴经理", "head")]
    # the head giving it themself is not copied on their own order
    own = giving.give({"kind": "direct_order", "doer": p["赵强"].id, "task": "检查备用发电机"}, p["吴经理"])
    assert giving.copies_of(own.id) == []


def test_the_doer_acknowledges_reports_and_the_giver_confirms(hotel):
    p = hotel["people"]
    item = repair(hotel)
    clock.set_now(START + dt.timedelta(minutes=20))
    item = doing.acknowledge(item.id, item.version, p["李师傅"], "收到")
    assert (item.state, item.acknowledged_at) == ("in_progress", START + dt.timedelta(minutes=20))
    item = doing.ask_help(item.id, item.version, "请赵强带压力表一起去", p["李师傅"], colleague=p["赵强"].id)
    item = doing.report_progress(item.id, item.version, "压缩机不启动，已拆检", p["李师傅"])
    item = doing.report_done(item.id, item.version, "更换启动电容，试机两小时制冷正常", p["李师傅"])
    assert (item.state, item.result) == ("reported", "更换启动电容，试机两小时制冷正常")
    item = doing.confirm(item.id, item.version, p["王芳"], "客人已入住，反映正常")
    assert (item.state, item.confirmed_at) == ("confirmed", START + dt.timedelta(minutes=20))
    steps = steps_of(item.id)
    assert [(s.kind, s.by.name if s.by_id else "") for s in steps] == [
        ("given", "王芳"), ("acknowledged", "李师傅"), ("help", "李师傅"), ("progress", "李师傅"), ("done", "李师傅"),
        ("confirmed", "王芳")]
    assert steps[2].staff.name == "赵强"
    history = records.history(WorkItem, item.id)
    assert [c.new for c in history if c.field == "progress"] == ["压缩机不启动，已拆检"]
    assert [(c.old, c.new) for c in history if c.field == "state"] == [
        (None, "given"), ("given", "in_progress"), ("in_progress", "reported"), ("reported", "confirmed")]
    with pytest.raises(ValidationError, match="closed"):
        doing.report_progress(item.id, item.version, "补充", p["李师傅"])


def test_only_the_doer_answers_and_only_the_giver_confirms(hotel):
    p = hotel["people"]
    item = repair(hotel)
    with pytest.raises(ValidationError) as someone_else:
        doing.acknowledge(item.id, item.version, p["赵强"])
    assert "Only 李师傅" in someone_else.value.errors["doer"]
    with pytest.raises(ValidationError) as handed_on:
        doing.report_done(item.id, item.version, "赵强修好了", p["赵强"])
    assert "doer" in handed_on.value.errors
    item = doing.report_done(item.id, item.version, "修好了", p["李师傅"])
    with pytest.raises(ValidationError) as own:
        doing.confirm(item.id, item.version, p["李师傅"])
    assert "own work" in own.value.errors["given_by"]
    with pytest.raises(ValidationError) as not_the_giver:
        doing.confirm(item.id, item.version, p["周经理"])
    assert "Only 王芳" in not_the_giver.value.errors["given_by"]


def test_a_person_signed_in_is_refused_what_is_not_theirs(hotel, as_people):
    p = hotel["people"]
    item = repair(hotel)
    as_people(p["赵强"])
    with pytest.raises(PermissionDenied, match="Only the person the work was given to acknowledges"):
        doing.acknowledge(item.id, item.version, p["赵强"])
    as_people(p["李师傅"])
    item = doing.report_done(item.id, item.version, "修好了", p["李师傅"])
    with pytest.raises(PermissionDenied, match="own work"):
        doing.confirm(item.id, item.version, p["李师傅"])
    as_people(p["王芳"])
    assert doing.confirm(item.id, item.version, p["王芳"]).state == "confirmed"


@pytest.mark.parametrize("step, args, field", [
    (doing.report_done, ("  ",), "text"),
    (doing.report_progress, ("",), "text"),
    (doing.ask_help, ("",), "text"),
    (doing.ask_delay, ("",), "reason"),
])
def test_an_empty_report_is_refused_and_nothing_is_saved(hotel, step, args, field):
    p = hotel["people"]
    item = repair(hotel)
    before = _counts(), records.history(WorkItem, item.id)
    with pytest.raises(ValidationError) as empty:
        step(item.id, item.version, *args, p["李师傅"])
    assert list(empty.value.errors) == [field]
    assert (_counts(), records.history(WorkItem, item.id)) == before
    assert WorkItem.get_by_id(item.id).version == item.version


def test_a_stale_form_is_refused_and_twice_acknowledged_is_said(hotel):
    p = hotel["people"]
    item = repair(hotel)
    fresh = doing.acknowledge(item.id, item.version, p["李师傅"])
    with pytest.raises(ConflictError):
        doing.report_progress(item.id, item.version, "旧表单", p["李师傅"])
    with pytest.raises(ValidationError, match="acknowledged already"):
        doing.acknowledge(fresh.id, fresh.version, p["李师傅"])


def test_a_delay_asked_shows_both_dates_and_the_giver_accepts_or_refuses(hotel):
    p = hotel["people"]
    item = doing.acknowledge(*(lambda i: (i.id, i.version))(repair(hotel)), p["李师傅"])
    wednesday, friday = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=4)
    with pytest.raises(ValidationError) as past:
        doing.ask_delay(item.id, item.version, "配件没到", p["李师傅"], new_due_on=MONDAY - dt.timedelta(days=1))
    assert "past" in past.value.errors["new_due_on"]
    with pytest.raises(ValidationError, match="No delay"):
        doing.answer_delay(item.id, item.version, True, p["王芳"])
    item = doing.ask_delay(item.id, item.version, "启动电容缺货，厂家周五送到", p["李师傅"], new_due_on=friday)
    assert (item.due_on, item.asked_due_on) == (wednesday, friday)          # both dates shown
    with pytest.raises(ValidationError) as own:
        doing.answer_delay(item.id, item.version, True, p["李师傅"])
    assert "given_by" in own.value.errors
    with pytest.raises(ValidationError) as why:
        doing.answer_delay(item.id, item.version, False, p["王芳"])
    assert "refused" in why.value.errors["text"]
    refused = doing.answer_delay(item.id, item.version, False, p["王芳"], "客人今晚入住，先换一台移动空调")
    assert (refused.due_on, refused.asked_due_on) == (wednesday, None)
    item = doing.ask_delay(refused.id, refused.version, "移动空调也没有，需要周五", p["李师傅"], new_due_on=friday)
    item = doing.answer_delay(item.id, item.version, True, p["王芳"])
    assert (item.due_on, item.first_due_on, item.asked_due_on) == (friday, wednesday, None)
    assert [(c.old, c.new) for c in records.history(WorkItem, item.id) if c.field == "due_on"] == [
        (None, wednesday.isoformat()), (wednesday.isoformat(), friday.isoformat())]
    assert [(s.kind, s.decision) for s in steps_of(item.id) if s.kind.startswith("delay")] == [
        ("delay", None), ("delay_answer", "refused"), ("delay", None), ("delay_answer", "accepted")]


def test_support_asked_without_a_new_date_keeps_the_due_date(hotel):
    p = hotel["people"]
    item = repair(hotel)
    item = doing.ask_delay(item.id, item.version, "需要客房部配合腾空房间", p["李师傅"])
    assert (item.state, item.asked_due_on) == ("in_progress", None)
    item = doing.answer_delay(item.id, item.version, True, p["王芳"], "已通知客房部")
    assert item.due_on == MONDAY + dt.timedelta(days=2)


def test_a_send_back_needs_its_reason_and_puts_the_work_in_progress_again(hotel):
    p = hotel["people"]
    item = repair(hotel)
    item = doing.report_done(item.id, item.version, "已修好", p["李师傅"])
    with pytest.raises(ValidationError) as empty:
        doing.send_back(item.id, item.version, " ", p["王芳"])
    assert list(empty.value.errors) == ["reason"]
    item = doing.send_back(item.id, item.version, "客人说还是不冷", p["王芳"])
    assert (item.state, item.rounds) == ("in_progress", 1)
    with pytest.raises(ValidationError, match="Only work reported done"):
        doing.send_back(item.id, item.version, "再退", p["王芳"])


def test_only_the_giver_or_their_superior_changes_the_doer_never_the_doer(hotel, as_people):
    p, d = hotel["people"], hotel["dept"]
    item = repair(hotel)
    with access.acting_as_the_program():  # even the program acting for the doer does not hand it on
        item = doing.acknowledge(item.id, item.version, p["李师傅"])
        with pytest.raises(ValidationError) as handed_on:
            giving.change_doer(item.id, item.version, p["赵强"].id, "我忙不过来", p["李师傅"])
    assert "cannot hand the work on" in handed_on.value.errors["doer"]
    as_people(p["李师傅"])
    with pytest.raises(PermissionDenied, match="cannot hand the work on"):
        giving.change_doer(item.id, item.version, p["赵强"].id, "我忙不过来", p["李师傅"])
    as_people(p["吴经理"])  # the doer's head is not the giver's superior
    with pytest.raises(PermissionDenied, match="Only the person who gave the work or their superior"):
        giving.change_doer(item.id, item.version, p["赵强"].id, "李师傅休假", p["吴经理"])
    as_people(p["周经理"])  # the head of the giver's department is
    with pytest.raises(ValidationError) as why:
        giving.change_doer(item.id, item.version, p["赵强"].id, "", p["周经理"])
    assert list(why.value.errors) == ["reason"]
    with pytest.raises(ValidationError) as left:
        giving.change_doer(item.id, item.version, p["郑敏"].id, "他熟悉这台机", p["周经理"])
    assert "no longer works here" in left.value.errors["doer"]
    clock.set_now(START + dt.timedelta(hours=1))
    moved = giving.change_doer(item.id, item.version, p["黄丽"].id, "客房部有备用空调可换", p["周经理"])
    assert (moved.doer_id, moved.department_id, moved.state) == (p["黄丽"].id, d["Rooms division"], "given")
    assert (moved.given_at, moved.acknowledged_at) == (START + dt.timedelta(hours=1), None)
    assert [(c.old, c.new) for c in records.history(WorkItem, item.id) if c.field == "doer"] == [
        (None, str(p["李师傅"].id)), (str(p["李师傅"].id), str(p["黄丽"].id))]
    step = steps_of(item.id)[-1]
    assert (step.kind, step.text, step.staff.name, step.by.name) == ("doer_changed", "客房部有备用空调可换", "黄丽", "周经理")
    as_people(p["刘副总"])
    assert giving.change_doer(moved.id, moved.version, p["李师傅"].id, "还是工程部修", p["刘副总"]).doer_id == \
        p["李师傅"].id


def test_the_giver_voids_with_a_reason(hotel):
    p = hotel["people"]
    item = repair(hotel)
    with pytest.raises(ValidationError):
        giving.void_item(item.id, item.version, "", p["王芳"])
    item = giving.void_item(item.id, item.version, "重复提交", p["王芳"])
    assert item.voided and item.void_reason == "重复提交"
    with pytest.raises(ValidationError, match="void"):
        doing.acknowledge(item.id, item.version, p["李师傅"])
