"""Two administrators at two PCs change the same part of the set-up from the same starting point
(both read, both save): departments, staff, settings, deadline rules and the work calendar refuse
the second save as records do (issue 15, item 4) — a `ConflictError`, nothing of it written —
and the first leaves its history rows: who, what, old → new.

The version is checked inside the save's write transaction, and the UPDATE carries it: a change
that lands after the form read and before the save writes is caught, never overwritten."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import responsible, roles, settings, staff
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change, Department, Setting, Staff
from feedback_desk.loop import rules, work_calendar
from feedback_desk.loop.models import Holiday, Rule

from test_settings_history import people  # noqa: F401 (two administrators, the GM and a clerk)


def _history(table: str, record_id: int, since: int = 0) -> list[tuple]:
    return [(c.by.name if c.by_id else "", c.action, c.field, c.old, c.new)
            for c in Change.select().where((Change.table == table) & (Change.record_id == record_id)
                                           & (Change.id > since)).order_by(Change.id)]


def _last_change() -> int:
    return Change.select(Change.id).order_by(Change.id.desc()).scalar() or 0


# --- departments ---------------------------------------------------------------------------

def test_a_department_renamed_at_two_pcs_keeps_the_first_and_refuses_the_second(people, as_people):
    dining = Department.get(Department.name == "Dining")
    wu_saw, qian_saw = staff.get_department(dining.id), staff.get_department(dining.id)  # both open it
    mark = _last_change()
    as_people(people["wu"])
    saved = staff.save_department("餐饮部", dining.id, version=wu_saw.version)
    assert saved.version == wu_saw.version + 1
    as_people(people["qian"])
    with pytest.raises(ConflictError, match="changed by someone else"):
        staff.save_department("中餐厅", dining.id, active=False, version=qian_saw.version)
    now = Department.get_by_id(dining.id)
    assert (now.name, now.active, now.version) == ("餐饮部", True, saved.version)  # nothing of the second
    assert _history("department", dining.id, mark) == [("吴主任", "update", "name", "Dining", "餐饮部")]


def test_a_department_saved_unchanged_keeps_its_version(people, as_people):
    dining = staff.get_department(Department.get(Department.name == "Dining").id)
    as_people(people["wu"])
    assert staff.save_department("Dining", dining.id, version=dining.version).version == dining.version


def test_a_departments_complaints_owner_named_at_two_pcs_keeps_the_first(people, as_people):
    dining = staff.get_department(Department.get(Department.name == "Dining").id)
    read = responsible.complaints_owner_of(dining.id)  # both forms show "(the department's head)"
    as_people(people["wu"])
    responsible.save_department("Dining", dining.id, people["wang"].id, version=dining.version,
                                expected_owner=read)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        responsible.save_department("Dining", dining.id, people["qian"].id, version=dining.version,
                                    expected_owner=read)
    assert responsible.complaints_owner_of(dining.id) == people["wang"].id
    key = Setting.get(Setting.key == responsible.OWNERS_KEY)
    assert [(who, field) for who, _action, field, _old, _new in _history("setting", key.id)] == [
        ("吴主任", responsible.OWNERS_KEY)]
    # another department's owner, named from a form opened before: its own owner did not change
    front = Department.get(Department.name == "Front office")
    responsible.save_department("Front office", front.id, people["qian"].id, version=front.version,
                                expected_owner=None)
    assert responsible.complaints_owners() == {dining.id: people["wang"].id, front.id: people["qian"].id}


# --- staff ---------------------------------------------------------------------------------

def test_a_person_changed_at_two_pcs_keeps_the_first_and_refuses_the_second(people, as_people):
    wang = people["wang"]
    wu_saw, qian_saw = staff.get_staff(wang.id), staff.get_staff(wang.id)
    dining = Department.get(Department.name == "Dining").id
    mark = _last_change()
    as_people(people["wu"])
    staff.save_staff("王芳", dining, wang.id, by=people["wu"], version=wu_saw.version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        staff.save_staff("王小芳", wang.department_id, wang.id, roles=[roles.ADMIN], by=people["qian"],
                         version=qian_saw.version)
    now = staff.get_staff(wang.id)
    assert (now.name, now.department_id, now.version) == ("王芳", dining, wu_saw.version + 1)
    assert roles.roles_of(wang.id) == {"staff"}
    assert _history("staff", wang.id, mark) == [("吴主任", "update", "department", str(wang.department_id),
                                                 str(dining))]


def test_a_person_saved_by_someone_else_between_the_check_and_the_write_is_refused(people, as_people, monkeypatch):
    """The UPDATE itself carries the version the form read, as a record's does."""
    wang = people["wang"]
    read = roles.grants_of

    def someone_else_saves_meanwhile(staff_id):
        Staff.update(name="王二芳", version=Staff.version + 1).where(Staff.id == wang.id).execute()
        return read(staff_id)

    monkeypatch.setattr(roles, "grants_of", someone_else_saves_meanwhile)
    as_people(people["wu"])
    with pytest.raises(ConflictError):
        staff.save_staff("王芳", None, wang.id, by=people["wu"], version=wang.version)
    monkeypatch.undo()
    assert (staff.get_staff(wang.id).name, staff.get_staff(wang.id).department_id) == ("王芳", wang.department_id)


# --- settings ------------------------------------------------------------------------------

def test_a_setting_never_saved_set_at_two_pcs_keeps_the_first(people, as_people):
    value, version = settings.read("service_log.morning_meeting")
    assert (value, version) == ("08:00", 0)  # the default: no row yet
    as_people(people["wu"])
    settings.set_morning_meeting("08:30", expected_version=version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        settings.set_morning_meeting("09:00", expected_version=version)
    assert settings.read("service_log.morning_meeting") == ("08:30", 1)
    row = Setting.get(Setting.key == "service_log.morning_meeting")
    assert _history("setting", row.id) == [("吴主任", "update", "service_log.morning_meeting", "08:00", "08:30")]


def test_a_setting_saved_before_set_at_two_pcs_keeps_the_first(people, as_people):
    as_people(people["wu"])
    settings.set_int("sign_in.lock_minutes", "10", "lock_minutes", 1, 60)
    value, version = settings.read("sign_in.lock_minutes")
    assert (value, version) == ("10", 1)
    mark = _last_change()
    settings.set_int("sign_in.lock_minutes", "15", "lock_minutes", 1, 60, expected_version=version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        settings.set_int("sign_in.lock_minutes", "30", "lock_minutes", 1, 60, expected_version=version)
    with pytest.raises(ConflictError):
        settings.put("sign_in.lock_minutes", "30", expected_version=version)
    assert settings.read("sign_in.lock_minutes") == ("15", 2)
    row = Setting.get(Setting.key == "sign_in.lock_minutes")
    assert _history("setting", row.id, mark) == [("吴主任", "update", "sign_in.lock_minutes", "10", "15")]


# --- deadline rules ------------------------------------------------------------------------

def test_a_rule_changed_at_two_pcs_keeps_the_first_and_refuses_the_second(people, as_people):
    rules.ensure_rules()
    rule = Rule.get(Rule.code == "complaint.answer")
    mark = _last_change()
    as_people(people["wu"])
    rules.save_rule("complaint.answer", {"amount": 12}, people["wu"], expected_version=rule.version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        rules.save_rule("complaint.answer", {"amount": 36, "refer_to": "gm"}, people["qian"],
                        expected_version=rule.version)
    now = Rule.get_by_id(rule.id)
    assert (now.amount, now.refer_to, now.version, now.updated_by_id) == (12, "", rule.version + 1, people["wu"].id)
    assert _history("deadline_rule", rule.id, mark) == [("吴主任", "update", "amount", "24", "12")]


def test_a_rule_saved_elsewhere_after_the_form_read_it_is_caught_inside_the_transaction(
        people, as_people, monkeypatch, second_connection):
    """Another workstation saves the rule at the last moment before this save's write transaction
    begins (after everything save_rule reads outside it): the check inside sees it."""
    rules.ensure_rules()
    rule = Rule.get(Rule.code == "complaint.answer")
    real = rules.write_transaction
    others = []

    def the_other_pc_saves_first():
        if not others:
            others.append(second_connection.execute_sql(
                "UPDATE deadline_rule SET amount = 36, version = version + 1 WHERE code = 'complaint.answer'"))
            second_connection.close()  # its change committed, its file or connection let go
        return real()

    monkeypatch.setattr(rules, "write_transaction", the_other_pc_saves_first)
    as_people(people["wu"])
    with pytest.raises(ConflictError):
        rules.save_rule("complaint.answer", {"amount": 12}, people["wu"], expected_version=rule.version)
    assert others
    now = Rule.get_by_id(rule.id)
    assert (now.amount, now.version) == (36, rule.version + 1)  # the other PC's save stands
    assert not [c for c in Change.select().where(Change.table == "deadline_rule") if c.new == "12"]


def test_a_rule_of_ones_own_added_at_two_pcs_for_the_same_items_is_refused_the_second_time(people, as_people):
    values = {"name": "冷菜投诉 4 小时内答复", "desk": "complaint", "kind": "", "severity": "general",
              "clock": "hours", "amount": 4, "start": "created", "grace": 4}
    as_people(people["wu"])
    rules.create_rule(values, people["wu"])
    as_people(people["qian"])
    with pytest.raises(ValidationError, match="already covers these items"):
        rules.create_rule({**values, "name": "冷菜投诉 2 小时内答复", "amount": 2}, people["qian"])
    assert Rule.select().where(Rule.code.startswith("own.")).count() == 1


# --- the work calendar ---------------------------------------------------------------------

def test_a_day_changed_at_one_pc_and_removed_at_another_keeps_the_change(people, as_people):
    work_calendar.ensure_holidays()
    day = dt.date(2026, 10, 10)
    seen = Holiday.get(Holiday.date == day)  # both pages show it
    mark = _last_change()
    as_people(people["wu"])
    work_calendar.save_holiday(day, "workday", "国庆节后调休", expected_version=seen.version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        work_calendar.remove_holiday(day, expected_version=seen.version)
    with pytest.raises(ConflictError):
        work_calendar.save_holiday(day, "holiday", "国庆节", expected_version=seen.version)
    now = Holiday.get(Holiday.date == day)
    assert (now.kind, now.name, now.version) == ("workday", "国庆节后调休", seen.version + 1)
    assert _history("holiday", seen.id, mark) == [("吴主任", "update", "name", "国庆节调休", "国庆节后调休")]


def test_a_day_added_at_two_pcs_keeps_the_first(people, as_people):
    day = dt.date(2026, 12, 26)  # a Saturday neither page shows: version 0, not in the calendar
    as_people(people["wu"])
    added = work_calendar.save_holiday(day, "workday", "年会调休", expected_version=0)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        work_calendar.save_holiday(day, "holiday", "圣诞节", expected_version=0)
    assert (Holiday.get(Holiday.date == day).kind, Holiday.get(Holiday.date == day).name) == ("workday", "年会调休")
    assert [(who, field) for who, _a, field, _o, _n in _history("holiday", added.id)] == [
        ("吴主任", "date"), ("吴主任", "kind"), ("吴主任", "name")]


def test_a_day_removed_at_one_pc_and_changed_at_another_stays_removed(people, as_people):
    work_calendar.ensure_holidays()
    day = dt.date(2026, 9, 20)
    seen = Holiday.get(Holiday.date == day)
    as_people(people["wu"])
    assert work_calendar.remove_holiday(day, expected_version=seen.version)
    as_people(people["qian"])
    with pytest.raises(ConflictError):
        work_calendar.save_holiday(day, "workday", "国庆节调休（改）", expected_version=seen.version)
    assert Holiday.get_or_none(Holiday.date == day) is None
    assert [who for who, *_rest in _history("holiday", seen.id)] == ["吴主任"] * 3  # date, kind, name removed
