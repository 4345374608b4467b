"""The work desk's table, who reads what on it, its ledger, the dashboard's figures and its spec."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from feedback_desk.base import access, clock
from feedback_desk.base.errors import PermissionDenied
from feedback_desk.base.listing import Filters
from feedback_desk.desks import registry
from feedback_desk.desks.work import doing, giving
from feedback_desk.desks.work.listings import WorkListing, work_by_department
from feedback_desk.export import ledgers
from feedback_desk.loop import clocks
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.reports import dashboard

from work_hotel import MONDAY, START, hotel, repair, utc  # noqa: F401  (hotel: the fixture)


def _ids(choice="", text="", **filters):
    return {r.id for r in WorkListing().page(Filters(text=text, choice=choice, **filters), None, False, 0, 100)}


def _rows(**filters):
    listing = WorkListing()
    keys = [c.key for c in listing.columns]
    return {r.id: (dict(zip(keys, r.values)), r) for r in listing.page(Filters(**filters), None, False, 0, 100)}


@pytest.fixture
def work(hotel):
    p = hotel["people"]
    with access.acting_as_the_program():  # whoever the test then signs in
        return _made(hotel, p)


def _made(hotel, p):
    made = {"repair": repair(hotel),
            "lamp": repair(hotel, task="大堂吊灯有两只灯泡不亮", urgency="ordinary", due_on=None),
            "order": giving.give({"kind": "direct_order", "doer": p["赵强"].id, "urgency": "urgent",
                                  "task": "VIP 15:00 到店，1808 房欢迎水果 14:30 前布置好", "due_on": MONDAY}, p["陈总"]),
            "linen": giving.give({"kind": "manager_to_subordinate", "doer": p["黄丽"].id,
                                  "task": "周三前清点 12 楼布草", "due_on": MONDAY + dt.timedelta(days=2),
                                  "copied": [p["林娜"].id]}, p["钱经理"])}
    clocks.run_checks(START + dt.timedelta(minutes=1))
    return made


def test_the_table_shows_each_item_its_due_dates_and_the_step_it_waits_for(hotel, work):
    p = hotel["people"]
    item = doing.ask_delay(work["repair"].id, work["repair"].version, "电容缺货", p["李师傅"],
                           new_due_on=MONDAY + dt.timedelta(days=4))
    clock.set_now(START + dt.timedelta(hours=1))
    rows = _rows()
    shown, row = rows[item.id]
    assert shown["number"] == "工作-2026-11-0001" and shown["doer"] == "李师傅" and shown["given_by"] == "王芳"
    assert shown["department"] == "Engineering" and shown["kind"] == "Cross-department request"
    assert "Nov 18, 2026" in shown["due_on"] and "Nov 20, 2026 asked" in shown["due_on"]   # both dates
    assert shown["state"] == "In progress" and "left" in shown["due"]
    assert rows[work["lamp"].id][0]["due_on"] == "No due date (reported daily)"
    # the urgent order: not acknowledged within 30 minutes, late by the rules and standing out
    order, order_row = rows[work["order"].id]
    assert order["due"].startswith("⚠ late by 30 min") and order_row.warn
    assert _ids(LATE_CHOICE) == {work["order"].id} and WorkListing().count(Filters(choice=LATE_CHOICE)) == 1
    assert _ids("to_acknowledge") == {work["lamp"].id, work["order"].id, work["linen"].id}
    assert _ids("urgency:urgent") == {work["order"].id}
    assert _ids("kind:manager_to_subordinate") == {work["linen"].id}
    assert _ids(f"department:{hotel['dept']['Engineering']}") == {work["repair"].id, work["lamp"].id, work["order"].id}
    assert _ids(text="吊灯") == {work["lamp"].id} and _ids(text="工作-2026-11-000") == set(work[k].id for k in work)
    assert _ids(date_from=MONDAY + dt.timedelta(days=1)) == set()


def test_each_person_reads_what_they_gave_do_or_are_copied_on_and_heads_their_departments(hotel, work, as_people):
    p = hotel["people"]
    everything = {w.id for w in work.values()}
    expect = {"王芳": {work["repair"].id, work["lamp"].id},              # gave them
              "李师傅": {work["repair"].id, work["lamp"].id},            # does them
              "林娜": {work["linen"].id},                                # copied
              "赵强": {work["order"].id},
              "吴经理": {work["repair"].id, work["lamp"].id, work["order"].id},  # copied on the order, and heads engineering
              "周经理": {work["repair"].id, work["lamp"].id},            # heads the front office, which gave them
              "孙主任": everything, "刘副总": everything, "陈总": everything}
    for name, ids in expect.items():
        as_people(p[name])
        assert _ids() == ids, name
    as_people(p["林娜"])
    assert _ids("copied") == {work["linen"].id} and _ids("mine") == set()
    with pytest.raises(PermissionDenied, match="A work item is read by"):
        giving.read_item(work["repair"].id)
    as_people(p["黄丽"])
    assert _ids("mine") == {work["linen"].id}


def test_acknowledgement_times_and_late_work_per_department(hotel, work):
    p = hotel["people"]
    clock.set_now(START + dt.timedelta(minutes=10))
    doing.acknowledge(work["repair"].id, work["repair"].version, p["李师傅"])
    clock.set_now(START + dt.timedelta(hours=2))
    doing.acknowledge(work["order"].id, work["order"].version, p["赵强"])
    clock.set_now(START + dt.timedelta(hours=13))
    clocks.run_checks(START + dt.timedelta(hours=13))
    lines = {line.name: line for line in work_by_department(MONDAY, MONDAY)}
    engineering = lines["Engineering"]
    assert (engineering.open, engineering.late, engineering.acknowledged) == (3, 1, 2)   # the lamp: 13 h unanswered
    assert (engineering.median_minutes, engineering.slowest_minutes) == (65, 120)
    assert (lines["Rooms division"].open, lines["Rooms division"].late, lines["Rooms division"].median_minutes) == (
        1, 1, None)


def test_the_dashboard_the_monthly_summary_and_the_ledger_count_the_work(hotel, work, tmp_path):
    clock.set_now(START + dt.timedelta(hours=1))
    load = next(d for d in dashboard.desk_loads() if d.desk == "work_items")
    assert (load.title, load.open, load.overdue) == ("Work given", 4, 1)
    still = next(s for s in registry.spec("work").still_open if s.key == "work_items")
    assert still.count() == 1
    path = ledgers.export_ledger("work_items", MONDAY, MONDAY, tmp_path / "work.xlsx")
    ws = load_workbook(path).active
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Number", "Given on", "Kind", "Urgency"] and ws.max_row == 5
    rows = {r[0].value: dict(zip(headers, (c.value for c in r))) for r in ws.iter_rows(min_row=2)}
    order = rows["工作-2026-11-0003"]
    assert (order["Doer"], order["Answering department"], order["Late by the rules"]) == ("赵强", "Engineering", "Yes")
    assert order["Given on"] == dt.datetime(2026, 11, 16) and order["Due date"] == dt.datetime(2026, 11, 16)
    assert rows["工作-2026-11-0001"]["Late by the rules"] in ("", None)


def test_a_head_exports_the_work_of_the_departments_they_head(hotel, work, tmp_path, as_people):
    as_people(hotel["people"]["钱经理"])
    path = ledgers.export_ledger("work_items", MONDAY, MONDAY, tmp_path / "rooms.xlsx")
    ws = load_workbook(path).active
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == ["工作-2026-11-0004"]


def test_the_desk_declares_its_tables_clocks_listing_and_ledgers():
    spec = registry.spec("work")
    assert spec.listings["work_items"] is WorkListing
    assert {i.key for i in spec.deadline_items} == {"work_ack", "work_done", "work_confirm", "work_ruling",
                                                     "meeting_minutes", "meeting_response"}
    assert {ledger.key for ledger in spec.ledgers} == {"work_items", "meetings"}
    assert [form.kind for form in spec.forms] == ["work_item", "meeting"]
    with access.acting_as_the_program():
        assert utc(2026, 11, 16, 9) == START
