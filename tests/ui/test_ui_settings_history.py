"""Settings → History of settings and staff: the administrator reads who changed a setting, a
person's department and roles, a deadline rule and a day of the calendar, newest first, by kind;
Ctrl+F finds in the rows, Esc closes; someone without the role finds the item disabled, with why."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from feedback_desk.base import access, clock, roles, settings as business_settings, settings_history, staff
from feedback_desk.base.models import Department
from feedback_desk.loop import rules, work_calendar
from ui.settings_history import SettingsHistoryDialog

from qt_fixtures import press, settings, type_text, window  # noqa: F401


@pytest.fixture
def people(db):
    """王芳 of the front office, an administrator, and 李娜 of dining (made by the program)."""
    front, dining = (Department.get(Department.name == n).id for n in ("Front office", "Dining"))
    with access.acting_as_the_program():
        return staff.save_staff("王芳", front, roles=[roles.ADMIN]), staff.save_staff("李娜", dining)


def _open(qtbot) -> SettingsHistoryDialog:
    dialog = SettingsHistoryDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_administrator_reads_who_changed_what_newest_first(qtbot, shanghai, fixed_clock, people, as_people):
    admin, other = people
    as_people(admin)
    business_settings.set_morning_meeting("08:30")
    clock.set_now(fixed_clock + dt.timedelta(hours=1))
    dining, front = (Department.get(Department.name == n).id for n in ("Dining", "Front office"))
    staff.save_staff("李娜", front, other.id, roles=[roles.Grant(roles.HEAD, front)], by=admin)
    clock.set_now(fixed_clock + dt.timedelta(hours=2))
    rules.save_rule("complaint.answer", {"amount": 12}, admin)
    work_calendar.save_holiday(dt.date(2026, 12, 20), "workday", "调休")

    dialog = _open(qtbot)
    rows = dialog.rows()
    assert [r[1:] for r in rows[:6]] == [
        ("王芳", "Work calendar: 2026-12-20", "Date", "", "2026-12-20"),
        ("王芳", "Work calendar: 2026-12-20", "Kind", "", "Make-up working day (调休)"),
        ("王芳", "Work calendar: 2026-12-20", "Occasion", "", "调休"),
        ("王芳", "Deadline rule: Answer the source of a complaint within 24 hours (24小时回复制)", "Amount", "24", "12"),
        ("王芳", "Staff: 李娜", "Department", "Dining", "Front office"),
        ("王芳", "Staff: 李娜", "Roles", "", "Head of the department (Front office)"),
    ]
    assert ("王芳", "Setting: Morning meeting", "Value", "08:00", "08:30") in [r[1:] for r in rows]
    assert "2:00" in rows[0][0]  # local time: noon in Shanghai, two hours on
    assert dialog.table.horizontalHeaderItem(2).text() == "What" and dialog.table.columnCount() == 6
    assert not dialog.table.editTriggers()  # read only

    dialog.kind.set_value(settings_history.SETTINGS)
    assert [r[1:] for r in dialog.rows()] == [("王芳", "Setting: Morning meeting", "Value", "08:00", "08:30")]
    assert "1 changes, newest first." in dialog.note.text()
    dialog.kind.set_value(None)
    dialog.since.set_value(dt.date(2027, 1, 1))
    assert dialog.rows() == []
    dialog.since.set_value(None)

    press(qtbot, dialog.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.find.hasFocus()
    type_text(qtbot, dialog.find, "李娜")
    assert {r[2] for r in dialog.rows()} == {"Staff: 李娜"}
    press(qtbot, dialog.find, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_menu_opens_it_and_someone_without_the_role_finds_it_disabled_with_why(qtbot, window, db, other,
                                                                                    settings, tmp_path, as_people):
    from ui.main_window import MainWindow
    from ui.session import Session

    assert window.act_settings_history in window.menuBar().actions()[3].menu().actions()  # Settings
    with access.acting_as_the_program():
        staff.save_staff(window.session.staff.name, None, window.session.staff.id, roles=[roles.GM])
    as_people(staff.get_staff(window.session.staff.id))
    again = MainWindow(Session(staff.get_staff(window.session.staff.id), str(tmp_path / "t.db"), settings))
    qtbot.addWidget(again)
    assert again.act_settings_history.isEnabled()
    dialog = again.settings_history()
    qtbot.waitUntil(dialog.isVisible)
    assert any(r[2] == "Staff: 王芳" for r in dialog.rows())
    dialog.close()
    again.close()

    as_people(other)  # the next person signs in; their window asks their roles
    denied = MainWindow(Session(other, str(tmp_path / "t.db"), settings))
    qtbot.addWidget(denied)
    assert not denied.act_settings_history.isEnabled()
    assert "general manager" in denied.act_settings_history.statusTip()
    denied.close()
    QApplication.processEvents()
