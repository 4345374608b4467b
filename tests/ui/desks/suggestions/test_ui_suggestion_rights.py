"""The suggestion box as a reviewer sees it: their own entry cannot be voided or rewarded by
them (the buttons and the Edit menu say why), a colleague's can."""
from __future__ import annotations

from PySide6.QtCore import QThreadPool

from feedback_desk.base import access, staff
from feedback_desk.base.models import Department
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.desks.suggestions import box

from qt_fixtures import settings, window_of  # noqa: F401


def test_a_reviewer_may_not_void_or_reward_their_own_suggestion_but_may_a_colleagues(
        qtbot, db, fixed_clock, settings, tmp_path, as_people):
    with access.acting_as_the_program():
        hr_dept = Department.get(Department.name == "Human resources").id
        hr = staff.save_staff("林秀华", hr_dept, roles=["hr"])
        colleague = staff.save_staff("孙丽娟", hr_dept)
        box.ensure_categories()
        category = box.categories()[0].id
        mine = box.drop_suggestion({"category": category, "text": "更衣柜不够", "writer": hr.id}, hr)
        theirs = box.drop_suggestion({"category": category, "text": "热水不稳", "writer": colleague.id}, colleague)
        rooms.ensure_consumables()
    as_people(hr)
    win = window_of(qtbot, hr, settings, tmp_path, "suggestions")
    tab = win.desks["suggestions"]
    tab.table.refresh(mine.id)
    assert tab.current_id() == mine.id
    assert not tab.void_btn.isEnabled() and "their own suggestion" in tab.void_btn.toolTip()
    assert not win.act_void.isEnabled() and "their own suggestion" in win.act_void.statusTip()
    assert not tab.points_btn.isEnabled() and "themself" in tab.points_btn.toolTip()
    tab.table.refresh(theirs.id)
    assert tab.current_id() == theirs.id
    assert tab.void_btn.isEnabled() and tab.points_btn.isEnabled() and win.act_void.isEnabled()
    win.close()
    QThreadPool.globalInstance().waitForDone(10000)
