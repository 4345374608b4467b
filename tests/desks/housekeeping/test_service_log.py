"""The service log (服务日志): sheets, lines, the foreman's lock, and maintenance follow-ups."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock, staff
from feedback_desk.desks.housekeeping import maintenance, rooms, service_log
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change, Department
from feedback_desk.base.records import history
from feedback_desk.desks.housekeeping.models import (Consumable, LineConsumable, MaintenanceItem,
                                                     ServiceLine, ServiceSheet)


@pytest.fixture
def house(db):
    """Floor 12 (1201–1210) and floor 13 (1301–1305), and the usual consumables."""
    rooms.add_floor(12, 1201, 1210, "Standard")
    rooms.add_floor(13, 1301, 1305, "Suite")
    rooms.ensure_consumables()


@pytest.fixture
def foreman(db):
    housekeeping = Department.get(Department.name == "Front office")
    return staff.save_staff("张伟", housekeeping.id)


@pytest.fixture
def sheet(house, clerk, fixed_clock):
    """Today's sheet of floor 12 for 王芳 (the attendant)."""
    return service_log.create_sheet({"date": clock.today_local(), "floor": 12, "attendant": clerk}, clerk)


def _consumable(name: str) -> Consumable:
    return Consumable.get(Consumable.name == name)


def _line(room="1201", **extra):
    values = {"room": room, "start_time": "09:00", "end_time": "09:25", "room_state": "checkout"}
    values.update(extra)
    return values


def _counts() -> tuple[int, ...]:
    return (ServiceSheet.select().count(), ServiceLine.select().count(), LineConsumable.select().count(),
            MaintenanceItem.select().count(), Change.select().count())


# --- sheets ----------------------------------------------------------------------------------

def test_a_new_sheet_is_open_and_leaves_history(sheet, clerk, fixed_clock):
    assert sheet.state == "open" and sheet.floor == 12 and sheet.attendant_id == clerk.id
    assert sheet.date == clock.today_local()
    assert sheet.created_at == fixed_clock and sheet.version == 1
    fields = {c.field for c in history(ServiceSheet, sheet.id) if c.action == "create"}
    assert {"date", "floor", "attendant"} <= fields


TODAY = object()


@pytest.mark.parametrize("values, key", [
    ({"floor": 12}, "date"),
    ({"date": "2026-11-14", "floor": 12}, "date"),
    ({"date": "tomorrow", "floor": 12}, "date"),
    ({"date": TODAY, "floor": "twelve"}, "floor"),
    ({"date": TODAY, "floor": None}, "floor"),
    ({"date": TODAY, "floor": 12, "attendant": 99999}, "attendant"),
    ({"date": TODAY, "floor": 12, "attendant": None}, "attendant"),
])
def test_bad_sheet_is_refused_under_its_field(house, clerk, fixed_clock, values, key):
    values = dict(values)
    if values.get("date") is TODAY:
        values["date"] = clock.today_local()
    values.setdefault("attendant", clerk)
    before = _counts()
    with pytest.raises(ValidationError) as err:
        service_log.create_sheet(values, clerk)
    assert key in err.value.errors and err.value.errors[key]
    assert _counts() == before


def test_a_sheet_cannot_be_dated_in_the_future(house, clerk, fixed_clock):
    tomorrow = clock.today_local() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        service_log.create_sheet({"date": tomorrow, "floor": 12, "attendant": clerk}, clerk)
    assert "future" in err.value.errors["date"]
    assert ServiceSheet.select().count() == 0
    yesterday = clock.today_local() - dt.timedelta(days=1)
    assert service_log.create_sheet({"date": yesterday, "floor": 12, "attendant": clerk}, clerk).id


def test_one_live_sheet_per_day_floor_and_attendant(sheet, clerk, other):
    today = clock.today_local()
    before = _counts()
    with pytest.raises(ValidationError) as err:
        service_log.create_sheet({"date": today, "floor": 12, "attendant": clerk.id}, clerk)
    assert "already has a sheet" in err.value.errors["attendant"]
    assert _counts() == before
    # another attendant on the same floor, or the same attendant on another floor or day, is fine
    service_log.create_sheet({"date": today, "floor": 12, "attendant": other}, clerk)
    service_log.create_sheet({"date": today, "floor": 13, "attendant": clerk}, clerk)
    service_log.create_sheet({"date": today - dt.timedelta(days=1), "floor": 12, "attendant": clerk}, clerk)
    assert ServiceSheet.select().count() == 4


def test_a_second_sheet_is_allowed_once_the_first_is_void(sheet, clerk):
    service_log.void_sheet(sheet.id, sheet.version, "entered under the wrong floor", clerk)
    again = service_log.create_sheet({"date": clock.today_local(), "floor": 12, "attendant": clerk}, clerk)
    assert again.id != sheet.id and not again.voided
    assert ServiceSheet.get_by_id(sheet.id).voided


def test_voiding_a_sheet_voids_its_lines(sheet, clerk):
    service_log.add_line(sheet.id, _line("1201", consumables={_consumable("Soap").id: 2}), clerk)
    service_log.add_line(sheet.id, _line("1202"), clerk)
    service_log.void_sheet(sheet.id, 1, "entered twice", clerk)
    lines = service_log.sheet_lines(sheet.id)
    assert [ln.voided for ln in lines] == [True, True]
    assert {ln.void_reason for ln in lines} == {"entered twice"}
    assert service_log.sheet_lines(sheet.id, include_void=False) == []


def test_a_void_sheet_takes_no_lines(sheet, clerk):
    service_log.void_sheet(sheet.id, 1, "wrong day", clerk)
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line(), clerk)
    assert "void" in err.value.errors[""]
    assert ServiceLine.select().count() == 0


# --- lines -----------------------------------------------------------------------------------

@pytest.mark.parametrize("values, key", [
    (_line("9999"), "room"),
    (_line("1301"), "room"),            # on floor 13, the sheet is floor 12
    (_line(""), "room"),
    (_line(start_time="10:00", end_time="09:59"), "end_time"),
    (_line(start_time="9h"), "start_time"),
    (_line(end_time="25:00"), "end_time"),
    (_line(room_state="dirty"), "room_state"),
    (_line(room_state=None), "room_state"),
    (_line(maintenance="x" * 1001), "maintenance"),
    (_line(special="x" * 2001), "special"),
])
def test_bad_line_is_refused_under_its_field(sheet, clerk, values, key):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, values, clerk)
    assert set(err.value.errors) == {key}
    assert _counts() == before


def test_room_messages_say_what_is_wrong(sheet, clerk):
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line("9999"), clerk)
    assert "9999" in err.value.errors["room"] and "room list" in err.value.errors["room"]
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line("1301"), clerk)
    assert "floor 13" in err.value.errors["room"]


@pytest.mark.parametrize("quantity", [-1, 2.5, "3", True, False, 1000, 0.0])
def test_bad_quantity_is_refused_and_nothing_saved(sheet, clerk, quantity):
    before = _counts()
    values = _line(consumables={_consumable("Soap").id: 2, _consumable("Tea").id: quantity},
                   maintenance="tap drips")
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, values, clerk)
    assert "whole numbers" in err.value.errors["consumables"]
    assert _counts() == before


@pytest.mark.parametrize("key", [99999, "soap"])
def test_unknown_consumable_is_refused(sheet, clerk, key):
    before = _counts()
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line(consumables={key: 1}), clerk)
    assert err.value.errors["consumables"]
    assert _counts() == before


def test_several_errors_come_back_together(sheet, clerk):
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, {"room": "9999", "start_time": "10:00", "end_time": "09:00",
                                        "room_state": "?", "consumables": {_consumable("Soap").id: -2}}, clerk)
    assert set(err.value.errors) == {"room", "end_time", "room_state", "consumables"}


def test_a_good_line_keeps_what_was_entered(sheet, clerk):
    soap, tea, slippers = _consumable("Soap"), _consumable("Tea"), _consumable("Slippers")
    line = service_log.add_line(sheet.id, {
        "room": " 1203 ", "start_time": dt.time(9, 5, 42), "end_time": "09:05", "room_state": "stayover",
        "linen_changed": True, "special": "Guest asked for an extra pillow",
        "consumables": {soap.id: 2, tea: 4, slippers.id: 0}}, clerk)
    line = ServiceLine.get_by_id(line.id)
    assert line.room.number == "1203" and line.date == sheet.date and line.floor == 12
    assert (line.start_time, line.end_time) == (dt.time(9, 5), dt.time(9, 5))  # same minute is fine
    assert line.room_state == "stayover" and line.linen_changed and line.special.startswith("Guest")
    assert service_log.line_consumables([line.id]) == {line.id: {soap.id: 2, tea.id: 4}}
    assert MaintenanceItem.select().count() == 0  # no maintenance text, no follow-up


def test_times_may_be_left_empty(sheet, clerk):
    line = service_log.add_line(sheet.id, _line(start_time="", end_time=None, room_state="dnd"), clerk)
    assert line.start_time is None and line.end_time is None


def test_positions_follow_the_cleaning_order(sheet, clerk):
    for number in ("1205", "1201", "1203"):
        service_log.add_line(sheet.id, _line(number), clerk)
    lines = service_log.sheet_lines(sheet.id)
    assert [ln.room.number for ln in lines] == ["1205", "1201", "1203"]
    assert [ln.position for ln in lines] == [1, 2, 3]
    service_log.void_line(lines[1].id, lines[1].version, "not cleaned today", clerk)
    service_log.add_line(sheet.id, _line("1208"), clerk)
    live = service_log.sheet_lines(sheet.id, include_void=False)
    assert [(ln.room.number, ln.position) for ln in live] == [("1205", 1), ("1203", 3), ("1208", 4)]


def test_updating_a_line_records_old_and_new(sheet, clerk, other):
    soap, tea = _consumable("Soap"), _consumable("Tea")
    line = service_log.add_line(sheet.id, _line("1201", consumables={soap.id: 1}), clerk)
    changed = service_log.update_line(line.id, line.version, _line("1202", end_time="09:40",
                                                                   consumables={tea.id: 3}), other)
    assert changed.version == 2 and changed.room.number == "1202" and changed.end_time == dt.time(9, 40)
    assert service_log.line_consumables([line.id]) == {line.id: {tea.id: 3}}
    updates = {c.field: (c.old, c.new, c.by_id) for c in history(ServiceLine, line.id) if c.action == "update"}
    assert set(updates) == {"room", "end_time"}
    assert updates["end_time"][:2] == ("09:25:00", "09:40:00") and updates["end_time"][2] == other.id


def test_a_stale_line_update_is_refused(sheet, clerk, other):
    line = service_log.add_line(sheet.id, _line("1201"), clerk)
    service_log.update_line(line.id, 1, _line("1202"), other)
    with pytest.raises(ConflictError):
        service_log.update_line(line.id, 1, _line("1203"), clerk)
    assert ServiceLine.get_by_id(line.id).room.number == "1202"


def test_an_inactive_room_is_not_on_the_list(sheet, clerk):
    room = rooms.room_by_number("1204")
    rooms.save_room("1204", 12, "Standard", room_id=room.id, active=False)
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line("1204"), clerk)
    assert "room list" in err.value.errors["room"]


@pytest.mark.parametrize("save", [
    lambda room_type: rooms.save_room("1211", 12, room_type),
    lambda room_type: rooms.add_floor(14, 1401, 1402, room_type),
], ids=["one room", "a floor"])
def test_a_room_type_longer_than_its_column_is_refused_not_cut(house, save):
    """A room type of 51 characters was cut to 50 without a word; now it is refused as any field is."""
    before = [(r.number, r.room_type) for r in rooms.rooms()]
    with pytest.raises(ValidationError) as err:
        save("豪华" * 25 + "房")
    assert err.value.errors == {"room_type": "At most 50 characters."}
    assert [(r.number, r.room_type) for r in rooms.rooms()] == before
    save("  " + "豪华" * 25 + "  ")  # 50, spaces around it not counted
    assert {r.room_type for r in rooms.rooms() if (r.number, r.room_type) not in before} == {"豪华" * 25}


def test_a_consumable_longer_than_its_column_is_refused(house):
    """Its name holds 50 characters and its unit 10: on the server a longer one failed the save."""
    before = [(c.name, c.unit) for c in rooms.consumables()]
    with pytest.raises(ValidationError) as err:
        rooms.save_consumable("儿童拖鞋" * 13, "双" * 11)
    assert err.value.errors == {"name": "At most 50 characters.", "unit": "At most 10 characters."}
    with pytest.raises(ValidationError) as err:
        rooms.save_consumable("  ", "双")
    assert err.value.errors == {"name": "Enter the consumable's name."}
    assert [(c.name, c.unit) for c in rooms.consumables()] == before
    rooms.save_consumable("儿童拖鞋" * 12 + "大号", "双" * 10)
    assert ("儿童拖鞋" * 12 + "大号", "双" * 10) in [(c.name, c.unit) for c in rooms.consumables()]


# --- the foreman's check ----------------------------------------------------------------------

def test_the_foreman_verifies_and_locks(sheet, clerk, foreman, fixed_clock):
    line = service_log.add_line(sheet.id, _line("1201"), clerk)
    verified = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    assert verified.state == "verified" and verified.verified_by_id == foreman.id
    assert verified.verified_at == fixed_clock
    assert {(c.field, c.new) for c in history(ServiceSheet, sheet.id) if c.action == "update"} >= {
        ("state", "verified"), ("verified_by", str(foreman.id))}
    before = _counts()
    with pytest.raises(ValidationError) as err:
        service_log.add_line(sheet.id, _line("1202"), clerk)
    assert "locked" in err.value.errors[""]
    with pytest.raises(ValidationError) as err:
        service_log.update_line(line.id, line.version, _line("1202"), foreman)
    assert "locked" in err.value.errors[""]
    assert _counts() == before
    assert ServiceLine.get_by_id(line.id).room.number == "1201"


def test_a_locked_line_is_voided_with_a_reason(sheet, clerk, foreman):
    line = service_log.add_line(sheet.id, _line("1201"), clerk)
    service_log.verify_sheet(sheet.id, sheet.version, foreman)
    with pytest.raises(ValidationError) as err:
        service_log.void_line(line.id, line.version, "  ", foreman)
    assert err.value.errors["reason"]
    assert not ServiceLine.get_by_id(line.id).voided
    voided = service_log.void_line(line.id, line.version, "room 1201 was not cleaned, 1202 was", foreman)
    assert voided.voided and voided.void_reason.startswith("room 1201")
    voids = {c.field: (c.new, c.by_id) for c in history(ServiceLine, line.id) if c.action == "void"}
    assert voids == {"voided": ("1", foreman.id), "void_reason": ("room 1201 was not cleaned, 1202 was", foreman.id)}
    with pytest.raises(ValidationError):
        service_log.void_line(line.id, voided.version, "again", foreman)
    assert ServiceSheet.get_by_id(sheet.id).state == "verified"


def test_the_attendant_cannot_verify_their_own_sheet(sheet, clerk):
    service_log.add_line(sheet.id, _line(), clerk)
    with pytest.raises(ValidationError) as err:
        service_log.verify_sheet(sheet.id, sheet.version, clerk)
    assert "own sheet" in err.value.errors[""]
    assert ServiceSheet.get_by_id(sheet.id).state == "open"


def test_an_empty_sheet_cannot_be_verified(sheet, clerk, foreman):
    with pytest.raises(ValidationError) as err:
        service_log.verify_sheet(sheet.id, sheet.version, foreman)
    assert "no rooms" in err.value.errors[""]
    line = service_log.add_line(sheet.id, _line(), clerk)
    service_log.void_line(line.id, line.version, "wrong room", clerk)
    with pytest.raises(ValidationError):  # only void lines: still empty
        service_log.verify_sheet(sheet.id, sheet.version, foreman)
    assert ServiceSheet.get_by_id(sheet.id).state == "open"


def test_a_sheet_is_verified_once(sheet, clerk, foreman, other):
    service_log.add_line(sheet.id, _line(), clerk)
    verified = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    with pytest.raises(ValidationError):
        service_log.verify_sheet(sheet.id, verified.version, other)
    assert ServiceSheet.get_by_id(sheet.id).verified_by_id == foreman.id


def test_received_only_after_verification(sheet, clerk, foreman, other, fixed_clock):
    service_log.add_line(sheet.id, _line(), clerk)
    with pytest.raises(ValidationError) as err:
        service_log.receive_sheet(sheet.id, sheet.version, other)
    assert "verified" in err.value.errors[""]
    assert ServiceSheet.get_by_id(sheet.id).state == "open"
    verified = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    clock.set_now(fixed_clock + dt.timedelta(hours=3))
    received = service_log.receive_sheet(sheet.id, verified.version, other)
    assert received.state == "received" and received.received_by_id == other.id
    assert received.received_at == fixed_clock + dt.timedelta(hours=3)
    with pytest.raises(ValidationError):
        service_log.receive_sheet(sheet.id, received.version, other)
    with pytest.raises(ValidationError):  # still locked
        service_log.add_line(sheet.id, _line("1202"), clerk)


def test_a_stale_void_of_a_sheet_is_refused(sheet, clerk, foreman):
    service_log.add_line(sheet.id, _line(), clerk)
    verified = service_log.verify_sheet(sheet.id, sheet.version, foreman)
    with pytest.raises(ConflictError):
        service_log.void_sheet(sheet.id, verified.version - 1, "late change", foreman)
    assert not ServiceSheet.get_by_id(sheet.id).voided


# --- maintenance follow-ups -------------------------------------------------------------------

def test_a_maintenance_text_opens_one_follow_up(sheet, clerk, other):
    line = service_log.add_line(sheet.id, _line("1206", maintenance=" 空调不制冷 "), clerk)
    items = list(MaintenanceItem.select())
    assert len(items) == 1
    item = items[0]
    assert (item.room.number, item.line_id, item.description, item.state) == ("1206", line.id, "空调不制冷", "reported")
    line = service_log.update_line(line.id, line.version, _line("1206", maintenance="空调不制冷，遥控器坏"), other)
    assert MaintenanceItem.select().count() == 1
    assert MaintenanceItem.get_by_id(item.id).description == "空调不制冷，遥控器坏"
    service_log.add_line(sheet.id, _line("1207", maintenance="灯泡坏"), clerk)
    assert sorted(m.room.number for m in MaintenanceItem.select()) == ["1206", "1207"]


def test_follow_up_text_is_kept_once_assigned(sheet, clerk, other, foreman):
    line = service_log.add_line(sheet.id, _line("1206", maintenance="tap drips"), clerk)
    item = MaintenanceItem.get()
    maintenance.advance(item.id, item.version, "assigned", foreman, owner_id=other.id)
    service_log.update_line(line.id, line.version, _line("1206", maintenance="tap drips badly"), clerk)
    assert [m.description for m in MaintenanceItem.select()] == ["tap drips"]


@pytest.fixture
def follow_up(sheet, clerk):
    service_log.add_line(sheet.id, _line("1206", maintenance="Shower head leaks"), clerk)
    return MaintenanceItem.get()


def test_follow_up_goes_one_step_at_a_time(follow_up, clerk, other, foreman, fixed_clock):
    item = follow_up
    for wrong in ("fixed", "checked", "reported"):
        with pytest.raises(ValidationError) as err:
            maintenance.advance(item.id, item.version, wrong, foreman, owner_id=other.id)
        assert "one step at a time" in err.value.errors["state"]
    with pytest.raises(ValidationError) as err:
        maintenance.advance(item.id, item.version, "done", foreman)
    assert err.value.errors["state"]
    with pytest.raises(ValidationError) as err:
        maintenance.advance(item.id, item.version, "assigned", foreman)
    assert err.value.errors["owner"]
    with pytest.raises(ValidationError):
        maintenance.advance(item.id, item.version, "assigned", foreman, owner_id=99999)
    assert MaintenanceItem.get_by_id(item.id).state == "reported"

    item = maintenance.advance(item.id, item.version, "assigned", foreman, owner_id=other.id)
    assert (item.state, item.owner_id) == ("assigned", other.id)
    with pytest.raises(ValidationError):
        maintenance.advance(item.id, item.version, "checked", foreman)
    clock.set_now(fixed_clock + dt.timedelta(hours=2))
    item = maintenance.advance(item.id, item.version, "fixed", other)
    assert item.state == "fixed" and item.fixed_at == fixed_clock + dt.timedelta(hours=2)
    assert item.checked_by_id is None
    clock.set_now(fixed_clock + dt.timedelta(hours=3))
    item = maintenance.advance(item.id, item.version, "checked", foreman)
    assert (item.state, item.checked_by_id, item.checked_at) == (
        "checked", foreman.id, fixed_clock + dt.timedelta(hours=3))
    for further in ("reported", "assigned", "fixed", "checked"):
        with pytest.raises(ValidationError):
            maintenance.advance(item.id, item.version, further, foreman, owner_id=other.id)
    states = [c.new for c in history(MaintenanceItem, item.id) if c.field == "state"]
    assert states == ["reported", "assigned", "fixed", "checked"]


def test_a_stale_follow_up_step_is_refused(follow_up, other, foreman):
    maintenance.advance(follow_up.id, follow_up.version, "assigned", foreman, owner_id=other.id)
    with pytest.raises(ConflictError):  # read before it was assigned
        maintenance.advance(follow_up.id, follow_up.version, "fixed", other)
    assert MaintenanceItem.get_by_id(follow_up.id).state == "assigned"
