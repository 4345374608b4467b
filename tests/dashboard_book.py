"""A known month for the dashboard, its figures and its window (15 November 2026, fixed clock)."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base.models import Department
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.housekeeping.models import MaintenanceItem, Room, ServiceSheet
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.loop import clocks as deadlines

d = dt.date


def made_on(clerk, day: dt.date) -> dict:
    at = dt.datetime.combine(day, dt.time(3, 0))
    return dict(created_at=at, updated_at=at, created_by=clerk.id, updated_by=clerk.id)


@pytest.fixture
def book(db, clerk, fixed_clock):
    dining = Department.get(Department.name == "Dining").id
    front = Department.get(Department.name == "Front office").id

    def complaint(day, dept, state="registered", **kw):
        return Feedback.create(**made_on(clerk, day), channel="phone", kind="complaint", date=day, text="慢",
                               department=dept, state=state, **kw)
    complaint(d(2026, 11, 2), dining, rating_attitude=2, rating_food=1)
    complaint(d(2026, 11, 3), dining, state="closed", rating_attitude=4)
    complaint(d(2026, 11, 4), dining, serious=True)
    complaint(d(2026, 11, 5), front, state="replied")
    complaint(d(2026, 11, 6), None)
    complaint(d(2026, 11, 7), front, voided=True, void_reason="重复")
    complaint(d(2026, 10, 20), front, rating_attitude=3, rating_skill=4)       # last month: not in the bars
    Feedback.create(**made_on(clerk, d(2026, 11, 8)), channel="card_checkout", kind="praise", date=d(2026, 11, 8),
                    text="好", rating_attitude=4, rating_skill=4, rating_food=3)
    Feedback.create(**made_on(clerk, d(2025, 12, 1)), channel="card_checkout", kind="praise", date=d(2025, 12, 1),
                    text="好", rating_attitude=2)
    Feedback.create(**made_on(clerk, d(2025, 11, 30)), channel="card_checkout", kind="praise", date=d(2025, 11, 30),
                    text="旧", rating_attitude=1)                                 # 13 months ago: out
    causes = ["method", "man", "man", "machine", "man", "method", None]
    days = [d(2026, 11, 2), d(2026, 10, 1), d(2026, 9, 1), d(2026, 8, 1), d(2026, 3, 1), d(2025, 12, 2),
            d(2026, 11, 3)]
    for n, (cause, day) in enumerate(zip(causes, days)):
        sheet = AnomalySheet.create(**made_on(clerk, day), number=f"QA-{n:04d}", source="internal",
                                    found_at=dt.datetime.combine(day, dt.time(3)), product="床单", product_key="床单",
                                    description="污渍", severity="general", cause_category=cause,
                                    state="closed" if n < 3 else "raised")
    AnomalySheet.create(**made_on(clerk, d(2025, 10, 1)), number="QA-OLD", source="internal",
                        found_at=dt.datetime(2025, 10, 1, 3), product="床单", product_key="床单", description="旧",
                        severity="general", cause_category="machine", state="closed")
    CapaAction.create(**made_on(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="corrective", what="重洗",
                      due_on=d(2026, 11, 10))
    CapaAction.create(**made_on(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="preventive", what="培训",
                      due_on=d(2026, 11, 30))
    CapaAction.create(**made_on(clerk, d(2026, 11, 3)), sheet=sheet.id, kind="preventive", what="已做",
                      due_on=d(2026, 11, 5), done_on=d(2026, 11, 4))
    for n, (day, adoption, state) in enumerate([
            (d(2026, 11, 1), "adopted", "closed"), (d(2026, 11, 2), "partly", "answered"),
            (d(2026, 11, 3), "not_adopted", "closed"), (d(2026, 11, 14), None, "received"),
            (d(2026, 1, 5), "adopted", "closed"), (d(2025, 12, 5), None, "received")]):
        Suggestion.create(**made_on(clerk, day), number=f"建议-{n:04d}", received_on=day, text="建议",
                          adoption=adoption, state=state)
    room = Room.create(number="801", floor=8)
    MaintenanceItem.create(**made_on(clerk, d(2026, 11, 9)), room=room.id, description="灯坏")
    MaintenanceItem.create(**made_on(clerk, d(2026, 11, 9)), room=room.id, description="修好", state="checked")
    ServiceSheet.create(**made_on(clerk, d(2026, 11, 10)), date=d(2026, 11, 10), floor=8, attendant=clerk.id)
    deadlines.run_checks()
    return {"dining": dining, "front": front}
