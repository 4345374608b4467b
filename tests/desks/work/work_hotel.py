"""The hotel the work desk's tests work in: its people (a head for the front office and for
engineering, the deputy and the general manager, the GM's office, staff, one who left), China time,
and the clock on Monday 16 November 2026, 09:00 in Shanghai."""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from feedback_desk.base import access, clock, roles, staff
from feedback_desk.base.models import Department

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
MONDAY = dt.date(2026, 11, 16)


def utc(y, m, d, hh=0, mm=0) -> dt.datetime:
    """Naive UTC of a Shanghai wall-clock time (computed apart from the code)."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH).astimezone(dt.timezone.utc).replace(tzinfo=None)


START = utc(2026, 11, 16, 9)


@pytest.fixture
def hotel(db, shanghai):
    """Who works here, by name; `dept` the departments by English name."""
    dept = {d.name: d.id for d in Department.select()}
    people = {}
    with access.acting_as_the_program():
        for name, department, grants in (
                ("陈总", "General manager's office", ["gm"]),
                ("刘副总", "General manager's office", ["deputy_gm"]),
                ("孙主任", "General manager's office", ["gm_office"]),
                ("周经理", "Front office", ["head"]),
                ("吴经理", "Engineering", ["head"]),
                ("钱经理", "Rooms division", ["head"]),
                ("王芳", "Front office", []),
                ("林娜", "Front office", []),
                ("李师傅", "Engineering", []),
                ("赵强", "Engineering", []),
                ("黄丽", "Rooms division", []),
                ("郑敏", "Engineering", [])):
            people[name] = staff.save_staff(name, dept[department], roles=grants)
        people["郑敏"] = staff.save_staff("郑敏", dept["Engineering"], people["郑敏"].id, active=False)
    clock.set_now(START)
    return {"people": people, "dept": dept}


def repair(hotel, **values):
    """Front desk asks engineering for a repair: 王芳 → 李师傅, due Wednesday (prepared by the program,
    whoever the test signs in)."""
    from feedback_desk.desks.work import giving

    p = hotel["people"]
    base = {"kind": "cross_department", "doer": p["李师傅"].id, "urgency": "important",
            "task": "1205房空调不制冷，客人下午入住前请修好", "due_on": MONDAY + dt.timedelta(days=2)}
    base.update(values)
    with access.acting_as_the_program():
        return giving.give(base, p["王芳"])


__all__ = ["hotel", "repair", "utc", "MONDAY", "START", "roles"]
