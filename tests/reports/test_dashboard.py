"""The dashboard's figures on a known data set, with a fixed clock (15 November 2026)."""
from __future__ import annotations

import pytest

from feedback_desk.base import clock
from feedback_desk.desks import registry
from feedback_desk.reports.dashboard import dashboard_figures, loads as desk_loads
from feedback_desk.loop.models import ItemClock

from dashboard_book import book, d  # noqa: F401  (book: the known data set)


def test_open_and_overdue_per_desk(book):
    figures = dashboard_figures(d(2026, 11, 15))
    loads = {x.desk: x for x in figures.desks}
    assert list(loads) == [load.key for load in desk_loads()] == [
        "complaints", "service_sheets", "maintenance", "anomalies", "capa_actions", "suggestions", "work_items",
        "meetings", "hazards"]
    assert {k: x.open for k, x in loads.items()} == {
        "complaints": 5, "service_sheets": 1, "maintenance": 1, "anomalies": 4, "capa_actions": 2, "suggestions": 2,
        "work_items": 0, "meetings": 0, "hazards": 0}
    clocks = {"complaints": ("complaint",), "service_sheets": ("service_sheet", "sheet_delivery"),
              "maintenance": ("maintenance",), "anomalies": ("anomaly",), "capa_actions": ("capa",),
              "suggestions": ("suggestion",), "work_items": ("work_ack", "work_done", "work_confirm", "work_ruling"),
              "meetings": ("meeting_minutes", "meeting_response"),
              "hazards": ("hazard", "hazard_assign", "hazard_check")}
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
        ("Dining", 3, 1), ("Front office", 1, 0), ("Department not given", 1, 0)]  # ties: by name, none last
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
