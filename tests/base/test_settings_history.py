"""The history of the set-up (Settings → History of settings and staff): every change of a
setting, a role, a department, a deadline rule or a day of the calendar leaves a row in its own
transaction — who, when, what, old → new — and an administrator or the general manager reads
them back newest first, people, departments and roles by name, never a password."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import access, clock, responsible, roles, settings, settings_history, sign_in, staff
from feedback_desk.base.db import write_transaction
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.models import Change, Department
from feedback_desk.loop import rules, work_calendar

PASSWORD = "Matrix-pass-8"
COMPLAINT_RULE = "Deadline rule: Answer the source of a complaint within 24 hours (24小时回复制)"


@pytest.fixture
def people(db, as_people, shanghai, fixed_clock):
    """Two administrators, the general manager, a clerk of the front office (made by the program)."""
    front = Department.get(Department.name == "Front office").id
    with access.acting_as_the_program():
        return {"wu": staff.save_staff("吴主任", front, roles=[roles.ADMIN]),
                "qian": staff.save_staff("钱经理", front, roles=[roles.ADMIN]),
                "gm": staff.save_staff("孙总", None, roles=[roles.GM]),
                "wang": staff.save_staff("王芳", front)}


def _later(hours: int) -> None:
    clock.set_now(clock.now_utc() + dt.timedelta(hours=hours))


def _seen(lines) -> list[tuple[str, str, str, str, str]]:
    return [(line.who, line.what, line.field, line.old, line.new) for line in lines]


def test_two_administrators_changes_read_back_newest_first_with_who_what_old_and_new(people, as_people):
    dining = Department.get(Department.name == "Dining").id
    wu, qian = people["wu"], people["qian"]
    as_people(wu)
    settings.set_morning_meeting("8:30")
    _later(1)
    staff.save_staff("王芳", people["wang"].department_id, people["wang"].id,
                     roles=[roles.Grant(roles.HEAD, people["wang"].department_id)], by=wu)
    _later(1)
    rules.save_rule("complaint.answer", {"amount": 12}, wu)
    _later(1)
    as_people(qian)
    wang = staff.get_staff(people["wang"].id)
    staff.save_staff("王芳", dining, wang.id, roles=[roles.Grant(roles.HEAD, dining)], by=qian, version=wang.version)

    as_people(wu)
    lines = settings_history.settings_history()
    mine = [line for line in _seen(lines) if line[0] in ("吴主任", "钱经理")]
    assert mine == [
        ("钱经理", "Staff: 王芳", "Department", "Front office", "Dining"),
        ("钱经理", "Staff: 王芳", "Roles", "Head of the department (Front office)", "Head of the department (Dining)"),
        ("吴主任", COMPLAINT_RULE, "Amount", "24", "12"),
        ("吴主任", "Staff: 王芳", "Roles", "", "Head of the department (Front office)"),
        ("吴主任", "Setting: Morning meeting", "Value", "08:00", "08:30"),
    ]
    newest = lines[0]
    assert newest.action == "Edited" and newest.kind == "staff"
    assert newest.at.startswith("11/15/26") and "3:00" in newest.at  # local time: noon in Shanghai, 3 hours on
    # what the program set up before anyone signed in is there too, by nobody
    assert ("", "Staff: 王芳", "Name", "", "王芳") in _seen(lines)


def test_the_history_is_read_by_kind_and_by_dates(people, as_people):
    as_people(people["gm"])
    work_calendar.save_holiday(dt.date(2026, 12, 20), "workday", "调休")
    _later(24)
    rules.save_rule("complaint.answer", {"chain": "handler,gm", "refer_to": "gm"}, people["gm"])
    as_people(people["wu"])
    staff.save_department("前厅部", Department.get(Department.name == "Front office").id)
    settings.put("sign_in.lock_minutes", "15")

    as_people(people["gm"])
    calendar_and_rules = _seen(settings_history.settings_history(settings_history.RULES))
    assert ("孙总", "Work calendar: 2026-12-20", "Kind", "", "Make-up working day (调休)") in calendar_and_rules
    assert ("孙总", COMPLAINT_RULE, "Escalation chain",
            "Handler → Department head → Deputy general manager → General manager",
            "Handler → General manager") in calendar_and_rules
    assert ("孙总", COMPLAINT_RULE, "Referred at once to", "Nobody", "General manager") in calendar_and_rules
    assert {what.split(":")[0] for _who, what, *_rest in calendar_and_rules} == {"Work calendar", "Deadline rule"}
    assert _seen(settings_history.settings_history(settings_history.SETTINGS)) == [
        ("吴主任", "Setting: Minutes a name is locked after five wrong passwords", "Value", "5", "15")]
    assert ("吴主任", "Department: 前厅部", "Name", "Front office", "前厅部") in _seen(
        settings_history.settings_history(settings_history.STAFF))

    today, yesterday = clock.today_local(), clock.today_local() - dt.timedelta(days=1)
    since_today = _seen(settings_history.settings_history(since=today))
    assert not any(what.startswith("Work calendar") for _who, what, *_rest in since_today)
    assert any(what == COMPLAINT_RULE for _who, what, *_rest in since_today)
    until_yesterday = _seen(settings_history.settings_history(settings_history.RULES, until=yesterday))
    assert {what for _who, what, *_rest in until_yesterday} == {"Work calendar: 2026-12-20"}
    assert len(settings_history.settings_history(limit=2)) == 2
    assert settings_history.settings_history(limit=2, offset=1)[0] == settings_history.settings_history(limit=2)[1]


def test_a_day_removed_from_the_calendar_is_still_named_in_its_history(people, as_people):
    as_people(people["gm"])
    work_calendar.save_holiday(dt.date(2026, 12, 21), "holiday", "试")
    work_calendar.save_holiday(dt.date(2026, 12, 21), "holiday", "试一下")
    assert work_calendar.remove_holiday(dt.date(2026, 12, 21))
    rows = _seen(settings_history.settings_history(settings_history.RULES))
    assert rows[:4] == [("孙总", "Work calendar: 2026-12-21", "Date", "2026-12-21", ""),
                        ("孙总", "Work calendar: 2026-12-21", "Kind", "Public holiday", ""),
                        ("孙总", "Work calendar: 2026-12-21", "Occasion", "试一下", ""),
                        ("孙总", "Work calendar: 2026-12-21", "Occasion", "试", "试一下")]
    assert settings_history.settings_history(settings_history.RULES)[0].action == "Removed"


def test_a_day_added_after_one_removed_does_not_take_over_its_history(people, as_people, database_kind):
    as_people(people["gm"])
    first = work_calendar.save_holiday(dt.date(2027, 12, 30), "holiday", "甲")
    work_calendar.remove_holiday(dt.date(2027, 12, 30))
    second = work_calendar.save_holiday(dt.date(2027, 12, 31), "holiday", "乙")
    if database_kind == "sqlite":
        assert second.id == first.id  # SQLite gives the removed row's id to the next day added (the server never)
    rows = _seen(settings_history.settings_history(settings_history.RULES))
    assert {what for _who, what, field, old, new in rows if "甲" in (old, new)} == {"Work calendar: 2027-12-30"}
    assert {what for _who, what, field, old, new in rows if "乙" in (old, new)} == {"Work calendar: 2027-12-31"}


def test_a_password_is_written_down_as_set_never_what_it_was(people, as_people):
    as_people(people["wu"])
    sign_in.set_first_password(people["wang"].id, PASSWORD, PASSWORD, people["wu"])
    line = settings_history.settings_history(settings_history.STAFF)[0]
    assert (line.who, line.what, line.field, line.old, line.new) == (
        "吴主任", "Staff: 王芳", "Password", "", "First password given")
    stored = [v for row in Change.select().tuples() for v in row if isinstance(v, str)]
    assert not any(PASSWORD in v or v.startswith("$argon2") for v in stored)


def test_the_complaints_owner_of_a_department_is_shown_by_name(people, as_people):
    as_people(people["wu"])
    front = Department.get(Department.name == "Front office").id
    responsible.save_department("Front office", front, people["wang"].id)
    assert _seen(settings_history.settings_history(settings_history.SETTINGS)) == [
        ("吴主任", "Setting: Complaints owners", "Value", "", "Front office: 王芳")]


def test_a_change_and_its_history_row_land_together_or_not_at_all(people, as_people):
    as_people(people["wu"])
    before = Change.select().count()
    with pytest.raises(RuntimeError):
        with write_transaction():
            settings.set_morning_meeting("09:00")
            staff.save_department("新部门")
            raise RuntimeError("the disk is full")
    assert settings.morning_meeting() == dt.time(8, 0) and Change.select().count() == before
    with pytest.raises(ValidationError):
        settings.set_morning_meeting("9 o'clock")
    assert Change.select().count() == before  # a refused change leaves no row either
    settings.set_morning_meeting("08:00")     # the same as before: nothing changed, nothing written
    assert Change.select().count() == before


@pytest.mark.parametrize("who", ["wang", "nobody"])
def test_only_an_administrator_or_the_general_manager_reads_it(people, as_people, who):
    as_people(people[who] if who != "nobody" else None)
    with pytest.raises(PermissionDenied):
        settings_history.settings_history()
    for allowed in ("wu", "gm"):
        as_people(people[allowed])
        assert settings_history.settings_history()


def test_rooms_consumables_and_suggestion_categories_say_who_added_renamed_or_retired_them(people, as_people):
    from feedback_desk.desks.housekeeping import rooms
    from feedback_desk.desks.suggestions import box

    wu = as_people(people["wu"])
    room = rooms.save_room("1208", 12, "大床房")
    soap = rooms.save_consumable("香皂", "块")
    category = box.save_category("餐饮")
    _later(1)
    rooms.save_room("1208", 12, "双床房", room.id, active=False)
    rooms.save_consumable("香皂", "盒", soap.id)
    box.save_category("餐饮服务", category.id)
    _later(1)
    rooms.save_room("1208", 12, "双床房", room.id, active=False)  # nothing changed: no row

    seen = [line for line in _seen(settings_history.settings_history()) if line[0] == wu.name]
    assert seen[:4] == [
        ("吴主任", "Suggestion category: 餐饮服务", "Name", "餐饮", "餐饮服务"),
        ("吴主任", "Consumable: 香皂", "Unit", "块", "盒"),
        ("吴主任", "Room: 1208", "Room type", "大床房", "双床房"),
        ("吴主任", "Room: 1208", "In use", "Yes", "No"),
    ]
    assert ("吴主任", "Room: 1208", "Floor", "", "12") in seen
    assert ("吴主任", "Consumable: 香皂", "Name", "", "香皂") in seen
    assert len([line for line in seen if line[1] == "Room: 1208"]) == 6  # added: 4 fields; changed: 2; the same again: 0
