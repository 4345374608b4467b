"""The dashboard's figures on a known data set, with a fixed clock (15 November 2026)."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock
from feedback_desk.loop import clocks as deadlines
from feedback_desk.desks import registry
from feedback_desk.reports.dashboard import dashboard_figures, loads as desk_loads
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room, ServiceSheet
from feedback_desk.desks.suggestions.models import Suggestion

d = dt.date


def _rec(clerk, day: dt.date) -> dict:
    at = dt.datetime.combine(day, dt.time(3, 0))
    return dict(created_at=at, updated_at=at, created_by=clerk.id, updated_by=clerk.id)


@pytest.fixture
def book(db, clerk, fixed_clock):
    dining = Department.get(Department.name == "Dining").id
    front = Department.get(Department.name == "Front office").id

    def complaint(day, dept, state="registered", **kw):
        return Feedback.create(**_rec(clerk, day), channel="phone", kind="complaint", date=day, text="慢",
                               department=dept, state=state, **kw)
    complaint(d(2026, 11, 2), dining, rating_attitude=2, rating_food=1)
    complaint(d(2026, 11, 3), dining, state="closed", rating_attitude=4)
    complaint(d(2026, 11, 4), dining, serious=True)
    complaint(d(2026, 11, 5), front, state="replied")
    complaint(d(2026, 11, 6), None)
    complaint(d(2026, 11, 7), front, voided=True, void_reason="重复")
    complaint(d(2026, 10, 20), front, rating_attitude=3, rating_skill=4)       # last month: not in the bars
    Feedback.create(**_rec(clerk, d(2026, 11, 8)), channel="card_checkout", kind="praise", date=d(2026, 11, 8),
                    text="好", rating_attitude=4, rating_skill=4, rating_food=3)
    Feedback.create(**_rec(clerk, d(2025, 12, 1)), channel="card_checkout", kind="praise", date=d(2025, 12, 1),
                    text="好", rating_attitude=2)
    Feedback.create(**_rec(clerk, d(2025, 11, 30)), channel="card_checkout", kind="praise", date=d(2025, 11, 30),
                    text="旧", rating_attitude=1)                                 # 13 months ago: out
    causes = ["method", "man", "man", "machine", "man", "method", None]
    days = [d(2026, 11, 2), d(2026, 10, 1), d(2026, 9, 1), d(2026, 8, 1), d(2026, 3, 1), d(2025, 12, 2),
            d(2026, 11, 3)]
    for n, (cause, day) in enumerate(zip(causes, days)):
        sheet = AnomalySheet.create(**_rec(clerk, day), number=f"QA-{n:04d}", source="internal",
                                    found_at=dt.datetime.combine(day, dt.time(3)), product="床单", product_key="床单",
                                    description="污渍", severity="general", cause_category=cause,
                                    state="closed" if n < 3 else "raised")
    AnomalySheet.create(**_rec(clerk, d(2025, 10, 1)), number="QA-OLD", source="internal",
                        found_at=dt.datetime(2025, 10, 1, 3), product="床单", product_key="床单", description="旧",
                        severity="general", cause_category="machine", state="closed")
    CapaAction.create(**_rec(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="corrective", what="重洗",
                      due_on=d(2026, 11, 10))
    CapaAction.create(**_rec(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="preventive", what="培训",
                      due_on=d(2026, 11, 30))
    CapaAction.create(**_rec(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="preventive", what="已做",
                      due_on=d(2026, 11, 5), done_on=d(2026, 11, 4))
    for n, (day, adoption, state) in enumerate([
            (d(2026, 11, 1), "adopted", "closed"), (d(2026, 11, 2), "partly", "answered"),
            (d(2026, 11, 3), "not_adopted", "closed"), (d(2026, 11, 14), None, "received"),
            (d(2026, 1, 5), "adopted", "closed"), (d(2025, 12, 5), None, "received")]):
        Suggestion.create(**_rec(clerk, day), number=f"建议-{n:04d}", received_on=day, text="建议",
                          adoption=adoption, state=state)
    room = Room.create(number="801", floor=8)
    MaintenanceItem.create(**_rec(clerk, d(2026, 11, 9)), room=room.id, description="灯坏")
    MaintenanceItem.create(**_rec(clerk, d(2026, 11, 9)), room=room.id, description="修好", state="checked")
    ServiceSheet.create(**_rec(clerk, d(2026, 11, 10)), date=d(2026, 11, 10), floor=8, attendant=clerk.id)
    deadlines.run_checks()
    return {"dining": dining, "front": front}


def test_open_and_overdue_per_desk(book):
    figures = dashboard_figures(d(2026, 11, 15))
    loads = {x.desk: x for x in figures.desks}
    assert list(loads) == [load.key for load in desk_loads()] == [
        "complaints", "service_sheets", "maintenance", "anomalies", "capa_actions", "suggestions"]
    assert {k: x.open for k, x in loads.items()} == {
        "complaints": 5, "service_sheets": 1, "maintenance": 1, "anomalies": 4, "capa_actions": 2, "suggestions": 2}
    clocks = {"complaints": ("complaint",), "service_sheets": ("service_sheet", "sheet_delivery"),
              "maintenance": ("maintenance",), "anomalies": ("anomaly",), "capa_actions": ("capa",),
              "suggestions": ("suggestion",)}
    for key, load in loads.items():  # each figure is what the deadline clocks call late now
        late = set()
        for desk in clocks[key]:
            late |= {i for (i,) in ItemClock.select(ItemClock.item_id).where(
                (ItemClock.desk == desk) & ItemClock.done_at.is_null() & (ItemClock.due_at <= clock.now_utc()))
                .tuples()}
        assert load.overdue == len(late), key
    assert loads["complaints"].overdue >= 3 and loads["capa_actions"].overdue >= 1
    assert figures.open_total == 15 and figures.overdue_total == sum(x.overdue for x in loads.values())


def test_every_open_bar_lists_what_it_counts(book):
    for load in dashboard_figures(d(2026, 11, 15)).desks:
        listing = registry.listing(load.desk)()
        assert listing.count(load.open_drill.filters()) == load.open, load.desk
        assert load.overdue_drill.choice in {k for k, _l in listing.choices()}
        assert listing.count(load.overdue_drill.filters()) == load.overdue, load.desk
        late_rows = listing.page(load.overdue_drill.filters(), None, True, 0, 100)
        assert all(r.warn for r in late_rows), load.desk  # every row the bar opens is marked


def test_complaints_this_month_by_department(book):
    figures = dashboard_figures(d(2026, 11, 15))
    assert [(b.label, b.count, b.extra) for b in figures.complaints] == [
        ("Dining", 3, 1), ("Department not given", 1, 0), ("Front office", 1, 0)]  # ties: no name first
    assert figures.complaints_total == 5
    dining = figures.complaints[0].drill
    assert (dining.desk, dining.choice, dining.date_from, dining.date_to) == (
        "complaints", f"dept:{book['dining']}", d(2026, 11, 1), d(2026, 11, 15))
    from feedback_desk.desks.feedback.listings import FeedbackListing
    for bar in figures.complaints:
        assert FeedbackListing().count(bar.drill.filters()) == bar.count, bar.label


def test_satisfaction_trend(book):
    figures = dashboard_figures(d(2026, 11, 15))
    assert figures.months[0] == "2025-12" and figures.months[-1] == "2026-11" and len(figures.months) == 12
    aspects = dict(figures.aspects)
    assert aspects["Attitude"][-1] == pytest.approx(10 / 3)        # 2, 4, 4 (the void one has none)
    assert aspects["Food"][-1] == pytest.approx(2.0)               # 1, 3
    assert aspects["Skill"][-1] == pytest.approx(4.0)
    assert figures.satisfaction[-1] == pytest.approx((10 / 3 + 2 + 4) / 3)
    assert figures.satisfaction[-2] == pytest.approx(3.5)           # October: attitude 3, skill 4
    assert figures.satisfaction[0] == pytest.approx(2.0)            # December 2025; November 2025 is out
    assert figures.satisfaction[1] is None and aspects["Attitude"][1] is None


def test_anomaly_pareto_by_cause(book):
    figures = dashboard_figures(d(2026, 11, 15))
    assert [(b.label, b.count) for b in figures.pareto] == [
        ("Man (people)", 3), ("Method", 2), ("Machine", 1), ("Not yet known", 1)]
    assert figures.pareto[0].cumulative == pytest.approx(300 / 7) and figures.pareto[-1].cumulative == 100
    from feedback_desk.desks.quality.listings import AnomalyListing
    for bar in figures.pareto:
        assert bar.drill.desk == "anomalies" and bar.drill.date_from == d(2025, 12, 1)
        assert AnomalyListing().count(bar.drill.filters()) == bar.count, bar.label


def test_suggestions_received_and_adopted(book):
    figures = dashboard_figures(d(2026, 11, 15))
    months = {s.month: s for s in figures.suggestions}
    assert list(months) == figures.months
    assert (months["2026-11"].received, months["2026-11"].adopted) == (4, 2)
    assert (months["2026-01"].received, months["2026-01"].adopted) == (1, 1)
    assert (months["2025-12"].received, months["2025-12"].adopted) == (1, 0)
    assert sum(s.received for s in figures.suggestions) == 6
    from feedback_desk.desks.suggestions.listings import SuggestionListing
    for s in figures.suggestions:
        assert SuggestionListing().count(s.received_drill.filters()) == s.received, s.month
        assert SuggestionListing().count(s.adopted_drill.filters()) == s.adopted, s.month
