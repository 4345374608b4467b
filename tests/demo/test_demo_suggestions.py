"""The demo's suggestion box (demo_suggestions): entries, points, the campaign."""
from __future__ import annotations

from feedback_desk.base import clock


def test_suggestions_in_every_state_named_and_anonymous(filled):
    from feedback_desk.base.models import Change
    from feedback_desk.desks.suggestions.models import Suggestion
    from feedback_desk.desks.suggestions.listings import overdue_condition
    from feedback_desk.base.vocab import ADOPTION, SUGGESTION_STATES
    entries = list(Suggestion.select())
    assert 120 <= len(entries) <= 200
    assert {s.state for s in entries} == set(SUGGESTION_STATES)
    assert {s.adoption for s in entries if s.adoption} == set(ADOPTION)
    assert any(s.implemented for s in entries)
    anonymous = [s for s in entries if s.anonymous]
    assert 0.2 <= len(anonymous) / len(entries) <= 0.4
    for s in anonymous:
        assert s.writer_id is None and s.created_by_id is None   # later changes are the reviewer's
    created = Change.select().where((Change.table == "suggestion") & (Change.action == "create")
                                    & Change.record_id.in_([s.id for s in anonymous]))
    assert all(c.by_id is None for c in created)
    assert all(s.writer_id for s in entries if not s.anonymous)
    assert len({s.category_id for s in entries}) == 8 and len({s.department_id for s in entries}) >= 7
    today = clock.today_local()
    assert (today - min(s.received_on for s in entries)).days >= 300
    assert Suggestion.select().where(overdue_condition()).count() >= 2


def test_points_only_to_named_writers_and_the_campaign(filled):
    from feedback_desk.desks.suggestions.models import Campaign, RewardPoints, Suggestion
    from feedback_desk.desks.suggestions.points import campaign_summary
    grants = list(RewardPoints.select().where(RewardPoints.source == "suggestion"))
    assert {g.kind for g in grants} == {"temporary", "permanent"}
    for g in grants:
        s = Suggestion.get_by_id(g.source_id)
        assert not s.anonymous and s.writer_id == g.staff_id and s.adoption in ("adopted", "partly")
    campaign = Campaign.get()
    assert campaign.year == clock.today_local().year - 1 and "年底合理化建议活动" in campaign.name
    total = campaign_summary(campaign.id)[-1]
    assert total.entries >= 10 and total.adopted >= 1
    for s in Suggestion.select().where(Suggestion.campaign == campaign.id):
        assert s.received_on.year == campaign.year and s.received_on.month == 12


def test_the_seeds_dormitory_suggestion(filled):
    from feedback_desk.base.listing import Filters
    from feedback_desk.desks.suggestions.listings import SuggestionListing
    from feedback_desk.desks.suggestions.models import Suggestion
    hits = list(Suggestion.select().where(Suggestion.text.contains("宿舍") & Suggestion.text.contains("物业楼")))
    assert len(hits) == 1
    s = hits[0]
    assert s.adoption == "adopted" and s.implemented and s.implemented_on and "物业楼" in s.answer
    assert not s.anonymous and s.state == "closed"
    rows = SuggestionListing().page(Filters(text="宿舍"), None, True, 0, 50)
    assert s.id in [r.id for r in rows]
