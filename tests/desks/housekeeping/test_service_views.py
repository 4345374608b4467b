"""What the housekeeping desk shows: sheets, a room's history, follow-ups, consumables used.

Counting, paging, sorting and filtering are done in SQL; the tests compare them with the
same records read back and sorted in Python. The time zone is fixed to China's so that
"today" and the deadlines are the same on any machine.
"""
from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from own_queries import count_queries

from feedback_desk.base import clock, settings, staff
from feedback_desk.loop import rules as dr, clocks as deadlines
from feedback_desk.desks.housekeeping import maintenance, rooms, sheet_rules as rules, service_log
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.due_columns import LATE_CHOICE
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.housekeeping.models import (Consumable, MaintenanceItem, Room, ServiceLine,
                                                     ServiceSheet)
from feedback_desk.desks.housekeeping.listings import (MaintenanceListing, RoomHistoryListing,
                                                       SheetListing, Usage, consumption)

ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 15)  # fixed_clock is noon of this day in China
STATES = ["checkout", "stayover", "vacant", "dnd", "ooo"]


@pytest.fixture(autouse=True)
def china_time(shanghai):
    """Every test here runs on China time."""


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ZONE).astimezone(dt.timezone.utc).replace(tzinfo=None)


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def _sql_order(items):
    """(id, value) pairs in the order of ORDER BY value ASC, id ASC (NULLs first)."""
    return [i for i, _v in sorted(items, key=lambda iv: (iv[1] is not None, iv[1] if iv[1] is not None else 0, iv[0]))]


@pytest.fixture
def crew(db):
    front = Department.get(Department.name == "Front office")
    return {name: staff.save_staff(name, front.id) for name in ("王芳", "李娜", "张伟", "赵敏")}


@pytest.fixture
def log_book(crew, fixed_clock):
    """Six days of sheets for floors 12 and 13: on time, late, unverified, not received; one void sheet
    and one void line; some rooms need maintenance, in every state of the follow-up."""
    a, b, foreman, desk = crew["王芳"], crew["李娜"], crew["张伟"], crew["赵敏"]
    rooms.add_floor(12, 1201, 1206, "Standard")
    rooms.add_floor(13, 1301, 1306, "Suite")
    rooms.ensure_consumables()
    soap, tea, water = (Consumable.get(Consumable.name == n) for n in ("Soap", "Tea", "Bottled water"))
    now = fixed_clock
    k = 0
    for back in range(5, -1, -1):
        day = TODAY - dt.timedelta(days=back)
        nxt = day + dt.timedelta(days=1)
        for floor, who in ((12, a), (13, b)):
            clock.set_now(at(day, 8))
            sheet = service_log.create_sheet({"date": day, "floor": floor, "attendant": who}, who)
            for j in range(3):
                n = (k * 2 + j) % 6 + 1
                clock.set_now(at(day, 9, j * 10))
                service_log.add_line(sheet.id, {
                    "room": f"{floor}{n:02d}",
                    "start_time": None if (k + j) % 5 == 0 else f"{9 + (k * j) % 5}:{(k * 7 + j * 13) % 60:02d}",
                    "end_time": None if (k + j) % 4 == 0 else f"{15 + j}:{(k * 11) % 60:02d}",
                    "room_state": STATES[(k + j) % 5], "linen_changed": j % 2 == 0,
                    "consumables": {soap.id: 1 + j, tea.id: k % 3, water.id: 2},
                    "maintenance": f"空调滴水 {k}-{j}" if (k + j) % 4 == 1 else "",
                    "special": "客人要加床" if (k + j) % 6 == 2 else ""}, who)
            pattern = k % 4
            if pattern in (0, 2) and at(day, 18) <= now:
                clock.set_now(at(day, 18))
                sheet = service_log.verify_sheet(sheet.id, sheet.version, foreman)
            elif pattern == 1 and at(nxt, 9) <= now:
                clock.set_now(at(nxt, 9))
                sheet = service_log.verify_sheet(sheet.id, sheet.version, foreman)
            if sheet.state == "verified":
                moment = at(nxt, 7, 30) if pattern == 0 else at(nxt, 10) if pattern == 1 else None
                if moment and moment <= now:
                    clock.set_now(moment)
                    service_log.receive_sheet(sheet.id, sheet.version, desk)
            k += 1
    clock.set_now(at(TODAY - dt.timedelta(days=2), 8))
    wrong = service_log.create_sheet({"date": TODAY - dt.timedelta(days=2), "floor": 12, "attendant": b}, b)
    service_log.add_line(wrong.id, {"room": "1203", "room_state": "vacant", "consumables": {soap.id: 9}}, b)
    service_log.void_sheet(wrong.id, wrong.version, "李娜 works on floor 13", b)
    line = ServiceLine.select().where((ServiceLine.date == TODAY) & (ServiceLine.floor == 13)).order_by(ServiceLine.id).get()
    service_log.void_line(line.id, line.version, "room entered twice", b)
    items = list(MaintenanceItem.select().order_by(MaintenanceItem.id))
    for i, item in enumerate(items):
        clock.set_now(now - dt.timedelta(hours=len(items) - i))
        steps = ["assigned", "fixed", "checked"][: i % 4]
        for step in steps:
            item = maintenance.advance(item.id, item.version, step, foreman,
                                       owner_id=[a.id, b.id][i % 2] if step == "assigned" else None)
    clock.set_now(now)
    return crew


def _sheets(include_void=False) -> list[ServiceSheet]:
    q = ServiceSheet.select()
    return list(q if include_void else q.where(ServiceSheet.voided == False))  # noqa: E712


def _lines(include_void=False) -> list[ServiceLine]:
    q = ServiceLine.select()
    return list(q if include_void else q.where(ServiceLine.voided == False))  # noqa: E712


def test_the_data_set_has_what_the_tests_need(log_book):
    sheets = _sheets()
    assert len(sheets) == 12 and {s.state for s in sheets} == {"open", "verified", "received"}
    assert len(_lines()) == 35 and len(_lines(include_void=True)) == 37
    assert {m.state for m in MaintenanceItem.select()} == {"reported", "assigned", "fixed", "checked"}


# --- sheets -----------------------------------------------------------------------------------

def _running_due(desk: str, item_id: int):
    """The due time of the item's running clock; None without one (or once it has stopped)."""
    row = ItemClock.get_or_none((ItemClock.desk == desk) & (ItemClock.item_id == item_id)
                                & ItemClock.done_at.is_null())
    return row.due_at if row else None


def _late_by_the_rules(desk: str, item_id: int) -> bool:
    due = _running_due(desk, item_id)
    return due is not None and due <= clock.now_utc()


def _sheet_value(s: ServiceSheet, key: str):
    if key == "due":  # the foreman's check while it runs, then the front desk's receipt
        return _running_due("service_sheet", s.id) or _running_due("sheet_delivery", s.id) or dt.datetime.max
    return {"attendant": s.attendant_id, "verified_by": s.verified_by_id}.get(key, getattr(s, key, None))


@pytest.mark.parametrize("key", [c.key for c in SheetListing.columns if c.sort is not None])
def test_sheets_sort_by_every_column_both_ways(log_book, fixed_clock, key):
    deadlines.run_checks(fixed_clock)
    assert len({_sheet_value(s, "due") for s in _sheets()}) >= 5
    expected = _sql_order([(s.id, _sheet_value(s, key)) for s in _sheets()])
    listing = SheetListing()
    assert _ids(listing.page(Filters(), key, False, 0, 100)) == expected
    assert _ids(listing.page(Filters(), key, True, 0, 100)) == expected[::-1]


def test_sheets_default_to_newest_first_and_page_without_gaps(log_book):
    listing = SheetListing()
    whole = _ids(listing.page(Filters(), None, listing.default_descending, 0, 100))
    dates = [ServiceSheet.get_by_id(i).date for i in whole]
    assert dates == sorted(dates, reverse=True) and dates[0] == TODAY
    pieces = []
    for offset in range(0, 12, 5):
        pieces += _ids(listing.page(Filters(), None, True, offset, 5))
    assert pieces == whole


def _late_now(s: ServiceSheet) -> set[str]:
    return rules.sheet_lateness(s.date, s.state, s.verified_at, s.received_at)


def _expected_sheets(choice: str) -> set[int]:
    live = _sheets()
    if choice == "":
        return {s.id for s in live}
    if choice == "late":  # still to be done, or overdue at the front desk
        return {s.id for s in live if s.state == "open" or (s.state == "verified" and "not_received" in _late_now(s))}
    if choice == LATE_CHOICE:  # late by the rules: not verified the same day, or not at the front desk in time
        return {s.id for s in live if (s.state == "open" and _late_by_the_rules("service_sheet", s.id))
                or (s.received_at is None and _late_by_the_rules("sheet_delivery", s.id))}
    return {s.id for s in live if s.state == choice[6:]}


def test_sheet_choices_filter(log_book, fixed_clock):
    deadlines.run_checks(fixed_clock)
    listing = SheetListing()
    choices = listing.choices()
    assert [k for k, _l in choices] == ["", "late", LATE_CHOICE, "state:open", "state:verified", "state:received"]
    # today's open sheet is late on neither clock yet; the rest still to be done are
    assert _expected_sheets(LATE_CHOICE) < _expected_sheets("late")
    for key, label in choices:
        expected = _expected_sheets(key)
        assert label and expected, key
        assert listing.count(Filters(choice=key)) == len(expected), key
        assert set(_ids(listing.page(Filters(choice=key), "date", True, 0, 100))) == expected, key


def test_late_choice_leaves_out_sheets_that_are_not_yet_due(log_book):
    """A sheet verified today is due at tomorrow's meeting; yesterday's is due at today's."""
    zhao, foreman = log_book["赵敏"], log_book["张伟"]
    made = {}
    for day in (TODAY, TODAY - dt.timedelta(days=1)):
        sheet = service_log.create_sheet({"date": day, "floor": 12, "attendant": zhao}, zhao)
        service_log.add_line(sheet.id, {"room": "1204", "room_state": "vacant"}, zhao)
        made[day] = service_log.verify_sheet(sheet.id, sheet.version, foreman).id
    listing = SheetListing()

    def late():
        return set(_ids(listing.page(Filters(choice="late"), "date", True, 0, 100)))

    assert made[TODAY] not in late()
    assert made[TODAY - dt.timedelta(days=1)] in late()  # it is noon; the meeting was at 08:00
    assert listing.count(Filters(choice="late")) == len(_expected_sheets("late")) == len(late())
    settings.set_morning_meeting("13:00")  # the meeting has not yet happened today
    assert made[TODAY - dt.timedelta(days=1)] not in late()
    assert listing.count(Filters(choice="late")) == len(_expected_sheets("late"))


def test_sheet_filters_by_floor_and_dates(log_book):
    listing = SheetListing()
    f = Filters(text=" 13 ", date_from=TODAY - dt.timedelta(days=2), date_to=TODAY - dt.timedelta(days=1))
    rows = listing.page(f, "date", False, 0, 100)
    assert [(r.values[1], r.values[2]) for r in rows] == [("13", "李娜"), ("13", "李娜")]
    assert listing.count(f) == 2
    assert listing.count(Filters(text="12")) == 6 and listing.count(Filters(text="7")) == 0
    assert listing.count(Filters(include_void=True)) == 13


def test_sheet_rows_show_state_rooms_and_lateness(log_book):
    listing = SheetListing()
    rows = {r.id: r for r in listing.page(Filters(include_void=True), "date", True, 0, 100)}
    by_key = {(s.date, s.floor, s.voided): s for s in _sheets(include_void=True)}
    old = TODAY - dt.timedelta(days=5)

    keys = [c.key for c in SheetListing.columns]
    late, due = keys.index("late"), keys.index("due")

    on_time = rows[by_key[(old, 12, False)].id]      # verified at 18:00, received 07:30 next day
    assert on_time.values[2:] == ["王芳", "3", "Received at front desk", "张伟", "", ""] and not on_time.warn
    both_late = rows[by_key[(old, 13, False)].id]    # verified 09:00 next day, received 10:00
    assert both_late.values[late] == "received late、verified late" and both_late.warn
    assert both_late.values[due] == ""                # nothing more to do
    undelivered = rows[by_key[(old + dt.timedelta(days=1), 12, False)].id]  # verified, never received
    # to be at the front desk before the morning meeting (08:00) of the day after: 3 d 4 h ago at noon
    assert undelivered.values[4:] == ["Verified", "张伟", "⚠ late by 3 d 4 h", "not at the front desk"]
    assert undelivered.warn
    forgotten = rows[by_key[(old + dt.timedelta(days=1), 13, False)].id]   # never verified
    assert forgotten.values[4:] == ["Not yet verified", "", "⚠ late by 3 d 12 h",  # by the end of its day
                                    "not at the front desk、not verified by the foreman"] and forgotten.warn
    today_open = rows[by_key[(TODAY, 13, False)].id]
    assert today_open.values[3] == "2"  # one of its three lines is void
    assert today_open.values[late] == "" and not today_open.warn
    assert "12 h 0 min left" in today_open.values[due]  # verified by the end of today
    void = rows[by_key[(TODAY - dt.timedelta(days=2), 12, True)].id]
    assert void.void and not rows[by_key[(old, 12, False)].id].void
    assert void.values[3] == "0"


# --- a room's history --------------------------------------------------------------------------

def _line_value(ln: ServiceLine, key: str):
    return {"room": ln.room_id, "start": ln.start_time, "end": ln.end_time}.get(key, getattr(ln, key, None))


@pytest.mark.parametrize("key", [c.key for c in RoomHistoryListing.columns if c.sort is not None])
def test_room_history_sorts_by_every_column_both_ways(log_book, key):
    expected = _sql_order([(ln.id, _line_value(ln, key)) for ln in _lines()])
    listing = RoomHistoryListing()
    assert _ids(listing.page(Filters(), key, False, 0, 100)) == expected
    assert _ids(listing.page(Filters(), key, True, 0, 100)) == expected[::-1]


def _expected_lines(choice: str) -> set[int]:
    live = _lines()
    if choice == "":
        return {ln.id for ln in live}
    if choice == "maintenance":
        return {ln.id for ln in live if ln.maintenance}
    if choice == "special":
        return {ln.id for ln in live if ln.special}
    return {ln.id for ln in live if ln.room_state == choice[6:]}


def test_room_history_choices_filter(log_book):
    listing = RoomHistoryListing()
    choices = listing.choices()
    assert [k for k, _l in choices][:3] == ["", "maintenance", "special"]
    assert {f"state:{s}" for s in STATES} <= {k for k, _l in choices}
    for key, label in choices:
        expected = _expected_lines(key)
        assert label and expected, key
        assert listing.count(Filters(choice=key)) == len(expected), key
        assert set(_ids(listing.page(Filters(choice=key), "date", True, 0, 100))) == expected, key


def test_room_history_of_one_room(log_book):
    listing = RoomHistoryListing()
    room = Room.get(Room.number == "1203")
    expected = [ln.id for ln in sorted((ln for ln in _lines() if ln.room_id == room.id),
                                       key=lambda ln: (ln.date, ln.id), reverse=True)]
    assert expected
    rows = listing.page(Filters(text=" 1203 "), None, True, 0, 100)
    assert _ids(rows) == expected and {r.values[1] for r in rows} == {"1203"}
    assert listing.count(Filters(text="1203")) == len(expected)
    assert listing.count(Filters(text="9999")) == 0
    last_three = Filters(text="1203", date_from=TODAY - dt.timedelta(days=2), date_to=TODAY)
    assert listing.count(last_three) == len([i for i in expected if ServiceLine.get_by_id(i).date >= TODAY - dt.timedelta(days=2)])
    assert listing.count(Filters(text="1203", include_void=True)) == len(expected) + 1  # the void sheet's line


def test_room_history_rows_show_the_line(log_book):
    listing = RoomHistoryListing()
    rows = {r.id: r for r in listing.page(Filters(include_void=True), "date", True, 0, 100)}
    for ln in _lines(include_void=True):
        row = rows[ln.id]
        assert row.values[1] == ln.room.number and row.values[2] == str(ln.floor)
        assert row.values[3] == (ln.start_time.strftime("%H:%M") if ln.start_time else "")
        assert row.warn == bool(ln.maintenance) and row.values[7] == ln.maintenance
        assert row.void == ln.voided and row.tooltip == (ln.void_reason or "")
    first = min(ln.id for ln in _lines())  # the first line of the first sheet: soap 1, tea 0, water 2
    assert set(rows[first].values[6].split("、")) == {"Soap×1", "Bottled water×2"}


# --- maintenance --------------------------------------------------------------------------------

def _item_value(m: MaintenanceItem, key: str):
    return {"reported": m.created_at, "room": m.room_id, "state": m.state, "owner": m.owner_id,
            "due": _running_due("maintenance", m.id) or dt.datetime.max}[key]


@pytest.mark.parametrize("key", [c.key for c in MaintenanceListing.columns if c.sort is not None])
def test_maintenance_sorts_by_every_column_both_ways(log_book, fixed_clock, key):
    deadlines.run_checks(fixed_clock)
    assert len({_running_due("maintenance", m.id) for m in MaintenanceItem.select()}) >= 3
    expected = _sql_order([(m.id, _item_value(m, key)) for m in MaintenanceItem.select()])
    listing = MaintenanceListing()
    assert _ids(listing.page(Filters(), key, False, 0, 100)) == expected
    assert _ids(listing.page(Filters(), key, True, 0, 100)) == expected[::-1]


def test_maintenance_choices_and_room_filter(log_book, fixed_clock):
    deadlines.run_checks(fixed_clock)
    listing = MaintenanceListing()
    items = list(MaintenanceItem.select())
    choices = listing.choices()
    assert [k for k, _l in choices][:3] == ["open", LATE_CHOICE, ""]
    for key, label in choices:
        if key == "open":
            expected = {m.id for m in items if m.state != "checked"}
        elif key == LATE_CHOICE:  # not checked within a working day
            expected = {m.id for m in items if m.state != "checked" and _late_by_the_rules("maintenance", m.id)}
            assert expected < {m.id for m in items if m.state != "checked"}
        elif key == "":
            expected = {m.id for m in items}
        else:
            expected = {m.id for m in items if m.state == key[6:]}
        assert label and expected, key
        assert listing.count(Filters(choice=key)) == len(expected), key
        assert set(_ids(listing.page(Filters(choice=key), None, False, 0, 100))) == expected, key
    room = items[0].room
    assert listing.count(Filters(text=room.number)) == len([m for m in items if m.room_id == room.id])
    assert listing.count(Filters(text="9999")) == 0


def test_open_follow_ups_stand_out_until_checked(log_book):
    rows = MaintenanceListing().page(Filters(), None, False, 0, 100)
    late = 0
    for row in rows:
        item = MaintenanceItem.get_by_id(row.id)
        assert row.values[1] == item.room.number and row.values[2] == item.description
        # late by the rules: the Due column says so (the state stays short)
        assert row.values[3] == item.state.capitalize()
        assert row.values[5].startswith("⚠ late by") == deadlines.is_late(item)
        late += deadlines.is_late(item)
        assert row.values[4] == (item.owner.name if item.owner_id else "")
        assert bool(row.values[5]) == (item.state != "checked")  # the due time of those still open
        assert row.warn == (item.state != "checked")
    assert 0 < late < len([r for r in rows if r.warn])


# --- queries per page ---------------------------------------------------------------------------

@pytest.mark.parametrize("listing_class, key", [
    (SheetListing, "verified_by"), (RoomHistoryListing, "room"), (MaintenanceListing, "owner")])
def test_a_page_costs_a_constant_number_of_queries(log_book, fixed_clock, listing_class, key):
    deadlines.run_checks(fixed_clock)  # as the minute check has done in use: every open item has its clocks
    listing = listing_class()
    with count_queries() as small:
        rows = listing.page(Filters(include_void=True), key, False, 0, 2)
    assert len(rows) == 2
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), key, False, 0, 100)
    assert len(rows) >= 9
    assert big.count == small.count <= 3
    for choice, _label in listing.choices():
        with count_queries() as counted:
            listing.count(Filters(text="12", choice=choice))
        assert counted.count <= 2, choice


@pytest.mark.parametrize("listing_class, key", [(SheetListing, "verified_by"), (MaintenanceListing, "owner")])
def test_a_page_without_clocks_yet_costs_a_constant_number_of_queries(log_book, listing_class, key):
    """Items entered since the last minute check have no clock yet: the page reads the rules
    once and shows the due time their rule will give, whatever the page's length."""
    dr.ensure_rules()  # the default rules are in place (the app's first check has put them there)
    listing = listing_class()
    due = [c.key for c in listing.columns].index("due")
    with count_queries() as small:
        few = listing.page(Filters(include_void=True), key, False, 0, 3)  # none yet: still waiting
    with count_queries() as big:
        rows = listing.page(Filters(include_void=True), key, False, 0, 100)
    assert len(few) == 3 and len(rows) >= 9
    assert big.count == small.count
    assert not ItemClock.select().exists()
    shown = [r for r in rows if r.values[due]]
    assert shown and all(r.values[due] for r in few)
    assert any("left" in r.values[due] for r in shown) and any("⚠ late by" in r.values[due] for r in shown)
    deadlines.run_checks(clock.now_utc())  # the clocks give the very same due times
    assert {r.id: r.values[due] for r in listing.page(Filters(include_void=True), key, False, 0, 100)
            if r.values[due]} == {r.id: r.values[due] for r in shown}


# --- consumables used ---------------------------------------------------------------------------

@pytest.fixture
def usage_book(crew, fixed_clock):
    """Known quantities: October 31 and November 1–2, floors 12 and 13, with a void line and a void sheet."""
    a, b = crew["王芳"], crew["李娜"]
    rooms.add_floor(12, 1201, 1206)
    rooms.add_floor(13, 1301, 1306)
    rooms.ensure_consumables()
    soap, tea = Consumable.get(Consumable.name == "Soap"), Consumable.get(Consumable.name == "Tea")

    def sheet(day, floor, who, lines):
        s = service_log.create_sheet({"date": day, "floor": floor, "attendant": who}, who)
        return [service_log.add_line(s.id, {"room": room, "room_state": "checkout", "consumables": used}, who)
                for room, used in lines], s

    oct31, nov1, nov2 = dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2026, 11, 2)
    sheet(oct31, 12, a, [("1201", {soap.id: 2, tea.id: 4})])
    sheet(nov1, 12, a, [("1201", {soap.id: 1}), ("1202", {soap.id: 2, tea.id: 2})])
    lines, _s = sheet(nov1, 13, b, [("1301", {tea.id: 6}), ("1302", {soap.id: 50})])
    service_log.void_line(lines[1].id, lines[1].version, "wrong quantity", b)
    sheet(nov2, 13, b, [("1303", {soap.id: 3})])
    _made, wrong = sheet(nov2, 12, b, [("1203", {soap.id: 70, tea.id: 70})])
    service_log.void_sheet(wrong.id, wrong.version, "wrong floor", b)
    return oct31, nov1, nov2


def test_consumption_per_day_and_item(usage_book):
    oct31, nov1, nov2 = usage_book
    assert consumption(oct31, nov2, "day", "item") == [
        Usage("2026-10-31", "Soap", 2), Usage("2026-10-31", "Tea", 4),
        Usage("2026-11-01", "Soap", 3), Usage("2026-11-01", "Tea", 8),
        Usage("2026-11-02", "Soap", 3)]


def test_consumption_per_day_and_floor(usage_book):
    oct31, nov1, nov2 = usage_book
    assert consumption(nov1, nov2, "day", "floor") == [
        Usage("2026-11-01", "12", 5), Usage("2026-11-01", "13", 6), Usage("2026-11-02", "13", 3)]


def test_consumption_per_month(usage_book):
    oct31, nov1, nov2 = usage_book
    assert consumption(oct31, nov2, "month", "item") == [
        Usage("2026-10", "Soap", 2), Usage("2026-10", "Tea", 4),
        Usage("2026-11", "Soap", 6), Usage("2026-11", "Tea", 8)]
    assert consumption(oct31, nov2, "month", "floor") == [
        Usage("2026-10", "12", 6), Usage("2026-11", "12", 5), Usage("2026-11", "13", 9)]


def test_consumption_keeps_to_the_dates(usage_book):
    oct31, nov1, nov2 = usage_book
    assert consumption(nov2, nov2, "month", "item") == [Usage("2026-11", "Soap", 3)]
    assert consumption(dt.date(2026, 9, 1), dt.date(2026, 9, 30)) == []
