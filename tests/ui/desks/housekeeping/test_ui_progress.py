"""Reporting progress on a maintenance follow-up (no deadline of its own) from the maintenance page."""
from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtWidgets import QInputDialog

from feedback_desk.base import clock, records
from feedback_desk.loop import clocks as deadlines
from feedback_desk.desks.housekeeping import rooms
from feedback_desk.loop.models import ItemClock
from feedback_desk.base.models import Change
from feedback_desk.desks.housekeeping.models import MaintenanceItem
from ui.desks.housekeeping.tab import ServiceLogTab

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def utc(y, m, d, hh=0, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH).astimezone(dt.timezone.utc).replace(tzinfo=None)


def test_the_maintenance_page_reports_progress_and_shows_the_next_due_time(qtbot, shanghai, db, clerk, other,
                                                                            monkeypatch):
    rooms.add_floor(3, 301, 310)
    clock.set_now(utc(2026, 11, 13, 10))  # Friday
    item = records.create_record(MaintenanceItem, {"room": rooms.rooms(3)[2], "description": "空调滴水",
                                                   "owner": other, "state": "assigned"}, clerk)
    tab = ServiceLogTab(other)
    qtbot.addWidget(tab)
    tab.pages.setCurrentIndex(1)
    tab.maintenance.refresh(item.id)
    assert not tab.report_btn.isEnabled()  # no clock until the minute check has seen it
    due = tab.maintenance.model.listing.columns.index(next(c for c in tab.maintenance.model.listing.columns if c.key == "due"))
    model = tab.maintenance.model
    assert model.data(model.index(0, due)).endswith("left · Nov 13, end of day")

    deadlines.run_checks(utc(2026, 11, 13, 10, 1))
    tab.maintenance.refresh(item.id)
    assert tab.report_btn.isEnabled()
    clock.set_now(utc(2026, 11, 13, 17))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("等配件，周一换", True))
    tab.report_btn.click()
    row = ItemClock.get((ItemClock.desk == "maintenance") & (ItemClock.item_id == item.id))
    assert row.due_at == utc(2026, 11, 17)  # the next working day: Monday 16th, end of day
    assert Change.get(Change.field == "progress").new == "等配件，周一换"
    assert model.data(model.index(0, due)).endswith("left · Nov 16, end of day")

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("", False))  # Cancel: nothing saved
    assert not tab.report_current()
    assert Change.select().where(Change.field == "progress").count() == 1
