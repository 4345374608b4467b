"""Incident reports (内部信息反馈及重大事件处理制度 第三、四、六条) end to end: reported to the general
manager's office (late past 1 hour after the handling), received and dealt with or passed on, an
instruction, sent to a department that investigates, the customer answered, closed with the cause,
measures and their check; its clocks; who may read it; every refusal beside its field, nothing saved."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk import demo_pictures
from feedback_desk.base import access, clock
from feedback_desk.base.attachments import Attachment, pick
from feedback_desk.base.errors import PermissionDenied, ValidationError
from feedback_desk.base.listing import Filters
from feedback_desk.base.models import Change, Department
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.safety import incidents
from feedback_desk.desks.safety.files import INCIDENT_FILES
from feedback_desk.desks.safety.listings import IncidentListing
from feedback_desk.desks.safety.models import IncidentReport
from feedback_desk.loop import clocks
from feedback_desk.loop.models import ItemClock

NOW = dt.datetime(2026, 11, 16, 2, 0)  # Monday 10:00 in Shanghai, as route_people sets the clock


def dept(name):
    return Department.get(Department.name == name).id


@pytest.fixture
def hotel(route_people, as_people):
    with access.acting_as_the_program():
        guest = customers.create_customer({"name": "陈", "title": "先生"}, route_people["attendant"])
    return route_people, dept("Rooms division"), guest


def _values(dept, **more):
    local = clock.to_local(NOW)
    return {"kind": "theft", "happened_at": local - dt.timedelta(hours=2), "handled_at": local - dt.timedelta(minutes=40),
            "place": "1208房", "department": dept, "people": "客人陈先生、楼层服务员郑秀英", "estimated_loss": 3000,
            "immediate_action": "保安封锁楼层，调取监控，报警", **more}


def _counts():
    return IncidentReport.select().count(), Attachment.select().count(), Change.select().count()


def test_an_incident_goes_its_route_from_the_report_to_its_closing(hotel, as_people):
    people, rooms, guest = hotel
    as_people(people["attendant"])
    photo = pick(demo_pictures.photo(9, "scorch"), "门锁.jpg")
    report = incidents.report_incident(_values(rooms, customer=guest.id), people["attendant"], [photo])
    assert (report.number, report.state, report.reported_late) == ("事件-2026-11-0001", "reported", False)
    assert [a.filename for a in INCIDENT_FILES.files_of(report.id)] == ["门锁.jpg"]
    assert [r.id for r in incidents.of_customer(guest.id)] == [report.id]  # the guest's profile lists it

    with pytest.raises(PermissionDenied, match="received by the general manager's office"):
        incidents.receive(report.id, report.version, False, "转报", people["attendant"])
    as_people(people["office"])
    with pytest.raises(ValidationError) as err:
        incidents.receive(report.id, report.version, False, " ", people["office"])
    assert "text" in err.value.errors
    report = incidents.receive(report.id, report.version, False, "涉及客人财物，转报主管领导和人力资源中心", people["office"])
    assert (report.state, report.received_by_id, report.handled_by_office) == ("received", people["office"].id, False)

    as_people(people["hr"])
    report = incidents.instruct(report.id, report.version, "客房部查明门锁及钥匙管理情况，三日内书面报告", people["hr"])
    inquiry = incidents.send_to_department(report.id, report.version, rooms, "门锁及钥匙管理", people["hr"])
    with pytest.raises(ValidationError) as err:
        incidents.send_to_department(report.id, IncidentReport.get_by_id(report.id).version, rooms, "再查", people["hr"])
    assert "has this report already" in err.value.errors["send_to"]
    report = IncidentReport.get_by_id(report.id)
    assert report.state == "investigating"

    as_people(people["office"])
    with pytest.raises(ValidationError) as err:  # the department has not answered yet
        incidents.close(report.id, report.version, {"cause": "x", "measures": "y", "measures_check": "z",
                                                    "customer_answer": "已致歉"}, people["office"])
    assert "Waiting for the investigation" in err.value.errors[""]

    as_people(people["other"])
    with pytest.raises(PermissionDenied):
        incidents.answer_inquiry(inquiry.id, inquiry.version, "查明原因", people["other"])
    as_people(people["rooms_head"])
    incidents.read_incident(report.id, people["rooms_head"])  # the head asked reads the report
    incidents.answer_inquiry(inquiry.id, inquiry.version, "门锁电池耗尽未及时更换，备用钥匙登记不全", people["rooms_head"])

    as_people(people["office"])
    report = IncidentReport.get_by_id(report.id)
    with pytest.raises(ValidationError) as err:  # a guest is concerned: the customer must have been answered
        incidents.close(report.id, report.version, {"cause": "门锁失效", "measures": "更换电池", "measures_check": "抽查"},
                        people["office"])
    assert set(err.value.errors) == {"customer_answer"}
    report = incidents.close(report.id, report.version, {
        "cause": "门锁电池耗尽", "measures": "全部门锁每月检查电池，备用钥匙双人登记", "measures_check": "12月抽查20间合格",
        "customer_answer": "已向陈先生致歉并赔偿"}, people["office"])
    assert (report.state, report.closed_by_id) == ("closed", people["office"].id)
    kinds = [s.kind for s in incidents.route_of(report.id)]
    assert kinds == ["received", "passed_on", "instruction", "sent", "investigation", "customer_answered", "closed"]


@pytest.mark.parametrize("values, field", [
    ({"kind": "flood"}, "kind"),
    ({"place": ""}, "place"),
    ({"immediate_action": " "}, "immediate_action"),
    ({"happened_at": "future"}, "happened_at"),
    ({"handled_at": "after now"}, "handled_at"),
    ({"handled_at": "before it happened"}, "handled_at"),
    ({"estimated_loss": "-5"}, "estimated_loss"),
])
def test_a_bad_report_is_refused_beside_its_field_and_nothing_is_saved(hotel, as_people, values, field):
    people, rooms, _guest = hotel
    local = clock.to_local(NOW)
    moments = {"future": local + dt.timedelta(hours=1), "after now": local + dt.timedelta(minutes=30),
               "before it happened": local - dt.timedelta(hours=3)}
    values = {k: moments.get(v, v) if isinstance(v, str) else v for k, v in values.items()}
    as_people(people["attendant"])
    before = _counts()
    with pytest.raises(ValidationError) as err:
        incidents.report_incident(_values(rooms, **values), people["attendant"], [pick(demo_pictures.photo(1), "a.jpg")])
    assert field in err.value.errors
    assert _counts() == before


def test_a_report_more_than_an_hour_after_the_handling_is_late_and_its_receipt_has_a_clock(hotel, as_people):
    people, rooms, _guest = hotel
    as_people(people["attendant"])
    local = clock.to_local(NOW)
    late = incidents.report_incident(_values(rooms, happened_at=local - dt.timedelta(hours=4),
                                             handled_at=local - dt.timedelta(hours=3)), people["attendant"])
    assert late.reported_late
    clocks.run_checks()
    waiting = ItemClock.get((ItemClock.desk == "incident_receive") & (ItemClock.item_id == late.id))
    assert waiting.due_at == NOW + dt.timedelta(hours=1)
    clock.set_now(NOW + dt.timedelta(hours=2))
    assert late.id in [r.item_id for r in clocks.run_checks().late]


def test_only_the_route_the_reporter_and_the_departments_asked_read_a_report(hotel, as_people):
    people, rooms, _guest = hotel
    with access.acting_as_the_program():
        report = incidents.report_incident(_values(rooms), people["attendant"])
    for person, sees in ((people["attendant"], True), (people["office"], True), (people["hr"], True),
                         (people["other"], False), (people["rooms_head"], False)):
        as_people(person)
        listed = [r.id for r in IncidentListing().page(Filters(), "happened", True, 0, 10)]
        assert (listed == [report.id]) is sees, person.name
        if not sees:
            with pytest.raises(PermissionDenied):
                incidents.read_incident(report.id, person)


def test_the_dashboard_counts_the_months_incidents_by_kind_and_the_open_hazards_by_area(hotel, as_people):
    from feedback_desk.desks.safety import hazards
    from feedback_desk.reports.dashboard import dashboard_figures

    people, rooms, _guest = hotel
    local = clock.to_local(NOW)
    with access.acting_as_the_program():
        incidents.report_incident(_values(rooms), people["attendant"])
        incidents.report_incident(_values(rooms, place="1210房"), people["attendant"])
        incidents.report_incident(_values(rooms, kind="fire", place="洗衣房"), people["attendant"])
        incidents.report_incident(_values(rooms, happened_at=local - dt.timedelta(days=40),
                                          handled_at=local - dt.timedelta(days=40) + dt.timedelta(minutes=20)),
                                  people["attendant"])  # last month's: not this month's count
        old = dict(area="food_hygiene", place="冷库", description="温度偏高", severity="general", department=rooms)
        hazards.report_hazard({**old, "found_at": local - dt.timedelta(days=5)}, people["attendant"])
        hazards.report_hazard({**old, "place": "员工食堂"}, people["attendant"])
        hazards.report_hazard({**old, "area": "electricity", "place": "大堂"}, people["attendant"])
    figures = dashboard_figures(local.date())
    assert [(b.label, b.count, b.drill.desk, b.drill.choice) for b in figures.incidents] == [
        ("Theft (盗窃)", 2, "incidents", "kind:theft"), ("Fire (火灾)", 1, "incidents", "kind:fire")]
    assert figures.incidents[0].drill.date_from == local.date().replace(day=1)
    assert [(b.label, b.count, b.extra, b.drill.choice) for b in figures.hazards] == [
        ("Public food hygiene (公共食品卫生)", 2, 5, "area:food_hygiene"), ("Electricity (电)", 1, 0, "area:electricity")]
