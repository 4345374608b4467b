"""The dashboard's work bars: each answering department's open and late items, counted as the work
table lists them for whoever is signed in, and how long its acknowledgements took (median, slowest)."""
from __future__ import annotations

import datetime as dt

from feedback_desk.base import access, clock
from feedback_desk.desks.work import doing
from feedback_desk.desks.work.listings import WorkListing
from feedback_desk.loop import clocks
from feedback_desk.reports.dashboard import department_work

from work_hotel import MONDAY, START, hotel, repair  # noqa: F401  (hotel: the fixture)


def _given(hotel):
    """Engineering acknowledges one repair after 20 minutes and another after 80; the rooms division
    leaves an urgent order unacknowledged past its 30 minutes."""
    p = hotel["people"]
    first = repair(hotel)
    second = repair(hotel, doer=p["赵强"].id, task="大堂东侧三盏筒灯不亮，今晚宴会前换好")
    urgent = repair(hotel, doer=p["黄丽"].id, urgency="urgent", task="8楼走廊地毯有大片水渍，马上处理")
    with access.acting_as_the_program():
        clock.set_now(START + dt.timedelta(minutes=20))
        doing.acknowledge(first.id, first.version, p["李师傅"], "收到")
        clock.set_now(START + dt.timedelta(minutes=80))
        doing.acknowledge(second.id, second.version, p["赵强"], "正在办理")
    clock.set_now(START + dt.timedelta(hours=3))
    clocks.run_checks(START + dt.timedelta(hours=3))  # the minute check starts and runs the clocks
    return first, second, urgent


def test_each_department_shows_its_open_and_late_work_and_its_acknowledgement_times(hotel):
    _given(hotel)
    with access.acting_as_the_program():  # the whole hotel, as the GM's office reads it
        bars = department_work(MONDAY)
        counts = [(WorkListing().count(b.open_drill.filters()), WorkListing().count(b.late_drill.filters()))
                  for b in bars]
    assert [(b.label, b.open, b.late, b.median_minutes, b.slowest_minutes) for b in bars] == [
        ("Engineering", 2, 0, 50.0, 80.0), ("Rooms division", 1, 1, None, None)]
    assert counts == [(b.open, b.late) for b in bars]


def test_a_doer_counts_only_the_work_they_may_read_and_a_click_lists_the_same(hotel, as_people):
    first, _second, _urgent = _given(hotel)
    as_people(hotel["people"]["李师傅"])
    bars = department_work(MONDAY)
    assert [(b.label, b.open, b.late) for b in bars] == [("Engineering", 1, 0)]
    page = WorkListing().page(bars[0].open_drill.filters(), None, False, 0, 50)
    assert [row.id for row in page] == [first.id]
