"""The safety desk as its people use it: the inspector reports a hazard from the keyboard with a
photo (a report in the future refused beside its field), the head of the department names who
rectifies it, that owner reports it done, the owner may not check it, the office checks it and the
hazard is closed; each step's button says why when the core would refuse it."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFileDialog

from feedback_desk.base import access, clock, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.safety.files import FILES
from feedback_desk.desks.safety.models import SafetyHazard

from ui.desks.safety.hazard_form import HazardForm
from ui.desks.safety.tab import SafetyTab

from qt_fixtures import press, shown, type_text  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(db):
    kitchen = Department.get(Department.name == "Dining").id
    with access.acting_as_the_program():
        return {"inspector": staff.save_staff("高明", Department.get(Department.name == "Front office").id),
                "chef": staff.save_staff("马建国", kitchen),
                "head": staff.save_staff("吴海燕", kitchen, roles=["head"]),
                "office": staff.save_staff("唐雅琴", Department.get(Department.name == "General manager's office").id,
                                           roles=["gm_office"])}


def _tab(qtbot, person) -> SafetyTab:
    return shown(qtbot, SafetyTab(person))


def _open(qtbot, person, hazard_id) -> HazardForm:
    return shown(qtbot, HazardForm(person, SafetyHazard.get_by_id(hazard_id)), 1000, 600)


def test_a_hazard_from_its_report_to_its_check_each_as_themself(qtbot, people, as_people, tmp_path, monkeypatch):
    as_people(people["inspector"])
    tab = _tab(qtbot, people["inspector"])
    press(qtbot, tab.table.view, Qt.Key.Key_N, CTRL)
    form = [f for f in tab.findChildren(HazardForm) if f.isVisible()][-1]
    assert form.found_by.value() == people["inspector"].id
    form.area.set_value("food_hygiene")
    type_text(qtbot, form.place, "中餐厨房冷库")
    type_text(qtbot, form.description, "冷库温度计读数8℃，生熟食品混放")
    form.department.set_value(people["chef"].department_id)
    photo = tmp_path / "冷库.jpg"
    image = Image.new("RGB", (320, 240), (90, 140, 200))
    out = io.BytesIO()
    image.save(out, "JPEG")
    photo.write_bytes(out.getvalue())
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    press(qtbot, form.place, Qt.Key.Key_O, CTRL)
    assert form.files.names() == ["冷库.jpg"]
    form.found_at.setDateTime(QDateTime(clock.to_local(clock.now_utc()) + dt.timedelta(hours=3)))
    press(qtbot, form.place, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "future" in form.error_text("found_at")
    assert SafetyHazard.select().count() == 0
    form.found_at.setDateTime(QDateTime(clock.to_local(clock.now_utc()) - dt.timedelta(minutes=20)))
    press(qtbot, form.place, Qt.Key.Key_S, CTRL)
    assert not form.isVisible(), form.general_error.text()
    hazard = SafetyHazard.get()
    assert hazard.number.startswith("隐患-") and not hazard.reported_late
    assert [a.filename for a in FILES.files_of(hazard.id)] == ["冷库.jpg"]
    qtbot.waitUntil(lambda: tab.table.model.total() == 1)
    assert hazard.number in tab.table.model.row_values(0)

    mine = _open(qtbot, people["inspector"], hazard.id)
    assert not mine.assign_btn.isEnabled() and "head of the department concerned" in mine.assign_btn.toolTip()
    mine.reject()

    as_people(people["head"])
    head = _open(qtbot, people["head"], hazard.id)
    assert head.assign_btn.isEnabled()
    head.owner.set_value(people["chef"].id)
    head.due_on.set_value(clock.today_local() + dt.timedelta(days=2))
    qtbot.mouseClick(head.assign_btn, Qt.MouseButton.LeftButton)
    assert SafetyHazard.get_by_id(hazard.id).state == "rectifying"
    assert not head.rectified_btn.isEnabled()  # only the owner reports it done
    head.reject()

    as_people(people["chef"])
    chef = _open(qtbot, people["chef"], hazard.id)
    qtbot.mouseClick(chef.rectified_btn, Qt.MouseButton.LeftButton)
    assert "Say what was done" in chef.error_text("rectification")
    type_text(qtbot, chef.rectification, "更换温控器，生熟分区存放")
    qtbot.mouseClick(chef.rectified_btn, Qt.MouseButton.LeftButton)
    assert SafetyHazard.get_by_id(hazard.id).state == "rectified"
    assert not chef.pass_btn.isEnabled() and "Nobody checks their own rectification" in chef.pass_btn.toolTip()
    chef.reject()

    as_people(people["office"])
    office = _open(qtbot, people["office"], hazard.id)
    type_text(qtbot, office.check_result, "复查0-4℃，合格")
    qtbot.mouseClick(office.pass_btn, Qt.MouseButton.LeftButton)
    closed = SafetyHazard.get_by_id(hazard.id)
    assert (closed.state, closed.checked_by_id) == ("closed", people["office"].id)
    assert "Checked and closed" in office.state_label.text() and not office.assign_btn.isEnabled()
    office.reject()
