"""Marking a record a safety hazard or an emergency from the main window (Edit menu, right click)."""
from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import Qt

from feedback_desk.base import clock
from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.models import Change
from feedback_desk.desks.feedback.models import Feedback

from qt_fixtures import settings, window  # noqa: F401

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def utc(y, m, d, hh=0, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH).astimezone(dt.timezone.utc).replace(tzinfo=None)


def _entry(by, kind="complaint", **more):
    values = {"channel": "phone", "kind": kind, "customer_name": "张先生", "text": "菜里有异物，客人担心食品安全",
              "date": clock.today_local(), **more}
    if kind == "complaint":
        values["state"] = "registered"
    return feedback.create_feedback(values, by)


def _select(window, fb_id):
    window.tabs.setCurrentWidget(window.desks["feedback"])
    window.desks["feedback"].table.refresh(fb_id)
    assert window.desks["feedback"].table.current_id() == fb_id


def test_a_complaint_marked_a_safety_hazard_is_due_in_2_hours(qtbot, shanghai, window, clerk):
    clock.set_now(utc(2026, 11, 13, 10))
    fb = _entry(clerk)
    _select(window, fb.id)
    said = window.mark_current("safety")
    assert said.startswith("Safety hazard: ") and "is to be reported by" in said
    assert window.statusBar().currentMessage() == said
    row = ItemClock.get((ItemClock.desk == "complaint") & (ItemClock.item_id == fb.id))
    assert (row.flag, row.due_at) == ("safety", utc(2026, 11, 13, 12))
    assert Change.get((Change.table == "feedback") & (Change.field == "deadline_flag")).new == "safety"
    model = window.desks["feedback"].table.model
    due = [c.key for c in model.listing.columns].index("due")
    assert model.index(0, due).data().startswith("Safety hazard · 2 h 0 min left")
    assert model.index(0, due).data(Qt.ItemDataRole.ToolTipRole).startswith("Safety hazard (food safety included)")

    said = window.mark_current("")  # taken off: back to the 24 hours
    assert said.startswith("Mark taken off")
    assert ItemClock.get_by_id(row.id).due_at == utc(2026, 11, 14, 10)


def test_an_emergency_is_due_an_hour_after_it_was_handled(qtbot, shanghai, window, clerk):
    clock.set_now(utc(2026, 11, 13, 10))
    fb = _entry(clerk)
    _select(window, fb.id)
    window.mark_current("emergency", handled_at=utc(2026, 11, 13, 9, 30))
    row = ItemClock.get((ItemClock.desk == "complaint") & (ItemClock.item_id == fb.id))
    assert (row.flag, row.handled_at, row.due_at) == ("emergency", utc(2026, 11, 13, 9, 30),
                                                      utc(2026, 11, 13, 10, 30))


def test_praise_and_answered_complaints_cannot_be_marked(qtbot, shanghai, window, clerk):
    clock.set_now(utc(2026, 11, 13, 10))
    praise = _entry(clerk, kind="praise")
    _select(window, praise.id)
    assert window.mark_current("safety").startswith("Only an item still waiting for its answer")
    assert not ItemClock.select().where(ItemClock.flag != "").exists()
    actions = window.desks["feedback"].table.view.actions()
    assert window.act_safety in actions and window.act_emergency in actions
    assert window.act_safety not in window.desks["customers"].table.view.actions()
    assert Feedback.get_by_id(praise.id).kind == "praise"


def test_the_emergency_dialog_asks_when_it_was_handled(qtbot, shanghai, window, clerk):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDateTimeEdit, QDialog

    clock.set_now(utc(2026, 11, 13, 10))
    fb = _entry(clerk)
    _select(window, fb.id)

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        edit = dialog.findChild(QDateTimeEdit)
        assert edit.dateTime().toPython() == dt.datetime(2026, 11, 13, 10, 0)  # now, local, by default
        edit.setDateTime(edit.dateTime().addSecs(-45 * 60))
        dialog.accept()

    QTimer.singleShot(100, answer)
    said = window.mark_current("emergency")
    assert said.startswith("Emergency: ")
    row = ItemClock.get((ItemClock.desk == "complaint") & (ItemClock.item_id == fb.id))
    assert (row.handled_at, row.due_at) == (utc(2026, 11, 13, 9, 15), utc(2026, 11, 13, 10, 15))
