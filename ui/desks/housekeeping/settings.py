"""Settings of the housekeeping desk: the room list, the consumables list, the morning meeting."""
from __future__ import annotations

from PySide6.QtCore import QTime, Qt
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QTimeEdit, QVBoxLayout)

from feedback_desk.desks.housekeeping import rooms
from feedback_desk.base import settings
from feedback_desk.base.i18n import _

from ui.kit import operation
from ui.kit.field_messages import FieldMessages
from ui.kit.forms import ERROR_STYLE
from ui.kit.screen_fit import FittingDialog
from ui.kit.tables import read_only_table


class HousekeepingSettings(FittingDialog):
    """Rooms by floor (bulk add 1201–1230), consumables, and the time sheets are due at the front desk."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Rooms and consumables"))
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.messages = FieldMessages(self.message)  # a refusal's message under its field

        self.room_table = self._table([_("Room"), _("Floor"), _("Room type")])
        self.floor = QSpinBox()
        self.floor.setRange(-5, 200)
        self.floor.setAccessibleName(_("Floor"))
        self.first = QSpinBox()
        self.first.setRange(1, 99999)
        self.first.setAccessibleName(_("First room"))
        self.last = QSpinBox()
        self.last.setRange(1, 99999)
        self.last.setAccessibleName(_("Last room"))
        self.room_type = QLineEdit()
        self.room_type.setAccessibleName(_("Room type"))
        self.room_type.setPlaceholderText(_("e.g. 标准间"))
        add_rooms = QPushButton(_("Add rooms"))
        add_rooms.clicked.connect(self.add_rooms)
        remove_room = QPushButton(_("Take selected room off the list"))
        remove_room.clicked.connect(self.remove_room)
        room_form = QFormLayout()
        room_form.addRow(_("Floor"), self.floor)
        range_row = QHBoxLayout()
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel("–"))
        range_row.addWidget(self.last)
        room_form.addRow(_("Rooms"), range_row)
        room_form.addRow(_("Room type"), self.messages.beside("room_type", self.room_type))
        room_box = QGroupBox(_("Rooms"))
        rb = QVBoxLayout(room_box)
        rb.addWidget(self.room_table)
        rb.addLayout(room_form)
        buttons = QHBoxLayout()
        buttons.addWidget(add_rooms)
        buttons.addWidget(remove_room)
        rb.addLayout(buttons)

        self.consumable_table = self._table([_("Consumable"), _("Unit")])
        self.consumable_name = QLineEdit()
        self.consumable_name.setAccessibleName(_("Consumable"))
        self.consumable_unit = QLineEdit()
        self.consumable_unit.setAccessibleName(_("Unit"))
        add_consumable = QPushButton(_("Add consumable"))
        add_consumable.clicked.connect(self.add_consumable)
        remove_consumable = QPushButton(_("Take selected consumable off the list"))
        remove_consumable.clicked.connect(self.remove_consumable)
        cons_box = QGroupBox(_("Low-value consumables"))
        cb = QVBoxLayout(cons_box)
        cb.addWidget(self.consumable_table)
        cons_form = QFormLayout()
        cons_form.addRow(_("Consumable"), self.messages.beside("name", self.consumable_name))
        cons_form.addRow(_("Unit"), self.messages.beside("unit", self.consumable_unit))
        cb.addLayout(cons_form)
        row = QHBoxLayout()
        row.addWidget(add_consumable)
        row.addWidget(remove_consumable)
        cb.addLayout(row)

        self.meeting = QTimeEdit()
        self.meeting.setDisplayFormat("HH:mm")
        self.meeting.setAccessibleName(_("Morning meeting"))
        self.show_meeting()
        save_meeting = QPushButton(_("Save time"))
        save_meeting.clicked.connect(self.save_meeting)
        meet_box = QGroupBox(_("Service sheets are due at the front desk before the morning meeting at"))
        mb = QHBoxLayout(meet_box)
        mb.addWidget(self.meeting)
        mb.addWidget(save_meeting)
        mb.addStretch(1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(room_box, 3)
        columns.addWidget(cons_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(columns)
        layout.addWidget(meet_box)
        layout.addWidget(close)
        self.resize(900, 560)
        self.fill()

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = read_only_table(headers, single=False, alternating=False, wrap=True)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def fill(self) -> None:
        self.room_table.setRowCount(0)
        for room in rooms.rooms():
            self._append(self.room_table, room.id, [room.number, str(room.floor), room.room_type])
        self.consumable_table.setRowCount(0)
        for item in rooms.consumables():
            self._append(self.consumable_table, item.id, [item.name, item.unit])

    @staticmethod
    def _append(table: QTableWidget, record_id: int, values: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            table.setItem(row, col, item)

    def _run(self, action) -> bool:
        if not operation.run(self, action, form=self.messages, on_error=self.messages.show_general).ok:
            return False
        self.messages.clear()
        self.fill()
        return True

    def add_rooms(self) -> None:
        self._run(lambda: rooms.add_floor(self.floor.value(), self.first.value(), self.last.value(),
                                          self.room_type.text()))

    def _selected_id(self, table: QTableWidget) -> int | None:
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def remove_room(self) -> None:
        rid = self._selected_id(self.room_table)
        if rid is not None:
            room = rooms.Room.get_by_id(rid)
            self._run(lambda: rooms.save_room(room.number, room.floor, room.room_type, rid, active=False))

    def add_consumable(self) -> None:
        if self._run(lambda: rooms.save_consumable(self.consumable_name.text(), self.consumable_unit.text())):
            self.consumable_name.clear()
            self.consumable_unit.clear()

    def remove_consumable(self) -> None:
        cid = self._selected_id(self.consumable_table)
        if cid is not None:
            item = rooms.Consumable.get_by_id(cid)
            self._run(lambda: rooms.save_consumable(item.name, item.unit, cid, active=False))

    def show_meeting(self) -> None:
        """The time as saved, and its version: a save passes it back, so a time someone else saved
        meanwhile is not overwritten (the save is refused and the time typed stays)."""
        value, self.meeting_version = settings.read("service_log.morning_meeting")
        hours, minutes = value.split(":")
        self.meeting.setTime(QTime(int(hours), int(minutes)))

    def save_meeting(self) -> None:
        t = self.meeting.time()
        if self._run(lambda: settings.set_morning_meeting(f"{t.hour():02d}:{t.minute():02d}",
                                                          expected_version=self.meeting_version)):
            self.show_meeting()
