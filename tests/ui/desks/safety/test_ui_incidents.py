"""An incident as its people handle it: the attendant reports a theft from a guest's room (a handling
time after now refused beside its field), the office receives it and passes it on, HR sends it to
the rooms division, whose head reports the investigation, the office answers the guest and closes
it; the guest's profile says an incident involved them; each step's button says why when refused."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.safety.models import IncidentReport

from ui.desks.customers.detail import CustomerDetail
from ui.desks.safety.incident_form import IncidentForm
from ui.desks.safety.tab import INCIDENTS, SafetyTab

from qt_fixtures import press, shown, type_text  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(db):
    def dept(name):
        return Department.get(Department.name == name).id
    with access.acting_as_the_program():
        found = {"attendant": staff.save_staff("郑秀英", dept("Rooms division")),
                 "head": staff.save_staff("何丽", dept("Rooms division"), roles=["head"]),
                 "office": staff.save_staff("唐雅琴", dept("General manager's office"), roles=["gm_office"]),
                 "hr": staff.save_staff("林秀华", dept("Human resources"), roles=["hr"])}
        found["guest"] = customers.create_customer({"name": "陈", "title": "先生"}, found["attendant"])
    return found


def _open(qtbot, person, incident_id) -> IncidentForm:
    return shown(qtbot, IncidentForm(person, IncidentReport.get_by_id(incident_id)), 1240, 700)


def test_an_incident_from_its_report_to_its_closing_each_as_themself(qtbot, people, as_people):
    as_people(people["attendant"])
    tab = shown(qtbot, SafetyTab(people["attendant"]))
    tab.pages.setCurrentIndex(INCIDENTS)
    press(qtbot, tab.incidents.view, Qt.Key.Key_N, CTRL)
    form = [f for f in tab.findChildren(IncidentForm) if f.isVisible()][-1]
    form.kind.set_value("theft")
    type_text(qtbot, form.place, "1208房")
    form.customer.set_customer(people["guest"].id)
    type_text(qtbot, form.immediate_action, "保安封锁楼层，调取监控，报警")
    now = clock.to_local(clock.now_utc()).replace(second=0, microsecond=0)
    form.happened_at.setDateTime(QDateTime(now - dt.timedelta(hours=1)))
    form.handled_at.setDateTime(QDateTime(now + dt.timedelta(hours=1)))
    press(qtbot, form.place, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "after now" in form.error_text("handled_at")
    assert IncidentReport.select().count() == 0
    form.handled_at.setDateTime(QDateTime(now - dt.timedelta(minutes=30)))
    press(qtbot, form.place, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), form.general_error.text()
    report = IncidentReport.get()
    assert report.number.startswith("事件-") and report.customer_id == people["guest"].id
    qtbot.waitUntil(lambda: tab.incidents.model.total() == 1)

    mine = _open(qtbot, people["attendant"], report.id)
    assert not mine.pass_btn.isEnabled() and "received by the general manager's office" in mine.pass_btn.toolTip()
    mine.reject()

    as_people(people["office"])
    office = _open(qtbot, people["office"], report.id)
    type_text(qtbot, office.note, "涉及客人财物，转报主管领导和人力资源中心")
    qtbot.mouseClick(office.pass_btn, Qt.MouseButton.LeftButton)
    assert IncidentReport.get_by_id(report.id).state == "received"
    office.reject()

    as_people(people["hr"])
    hr = _open(qtbot, people["hr"], report.id)
    qtbot.mouseClick(hr.send_btn, Qt.MouseButton.LeftButton)
    assert "Choose the department" in hr.error_text("send_to")
    hr.send_to.set_value(people["head"].department_id)
    type_text(qtbot, hr.note, "查明门锁及钥匙管理情况")
    qtbot.mouseClick(hr.send_btn, Qt.MouseButton.LeftButton)
    assert IncidentReport.get_by_id(report.id).state == "investigating" and hr.inquiries.rowCount() == 1
    hr.reject()

    as_people(people["head"])
    head = _open(qtbot, people["head"], report.id)
    head.pages.setCurrentIndex(1)
    head.inquiries.selectRow(0)
    assert head.answer_btn.isEnabled(), head.answer_btn.toolTip()
    type_text(qtbot, head.answer, "门锁电池耗尽未及时更换")
    qtbot.mouseClick(head.answer_btn, Qt.MouseButton.LeftButton)
    assert head.inquiries.item(0, 3).text() != "Waiting"
    assert not head.close_btn.isEnabled()
    head.reject()

    as_people(people["office"])
    office = _open(qtbot, people["office"], report.id)
    office.pages.setCurrentIndex(2)
    for box, text in ((office.cause, "门锁电池耗尽"), (office.measures, "门锁每月检查电池"),
                      (office.measures_check, "抽查20间合格")):
        type_text(qtbot, box, text)
    qtbot.mouseClick(office.close_btn, Qt.MouseButton.LeftButton)
    assert "customer was answered" in office.error_text("customer_answer")
    type_text(qtbot, office.customer_answer, "已向陈先生致歉并赔偿")
    qtbot.mouseClick(office.close_btn, Qt.MouseButton.LeftButton)
    assert IncidentReport.get_by_id(report.id).state == "closed"
    assert "Closed (cause and measures recorded)" in office.state_label.text()
    assert office.sheets.button.isEnabled()  # "Raise anomaly sheet…": food safety, a product's failure
    office.reject()

    detail = shown(qtbot, CustomerDetail(people["office"]), 700, 600)
    detail.show_profile(customers.customer_profile(people["guest"].id))
    assert detail.incidents_note.isVisible() and report.number in detail.incidents_note.text()
