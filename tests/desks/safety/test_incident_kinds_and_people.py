"""Issue 17's last parts of the incident reports: the kinds as a setting (renamed, taken off the list,
added; a report keeps its kind), the staff involved picked from the staff list (they see that a
report exists, never what it says), and the clocks on the leaders' instruction and on closing."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from feedback_desk.base import access, clock, i18n, settings_history, staff
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Department
from feedback_desk.desks.safety import incidents, kinds
from feedback_desk.desks.safety.listings import IncidentListing, incidents_by_kind
from feedback_desk.desks.safety.models import IncidentPerson, IncidentReport
from feedback_desk.export.ledgers import export_ledger
from feedback_desk.loop import clocks
from feedback_desk.loop.models import Escalation, ItemClock

NOW = dt.datetime(2026, 11, 16, 2, 0)  # Monday 10:00 in Shanghai, as route_people sets the clock


def dept(name):
    return Department.get(Department.name == name).id


@pytest.fixture
def hotel(route_people, as_people):
    with access.acting_as_the_program():
        people = {**route_people, "porter": staff.save_staff("刘强", dept("Rooms division")),
                  "deputy": staff.save_staff("周副总", dept("General manager's office"), roles=["deputy_gm"]),
                  "admin": staff.save_staff("管理员", dept("General manager's office"), roles=["admin"])}
    return people, dept("Rooms division")


def _values(dept, **more):
    local = clock.to_local(NOW)
    return {"kind": "fight", "happened_at": local - dt.timedelta(hours=2), "handled_at": local - dt.timedelta(minutes=40),
            "place": "停车场", "department": dept, "immediate_action": "保安劝离双方，查看监控", **more}


def test_the_kinds_are_a_setting_and_a_report_keeps_its_kind_after_it_is_taken_off_the_list(hotel, as_people,
                                                                                            tmp_path):
    people, rooms = hotel
    i18n.set_language("zh_CN")
    seed = kinds.kinds()
    assert [k.name for k in seed][:4] == ["工伤事故", "火灾", "打架斗殴", "盗窃"] and len(seed) == 8
    as_people(people["attendant"])
    with pytest.raises(PermissionDenied):
        kinds.save_kind("电梯困人")
    report = incidents.report_incident(_values(rooms), people["attendant"])

    as_people(people["admin"])
    lift = kinds.save_kind("电梯困人")
    assert (lift.code, lift.name, lift.active, lift.seed) == ("custom-1", "电梯困人", True, False)
    kinds.save_kind("斗殴（含口角冲突）", "fight")
    kinds.save_kind("斗殴（含口角冲突）", "fight", active=False)
    with pytest.raises(ValidationError) as err:
        kinds.save_kind("火灾", lift.code)
    assert err.value.errors == {"name": "已有同名的事件类别。"}
    with pytest.raises(ValidationError) as err:
        kinds.save_kind("  ")
    assert "name" in err.value.errors
    assert [k.name for k in kinds.kinds()] == ["工伤事故", "火灾", "盗窃", "食品安全", "客人意外", "设备事故／停水停电",
                                               "其他", "电梯困人"]

    as_people(people["attendant"])
    with pytest.raises(ValidationError) as err:  # taken off the list: no new report of it
        incidents.report_incident(_values(rooms), people["attendant"])
    assert "kind" in err.value.errors
    stuck = incidents.report_incident(_values(rooms, kind=lift.code, place="3号电梯"), people["attendant"])
    # the report of before keeps its kind, named as it is called now, in the table, the ledger and the dashboard
    as_people(people["office"])
    rows = IncidentListing().page(Filters(), "happened", True, 0, 10)
    assert {r.id: r.values[2] for r in rows} == {report.id: "斗殴（含口角冲突）", stuck.id: "电梯困人"}
    assert ("kind:custom-1", "电梯困人") in IncidentListing().choices()
    today = clock.today_local()
    assert incidents_by_kind(today.replace(day=1), today) == [("fight", 1), ("custom-1", 1)]
    path = export_ledger("incidents", today.replace(day=1), today, tmp_path / "incidents.xlsx")
    sheet = openpyxl.load_workbook(path).active
    kinds_written = [c.value for c in sheet["C"] if c.value in ("斗殴（含口角冲突）", "电梯困人")]
    assert sorted(kinds_written) == ["斗殴（含口角冲突）", "电梯困人"]
    # renaming a seed kind back to its seed name keeps it translated
    as_people(people["admin"])
    kinds.save_kind("火灾", "fire")
    i18n.set_language("en")
    assert kinds.NAMES["fire"] == "Fire (火灾)"
    history = [line.what for line in settings_history.settings_history()]
    assert "Incident kind: 电梯困人" in history and "Incident kind: Fire (火灾)" in history


def test_the_staff_involved_see_that_a_report_exists_and_read_nothing_of_it(hotel, as_people):
    people, rooms = hotel
    as_people(people["attendant"])
    with pytest.raises(ValidationError) as err:
        incidents.report_incident(_values(rooms, staff_involved=[people["porter"].id, 99999]), people["attendant"])
    assert list(err.value.errors) == ["staff_involved"] and IncidentReport.select().count() == 0
    report = incidents.report_incident(
        _values(rooms, staff_involved=[people["porter"].id, people["porter"].id], people="客人王某"), people["attendant"])
    assert [p.name for p in incidents.staff_involved(report.id)] == ["刘强"]  # picked twice, named once
    assert IncidentPerson.select().count() == 1

    as_people(people["porter"])
    rows = IncidentListing().page(Filters(), "happened", True, 0, 10)
    assert [r.id for r in rows] == [report.id] and rows[0].raw["named_only"]
    number, day, kind, place, said, loss = rows[0].values[:6]
    assert (number, place, loss) == (report.number, "", "") and "保安" not in said and "named in this report" in said
    assert "保安" not in rows[0].tooltip
    with pytest.raises(PermissionDenied):
        incidents.read_incident(report.id, people["porter"])
    # searching its words finds nothing for them: a search is no way to read it
    assert IncidentListing().count(Filters(text="保安")) == 0
    assert IncidentListing().count(Filters(text=report.number)) == 1
    as_people(people["other"])  # neither named nor on its route: it does not exist for them
    assert IncidentListing().count(Filters()) == 0
    as_people(people["attendant"])  # who reported it reads it whole
    assert IncidentListing().page(Filters(), "happened", True, 0, 10)[0].values[3] == "停车场"


def _received(people, rooms, handled_itself: bool, as_people) -> IncidentReport:
    as_people(people["attendant"])
    report = incidents.report_incident(_values(rooms), people["attendant"])
    as_people(people["office"])
    return incidents.receive(report.id, report.version, handled_itself, "收到" if handled_itself else "转报", people["office"])


def test_a_report_passed_on_waits_for_the_leaders_instruction_and_escalates_to_the_gm(hotel, as_people):
    people, rooms = hotel
    with access.acting_as_the_program():
        gm = staff.save_staff("总经理", Department.get(Department.name == "General manager's office").id, roles=["gm"])
    report = _received(people, rooms, False, as_people)
    clocks.run_checks()
    waiting = ItemClock.get((ItemClock.desk == "incident_instruct") & (ItemClock.item_id == report.id))
    assert (waiting.owner_id, waiting.done_at) == (people["deputy"].id, None)  # the responsible leader answers
    assert not ItemClock.select().where((ItemClock.desk == "incident_close") & (ItemClock.item_id == report.id)).exists()
    clock.set_now(dt.datetime(2026, 11, 17, 16, 1))  # Tuesday past midnight: its working day is over
    assert report.id in [r.item_id for r in clocks.run_checks().late if r.desk == "incident_instruct"]
    clock.set_now(dt.datetime(2026, 11, 18, 16, 1))  # a working day later: to the general manager
    clocks.run_checks()
    up = Escalation.get((Escalation.desk == "incident_instruct") & (Escalation.item_id == report.id))
    assert (up.to_role, up.to_staff_id) == ("gm", gm.id)
    as_people(people["hr"])
    report = incidents.instruct(report.id, report.version, "查明原因，加强停车场巡逻", people["hr"])
    clocks.run_checks()
    assert ItemClock.get_by_id(waiting.id).done_at is not None
    closing = ItemClock.get((ItemClock.desk == "incident_close") & (ItemClock.item_id == report.id))
    assert closing.done_at is None and closing.owner_id == people["office"].id


def test_closing_is_due_from_the_last_answer_and_waits_while_a_department_investigates(hotel, as_people):
    people, rooms = hotel
    report = _received(people, rooms, True, as_people)  # the office deals with it itself: closing is due
    clocks.run_checks()
    closing = ItemClock.get((ItemClock.desk == "incident_close") & (ItemClock.item_id == report.id))
    assert closing.done_at is None
    first_due = closing.due_at
    assert not ItemClock.select().where(ItemClock.desk == "incident_instruct").exists()  # nothing to instruct on

    clock.set_now(dt.datetime(2026, 11, 18, 2, 0))
    as_people(people["office"])
    inquiry = incidents.send_to_department(report.id, report.version, rooms, "查明争执起因", people["office"])
    assert ItemClock.get_by_id(closing.id).done_at is not None  # an answer is awaited: closing is not due
    clocks.run_checks()
    assert ItemClock.get_by_id(closing.id).done_at is not None

    clock.set_now(dt.datetime(2026, 11, 19, 2, 0))  # Thursday: the department answers
    as_people(people["rooms_head"])
    incidents.answer_inquiry(inquiry.id, inquiry.version, "双方因车位争执；已调整车位引导", people["rooms_head"])
    again = ItemClock.get_by_id(closing.id)
    assert again.done_at is None and again.due_at > first_due  # due counted from the answer's day
    clocks.run_checks()
    assert ItemClock.get_by_id(closing.id).done_at is None
    as_people(people["office"])
    report = IncidentReport.get_by_id(report.id)
    incidents.close(report.id, report.version, {"cause": "车位争执", "measures": "增设车位引导员",
                                                "measures_check": "保安部复查"}, people["office"])
    clocks.run_checks()
    assert ItemClock.get_by_id(closing.id).done_at is not None


def test_the_next_minute_check_sees_an_instruction_and_an_answer_written_on_the_route_alone(hotel, as_people):
    """An instruction and a department's answer are rows of the route, not changes of the report: the
    check a minute later (which looks only at what changed) still stops and starts the clocks."""
    people, rooms = hotel
    report = _received(people, rooms, False, as_people)
    clocks.run_checks()  # the first check looks at everything
    waiting = ItemClock.get((ItemClock.desk == "incident_instruct") & (ItemClock.item_id == report.id))
    assert clocks.run_checks().changed is False  # nothing new: nothing done
    as_people(people["hr"])
    report = incidents.instruct(report.id, report.version, "查明原因", people["hr"])
    clocks.run_checks()
    assert ItemClock.get_by_id(waiting.id).done_at is not None
    closing = ItemClock.get((ItemClock.desk == "incident_close") & (ItemClock.item_id == report.id))
    assert closing.done_at is None
    inquiry = incidents.send_to_department(report.id, report.version, rooms, "调查", people["hr"])
    clocks.run_checks()
    assert ItemClock.get_by_id(closing.id).done_at is not None  # an answer is awaited
    as_people(people["rooms_head"])
    incidents.answer_inquiry(inquiry.id, inquiry.version, "车位争执", people["rooms_head"])
    clocks.run_checks()
    assert ItemClock.get_by_id(closing.id).done_at is None
