"""Three rounds, then a ruling (量化沟通): rounds counted, the leader who rules, what a ruling does."""
from __future__ import annotations

import pytest

from feedback_desk.base import access, records
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.desks.work import doing, giving, rounds
from feedback_desk.desks.work.models import WorkItem
from feedback_desk.desks.work.steps import steps_of

from work_hotel import hotel, repair  # noqa: F401  (hotel: the fixture)


def _three_rounds(hotel, item=None):
    """Reported, sent back (1), disputed (2), sent back again (3): to the leader for a ruling."""
    p = hotel["people"]
    item = item or repair(hotel)
    doer, giver = WorkItem.get_by_id(item.id).doer, WorkItem.get_by_id(item.id).given_by
    with access.acting_as_the_program():
        item = doing.report_done(item.id, item.version, "已更换电容，制冷正常", doer)
        item = doing.send_back(item.id, item.version, "客人说出风还是不冷", giver)
        assert (item.state, item.rounds) == ("in_progress", 1)
        item = doing.dispute(item.id, item.version, "出风口温度 12℃，符合标准；客人调的是送风模式", doer)
        assert (item.state, item.rounds) == ("reported", 2)
        item = doing.send_back(item.id, item.version, "温度计在床头只有 25℃，请查风道", giver)
    return item


def test_the_third_round_without_agreement_goes_to_the_head_of_the_givers_department(hotel):
    p = hotel["people"]
    item = _three_rounds(hotel)
    assert (item.state, item.rounds, item.ruler_id) == ("ruling", 3, p["周经理"].id)
    kinds = [(s.kind, s.round, s.staff.name if s.staff_id else "") for s in steps_of(item.id)]
    assert kinds[-4:] == [("sent_back", 1, ""), ("disputed", 2, ""), ("sent_back", 3, ""), ("ruling_asked", None, "周经理")]
    with pytest.raises(ValidationError, match="waits for a ruling"):
        doing.report_progress(item.id, item.version, "我再去看看", p["李师傅"])


def test_only_that_leader_or_the_general_manager_rules_and_both_read_the_ruling(hotel, as_people):
    p = hotel["people"]
    item = _three_rounds(hotel)
    for who in ("李师傅", "王芳", "吴经理", "刘副总"):
        as_people(p[who])
        with pytest.raises(PermissionDenied):
            rounds.rule(item.id, item.version, "giver", "维持", p[who])
    as_people(p["周经理"])
    with pytest.raises(ValidationError) as empty:
        rounds.rule(item.id, item.version, "giver", " ", p["周经理"])
    assert list(empty.value.errors) == ["text"]
    with pytest.raises(ValidationError) as which:
        rounds.rule(item.id, item.version, "both", "各让一步", p["周经理"])
    assert list(which.value.errors) == ["decision"]
    ruled = rounds.rule(item.id, item.version, "giver", "风道积灰，请工程部今天清洗后再报", p["周经理"])
    assert (ruled.state, ruled.rounds) == ("in_progress", 0)
    step = steps_of(item.id)[-1]
    assert (step.kind, step.decision, step.text, step.by.name) == ("ruled", "giver", "风道积灰，请工程部今天清洗后再报", "周经理")
    for reader in ("李师傅", "王芳"):  # both sides see the ruling
        as_people(p[reader])
        assert giving.read_item(item.id).id == item.id
    assert [c.new for c in records.history(WorkItem, item.id) if c.field == "ruled"] == ["风道积灰，请工程部今天清洗后再报"]
    # the count starts again: three more rounds before the next ruling
    again = _three_rounds(hotel, ruled)
    assert (again.state, again.rounds) == ("ruling", 3)
    as_people(p["陈总"])  # the general manager may rule on any
    closed = rounds.rule(again.id, again.version, "doer", "以工程部检测为准，确认完成", p["陈总"])
    assert (closed.state, closed.confirmed_at is not None) == ("confirmed", True)


def test_the_giver_may_still_agree_while_the_ruling_waits(hotel):
    p = hotel["people"]
    item = _three_rounds(hotel)
    assert doing.confirm(item.id, item.version, p["王芳"], "复测正常，同意完成").state == "confirmed"


@pytest.mark.parametrize("giver, doer, ruler", [
    ("王芳", "李师傅", "周经理"),      # a member of staff: the head of their department
    ("周经理", "李师傅", "刘副总"),    # a head: the deputy general manager
    ("刘副总", "李师傅", "陈总"),      # the deputy: the general manager
    ("陈总", "李师傅", "陈总"),        # the general manager: nobody above, they rule
    ("林娜", "周经理", "刘副总"),      # the head of the giver's department is the doer: the next one up
])
def test_the_next_leader_up_from_the_giver_rules(hotel, giver, doer, ruler):
    p = hotel["people"]
    item = repair(hotel)
    item = WorkItem.get_by_id(item.id)
    item.given_by, item.from_department, item.doer = p[giver], p[giver].department_id, p[doer]
    assert rounds.ruler_for(item) == p[ruler].id


def test_a_dispute_answers_only_a_send_back(hotel):
    p = hotel["people"]
    item = repair(hotel)
    with pytest.raises(ValidationError, match="just sent back"):
        doing.dispute(item.id, item.version, "我认为已完成", p["李师傅"])
    item = doing.report_done(item.id, item.version, "已修好", p["李师傅"])
    item = doing.send_back(item.id, item.version, "还不冷", p["王芳"])
    with pytest.raises(ValidationError) as empty:
        doing.dispute(item.id, item.version, "", p["李师傅"])
    assert list(empty.value.errors) == ["text"]
    item = doing.dispute(item.id, item.version, "已测 12℃", p["李师傅"])
    assert (item.state, item.result) == ("reported", "已修好")    # the report stands as it was
