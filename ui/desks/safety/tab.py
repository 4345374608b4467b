"""The safety desk (安全): the safety hazard register — report a hazard, assign its rectification,
report it rectified, check it — and the incident reports (重大事件) with their route."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.safety import hazards, incidents, permissions
from feedback_desk.desks.safety.listings import HazardListing, IncidentListing
from feedback_desk.desks.safety.models import IncidentInquiry, IncidentReport, SafetyHazard

from ui.desks.safety.hazard_form import HazardForm
from ui.desks.safety.incident_form import IncidentForm
from ui.kit import operation
from ui.kit.desk_pages import DeskPages
from ui.desks.safety import TAB
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.kit.desk_table import DeskTable
from ui.kit.permitted import guard

HAZARDS, INCIDENTS = 0, 1


class SafetyTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/safety/__init__.py)

    def __init__(self, author: Staff, parent=None):
        super().__init__(author, DeskTable(HazardListing(), _("Find: place, hazard or number")), parent)
        self.form_tables = [(self.table, "hazard")]
        self.new_btn = button(_("Report a hazard"), _("Report a safety hazard just found (Ctrl+N)"), self.new_hazard)
        self.open_btn = button(_("Open"), _("Its rectification and check (Enter)"), self.edit_current)
        self.void_btn = button(_("Void…"), _("Void the selected report with a reason (Ctrl+Shift+Del)"),
                               self.void_current)
        self.pages = DeskPages()
        self.pages.add(table_page(self.table, [self.new_btn, self.open_btn, self.void_btn],
                                  _("In red: past its rectification date, or reported more than 2 hours after "
                                    "it was found.")),
                       _("Safety hazards"), self.table.apply_filters, self.table.refresh)
        self.incidents = DeskTable(IncidentListing(), _("Find: what was done, place, people or number"))
        self.form_tables.append((self.incidents, "incident"))
        self.report_btn = button(_("Report an incident"), _("Report an injury, a fire, a fight, a theft… to the "
                                                            "general manager's office"), self.new_incident)
        self.open_incident_btn = button(_("Open"), _("Its route, investigations and closing (Enter)"),
                                        lambda: self._open_current_incident())
        self.void_incident_btn = button(_("Void…"), _("Void the selected report with a reason"), self.void_current)
        self.pages.add(table_page(self.incidents, [self.report_btn, self.open_incident_btn, self.void_incident_btn],
                                  _("In red: not received in time, or reported more than 1 hour after it was "
                                    "handled.")),
                       _("Incident reports"), self.incidents.apply_filters, self.incidents.refresh)
        QVBoxLayout(self).addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self._update_buttons())
        self.incidents.openRequested.connect(self.open_incident)
        self.incidents.currentChanged.connect(lambda _id: self._update_buttons())
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

    def _incident(self) -> IncidentReport | None:
        iid = self.incidents.current_id()
        return IncidentReport.get_or_none(IncidentReport.id == iid) if iid else None

    def _update_buttons(self) -> None:
        h = self._current()
        self.open_btn.setEnabled(h is not None)
        guard(self.void_btn, permissions.VOID, self.author, h, h is not None and not h.voided)
        i = self._incident()
        self.open_incident_btn.setEnabled(i is not None)
        guard(self.void_incident_btn, permissions.VOID_INCIDENT, self.author, i, i is not None and not i.voided)

    def _changed(self, select_id: int | None = None) -> None:
        self.table.refresh(select_id)
        self._update_buttons()
        self.changed.emit()

    def _incident_changed(self, select_id: int | None = None) -> None:
        self.incidents.refresh(select_id)
        self._update_buttons()
        self.changed.emit()

    # --- incidents ----------------------------------------------------------------------------
    def new_incident(self) -> IncidentForm:
        self.pages.setCurrentIndex(INCIDENTS)
        form = IncidentForm(self.author, None, self)
        form.accepted.connect(lambda: self._incident_changed(form.result_record.id))
        form.open()
        return form

    def open_incident(self, record_id: int) -> IncidentForm | None:
        found = operation.run(self, lambda: incidents.read_incident(record_id, self.author), title=_("Safety"))
        if not found.ok:
            return None
        form = IncidentForm(self.author, found.result, self)
        form.changedIncident.connect(self._incident_changed)
        form.open()
        return form

    def open_inquiry(self, inquiry_id: int) -> IncidentForm | None:
        inquiry = IncidentInquiry.get_or_none(IncidentInquiry.id == inquiry_id)
        return self.open_incident(inquiry.incident_id) if inquiry is not None else None

    def _page_table(self) -> DeskTable:
        return self.incidents if self.pages.currentIndex() == INCIDENTS else self.table

    def current_id(self) -> int | None:
        return self._page_table().current_id()

    def edit_current(self) -> None:
        if self.pages.currentIndex() == INCIDENTS:
            self._open_current_incident()
        else:
            super().edit_current()

    def form_reference(self) -> str | None:
        if self.pages.currentIndex() == INCIDENTS:
            iid = self.incidents.current_id()
            return f"incident:{iid}" if iid else None
        return super().form_reference()

    def focus_find(self) -> None:
        table = self._page_table()
        table.find.setFocus()
        table.find.selectAll()

    def _open_current_incident(self) -> IncidentForm | None:
        iid = self.incidents.current_id()
        return self.open_incident(iid) if iid else None

    def new_hazard(self) -> HazardForm:
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

    def new_record(self):
        """Ctrl+N: a hazard on the hazards page, an incident on the incidents page."""
        return self.new_incident() if self.pages.currentIndex() == INCIDENTS else self.new_hazard()

    def void_check(self):
        if self.pages.currentIndex() == INCIDENTS:
            i = self._incident()
            return None if i is None or i.voided else (permissions.VOID_INCIDENT, i)
        h = self._current()
        return None if h is None or h.voided else (permissions.VOID, h)

    def void_current(self) -> None:
        if self.pages.currentIndex() == INCIDENTS:
            i = self._incident()
            if i is not None and not i.voided and self.void_with_reason(
                    i.number, lambda reason: incidents.void_incident(i.id, i.version, reason, self.author)):
                self._incident_changed()
            return
        h = self._current()
        if h is None or h.voided:
            return
        if self.void_with_reason(h.number, lambda reason: hazards.void_hazard(h.id, h.version, reason, self.author)):
            self._changed()
