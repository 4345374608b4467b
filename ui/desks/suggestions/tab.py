"""The suggestion box desk (意见箱 / 合理化建议): entries, the points ledger, campaigns, adoption per month."""
from __future__ import annotations

import types

from PySide6.QtWidgets import QVBoxLayout

from feedback_desk.desks.suggestions import box as suggestions
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.suggestions import permissions
from feedback_desk.desks.suggestions.models import Suggestion
from feedback_desk.desks.suggestions.listings import SuggestionListing

from ui.kit import operation
from ui.kit.desk_pages import DeskPages
from ui.desks.suggestions import TAB
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.kit.permitted import guard
from ui.kit.desk_table import DeskTable
from ui.desks.suggestions.dialogs import PointsDialog
from ui.desks.suggestions.form import SuggestionForm
from ui.desks.suggestions.pages import AdoptionPage, CampaignPage, LedgerPage

ENTRIES, LEDGER, CAMPAIGNS, ADOPTION = range(4)


class SuggestionTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/suggestions/__init__.py)

    def __init__(self, author: Staff, parent=None):
        suggestions.ensure_categories()
        super().__init__(author, DeskTable(SuggestionListing(), _("Find: text or number")), parent)
        self.form_tables = [(self.table, "suggestion")]
        self.new_btn = button(_("New"), _("Drop a suggestion, named or anonymous (Ctrl+N)"), self.new_record)
        self.open_btn = button(_("Open"), _("Review and answer the selected entry (Enter)"), self.edit_current)
        self.void_btn = button(_("Void…"), _("Void the selected entry with a reason (Ctrl+Shift+Del)"),
                               self.void_current)
        self.points_btn = button(_("Grant points…"), _("Reward points to the writer of an adopted suggestion"),
                                 self.grant_points)
        self.ledger = LedgerPage(author)
        self.campaigns = CampaignPage(author)
        self.adoption = AdoptionPage()
        self.pages = DeskPages()
        self.pages.add(table_page(self.table, [self.new_btn, self.open_btn, self.void_btn, self.points_btn],
                                  _("Open entries past the answer deadline are in red.")), _("Entries"),
                       self.table.apply_filters, self.table.refresh)
        self.pages.add(self.ledger, _("Points ledger"), self.ledger.load)
        self.pages.add(self.campaigns, _("Campaigns"), self.campaigns.load)
        self.pages.add(self.adoption, _("Adoption per month"), self.adoption.load)
        QVBoxLayout(self).addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self._update_buttons())
        self.table.openRequested.connect(self.open_record)
        self.table.currentChanged.connect(lambda _id: self._update_buttons())
        for page in (self.ledger, self.campaigns):
            page.changed.connect(self._changed)
        self.add_own_shortcuts()
        self._update_buttons()

    # --- pages ------------------------------------------------------------------
    def load(self) -> None:
        self.pages.load_shown()
        self._update_buttons()

    def refresh(self) -> None:
        self.pages.refresh_loaded()
        self._update_buttons()

    def focus_find(self) -> None:
        self.pages.setCurrentIndex(ENTRIES)
        super().focus_find()

    def _update_buttons(self) -> None:
        s = self._current()
        self.open_btn.setEnabled(s is not None)
        live = s is not None and not s.voided
        guard(self.void_btn, permissions.VOID, self.author, s, live)
        # points go to the named writer: nobody rewards themself (the core refuses it too)
        guard(self.points_btn, permissions.GRANT_POINTS, self.author,
              types.SimpleNamespace(staff_id=s.writer_id) if live else None, live and s.writer_id is not None)

    def _changed(self, select_id: int | None = None) -> None:
        if ENTRIES in self.pages.loaded:
            self.table.refresh(select_id)
        self.pages.refresh_loaded(skip=(ENTRIES, CAMPAIGNS))  # a suggestion saved changes no campaign
        self._update_buttons()
        self.changed.emit()

    # --- entries ------------------------------------------------------------------
    def _current(self) -> Suggestion | None:
        sid = self.table.current_id()
        return Suggestion.get_or_none(Suggestion.id == sid) if sid else None

    def new_record(self) -> SuggestionForm:
        self.pages.setCurrentIndex(ENTRIES)
        form = SuggestionForm(self.author, None, self)
        form.accepted.connect(lambda: self._changed(form.result_record.id))
        form.open()
        return form

    def open_record(self, record_id: int) -> SuggestionForm | None:
        found = operation.run(self, lambda: suggestions.read_suggestion(record_id), title=_("Suggestion box"))
        if not found.ok:
            return None
        form = SuggestionForm(self.author, found.result, self)
        form.accepted.connect(lambda: self._changed(record_id))
        form.open()
        return form

    def edit_current(self) -> None:
        if self.pages.currentIndex() == ENTRIES:
            super().edit_current()

    def void_check(self):
        s = self._current() if self.pages.currentIndex() == ENTRIES else None
        return None if s is None or s.voided else (permissions.VOID, s)

    def void_current(self) -> None:
        s = self._current() if self.pages.currentIndex() == ENTRIES else None
        if s is None or s.voided:
            return
        if self.void_with_reason(s.number, lambda reason: suggestions.void_suggestion(s.id, s.version, reason,
                                                                                        self.author)):
            self._changed()

    def grant_points(self) -> PointsDialog | None:
        s = self._current()
        if s is None:
            return None
        dialog = PointsDialog(self.author, suggestion=s, parent=self)
        dialog.accepted.connect(self._points_granted)
        dialog.open()
        return dialog

    def _points_granted(self) -> None:
        if LEDGER in self.pages.loaded:
            self.ledger.load()
        self.changed.emit()
