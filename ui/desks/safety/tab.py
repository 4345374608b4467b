"""The safety desk (安全): the safety hazard register — report a hazard, assign its rectification,
report it rectified, check it. The incident reports (重大事件) join it as a second page (issue 17)."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.safety import hazards, permissions
from feedback_desk.desks.safety.listings import HazardListing
from feedback_desk.desks.safety.models import SafetyHazard

from ui.desks.safety.hazard_form import HazardForm
from ui.kit import operation
from ui.kit.desk_pages import DeskPages
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.kit.desk_table import DeskTable
from ui.kit.permitted import guard

HAZARDS = 0


class SafetyTab(DeskTab):
    DESK, LEDGER = "safety", "hazards"
    OPENS = {"hazard": "open_record", "hazard_assign": "open_record", "hazard_check": "open_record"}
    LISTS = {"hazards": "table"}

    def __init__(self, author: Staff, parent=None):
        super().__init__(author, DeskTable(HazardListing(), _("Find: place, hazard or number")), parent)
        self.form_tables = [(self.table, "hazard")]
        self.new_btn = button(_("Report a hazard"), _("Report a safety hazard just found (Ctrl+N)"), self.new_record)
        self.open_btn = button(_("Open"), _("Its rectification and check (Enter)"), self.edit_current)
        self.void_btn = button(_("Void…"), _("Void the selected report with a reason (Ctrl+Shift+Del)"),
                               self.void_current)
        self.pages = DeskPages()
        self.pages.add(table_page(self.table, [self.new_btn, self.open_btn, self.void_btn],
                                  _("In red: past its rectification date, or reported more than 2 hours after "
                                    "it was found.")),
                       _("Safety hazards"), self.table.apply_filters, self.table.refresh)
        QVBoxLayout(self).addWidget(self.pages)
        self.table.openRequested.connect(self.open_record)
        self.table.currentChanged.connect(lambda _id: self._update_buttons())
        self.add_own_shortcuts()
        self._update_buttons()

    def load(self) -> None:
        self.pages.load_shown()
        self._update_buttons()

    def refresh(self) -> None:
        self.pages.refresh_loaded()
        self._update_buttons()

    def _current(self) -> SafetyHazard | None:
        hid = self.table.current_id()
        return SafetyHazard.get_or_none(SafetyHazard.id == hid) if hid else None

    def _update_buttons(self) -> None:
        h = self._current()
        self.open_btn.setEnabled(h is not None)
        guard(self.void_btn, permissions.VOID, self.author, h, h is not None and not h.voided)

    def _changed(self, select_id: int | None = None) -> None:
        self.table.refresh(select_id)
        self._update_buttons()
        self.changed.emit()

    def new_record(self) -> HazardForm:
        self.pages.setCurrentIndex(HAZARDS)
        form = HazardForm(self.author, None, self)
        form.accepted.connect(lambda: self._changed(form.result_record.id))
        form.open()
        return form

    def open_record(self, record_id: int) -> HazardForm | None:
        found = operation.run(self, lambda: hazards.read_hazard(record_id), title=_("Safety"))
        if not found.ok:
            return None
        form = HazardForm(self.author, found.result, self)
        form.changedHazard.connect(self._changed)
        form.open()
        return form

    def void_check(self):
        h = self._current()
        return None if h is None or h.voided else (permissions.VOID, h)

    def void_current(self) -> None:
        h = self._current()
        if h is None or h.voided:
            return
        if self.void_with_reason(h.number, lambda reason: hazards.void_hazard(h.id, h.version, reason, self.author)):
            self._changed()
