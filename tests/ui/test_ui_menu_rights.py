"""The window's menus follow the person signed in and the record selected: what the core would
refuse (voiding a complaint, an emergency mark, a ledger the person may not read) is disabled,
with the reason as its tip; what they may do stays enabled and works."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QThreadPool

from feedback_desk.base import access, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.loop import clocks
from ui.main_window import MainWindow

from qt_fixtures import settings, window_of  # noqa: F401


def _hotel():
    with access.acting_as_the_program():
        front = Department.get(Department.name == "Front office").id
        attendant = staff.save_staff("钱服务员", front)
        gm = staff.save_staff("韩总", None, roles=["gm"])
        head = staff.save_staff("孙经理", front, roles=["head"])
        fb = feedback.create_feedback({"channel": "phone", "kind": "complaint", "date": dt.date(2026, 11, 10),
                                       "text": "空调太吵", "department": front, "handler": head.id}, attendant)
        rooms.ensure_consumables()
    return attendant, gm, head, fb


def _window(qtbot, person, settings, tmp_path, as_people) -> MainWindow:
    as_people(person)
    win = window_of(qtbot, person, settings, tmp_path, "feedback")
    win.desks["feedback"].table.view.selectRow(0)
    return win


def test_an_attendant_finds_void_and_the_emergency_mark_disabled_with_why_the_gm_does_not(
        qtbot, db, fixed_clock, settings, tmp_path, as_people):
    attendant, gm, _head, fb = _hotel()
    win = _window(qtbot, attendant, settings, tmp_path, as_people)
    assert win.desks["feedback"].current_id() == fb.id
    assert not win.act_void.isEnabled() and "general manager" in win.act_void.statusTip()
    assert win.act_safety.isEnabled()  # anyone marks a safety hazard
    assert not win.act_emergency.isEnabled() and "owner or a manager" in win.act_emergency.toolTip()
    assert not win.act_unmark.isEnabled()  # nothing to take off
    for action in (win.act_export_month, win.act_export_ledger):
        assert not action.isEnabled() and "read no ledger" in action.statusTip()
    assert "Safety hazard" in win.mark_current("safety")
    assert not win.act_unmark.isEnabled() and "head of the department" in win.act_unmark.toolTip()
    win.close()

    boss = _window(qtbot, gm, settings, tmp_path, as_people)
    assert boss.act_void.isEnabled() and boss.act_emergency.isEnabled() and boss.act_unmark.isEnabled()
    assert boss.act_export_month.isEnabled() and boss.act_export_ledger.isEnabled()
    assert "Mark taken off" in boss.mark_current("")
    assert clocks.clock_of(feedback.read_feedback(fb.id)).flag == ""
    assert not boss.act_unmark.isEnabled()
    boss.desks["feedback"].table.view.clearSelection()
    boss.desks["feedback"].table.view.setCurrentIndex(boss.desks["feedback"].table.model.index(-1, -1))
    assert not boss.act_void.isEnabled() and not boss.act_safety.isEnabled()  # nothing selected
    boss.close()
    QThreadPool.globalInstance().waitForDone(10000)


def test_the_head_reads_the_ledgers_of_their_department(qtbot, db, fixed_clock, settings, tmp_path, as_people):
    _attendant, _gm, head, _fb = _hotel()
    win = _window(qtbot, head, settings, tmp_path, as_people)
    assert win.act_export_month.isEnabled() and win.act_export_ledger.isEnabled()
    assert win.act_void.isEnabled()  # the head of the department concerned voids the complaint
    win.close()
    QThreadPool.globalInstance().waitForDone(10000)
