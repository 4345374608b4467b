"""Due and late rules of the service sheet, the morning-meeting setting, the room and consumables lists.

The rules work in local time; the tests set the time zone themselves (two very different
ones) so they give the same answer on any machine.
"""
from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest

from feedback_desk.base import clock, settings, staff
from feedback_desk.desks.housekeeping import rooms, sheet_rules as rules, service_log
from feedback_desk.base.errors import ValidationError
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.housekeeping.models import Consumable, Room
from feedback_desk.desks.housekeeping.listings import SheetListing

DAY = dt.date(2026, 11, 14)
NEXT = DAY + dt.timedelta(days=1)


@pytest.fixture(params=["Asia/Shanghai", "America/New_York"])
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield zoneinfo.ZoneInfo(request.param)
    monkeypatch.undo()
    time.tzset()


def utc(zone, day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    """The naive UTC moment of a local wall-clock time in `zone` (computed apart from the code)."""
    local = dt.datetime.combine(day, dt.time(hh, mm), tzinfo=zone)
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


# --- deadlines --------------------------------------------------------------------------------

def test_deadlines_are_midnight_and_the_next_morning_meeting(db, zone):
    due = rules.sheet_deadlines(DAY)
    assert due.verify_by == utc(zone, NEXT, 0, 0)
    assert due.deliver_by == utc(zone, NEXT, 8, 0)


def test_verified_the_same_day_and_received_before_the_meeting_is_on_time(db, zone):
    verified = utc(zone, DAY, 23, 59)
    received = utc(zone, NEXT, 7, 59)
    assert rules.sheet_lateness(DAY, "received", verified, received, now=utc(zone, NEXT, 12)) == set()
    assert rules.sheet_lateness(DAY, "verified", verified, None, now=utc(zone, NEXT, 7, 59)) == set()


def test_unverified_after_midnight(db, zone):
    assert rules.sheet_lateness(DAY, "open", None, None, now=utc(zone, DAY, 23, 59)) == set()
    assert rules.sheet_lateness(DAY, "open", None, None, now=utc(zone, NEXT, 0, 0)) == {"unverified"}
    assert rules.sheet_lateness(DAY, "open", None, None, now=utc(zone, NEXT, 9)) == {"unverified", "not_received"}


def test_verified_after_midnight_stays_marked(db, zone):
    late = rules.sheet_lateness(DAY, "verified", utc(zone, NEXT, 0, 30), None, now=utc(zone, NEXT, 1))
    assert late == {"verified_late"}


def test_not_received_after_the_meeting(db, zone):
    verified = utc(zone, DAY, 18)
    assert rules.sheet_lateness(DAY, "verified", verified, None, now=utc(zone, NEXT, 7, 59)) == set()
    assert rules.sheet_lateness(DAY, "verified", verified, None, now=utc(zone, NEXT, 8)) == {"not_received"}


def test_received_after_the_meeting_is_received_late(db, zone):
    verified = utc(zone, DAY, 18)
    late = rules.sheet_lateness(DAY, "received", verified, utc(zone, NEXT, 8, 1), now=utc(zone, NEXT + dt.timedelta(days=3), 9))
    assert late == {"received_late"}


def test_an_earlier_meeting_moves_the_deadline(db, zone):
    settings.set_morning_meeting("07:30")
    assert settings.morning_meeting() == dt.time(7, 30)
    assert rules.sheet_deadlines(DAY).deliver_by == utc(zone, NEXT, 7, 30)
    verified = utc(zone, DAY, 18)
    assert rules.sheet_lateness(DAY, "verified", verified, None, now=utc(zone, NEXT, 7, 29)) == set()
    assert rules.sheet_lateness(DAY, "verified", verified, None, now=utc(zone, NEXT, 7, 30)) == {"not_received"}
    assert rules.sheet_lateness(DAY, "received", verified, utc(zone, NEXT, 7, 45)) == {"received_late"}


def test_the_clock_is_the_default_now(db, zone):
    clock.set_now(utc(zone, NEXT, 0, 1))
    assert rules.sheet_lateness(DAY, "open", None, None) == {"unverified"}
    clock.set_now(utc(zone, DAY, 22))
    assert rules.sheet_lateness(DAY, "open", None, None) == set()


# --- the same rules, as the desk shows them ---------------------------------------------------

@pytest.fixture
def people(db):
    front = Department.get(Department.name == "Front office")
    return (staff.save_staff("王芳", front.id), staff.save_staff("张伟", front.id), staff.save_staff("赵敏", front.id))


def _row(sheet_id: int):
    rows = SheetListing().page(Filters(), "date", True, 0, 100)
    row = next(r for r in rows if r.id == sheet_id)
    return dict(zip([c.key for c in SheetListing.columns], row.values)), row.warn


def _late_column(sheet_id: int) -> tuple[str, bool]:
    values, warn = _row(sheet_id)
    return values["late"], warn


def _due_column(sheet_id: int) -> str:
    return _row(sheet_id)[0]["due"]


def test_the_desk_shows_late_sheets(zone, people):
    attendant, foreman, desk = people
    rooms.add_floor(12, 1201, 1205)
    clock.set_now(utc(zone, DAY, 9))
    on_time = service_log.create_sheet({"date": DAY, "floor": 12, "attendant": attendant}, attendant)
    forgotten = service_log.create_sheet({"date": DAY, "floor": 12, "attendant": foreman}, foreman)
    for sheet in (on_time, forgotten):
        service_log.add_line(sheet.id, {"room": "1201", "room_state": "vacant"}, attendant)
    clock.set_now(utc(zone, DAY, 20))
    verified = service_log.verify_sheet(on_time.id, on_time.version, foreman)
    assert _late_column(on_time.id) == ("", False)
    assert _late_column(forgotten.id) == ("", False)
    # the Due column gives the next step: the front desk by the 08:00 meeting, the foreman by midnight
    assert "12 h 0 min left" in _due_column(on_time.id)
    assert "4 h 0 min left" in _due_column(forgotten.id)

    clock.set_now(utc(zone, NEXT, 0, 5))
    assert _late_column(on_time.id) == ("", False)
    assert _late_column(forgotten.id) == ("not verified by the foreman", True)
    assert _due_column(forgotten.id) == "⚠ late by 5 min"

    clock.set_now(utc(zone, NEXT, 8, 30))
    assert _late_column(on_time.id) == ("not at the front desk", True)
    assert _due_column(on_time.id) == "⚠ late by 30 min"
    service_log.receive_sheet(on_time.id, verified.version, desk)
    assert _late_column(on_time.id) == ("received late", True)
    assert _due_column(on_time.id) == ""
    assert _late_column(forgotten.id) == ("not at the front desk、not verified by the foreman", True)
    assert _due_column(forgotten.id) == "⚠ late by 8 h 30 min"  # still the foreman's check first


def test_received_before_the_meeting_never_stands_out(zone, people):
    attendant, foreman, desk = people
    rooms.add_floor(12, 1201, 1205)
    clock.set_now(utc(zone, DAY, 9))
    sheet = service_log.create_sheet({"date": DAY, "floor": 12, "attendant": attendant}, attendant)
    service_log.add_line(sheet.id, {"room": "1202", "room_state": "checkout"}, attendant)
    clock.set_now(utc(zone, DAY, 17))
    sheet = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    clock.set_now(utc(zone, NEXT, 7, 50))
    service_log.receive_sheet(sheet.id, sheet.version, desk)
    clock.set_now(utc(zone, NEXT + dt.timedelta(days=30), 12))
    assert _late_column(sheet.id) == ("", False)


# --- the morning-meeting setting --------------------------------------------------------------

def test_the_meeting_is_at_eight_by_default(db):
    assert settings.morning_meeting() == dt.time(8, 0)


@pytest.mark.parametrize("text", ["", None, "8", "25:00", "07:60", "ab:cd", "07:30:00", "-1:30", "7.30"])
def test_a_bad_meeting_time_is_refused(db, text):
    settings.set_morning_meeting("07:15")
    with pytest.raises(ValidationError) as err:
        settings.set_morning_meeting(text)
    assert "HH:MM" in err.value.errors["morning_meeting"]
    assert settings.morning_meeting() == dt.time(7, 15)


def test_a_meeting_time_is_stored_tidily(db):
    settings.set_morning_meeting(" 7:5 ")
    assert settings.get("service_log.morning_meeting") == "07:05"
    settings.set_morning_meeting("08:30")
    assert settings.morning_meeting() == dt.time(8, 30)


def test_unknown_settings_are_refused(db):
    with pytest.raises(KeyError):
        settings.put("service_log.whatever", "1")


# --- rooms ------------------------------------------------------------------------------------

def test_add_floor_makes_the_rooms_once(db):
    made = rooms.add_floor(12, 1201, 1210, "Standard")
    assert [r.number for r in made] == [str(n) for n in range(1201, 1211)]
    assert {(r.floor, r.room_type) for r in made} == {(12, "Standard")}
    more = rooms.add_floor(12, 1201, 1212, "Standard")
    assert [r.number for r in more] == ["1211", "1212"]
    rooms.add_floor(3, 301, 305)
    assert rooms.floors() == [3, 12]
    assert [r.number for r in rooms.rooms(3)] == ["301", "302", "303", "304", "305"]
    assert Room.select().count() == 17


@pytest.mark.parametrize("first, last", [(1210, 1201), (1, 300)])
def test_add_floor_refuses_a_bad_range(db, first, last):
    with pytest.raises(ValidationError) as err:
        rooms.add_floor(12, first, last)
    assert err.value.errors["last"]
    assert Room.select().count() == 0


def test_a_room_number_is_on_the_list_once(db):
    rooms.save_room("1201", 12)
    with pytest.raises(ValidationError) as err:
        rooms.save_room(" 1201 ", 12, "Suite")
    assert "1201" in err.value.errors["number"]
    second = rooms.save_room("1202", 12)
    with pytest.raises(ValidationError):
        rooms.save_room("1201", 12, room_id=second.id)
    assert rooms.save_room("1202", 12, "Suite", room_id=second.id).room_type == "Suite"
    assert Room.select().count() == 2


@pytest.mark.parametrize("number", ["", "12 01", "1201#", "一二〇一", "1" * 17])
def test_a_room_number_is_letters_and_digits(db, number):
    with pytest.raises(ValidationError) as err:
        rooms.save_room(number, 12)
    assert err.value.errors["number"]
    assert Room.select().count() == 0


@pytest.mark.parametrize("number", ["1201", "A-12", "B1", "1" * 16])
def test_good_room_numbers_are_kept(db, number):
    assert rooms.save_room(number, 12).number == number


@pytest.mark.parametrize("floor", ["x", None, 201, -6])
def test_a_floor_is_a_whole_number_in_range(db, floor):
    with pytest.raises(ValidationError) as err:
        rooms.save_room("1201", floor)
    assert err.value.errors["floor"]


def test_an_inactive_room_leaves_the_lists(db):
    rooms.add_floor(5, 501, 503)
    room = rooms.room_by_number("502")
    rooms.save_room("502", 5, room_id=room.id, active=False)
    assert [r.number for r in rooms.rooms(5)] == ["501", "503"]
    assert rooms.room_by_number("502") is None and rooms.room_by_number(" 501 ").number == "501"


# --- consumables ------------------------------------------------------------------------------

def test_a_new_database_gets_the_usual_consumables_once(db):
    rooms.ensure_consumables()
    rooms.ensure_consumables()
    names = [c.name for c in rooms.consumables()]
    assert names[:3] == ["Toothbrush set", "Soap", "Shampoo"]
    assert {"Slippers", "Tea", "Bottled water"} <= set(names)
    assert len(names) == len(set(names)) == len(rooms.DEFAULT_CONSUMABLES)
    assert Consumable.get(Consumable.name == "Slippers").unit == "pair"


def test_a_consumable_is_on_the_list_once(db):
    rooms.ensure_consumables()
    with pytest.raises(ValidationError) as err:
        rooms.save_consumable(" Soap ", "pc")
    assert err.value.errors["name"]
    with pytest.raises(ValidationError) as err:
        rooms.save_consumable("  ")
    assert err.value.errors["name"]
    count = Consumable.select().count()
    lotion = rooms.save_consumable("Body lotion", "btl")
    assert rooms.consumables()[-1].name == "Body lotion" and Consumable.select().count() == count + 1
    with pytest.raises(ValidationError):
        rooms.save_consumable("Soap", consumable_id=lotion.id)
    assert rooms.save_consumable("Body lotion", "bottle", consumable_id=lotion.id).unit == "bottle"


def test_a_retired_consumable_leaves_the_list_but_is_kept(db):
    rooms.ensure_consumables()
    comb = Consumable.get(Consumable.name == "Comb")
    rooms.save_consumable("Comb", "pc", consumable_id=comb.id, active=False)
    assert "Comb" not in [c.name for c in rooms.consumables()]
    assert "Comb" in [c.name for c in rooms.consumables(include_inactive=True)]
