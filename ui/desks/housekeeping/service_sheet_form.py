"""The service sheet (服务日志) editor: the header, then rooms entered line by line from the keyboard.

A new sheet is created by saving its header (date, floor, attendant); the dialog then shows the
line entry. Enter (or Ctrl+Enter, Ctrl+S) adds the line and puts the cursor back on the room
number; F5 stamps the start of cleaning, F6 its end. A sheet the foreman has verified is shown
read-only; its only change is voiding a line with a reason.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.desks.housekeeping import permissions, rooms, service_log
from feedback_desk.base.formatting import fmt_date, fmt_datetime
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.housekeeping.models import ServiceLine, ServiceSheet
from feedback_desk.base.vocab import ROOM_STATES, label

from ui.kit import operation
from ui.kit.desk_tab import ask_void_reason
from ui.kit.forms import FormDialog
from ui.kit.paged_model import VOID_COLOUR
from ui.kit.permitted import guard
from ui.kit.pickers import people_items
from ui.kit.tables import read_only
from ui.desks.housekeeping.service_entry import RoomStateCombo, SideBySide, normalise_time, time_edit
from ui.kit.widgets import ChoiceCombo, DateEdit
from ui.kit.history import offer_history

BANNER_STYLE = "background: #fff4d6; border: 1px solid #e0b84c; padding: 6px; font-weight: bold;"
VOID_BANNER_STYLE = "background: #eeeeee; border: 1px solid #9e9e9e; padding: 6px; font-weight: bold;"
HINT_STYLE = "color: #555;"


class ServiceSheetForm(FormDialog):
    sheetChanged = Signal(int)  # sheet id: created, a line added, verified…

    def __init__(self, author: Staff, sheet: ServiceSheet | None = None, parent=None):
        super().__init__(_("Service sheet") if sheet else _("New service sheet"), parent)
        self.author = author
        self.sheet: ServiceSheet | None = None
        self.editing: ServiceLine | None = None
        self.consumable_list = rooms.consumables()

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.body.insertWidget(0, self.banner)

        header = QGridLayout()
        header.setHorizontalSpacing(16)
        place = SideBySide(header)
        self.date = self.add_field("date", _("Date"), DateEdit(), place)
        self.date.set_value(clock.today_local())
        self.floor = self.add_field("floor", _("Floor"), ChoiceCombo([(f, str(f)) for f in rooms.floors()]), place)
        self.attendant = self.add_field("attendant", _("Floor attendant"), ChoiceCombo(people_items()), place)
        self.attendant.set_value(author.id)
        header.setColumnStretch(3, 1)
        self.form.addRow(header)
        if not rooms.floors():
            self.general_error.setText(_("There are no rooms on the room list yet: add them under "
                                         "Settings › Rooms and consumables."))
            self.general_error.show()

        self.lines = QTableWidget(0, 10)
        self.lines.setHorizontalHeaderLabels([
            _("No."), _("Room"), _("Start"), _("End"), _("Room state"), _("Consumables"), _("Linen"),
            _("Maintenance"), _("Special matters"), _("Void reason")])
        self.lines.setAccessibleName(_("Rooms on this sheet"))
        read_only(self.lines, row_height=24)
        head = self.lines.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for col, width in enumerate((40, 70, 60, 60, 120, 340, 50, 160, 160, 140)):
            head.resizeSection(col, width)
        self.lines.setMinimumHeight(200)
        self.body.insertWidget(self.body.count(), self.lines, 1)

        self.entry = self._build_entry()
        self.body.addWidget(self.entry)

        actions = QHBoxLayout()
        self.edit_btn = QPushButton(_("Edit line"))
        self.edit_btn.setToolTip(_("Put the selected line back in the inputs below (Enter in the list)"))
        self.edit_btn.clicked.connect(self.edit_selected)
        self.cancel_edit_btn = QPushButton(_("Cancel edit"))
        self.cancel_edit_btn.clicked.connect(self.clear_entry)
        self.void_btn = QPushButton(_("Void line…"))
        self.void_btn.setToolTip(_("Void the selected line with a reason (Ctrl+Shift+Del)"))
        self.void_btn.clicked.connect(self.void_selected)
        self.verify_btn = QPushButton(_("Verify and lock (foreman)"))
        self.verify_btn.setToolTip(_("The foreman's daily check: signs and locks the sheet"))
        self.verify_btn.clicked.connect(self.verify)
        for button in (self.edit_btn, self.cancel_edit_btn, self.void_btn, self.verify_btn):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.actions_row = QWidget()
        self.actions_row.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.actions_row)
        self.finish_layout()
        if sheet is not None:
            offer_history(self, ServiceSheet, sheet.id)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Create sheet"))

        QShortcut(QKeySequence("F5"), self, activated=lambda: self._stamp(self.start))
        QShortcut(QKeySequence("F6"), self, activated=lambda: self._stamp(self.end))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.try_save)
        QShortcut(QKeySequence("Ctrl+Shift+Del"), self, activated=self.void_selected)
        self.lines.itemSelectionChanged.connect(self._update_actions)
        if sheet is not None:
            self.show_sheet(sheet.id)
        else:  # only the header until the sheet exists: a small dialog, Enter creates it
            for widget in (self.lines, self.entry, self.actions_row):
                widget.hide()
            self.resize(560, 160)

    def watched_record(self):
        return self.sheet

    # --- the entry row ------------------------------------------------------
    def _build_entry(self) -> QGroupBox:
        box = QGroupBox(_("Next room"))
        outer = QVBoxLayout(box)
        first, second, third = QGridLayout(), QGridLayout(), QGridLayout()
        for grid in (first, second, third):
            grid.setHorizontalSpacing(10)
            outer.addLayout(grid)
        place = SideBySide(first)
        self.room = self.add_field("room", _("Room"), QLineEdit(), place)
        self.room.setMaximumWidth(110)
        self.room.setPlaceholderText(_("e.g. 301"))
        self.start = self.add_field("start_time", _("Start (F5: now)"), time_edit(), place)
        self.start.setToolTip(_("Start of cleaning, HH:MM; F5 stamps the time now"))
        self.end = self.add_field("end_time", _("End (F6: now)"), time_edit(), place)
        self.end.setToolTip(_("End of cleaning, HH:MM; F6 stamps the time now"))
        self.room_state = self.add_field("room_state", _("Room state"), RoomStateCombo(), place)
        self.room_state.setToolTip(_("Type 1–5 or the first letter of the state"))
        first.setColumnStretch(place.col, 1)

        spins = QWidget()
        spin_grid = QGridLayout(spins)
        spin_grid.setContentsMargins(0, 0, 0, 0)
        self.quantities: dict[int, QSpinBox] = {}
        for col, item in enumerate(self.consumable_list):
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setAccessibleName(item.name)
            spin.setToolTip(f"{item.name} ({item.unit})" if item.unit else item.name)
            spin.setMinimumWidth(56)
            name = QLabel(item.name)
            name.setBuddy(spin)
            spin_grid.addWidget(name, 0, col)
            spin_grid.addWidget(spin, 1, col)
            spin.editingFinished.connect(self.mark_dirty)
            self.quantities[item.id] = spin
        spin_grid.setColumnStretch(len(self.consumable_list), 1)
        place = SideBySide(second)
        self.add_field("consumables", _("Consumables replenished or replaced"), spins, place)

        place = SideBySide(third)
        self.linen = self.add_field("linen_changed", _("Linen"), QCheckBox(_("Changed")), place)
        self.maintenance = self.add_field("maintenance", _("Needs maintenance"), QLineEdit(), place)
        self.maintenance.setPlaceholderText(_("e.g. 水龙头漏水"))
        self.special = self.add_field("special", _("Special matters"), QLineEdit(), place)
        self.special.setPlaceholderText(_("lost property, guest requests…"))
        self.add_btn = QPushButton(_("Add line"))
        self.add_btn.setAutoDefault(False)
        self.add_btn.clicked.connect(self.try_save)
        third.addWidget(self.add_btn, 1, place.col, Qt.AlignmentFlag.AlignTop)
        third.setColumnStretch(1, 1)
        third.setColumnStretch(2, 2)

        self.hint = QLabel(_("Tab moves on; F5 stamps the start and F6 the end; 1–5 picks the room state; "
                             "Enter adds the line and starts the next one."))
        self.hint.setStyleSheet(HINT_STYLE)
        outer.addWidget(self.hint)

        chain = [self.room, self.start, self.end, self.room_state, *self.quantities.values(),
                 self.linen, self.maintenance, self.special, self.add_btn]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)
        return box

    def _stamp(self, edit: QLineEdit) -> None:
        if self.entry.isVisible() and edit.isEnabled():
            edit.setText(clock.to_local(clock.now_utc()).strftime("%H:%M"))
            self.mark_dirty()

    def line_values(self) -> dict:
        return {"room": self.room.text(), "start_time": normalise_time(self.start.text()),
                "end_time": normalise_time(self.end.text()), "room_state": self.room_state.value(),
                "consumables": {cid: spin.value() for cid, spin in self.quantities.items() if spin.value()},
                "linen_changed": self.linen.isChecked(), "maintenance": self.maintenance.text(),
                "special": self.special.text()}

    def clear_entry(self) -> None:
        self.editing = None
        for edit in (self.room, self.start, self.end, self.maintenance, self.special):
            edit.clear()
        self.room_state.setCurrentIndex(0)
        for spin in self.quantities.values():
            spin.setValue(0)
        self.linen.setChecked(False)
        self.entry.setTitle(_("Next room"))
        self.add_btn.setText(_("Add line"))
        self.clear_errors()
        self.dirty = False
        self._update_actions()
        self.room.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- saving -------------------------------------------------------------
    def try_save(self) -> bool:
        """Creates the sheet from its header, then adds (or saves) one line per call."""
        if self.sheet is None:
            return self._create_sheet()
        if self.sheet.state != "open" or self.sheet.voided:
            return False
        saved = operation.run(self, self.save_line, form=self)
        if not saved.ok:
            return False
        line = saved.result
        self.clear_entry()
        self.show_sheet(self.sheet.id, select_line=line.id)
        self.sheetChanged.emit(self.sheet.id)
        return True

    def save_line(self) -> ServiceLine:
        """The line in the entry saved: a change to the line being edited, or a new line."""
        if self.editing is not None:
            return service_log.update_line(self.editing.id, self.editing.version, self.line_values(), self.author)
        return service_log.add_line(self.sheet.id, self.line_values(), self.author)

    def _create_sheet(self) -> bool:
        values = {"date": self.date.value(), "floor": self.floor.value(), "attendant": self.attendant.value()}
        created = operation.run(self, lambda: service_log.create_sheet(values, self.author), form=self)
        if not created.ok:
            return False
        sheet = self.result_record = created.result
        self.dirty = False
        self.setWindowTitle(_("Service sheet"))
        self.show_sheet(sheet.id)
        self.sheetChanged.emit(sheet.id)
        return True

    # --- showing the sheet ----------------------------------------------------
    def show_sheet(self, sheet_id: int, select_line: int | None = None) -> None:
        sheet = ServiceSheet.get_by_id(sheet_id)
        self.sheet = sheet
        self.date.set_value(sheet.date)
        self.floor.set_items([(sheet.floor, str(sheet.floor))])
        if self.attendant.findData(sheet.attendant_id) < 0:
            self.attendant.addItem(sheet.attendant.name, sheet.attendant_id)
        self.attendant.set_value(sheet.attendant_id)
        for widget in (self.date, self.floor, self.attendant):
            widget.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if self.width() < 1100:
            self.resize(1120, 720)
        for widget in (self.lines, self.actions_row):
            widget.show()
        open_ = sheet.state == "open" and not sheet.voided
        self.entry.setVisible(open_)
        guard(self.entry, permissions.EDIT_LINES, self.author, sheet, open_)
        self.verify_btn.setVisible(open_)
        guard(self.verify_btn, permissions.VERIFY_SHEET, self.author, sheet, open_)
        self._show_banner(sheet)
        self._fill_lines(select_line)
        self._update_actions()
        if open_ and self.editing is None:
            self.room.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_banner(self, sheet: ServiceSheet) -> None:
        if sheet.voided:
            self.banner.setText(_("This sheet is void: {reason}").format(reason=sheet.void_reason))
            self.banner.setStyleSheet(VOID_BANNER_STYLE)
        elif sheet.state == "open":
            self.banner.setText(_("{date} · floor {floor} · {attendant} — open: enter the rooms in cleaning "
                                  "order; the foreman verifies the sheet today.").format(
                date=fmt_date(sheet.date), floor=sheet.floor, attendant=sheet.attendant.name))
            self.banner.setStyleSheet("padding: 4px;")
        else:
            text = _("Verified by {name} at {when} — locked. A wrong line can only be voided with a reason.").format(
                name=sheet.verified_by.name if sheet.verified_by_id else "?", when=fmt_datetime(sheet.verified_at))
            if sheet.state == "received":
                text += " " + _("Received at the front desk by {name} at {when}.").format(
                    name=sheet.received_by.name if sheet.received_by_id else "?",
                    when=fmt_datetime(sheet.received_at))
            self.banner.setText(text)
            self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName(self.banner.text())
        self.banner.show()

    def _fill_lines(self, select_line: int | None) -> None:
        lines = service_log.sheet_lines(self.sheet.id)
        used = service_log.line_consumables([line.id for line in lines])
        names = {c.id: c.name for c in rooms.consumables(include_inactive=True)}
        numbers = {r.id: r.number for r in rooms.Room.select(rooms.Room.id, rooms.Room.number)
                   .where(rooms.Room.id.in_([line.room_id for line in lines]))} if lines else {}
        self.lines.setRowCount(0)
        self.lines.setRowCount(len(lines))
        any_void = False
        for row, line in enumerate(lines):
            consumed = "、".join(f"{names.get(cid, '?')}×{qty}" for cid, qty in used[line.id].items())
            values = [str(line.position), numbers.get(line.room_id, "?"),
                      line.start_time.strftime("%H:%M") if line.start_time else "",
                      line.end_time.strftime("%H:%M") if line.end_time else "",
                      label(ROOM_STATES, line.room_state), consumed, "✓" if line.linen_changed else "",
                      line.maintenance, line.special, line.void_reason or "" if line.voided else ""]
            any_void = any_void or line.voided
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                if value and col in (5, 7, 8):
                    item.setToolTip(value)
                if line.voided:
                    item.setForeground(QBrush(VOID_COLOUR))
                    font = item.font()
                    font.setStrikeOut(col != len(values) - 1)
                    item.setFont(font)
                    item.setToolTip(_("Void: {reason}").format(reason=line.void_reason))
                self.lines.setItem(row, col, item)
            if line.id == select_line:
                self.lines.selectRow(row)
        self.lines.setColumnHidden(9, not any_void)
        if select_line is not None:
            self.lines.scrollToBottom()

    def selected_line(self) -> ServiceLine | None:
        row = self.lines.currentRow()
        item = self.lines.item(row, 0) if row >= 0 else None
        return ServiceLine.get_or_none(ServiceLine.id == item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _update_actions(self) -> None:
        line = self.selected_line() if self.sheet is not None else None
        live = line is not None and not line.voided
        open_ = self.sheet is not None and self.sheet.state == "open" and not self.sheet.voided
        self.edit_btn.setVisible(open_)
        guard(self.edit_btn, permissions.EDIT_LINES, self.author, self.sheet, live and open_)
        self.cancel_edit_btn.setVisible(self.editing is not None)
        guard(self.void_btn, permissions.EDIT_LINES, self.author, self.sheet,
              live and not (self.sheet.voided if self.sheet else True))

    # --- line actions -----------------------------------------------------------
    def edit_selected(self) -> None:
        line = self.selected_line()
        if line is None or line.voided or self.sheet is None or self.sheet.state != "open":
            return
        self.clear_entry()
        self.editing = line
        self.room.setText(line.room.number)
        self.start.setText(line.start_time.strftime("%H:%M") if line.start_time else "")
        self.end.setText(line.end_time.strftime("%H:%M") if line.end_time else "")
        self.room_state.set_value(line.room_state)
        for cid, qty in service_log.line_consumables([line.id])[line.id].items():
            if cid in self.quantities:
                self.quantities[cid].setValue(qty)
        self.linen.setChecked(line.linen_changed)
        self.maintenance.setText(line.maintenance)
        self.special.setText(line.special)
        self.entry.setTitle(_("Change line {n}").format(n=line.position))
        self.add_btn.setText(_("Save line"))
        self._update_actions()
        self.room.setFocus(Qt.FocusReason.OtherFocusReason)

    def void_selected(self) -> None:
        line = self.selected_line()
        if line is None or line.voided:
            return
        reason = ask_void_reason(self, _("room {number}").format(number=line.room.number))
        if reason is None:
            return
        if not operation.run(self, lambda: service_log.void_line(line.id, line.version, reason, self.author),
                             title=_("Not voided")).ok:
            return
        if self.editing is not None and self.editing.id == line.id:
            self.clear_entry()
        self.show_sheet(self.sheet.id, select_line=line.id)
        self.sheetChanged.emit(self.sheet.id)

    def verify(self) -> bool:
        if self.sheet is None:
            return False
        answer = QMessageBox.question(
            self, _("Verify the sheet"),
            _("Verify and lock the sheet of {date}, floor {floor}, {attendant}? "
              "After this a line can only be voided with a reason.").format(
                date=fmt_date(self.sheet.date), floor=self.sheet.floor, attendant=self.sheet.attendant.name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if not operation.run(self, lambda: service_log.verify_sheet(self.sheet.id, self.sheet.version, self.author),
                             on_error=self.show_general).ok:  # about the whole sheet: above the fields
            return False
        self.clear_entry()
        self.show_sheet(self.sheet.id)
        self.sheetChanged.emit(self.sheet.id)
        return True

    # --- keys ---------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if self.sheet is None:
                self.try_save()
                return
            if focus is self.lines or (focus is not None and self.lines.isAncestorOf(focus)):
                self.edit_selected()
                return
            if self.entry.isVisible() and focus is not None and self.entry.isAncestorOf(focus):
                self.try_save()
                return
        super().keyPressEvent(event)

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        if "room" in errors:
            self.room.selectAll()
            self.room.setFocus(Qt.FocusReason.OtherFocusReason)
