"""Two administrators edit the same part of the set-up at two PCs: the one who saves second is told
"Changed by someone else" (the form's general line and a box, as for a record), nothing of theirs is
written, and what they typed stays in the form to be copied."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Qt
from PySide6.QtWidgets import QMessageBox

from feedback_desk.base import responsible, settings as settings_mod
from feedback_desk.base.models import Department
from feedback_desk.loop import work_calendar as workcalendar
from feedback_desk.loop.models import Holiday
from ui.desks.housekeeping.settings import HousekeepingSettings
from ui.kit.staff_dialogs import DepartmentForm
from ui.loop.deadline_settings import CalendarPage

from qt_fixtures import press, settings, type_text, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _boxes(monkeypatch) -> list:
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(
        (title, text)) or QMessageBox.StandardButton.Ok)
    return shown


def test_a_department_saved_at_another_pc_meanwhile_refuses_this_save_and_keeps_what_was_typed(
        qtbot, window, other, monkeypatch):
    boxes = _boxes(monkeypatch)
    dining = Department.get(Department.name == "Dining").id
    mine = DepartmentForm(window, dining)
    qtbot.addWidget(mine)
    mine.show()
    theirs = DepartmentForm(window, dining)  # the other administrator opened it at the same moment
    qtbot.addWidget(theirs)
    theirs.name.setText("餐饮部")
    assert theirs.try_save()

    mine.name.selectAll()
    type_text(qtbot, mine.name, "中餐厅")
    mine.owner.set_value(other.id)
    press(qtbot, mine.name, Qt.Key.Key_S, CTRL)

    assert mine.isVisible()  # refused: the form stays open
    message = mine.general_error.text()
    assert not mine.general_error.isHidden() and "changed by someone else" in message
    assert boxes == [("Changed by someone else", message)]
    assert (mine.name.text(), mine.owner.value()) == ("中餐厅", other.id)  # what was typed is kept
    assert Department.get_by_id(dining).name == "餐饮部"  # theirs stands, nothing of mine
    assert responsible.complaints_owner_of(dining) is None


def test_a_morning_meeting_saved_at_another_pc_meanwhile_refuses_this_save_and_keeps_the_time(qtbot, db):
    mine, theirs = HousekeepingSettings(), HousekeepingSettings()  # both open the settings
    qtbot.addWidget(mine)
    qtbot.addWidget(theirs)
    theirs.meeting.setTime(QTime(8, 30))
    theirs.save_meeting()

    mine.meeting.setTime(QTime(7, 30))
    mine.save_meeting()

    assert not mine.message.isHidden() and "changed by someone else" in mine.message.text()
    assert mine.meeting.time() == QTime(7, 30)  # what was typed is kept
    assert settings_mod.morning_meeting() == dt.time(8, 30)
    theirs.meeting.setTime(QTime(9, 0))  # the page that saved read its own save back: it saves again
    theirs.save_meeting()
    assert settings_mod.morning_meeting() == dt.time(9, 0) and theirs.message.isHidden()


def test_a_day_removed_at_another_pc_meanwhile_refuses_this_change_and_keeps_what_was_typed(qtbot, db, fixed_clock):
    workcalendar.ensure_holidays()
    day = dt.date(2026, 10, 10)  # 国庆节调休, on both pages
    mine, theirs = CalendarPage(), CalendarPage()
    qtbot.addWidget(mine)
    qtbot.addWidget(theirs)
    theirs.table.selectRow(next(row for row, h in enumerate(theirs.days) if h.date == day))
    assert theirs.remove_current()

    mine.day.set_value(day)
    mine.kind.set_value("holiday")
    type_text(qtbot, mine.name, "国庆节")
    assert not mine.add_day()
    assert not mine.error.isHidden() and "changed by someone else" in mine.error.text()
    assert (mine.day.value(), mine.kind.value(), mine.name.text()) == (day, "holiday", "国庆节")
    assert Holiday.get_or_none(Holiday.date == day) is None  # theirs stands
    mine.table.selectRow(next(row for row, h in enumerate(mine.days) if h.date == day))
    assert not mine.remove_current()  # nor can it be removed again from what this page showed
