"""The demo's housekeeping desk (demo_service): floors, daily sheets, maintenance, handovers."""
from __future__ import annotations

import datetime as dt

import peewee as pw

from feedback_desk.base import clock
from feedback_desk.desks.housekeeping import handover, rooms, sheet_rules as rules
from feedback_desk.desks.housekeeping.models import (Handover, LineConsumable, MaintenanceItem, Room,
                                                     ServiceLine, ServiceSheet)
from feedback_desk.base.vocab import MAINTENANCE_STATES, ROOM_STATES, SHEET_STATES


def test_three_floors_of_rooms_and_the_consumables(filled):
    assert rooms.floors() == [8, 9, 10]
    for floor in (8, 9, 10):
        numbers = [r.number for r in rooms.rooms(floor)]
        assert numbers == [str(floor * 100 + n) for n in range(1, 21)]
    assert {r.room_type for r in Room.select()} == {"标准间", "大床房", "套房"}
    assert len(rooms.consumables()) == len(rooms.DEFAULT_CONSUMABLES)


def test_two_months_of_daily_sheets(filled):
    counts = filled["counts"]
    today = clock.today_local()
    days = {d for (d,) in ServiceSheet.select(ServiceSheet.date).distinct().tuples()}
    assert 58 <= len(days) <= 61 and max(days) <= today and (today - min(days)).days <= 61
    assert counts["service_sheets"] == ServiceSheet.select().count() >= 170
    per_day = {}
    for day, floor, attendant in ServiceSheet.select(ServiceSheet.date, ServiceSheet.floor,
                                                     ServiceSheet.attendant).tuples():
        per_day.setdefault(day, []).append((floor, attendant))
    for day, sheets in per_day.items():
        floors = [f for f, _a in sheets]
        assert sorted(floors) == sorted(set(floors)) and set(floors) <= {8, 9, 10}
        assert len({a for _f, a in sheets}) == len(sheets), "one attendant per floor and day"
        if day < today:
            assert len(sheets) == 3
    assert {s for (s,) in ServiceSheet.select(ServiceSheet.state).distinct().tuples()} == set(SHEET_STATES)


def test_lines_in_cleaning_order_on_the_sheets_floor(filled):
    lines = list(ServiceLine.select(ServiceLine, ServiceSheet, Room)
                 .join(ServiceSheet, on=(ServiceLine.sheet == ServiceSheet.id))
                 .switch(ServiceLine).join(Room, on=(ServiceLine.room == Room.id))
                 .order_by(ServiceLine.sheet, ServiceLine.position))
    assert filled["counts"]["service_lines"] == len(lines) >= 1500
    by_sheet = {}
    for line in lines:
        assert line.room.floor == line.floor == line.sheet.floor and line.date == line.sheet.date
        assert dt.time(8, 30) <= line.start_time <= line.end_time <= dt.time(15, 0)
        assert line.room_state in ROOM_STATES
        if line.room_state == "checkout" and not line.voided:
            assert line.linen_changed
        by_sheet.setdefault(line.sheet_id, []).append(line)
    today = clock.today_local()
    for sheet_lines in by_sheet.values():
        live = [line for line in sheet_lines if not line.voided]
        assert len(live) <= 16 and (len(live) >= 8 or live[0].date == today)
        assert len({line.room_id for line in live}) == len(live)
        starts = [line.start_time for line in sheet_lines if not line.voided]
        if not any(line.voided for line in sheet_lines):
            assert starts == sorted(starts)
    states = {s for (s,) in ServiceLine.select(ServiceLine.room_state).distinct().tuples()}
    assert states == set(ROOM_STATES)
    used = LineConsumable.select(pw.fn.SUM(LineConsumable.quantity)).scalar()
    assert used > 5 * len(lines)
    assert ServiceLine.select().where(ServiceLine.special.contains("已交前台")).exists()


def test_foremen_check_late_unverified_and_not_received_sheets(filled):
    kinds = set()
    for sheet in ServiceSheet.select():
        if sheet.state != "open":
            assert sheet.verified_by_id and sheet.verified_by_id != sheet.attendant_id
            assert clock.to_local(sheet.verified_at).date() >= sheet.date
        if sheet.state == "received":
            assert sheet.received_at >= sheet.verified_at
        kinds |= rules.sheet_lateness(sheet.date, sheet.state, sheet.verified_at, sheet.received_at)
    assert kinds >= {"unverified", "verified_late", "not_received", "received_late"}
    assert filled["counts"]["sheets_late"] >= 5


def test_corrected_sheets_void_a_line_after_the_check(filled):
    voided = list(ServiceLine.select().where(ServiceLine.voided == True))  # noqa: E712
    assert voided
    for line in voided:
        sheet = ServiceSheet.get_by_id(line.sheet_id)
        assert line.void_reason and sheet.state in ("verified", "received")
        assert line.updated_at >= sheet.verified_at
        # the right line was added to the sheet before the foreman's check
        later = ServiceLine.select().where((ServiceLine.sheet == sheet.id) & (ServiceLine.voided == False)  # noqa: E712
                                           & (ServiceLine.position > line.position))
        assert later.where(ServiceLine.created_at <= sheet.verified_at).exists()


def test_maintenance_follow_ups_in_every_state_some_open(filled):
    items = list(MaintenanceItem.select())
    assert {m.state for m in items} == set(MAINTENANCE_STATES)
    assert sum(m.state != "checked" for m in items) >= 3
    for m in items:
        if m.state != "reported":
            assert m.owner_id
        if m.state == "checked":
            assert m.checked_by_id and m.fixed_at <= m.checked_at
    texts = {m.description for m in items}
    assert texts & {"淋浴喷头漏水", "空调不制冷", "马桶堵塞", "台灯不亮"}


def test_handovers_signed_by_two_with_a_few_differences(filled):
    handovers = list(Handover.select())
    assert {h.post for h in handovers} == {"总台", "客房部工作间"}
    assert len(handovers) >= 200
    differing = 0
    for h in handovers:
        assert h.taken_by_id != h.handed_by_id
        differing += bool(handover.differences(h.id))
    assert 1 <= differing <= len(handovers) * 0.15
    assert filled["counts"]["handover_differences"] == differing


def test_service_desk_has_nothing_in_the_future(filled):
    now = clock.now_utc()
    for model in (ServiceSheet, ServiceLine, MaintenanceItem, Handover):
        assert model.select(pw.fn.MAX(model.updated_at)).scalar() <= now
