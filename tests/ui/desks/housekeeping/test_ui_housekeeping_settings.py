"""The housekeeping settings: rooms added by floor, consumables, the morning meeting time."""
from __future__ import annotations

from feedback_desk.desks.housekeeping import rooms
from feedback_desk.base import settings
from ui.desks.housekeeping.settings import HousekeepingSettings


def test_manager_adds_a_floor_of_rooms_and_a_consumable(qtbot, db):
    rooms.ensure_consumables()
    dialog = HousekeepingSettings()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.floor.setValue(12)
    dialog.first.setValue(1201)
    dialog.last.setValue(1205)
    dialog.room_type.setText("标准间")
    dialog.add_rooms()
    assert [r.number for r in rooms.rooms(12)] == ["1201", "1202", "1203", "1204", "1205"]
    assert dialog.room_table.rowCount() == 5 and dialog.room_table.item(0, 2).text() == "标准间"

    dialog.first.setValue(1210)
    dialog.last.setValue(1209)
    dialog.add_rooms()
    assert dialog.message.isVisible() and "at most 200 rooms" in dialog.message.text()

    before = dialog.consumable_table.rowCount()
    dialog.consumable_name.setText("拖鞋（儿童）")
    dialog.consumable_unit.setText("双")
    dialog.add_consumable()
    assert dialog.consumable_table.rowCount() == before + 1
    assert "拖鞋（儿童）" in [c.name for c in rooms.consumables()]

    dialog.room_table.selectRow(0)
    dialog.remove_room()
    assert [r.number for r in rooms.rooms(12)] == ["1202", "1203", "1204", "1205"]


def test_morning_meeting_time_is_saved(qtbot, db):
    from PySide6.QtCore import QTime

    dialog = HousekeepingSettings()
    qtbot.addWidget(dialog)
    assert dialog.meeting.time() == QTime(8, 0)
    dialog.meeting.setTime(QTime(7, 30))
    dialog.save_meeting()
    assert settings.morning_meeting().strftime("%H:%M") == "07:30"
