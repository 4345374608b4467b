"""责任到人: a complaint, an anomaly sheet and a suggestion have a responsible person from the first minute."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.loop import clocks as deadlines
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.quality import sheets as quality
from feedback_desk.base import responsible, staff
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.models import Department


def _dept(name: str) -> int:
    return Department.get(Department.name == name).id


@pytest.fixture
def hotel(db, clerk):
    """The dining room's head 赵经理, a waiter 孙强, the front office head 钱经理, the quality head
    周工 and the GM's office head 吴主任."""
    return {
        "dining_head": staff.save_staff("赵经理", _dept("Dining"), roles=["head"]),
        "waiter": staff.save_staff("孙强", _dept("Dining")),
        "front_head": staff.save_staff("钱经理", _dept("Front office"), roles=["head"]),
        "quality_head": staff.save_staff("周工", _dept("Quality"), roles=["head"]),
        "office_head": staff.save_staff("吴主任", _dept("General manager's office"), roles=["head"]),
    }


def _complaint(by, **values):
    return feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 14),
                                     "text": "菜里有头发", **values}, by)


def test_a_complaint_goes_to_the_head_of_the_department_concerned(hotel, clerk):
    saved = _complaint(clerk, department=_dept("Dining"))
    assert saved.handler_id == hotel["dining_head"].id
    assert saved.state == "registered"


def test_a_complaint_about_the_head_goes_to_the_front_office_head(hotel, clerk):
    saved = _complaint(clerk, department=_dept("Dining"), complained_about=hotel["dining_head"].id)
    assert saved.handler_id == hotel["front_head"].id


def test_a_complaints_owner_of_the_department_comes_before_its_head(hotel, clerk, other):
    responsible.set_complaints_owner(_dept("Dining"), other.id)
    assert _complaint(clerk, department=_dept("Dining")).handler_id == other.id
    # never the person complained about, even when named as owner
    saved = _complaint(clerk, department=_dept("Dining"), complained_about=other.id)
    assert saved.handler_id == hotel["dining_head"].id


def test_a_handler_named_on_the_form_is_kept(hotel, clerk):
    saved = _complaint(clerk, department=_dept("Dining"), handler=hotel["waiter"].id)
    assert saved.handler_id == hotel["waiter"].id


def test_with_no_heads_at_all_the_person_registering_answers_for_it(db, clerk, other):
    assert _complaint(clerk, department=_dept("Dining")).handler_id == clerk.id
    with pytest.raises(ValidationError) as refused:
        _complaint(clerk, department=_dept("Dining"), complained_about=clerk.id)
    assert "Name who handles this complaint" in refused.value.errors["handler"]


def test_the_clock_of_a_new_complaint_has_its_handler_from_the_first_check(hotel, clerk, fixed_clock):
    saved = _complaint(clerk, department=_dept("Dining"))
    deadlines.run_checks()
    clock = ItemClock.get((ItemClock.desk == "complaint") & (ItemClock.item_id == saved.id))
    assert clock.owner_id == hotel["dining_head"].id


def test_a_raised_anomaly_sheet_is_the_quality_heads_until_someone_is_named(hotel, clerk, fixed_clock):
    sheet = quality.raise_sheet({"source": "internal", "product": "冷冻虾仁", "batch": "B-1107", "quantity": 20,
                                 "description": "解冻后有异味", "severity": "general",
                                 "containment": "同批隔离待检"}, clerk)
    deadlines.run_checks()
    clock = ItemClock.get((ItemClock.desk == "anomaly") & (ItemClock.item_id == sheet.id))
    assert clock.owner_id == hotel["quality_head"].id
    deadlines.run_checks()  # a second check leaves the owner where it is
    assert ItemClock.get_by_id(clock.id).owner_id == hotel["quality_head"].id


def test_a_suggestion_is_reviewed_by_the_gm_office_head_but_never_by_its_writer(hotel, clerk):
    suggestions.ensure_categories()
    category = suggestions.categories()[0].id
    dropped = suggestions.drop_suggestion({"text": "早餐增加粥品", "writer": clerk.id, "category": category}, clerk)
    assert dropped.reviewer_id == hotel["office_head"].id
    own = suggestions.drop_suggestion({"text": "办公室换打印机", "writer": hotel["office_head"].id,
                                       "category": category}, hotel["office_head"])
    assert own.reviewer_id is None
    anonymous = suggestions.drop_suggestion({"text": "食堂太咸", "anonymous": True, "category": category}, clerk)
    assert anonymous.reviewer_id == hotel["office_head"].id and anonymous.writer_id is None


def test_a_head_needs_a_department_and_a_role_from_the_list(db):
    with pytest.raises(ValidationError) as refused:
        staff.save_staff("钱经理", None, roles=["head"])
    assert "department" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        staff.save_staff("钱经理", _dept("Dining"), roles=["boss"])
    assert "roles" in refused.value.errors
