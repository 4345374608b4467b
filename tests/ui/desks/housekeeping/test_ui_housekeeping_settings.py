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


def test_a_room_type_or_consumable_too_long_is_refused_beside_its_field(qtbot, db):
    from PySide6.QtWidgets import QLabel

    rooms.ensure_consumables()
    dialog = HousekeepingSettings()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.floor.setValue(12)
    dialog.first.setValue(1201)
    dialog.last.setValue(1202)
    dialog.room_type.setText("Deluxe twin room with a view of the lake, third row")  # 51
    dialog.add_rooms()
    assert dialog.messages.error_text("room_type") == "At most 50 characters."
    assert dialog.findChild(QLabel, "error_room_type").isVisible() and not dialog.message.isVisible()
    assert rooms.rooms(12) == [] and dialog.room_table.rowCount() == 0
    dialog.room_type.setText("Deluxe twin room with a view of the lake, third ro")
    assert dialog.messages.error_text("room_type") == ""  # gone once the text is changed
    dialog.add_rooms()
    assert [r.room_type for r in rooms.rooms(12)] == ["Deluxe twin room with a view of the lake, third ro"] * 2

    before = dialog.consumable_table.rowCount()
    dialog.consumable_name.setText("拖鞋" * 26)
    dialog.consumable_unit.setText("pair of two")
    dialog.add_consumable()
    assert dialog.messages.error_text("name") == "At most 50 characters."
    assert dialog.messages.error_text("unit") == "At most 10 characters."
    assert dialog.messages.error_text("room_type") == "" and not dialog.message.isVisible()
    assert dialog.consumable_table.rowCount() == before and dialog.consumable_name.text() == "拖鞋" * 26
    dialog.first.setValue(1210)
    dialog.last.setValue(1209)
    dialog.add_rooms()  # a refusal of no field here: on the dialog's own line, the others gone
    assert dialog.message.isVisible() and "at most 200 rooms" in dialog.message.text()
    assert dialog.messages.error_text("name") == dialog.messages.error_text("unit") == ""
