"""Reward points (临时加新点奖 / 永久性加新点奖) for named people only, the ledger, year-end campaigns."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import staff
from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.models import Department
from feedback_desk.desks.suggestions.models import RewardPoints, Suggestion
from feedback_desk.desks.suggestions.points import (add_to_campaign, campaign_summary, campaigns,
                                                    create_campaign, gather_campaign, grant_for_suggestion,
                                                    grant_points, ledger, ledger_totals, points_by_staff,
                                                    void_points)


@pytest.fixture
def box(db):
    suggestions.ensure_categories()
    return suggestions.categories()


def _drop(box, by, **values):
    base = {"category": box[0].id, "text": "建议在员工餐厅增加夜宵"}
    base.update(values)
    return suggestions.drop_suggestion(base, by)


def _answered(box, by, reviewer, adoption, **values):
    s = _drop(box, by, **values)
    return suggestions.answer(s.id, s.version, "答复", adoption, reviewer)


def test_points_only_for_the_named_writer_of_an_adopted_suggestion(db, box, clerk, other, fixed_clock):
    anonymous = _answered(box, clerk, other, "adopted", anonymous=True)
    with pytest.raises(ValidationError) as err:
        grant_for_suggestion(anonymous.id, "temporary", 5, "好建议", other)
    assert "dropped anonymously" in err.value.errors["staff"]
    with pytest.raises(ValidationError) as err:  # naming somebody does not help
        grant_points(clerk.id, "temporary", 5, "好建议", other, source="suggestion", source_id=anonymous.id)
    assert "dropped anonymously" in err.value.errors["staff"]

    refused = _answered(box, clerk, other, "not_adopted", writer=clerk.id)
    with pytest.raises(ValidationError) as err:
        grant_for_suggestion(refused.id, "temporary", 5, "好建议", other)
    assert "adopted" in err.value.errors["source"]
    adopted = _answered(box, clerk, other, "adopted", writer=clerk.id)
    with pytest.raises(ValidationError) as err:
        grant_points(other.id, "temporary", 5, "好建议", other, source="suggestion", source_id=adopted.id)
    assert "its writer" in err.value.errors["staff"]
    assert RewardPoints.select().count() == 0

    granted = grant_for_suggestion(adopted.id, "permanent", 10, "宿舍改善建议被采纳", other)
    assert (granted.staff_id, granted.points, granted.source, granted.source_id) == (clerk.id, 10, "suggestion",
                                                                                      adopted.id)
    assert granted.created_by_id == other.id


@pytest.mark.parametrize("points", [0, "", "1.5", True, None, "abc"])
def test_points_are_a_whole_number_other_than_zero(db, clerk, other, points):
    with pytest.raises(ValidationError) as err:
        grant_points(clerk.id, "temporary", points, "reason", other)
    assert set(err.value.errors) == {"points"}


def test_points_need_a_person_a_kind_and_a_reason(db, other):
    with pytest.raises(ValidationError) as err:
        grant_points(None, "bonus", 3, "  ", other)
    assert set(err.value.errors) == {"staff", "kind", "reason"}
    assert RewardPoints.select().count() == 0


def test_points_for_outstanding_feedback_on_another_desk(db, clerk, other, fixed_clock):
    p = grant_points(clerk.id, "temporary", "3", "发现张科长爱吃韭菜炒鸡蛋皮并记入顾客档案", other,
                     source="feedback", source_id=42)
    assert (p.points, p.source, p.source_id) == (3, "feedback", 42)
    taken = grant_points(clerk.id, "temporary", -1, "重复记录，扣回", other)
    assert taken.points == -1


def test_ledger_totals_per_month_and_year_per_kind(db, clerk, other, fixed_clock):
    def grant(who, kind, points, day):
        return grant_points(who.id, kind, points, "理由", other, granted_on=day)

    grant(clerk, "temporary", 5, dt.date(2026, 1, 10))
    grant(clerk, "permanent", 10, dt.date(2026, 1, 31))
    grant(clerk, "temporary", 3, dt.date(2026, 3, 1))
    grant(clerk, "temporary", -1, dt.date(2026, 3, 15))
    grant(clerk, "permanent", 2, dt.date(2026, 11, 1))
    grant(clerk, "temporary", 100, dt.date(2025, 12, 31))   # another year
    grant(other, "temporary", 7, dt.date(2026, 3, 2))      # another person
    wrong = grant(clerk, "permanent", 50, dt.date(2026, 3, 3))
    void_points(wrong.id, wrong.version, "记错了人", other)  # void: counts nowhere

    totals = ledger_totals(clerk.id, 2026)
    assert totals.months == {"2026-01": {"temporary": 5, "permanent": 10}, "2026-03": {"temporary": 2},
                             "2026-11": {"permanent": 2}}
    assert totals.per_kind == {"temporary": 7, "permanent": 12} and totals.total == 19
    assert totals.month(1) == 15 and totals.month(3, "temporary") == 2 and totals.month(2) == 0
    assert ledger_totals(clerk.id, 2025).total == 100
    everybody = ledger_totals(None, 2026)
    assert everybody.months["2026-03"] == {"temporary": 9} and everybody.total == 26
    assert [p.points for p in ledger(clerk.id, 2026)] == [5, 10, 3, -1, 2]
    assert len(ledger(clerk.id)) == 6
    board = points_by_staff(2026)
    assert [(p.name, p.total, p.per_kind["permanent"]) for p in board] == [("王芳", 19, 12), ("李娜", 7, 0)]


def test_campaign_counts_adoption_rate_and_points_by_department(db, box, clerk, other, fixed_clock):
    dining = Department.get(Department.name == "Dining")
    front = Department.get(Department.name == "Front office")
    campaign = create_campaign({"name": "2026年底合理化建议活动", "year": 2026,
                                "starts_on": dt.date(2026, 11, 1), "ends_on": dt.date(2026, 11, 30)}, other)
    assert [c.id for c in campaigns()] == [campaign.id]
    day = dt.date(2026, 11, 10)
    d1 = _answered(box, clerk, other, "adopted", writer=clerk.id, department=dining.id, received_on=day)
    d2 = _answered(box, clerk, other, "partly", writer=other.id, department=dining.id, received_on=day)
    _answered(box, clerk, other, "not_adopted", anonymous=True, department=dining.id, received_on=day)
    _answered(box, clerk, other, "adopted", anonymous=True, department=front.id, received_on=day)
    _drop(box, clerk, anonymous=True, received_on=day)                            # no department, undecided
    gone = _drop(box, clerk, anonymous=True, department=front.id, received_on=day)
    suggestions.void_suggestion(gone.id, gone.version, "重复投递", other)
    outside = _answered(box, clerk, other, "adopted", writer=clerk.id, department=dining.id,
                        received_on=dt.date(2026, 10, 30))
    grant_for_suggestion(d1.id, "temporary", 5, "采纳", other)
    grant_for_suggestion(d2.id, "temporary", 3, "部分采纳", other)
    void = grant_for_suggestion(d2.id, "permanent", 30, "记错", other)
    void_points(void.id, void.version, "记错", other)
    grant_for_suggestion(outside.id, "temporary", 9, "不在活动里", other)

    assert gather_campaign(campaign.id, other) == 5  # the void one and October's stay out
    assert gather_campaign(campaign.id, other) == 0
    assert Suggestion.get_by_id(outside.id).campaign_id is None
    lines = campaign_summary(campaign.id)
    by_name = {line.department: line for line in lines}
    assert (by_name["Dining"].entries, by_name["Dining"].adopted, by_name["Dining"].points) == (3, 2, 8)
    assert by_name["Dining"].rate == pytest.approx(2 / 3)
    assert (by_name["Front office"].entries, by_name["Front office"].adopted, by_name["Front office"].rate) == (1, 1, 1.0)
    assert (by_name[""].entries, by_name[""].adopted, by_name[""].rate) == (1, 0, 0.0)
    total = lines[-1]
    assert total.is_total and (total.entries, total.adopted, total.points) == (5, 3, 8)
    assert total.rate == pytest.approx(0.6)

    assert add_to_campaign(campaign.id, [outside.id], other) == 1
    assert campaign_summary(campaign.id)[-1].points == 17


def test_campaign_needs_a_name_and_a_year(db, other):
    with pytest.raises(ValidationError) as err:
        create_campaign({"name": "", "year": "明年", "starts_on": dt.date(2026, 12, 1),
                         "ends_on": dt.date(2026, 11, 1)}, other)
    assert set(err.value.errors) == {"name", "year", "ends_on"}
    staff.ensure_departments()


def test_gathering_into_a_campaign_does_not_spoil_an_open_review(db, clerk, other):
    """The campaign is a filing, not an edit: a reviewer who opened the entry can still save."""
    import datetime as dt

    from feedback_desk.desks.suggestions import points as suggestion_points, box as suggestions
    from feedback_desk.base.models import Change
    from feedback_desk.desks.suggestions.models import Suggestion

    suggestions.ensure_categories()
    category = suggestions.categories()[0].id
    entry = suggestions.drop_suggestion({"received_on": dt.date(2025, 12, 3), "category": category,
                                         "text": "宿舍热水时间太短", "writer": clerk.id}, clerk)
    opened_version = entry.version
    campaign = suggestion_points.create_campaign({"name": "年底合理化建议活动", "year": 2025}, other)
    assert suggestion_points.gather_campaign(campaign.id, other) == 1
    assert Suggestion.get_by_id(entry.id).campaign_id == campaign.id
    assert Change.select().where((Change.record_id == entry.id) & (Change.field == "campaign")).count() == 1
    reviewed = suggestions.review(entry.id, opened_version, other.id, other)
    assert reviewed.state == "under_review"
