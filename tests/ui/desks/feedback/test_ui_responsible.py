"""责任到人 on screen: the complaint form shows who will handle it before saving; the staff dialog
makes someone a department's head and names a department's complaints owner."""
from __future__ import annotations

from PySide6.QtCore import Qt

from feedback_desk.base import responsible, roles, staff
from feedback_desk.base.models import Department, Staff
from feedback_desk.desks.feedback.models import Feedback
from ui.kit.staff_dialogs import DepartmentForm, StaffForm

from qt_fixtures import press, settings, type_text, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _dept(name: str) -> int:
    return Department.get(Department.name == name).id


def test_a_new_complaint_shows_its_handler_before_saving_and_the_user_may_change_it(qtbot, window, other):
    head = staff.save_staff("赵经理", _dept("Dining"), roles=["head"])
    window.tabs.setCurrentWidget(window.desks["feedback"])
    form = window.desks["feedback"].new_record()
    form.channel.set_value("phone")
    form.kind.set_value("complaint")
    form.department.set_value(_dept("Dining"))
    assert form.handler.currentText().startswith("赵经理")
    form.complained_about.set_value(head.id)  # the head is complained about: he steps aside
    assert form.handler.value() == window.session.staff.id  # nobody else heads dining or the front office
    form.handler.set_value(other.id)  # the user chooses
    form.department.set_value(_dept("Kitchen"))
    assert form.handler.value() == other.id  # a later change leaves the user's choice alone
    type_text(qtbot, form.text, "服务员态度差")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert Feedback.get().handler_id == other.id


def _tick(qtbot, roles_list, key: str) -> None:
    """Tick a role as the user does: move to it in the list and press Space."""
    row = next(i for i in range(roles_list.count()) if roles_list.item(i).data(Qt.ItemDataRole.UserRole) == key)
    roles_list.setFocus()
    roles_list.setCurrentRow(row)
    press(qtbot, roles_list, Qt.Key.Key_Space)
    assert roles_list.item(row).checkState() == Qt.CheckState.Checked


def test_the_staff_form_makes_a_person_head_of_their_department(qtbot, window):
    form = StaffForm(None, window)
    qtbot.addWidget(form)
    form.show()
    type_text(qtbot, form.name, "钱经理")
    form.department.set_value(_dept("Front office"))
    _tick(qtbot, form.roles, "head")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    saved = Staff.get(Staff.name == "钱经理")
    assert roles.roles_of(saved.id) == {"staff", "head"}
    assert responsible.head_of(_dept("Front office")) == saved.id


def test_a_head_without_a_department_is_refused_beside_the_field(qtbot, window):
    form = StaffForm(None, window)
    qtbot.addWidget(form)
    form.show()
    type_text(qtbot, form.name, "钱经理")
    _tick(qtbot, form.roles, "head")
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert form.isVisible()
    assert form.error_text("department") == "A head of department needs the department they head."


def test_a_department_gets_its_complaints_owner(qtbot, window, other):
    form = DepartmentForm(window, _dept("Dining"))
    qtbot.addWidget(form)
    form.show()
    assert form.name.text() == "Dining"
    assert form.owner.currentText() == "(the department's head)"
    form.owner.set_value(other.id)
    press(qtbot, form, Qt.Key.Key_S, CTRL)
    assert responsible.complaints_owner_of(_dept("Dining")) == other.id
    again = DepartmentForm(window, _dept("Dining"))
    qtbot.addWidget(again)
    assert again.owner.value() == other.id
