"""The people of an incident's route, as both incident test files meet them (Monday 10:00 in Shanghai)."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department

NOW = dt.datetime(2026, 11, 16, 2, 0)  # Monday 10:00 in Shanghai (the test files say it again, for their times)


def dept(name: str) -> int:
    return Department.get(Department.name == name).id


@pytest.fixture
def route_people(db, shanghai):
    """The attendant who reports, the rooms division's head, the office, HR and someone in sales."""
    clock.set_now(NOW)
    with access.acting_as_the_program():
        people = {"attendant": staff.save_staff("郑秀英", dept("Rooms division")),
                  "rooms_head": staff.save_staff("何丽", dept("Rooms division"), roles=["head"]),
                  "office": staff.save_staff("唐雅琴", dept("General manager's office"), roles=["gm_office"]),
                  "hr": staff.save_staff("林秀华", dept("Human resources"), roles=["hr"]),
                  "other": staff.save_staff("杨帆", dept("Sales"))}
    yield people
    clock.set_now(None)
