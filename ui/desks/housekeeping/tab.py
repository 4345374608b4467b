"""The housekeeping desk (服务日志): today's sheets by floor, maintenance follow-ups, a room's history,
consumables used, and the shift handover — one page each."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QInputDialog, QLabel, QMessageBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base import clock, staff
from feedback_desk.desks.housekeeping import maintenance, permissions, service_log
from feedback_desk.base.formatting import fmt_date, fmt_number
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.housekeeping.models import MaintenanceItem, ServiceLine, ServiceSheet
from feedback_desk.desks.housekeeping.listings import (MaintenanceListing, RoomHistoryListing,
                                                       SheetListing, consumption)
from feedback_desk.loop.models import ItemClock
from feedback_desk.loop.permissions import REPORT_PROGRESS

from ui.kit import operation
from ui.kit.desk_table import DeskTable
from ui.kit.desk_pages import DeskPages
from ui.desks.housekeeping import TAB
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.desks.housekeeping.handover_form import HandoverPage
from ui.loop.progress_report import can_report, report_progress
from ui.desks.housekeeping.service_sheet_form import ServiceSheetForm
from ui.kit.permitted import guard
from ui.kit.pickers import person_label
from ui.kit.tables import read_only
from ui.kit.widgets import ChoiceCombo, DateEdit


class ConsumablesPage(QWidget):
    """Consumables used between two dates, per day or month, per item or floor, with totals."""

    def __init__(self, parent=None):
        super().__init__(parent)
        today = clock.today_local()
        self.date_from = DateEdit()
        self.date_from.set_value(today.replace(day=1))
        self.date_from.setAccessibleName(_("From"))
        self.date_to = DateEdit()
        self.date_to.set_value(today)
        self.date_to.setAccessibleName(_("To"))
        self.per = ChoiceCombo([("day", _("per day")), ("month", _("per month"))])
        self.per.setAccessibleName(_("Period"))
        self.split = ChoiceCombo([("item", _("per item")), ("floor", _("per floor"))])
        self.split.setAccessibleName(_("Columns"))
        bar = QHBoxLayout()
        for text, widget in ((_("From"), self.date_from), (_("To"), self.date_to),
                             (_("Period"), self.per), (_("Columns"), self.split)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addStretch(1)
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-weight: bold;")
        bar.addWidget(self.total_label)
        self.table = QTableWidget()
        self.table.setAccessibleName(_("Consumables used"))
        read_only(self.table, rows=False, single=False, wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self.load)
        for combo in (self.per, self.split):
            combo.currentIndexChanged.connect(self.load)

    def load(self, *args) -> None:
        """Periods down, items (or floors) across, totals on the right and at the bottom."""
        usage = consumption(self.date_from.value(), self.date_to.value(), self.per.value(), self.split.value())
        periods = sorted({u.period for u in usage})
        keys = sorted({u.key for u in usage}, key=lambda k: (int(k) if k.lstrip("-").isdigit() else 0, k)) \
            if self.split.value() == "floor" else list(dict.fromkeys(u.key for u in usage))
        cells = {(u.period, u.key): u.quantity for u in usage}
        floor = self.split.value() == "floor"
        headers = [_("Day") if self.per.value() == "day" else _("Month")]
        headers += [_("Floor {n}").format(n=k) if floor else k for k in keys] + [_("Total")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(periods) + (1 if periods else 0))
        bold = QFont()
        bold.setBold(True)

        def put(row, col, text, strong=False, right=True):
            item = QTableWidgetItem(text)
            if right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if strong:
                item.setFont(bold)
            self.table.setItem(row, col, item)

        for row, period in enumerate(periods):
            shown = fmt_date(dt.date.fromisoformat(period)) if len(period) == 10 else period
            put(row, 0, shown, right=False)
            for col, key in enumerate(keys, start=1):
                qty = cells.get((period, key))
                put(row, col, fmt_number(qty) if qty else "")
            put(row, len(keys) + 1, fmt_number(sum(cells.get((period, k), 0) for k in keys)), strong=True)
        total = sum(u.quantity for u in usage)
        if periods:
            last = len(periods)
            put(last, 0, _("Total"), strong=True, right=False)
            for col, key in enumerate(keys, start=1):
                put(last, col, fmt_number(sum(cells.get((p, key), 0) for p in periods)), strong=True)
            put(last, len(keys) + 1, fmt_number(total), strong=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.total_label.setText(_("{n} items used in all").format(n=fmt_number(total)))


class ServiceLogTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/housekeeping/__init__.py)

    """Sheets, Maintenance, Room history, Consumables, Handover."""

    def __init__(self, author: Staff, parent=None):
        self.sheets = DeskTable(SheetListing(), _("Find: floor number"))
        super().__init__(author, self.sheets, parent)
        today = clock.today_local()
        # yesterday's sheets too: they are due at the front desk before this morning's meeting
        self.sheets.date_from.set_value(today - dt.timedelta(days=1))
        self.sheets.date_to.set_value(today)
        self.maintenance = DeskTable(MaintenanceListing(), _("Find: room number"))
        self.maintenance.choice.set_value("open")
        self.history = DeskTable(RoomHistoryListing(), _("Find: room number, e.g. 1208"))
        self.consumables = ConsumablesPage()
        self.handovers = HandoverPage(author)
        self.form_tables = [(self.sheets, "sheet"), (self.handovers.table, "handover")]

        self.new_btn = button(_("New sheet"), _("A new sheet for a day, floor and attendant (Ctrl+N)"),
                              self.new_record)
        self.open_btn = button(_("Open"), _("Open the selected sheet (Enter)"), self.edit_current)
        self.verify_btn = button(_("Verify…"), _("The foreman's daily check: signs and locks the sheet"),
                                 self.verify_current)
        self.receive_btn = button(_("Mark received"), _("The front desk has the sheet (before the morning meeting)"),
                                  self.receive_current)
        self.void_btn = button(_("Void sheet…"), _("Void the selected sheet with a reason (Ctrl+Shift+Del)"),
                               self.void_current)
        self.assign_btn = button(_("Assign…"), _("Name who will fix it"), self.assign_current)
        self.fixed_btn = button(_("Fixed"), _("The repair is done"), lambda: self.advance_current("fixed"))
        self.checked_btn = button(_("Checked"), _("The foreman checked the repair: the follow-up closes"),
                                  lambda: self.advance_current("checked"))
        self.report_btn = button(_("Report progress…"),
                                 _("No deadline of its own: say how far the repair has got, every working day"),
                                 lambda: self.report_current())
        self.pages = DeskPages()
        self.pages.add(table_page(self.sheets, [self.new_btn, self.open_btn, self.verify_btn, self.receive_btn,
                                                self.void_btn],
                                  _("Late and unverified sheets are in red.")), _("Sheets"),
                       self.sheets.apply_filters, self.sheets.refresh)
        self.pages.add(table_page(self.maintenance, [self.assign_btn, self.fixed_btn, self.checked_btn,
                                                     self.report_btn],
                                  _("Reported → assigned → fixed → checked")), _("Maintenance"),
                       self.maintenance.apply_filters, self.maintenance.refresh)
        self.pages.add(table_page(self.history, [], _("Enter opens the sheet of the line.")), _("Room history"),
                       self.history.apply_filters, self.history.refresh)
        self.pages.add(self.consumables, _("Consumables"), self.consumables.load)
        self.pages.add(self.handovers, _("Handover"), self.handovers.table.apply_filters,
                       self.handovers.table.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._page_changed)

        self.sheets.openRequested.connect(self.open_record)
        self.maintenance.openRequested.connect(self.open_maintenance_sheet)
        self.history.openRequested.connect(self._open_line_sheet)
        self.sheets.currentChanged.connect(lambda _id: self._update_buttons())
        self.maintenance.currentChanged.connect(lambda _id: self._update_buttons())
        self.handovers.changed.connect(self.changed)
        self._update_buttons()

    # --- pages --------------------------------------------------------------
    def _page_table(self) -> DeskTable | None:
        return {0: self.sheets, 1: self.maintenance, 2: self.history, 4: self.handovers.table}.get(
            self.pages.currentIndex())

    def _page_changed(self, index: int) -> None:
        self.table = self._page_table() or self.sheets
        self._update_buttons()

    def load(self) -> None:
        """Loads the page shown (the others when first shown)."""
        self.pages.load_shown()
        self._update_buttons()

    def refresh(self) -> None:
        """After a change: reload what has been shown, keeping the selection."""
        self.pages.refresh_loaded()
        self._update_buttons()

    def edit_current(self) -> None:
        if self.pages.currentIndex() != 3:
            super().edit_current()

    def focus_find(self) -> None:
        if self.pages.currentIndex() == 3:
            self.consumables.date_from.setFocus()
            return
        self.table.find.setFocus()
        self.table.find.selectAll()

    def _update_buttons(self) -> None:
        sheet = ServiceSheet.get_or_none(ServiceSheet.id == self.sheets.current_id()) \
            if self.sheets.current_id() else None
        live = sheet is not None and not sheet.voided
        who = self.author
        self.open_btn.setEnabled(sheet is not None)
        guard(self.verify_btn, permissions.VERIFY_SHEET, who, sheet, live and sheet.state == "open")
        guard(self.receive_btn, permissions.RECEIVE_SHEET, who, sheet, live and sheet.state == "verified")
        guard(self.void_btn, permissions.EDIT_LINES, who, sheet, live)
        item = MaintenanceItem.get_or_none(MaintenanceItem.id == self.maintenance.current_id()) \
            if self.maintenance.current_id() else None
        guard(self.assign_btn, permissions.MOVE_MAINTENANCE, who, item, item is not None and item.state == "reported")
        guard(self.fixed_btn, permissions.MOVE_MAINTENANCE, who, item, item is not None and item.state == "assigned")
        guard(self.checked_btn, permissions.CHECK_MAINTENANCE, who, item, item is not None and item.state == "fixed")
        reportable = (item is not None and not item.voided and item.state != "checked"
                      and can_report("maintenance", item.id))
        guard(self.report_btn, REPORT_PROGRESS, who, ItemClock.get_or_none(
            (ItemClock.desk == "maintenance") & (ItemClock.item_id == item.id)) if reportable else None, reportable)

    def _changed(self, select_sheet: int | None = None) -> None:
        if select_sheet is not None and 0 in self.pages.loaded:
            self.sheets.refresh(select_sheet)
        self.refresh()
        self.changed.emit()

    # --- sheets -------------------------------------------------------------
    def new_record(self):
        if self.pages.currentIndex() == 4:
            return self.handovers.new_handover()
        self.pages.setCurrentIndex(0)
        form = ServiceSheetForm(self.author, None, self)
        form.sheetChanged.connect(self._changed)
        form.open()
        return form

    def open_record(self, record_id: int):
        """Opens what the current page lists: a sheet, the sheet of a line, or a handover's take-over."""
        index = self.pages.currentIndex()
        if index == 1:
            return self.open_maintenance_sheet(record_id)
        if index == 2:
            return self._open_line_sheet(record_id)
        if index == 4:
            return self.handovers.take_over(record_id)
        return self.open_sheet(record_id)

    def open_sheet(self, sheet_id: int) -> ServiceSheetForm:
        form = ServiceSheetForm(self.author, ServiceSheet.get_by_id(sheet_id), self)
        form.sheetChanged.connect(self._changed)
        form.open()
        return form

    def _open_line_sheet(self, line_id: int):
        line = ServiceLine.get_or_none(ServiceLine.id == line_id)
        return self.open_sheet(line.sheet_id) if line else None

    def open_maintenance_sheet(self, item_id: int):
        item = MaintenanceItem.get_or_none(MaintenanceItem.id == item_id)
        return self._open_line_sheet(item.line_id) if item and item.line_id else None

    def _current_sheet(self) -> ServiceSheet | None:
        sid = self.sheets.current_id()
        return ServiceSheet.get_or_none(ServiceSheet.id == sid) if sid else None

    def _run(self, title: str, action) -> bool:
        return operation.run(self, action, title=title).ok

    def verify_current(self) -> bool:
        sheet = self._current_sheet()
        if sheet is None:
            return False
        answer = QMessageBox.question(
            self, _("Verify the sheet"),
            _("Verify and lock the sheet of {date}, floor {floor}, {attendant}? "
              "After this a line can only be voided with a reason.").format(
                date=fmt_date(sheet.date), floor=sheet.floor, attendant=sheet.attendant.name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if self._run(_("Not verified"), lambda: service_log.verify_sheet(sheet.id, sheet.version, self.author)):
            self._changed(sheet.id)
            return True
        return False

    def receive_current(self) -> bool:
        sheet = self._current_sheet()
        if sheet is None:
            return False
        if self._run(_("Not received"), lambda: service_log.receive_sheet(sheet.id, sheet.version, self.author)):
            self._changed(sheet.id)
            return True
        return False

    def void_check(self):
        index = self.pages.currentIndex()
        if index == 2 and self.history.current_id():
            line = ServiceLine.get_or_none(ServiceLine.id == self.history.current_id())
            sheet = line.sheet if line is not None and not line.voided else None
        else:
            sheet = self._current_sheet() if index == 0 else None
        return None if sheet is None or sheet.voided else (permissions.EDIT_LINES, sheet)

    def void_current(self) -> None:
        index = self.pages.currentIndex()
        if index == 2 and self.history.current_id():
            line = ServiceLine.get_by_id(self.history.current_id())
            if self.void_with_reason(_("room {number}").format(number=line.room.number),
                                     lambda reason: service_log.void_line(line.id, line.version, reason,
                                                                          self.author)):
                self._changed()
            return
        if index != 0:
            return
        sheet = self._current_sheet()
        if sheet is None:
            return
        what = _("sheet of {date}, floor {floor}").format(date=fmt_date(sheet.date), floor=sheet.floor)
        if self.void_with_reason(what, lambda reason: service_log.void_sheet(sheet.id, sheet.version, reason,
                                                                             self.author)):
            self._changed()

    # --- maintenance ------------------------------------------------------------
    def _current_item(self) -> MaintenanceItem | None:
        mid = self.maintenance.current_id()
        return MaintenanceItem.get_or_none(MaintenanceItem.id == mid) if mid else None

    def assign_current(self) -> bool:
        item = self._current_item()
        if item is None:
            return False
        people = staff.staff_list()
        names = [person_label(p) for p in people]
        current = next((i for i, p in enumerate(people) if p.id == item.owner_id), 0)
        choice, ok = QInputDialog.getItem(self, _("Assign"), _("Who will fix it?"), names, current, False)
        if not ok or choice not in names:
            return False
        owner = people[names.index(choice)]
        return self._advance(item, "assigned", owner.id)

    def report_current(self, note: str | None = None) -> bool:
        """Progress on the selected follow-up (it has no deadline: reported every working day)."""
        item = self._current_item()
        if item is None or not report_progress(self, "maintenance", item.id,
                                               f"{item.room.number} {item.description[:50]}", self.author, note):
            return False
        self._after_maintenance(item.id)
        return True

    def advance_current(self, to_state: str) -> bool:
        item = self._current_item()
        return self._advance(item, to_state) if item else False

    def _advance(self, item: MaintenanceItem, to_state: str, owner_id: int | None = None) -> bool:
        if self._run(_("Follow-up not changed"),
                     lambda: maintenance.advance(item.id, item.version, to_state, self.author, owner_id)):
            self._after_maintenance(item.id)
            return True
        return False

    def _after_maintenance(self, item_id: int) -> None:
        self.maintenance.refresh(item_id)
        self._update_buttons()
        self.changed.emit()
