"""The quality desk (质量异常警报表 / 反馈单): the sheets, the CAPA actions, the analysis archive
(事故分析档案) and batch traceability — one page each."""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QVBoxLayout

from feedback_desk.base import clock
from feedback_desk.desks.quality import actions as quality_actions, permissions, sheets as quality
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality.models import AnomalySheet, CapaAction
from feedback_desk.desks.quality.listings import ActionListing, AnomalyListing

from ui.desks.quality.anomaly_form import AnomalyForm
from ui.kit import operation
from ui.kit.desk_pages import DeskPages
from ui.desks.quality import TAB
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.kit.desk_table import DeskTable
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.permitted import guard
from ui.desks.quality.archive import ArchivePage, BatchPage

SHEETS, ACTIONS, ARCHIVE, BATCH = range(4)


class WarnRowDelegate(QStyledItemDelegate):
    """Draws a whole row in warning colour when its listing marks it (an overdue action)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        rows = getattr(index.model(), "_rows", ())
        if 0 <= index.row() < len(rows) and rows[index.row()].warn and not rows[index.row()].void:
            option.palette.setColor(QPalette.ColorRole.Text, WARN_COLOUR)
            

class QualityTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/quality/__init__.py)

    """Sheets, Actions, Archive, Batch."""

    def __init__(self, author: Staff, parent=None):
        self.sheets = DeskTable(AnomalyListing(), _("Find: sheet no., batch or product"))
        super().__init__(author, self.sheets, parent)
        self.form_tables = [(self.sheets, "anomaly")]
        self.sheets.choice.set_value("open")
        self.actions = DeskTable(ActionListing(), _("Find: sheet no. or what is to be done"))
        self.actions.choice.set_value("open")
        self.actions.view.setItemDelegate(WarnRowDelegate(self.actions.view))
        self.archive = ArchivePage()
        self.batch = BatchPage()

        self.new_btn = button(_("New anomaly sheet"), _("Raise a quality anomaly sheet (Ctrl+N)"), self.new_record)
        self.open_btn = button(_("Open"), _("Open the selected anomaly sheet (Enter)"), self.edit_current)
        self.void_btn = button(_("Void anomaly sheet…"), _("Void the selected anomaly sheet with a reason (Ctrl+Shift+Del)"),
                               self.void_current)
        self.open_action_btn = button(_("Open sheet"), _("Open the sheet of the selected action (Enter)"),
                                      self.edit_current)
        self.done_btn = button(_("Mark done"), _("The selected action is done today"), self.mark_action_done)
        self.pages = DeskPages()
        self.pages.add(table_page(self.sheets, [self.new_btn, self.open_btn, self.void_btn],
                                  _("Major sheets, recurrences and sheets with overdue actions are in red.")),
                       _("Anomaly sheets"), self.sheets.apply_filters, self.sheets.refresh)
        self.pages.add(table_page(self.actions, [self.open_action_btn, self.done_btn],
                                  _("Overdue actions are in red.")), _("Actions"),
                       self.actions.apply_filters, self.actions.refresh)
        self.pages.add(self.archive, _("Analysis archive"), self.archive.load)
        self.pages.add(self.batch, _("Batch"), self.batch.load)
        QVBoxLayout(self).addWidget(self.pages)
        self.pages.currentChanged.connect(self._page_changed)
        self.sheets.openRequested.connect(self.open_sheet)
        self.actions.openRequested.connect(self.open_action_sheet)
        self.batch.openRequested.connect(self.open_sheet)
        self.sheets.currentChanged.connect(lambda _id: self._update_buttons())
        self.actions.currentChanged.connect(lambda _id: self._update_buttons())
        self.add_own_shortcuts()
        self._update_buttons()

    # --- pages ------------------------------------------------------------------
    def _page_changed(self, index: int) -> None:
        self.table = self.actions if index == ACTIONS else self.sheets
        self._update_buttons()

    def load(self) -> None:
        self.pages.load_shown()
        self._update_buttons()

    def refresh(self) -> None:
        self._changed()

    def focus_find(self) -> None:
        index = self.pages.currentIndex()
        if index == ARCHIVE:
            self.archive.date_from.setFocus()
        elif index == BATCH:
            self.batch.batch.setFocus()
            self.batch.batch.selectAll()
        else:
            super().focus_find()

    def _changed(self, select_id: int | None = None) -> None:
        if SHEETS in self.pages.loaded:
            self.sheets.refresh(select_id)
        self.pages.refresh_loaded(skip=(SHEETS,))
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        sheet = self._current_sheet()
        self.open_btn.setEnabled(sheet is not None)
        guard(self.void_btn, permissions.VOID, self.author, sheet, sheet is not None and not sheet.voided)
        action = self._current_action()
        self.open_action_btn.setEnabled(action is not None)
        guard(self.done_btn, permissions.ACTION_DONE, self.author, action,
              action is not None and not action.voided and action.done_on is None)

    # --- sheets -------------------------------------------------------------------
    def _current_sheet(self) -> AnomalySheet | None:
        sid = self.sheets.current_id()
        return AnomalySheet.get_or_none(AnomalySheet.id == sid) if sid else None

    def _current_action(self) -> CapaAction | None:
        aid = self.actions.current_id()
        return CapaAction.get_or_none(CapaAction.id == aid) if aid else None

    def _form(self, sheet: AnomalySheet | None, parent=None) -> AnomalyForm:
        form = AnomalyForm(self.author, sheet, parent or self)
        form.sheetChanged.connect(self._changed)
        form.openSheetRequested.connect(lambda sid: self.open_sheet(sid, parent=form))
        form.open()
        return form

    def new_record(self) -> AnomalyForm:
        self.pages.setCurrentIndex(SHEETS)
        return self._form(None)

    def open_sheet(self, sheet_id: int, parent=None) -> AnomalyForm:
        return self._form(AnomalySheet.get_by_id(sheet_id), parent)

    def open_record(self, record_id: int):
        if self.pages.currentIndex() == ACTIONS:
            return self.open_action_sheet(record_id)
        return self.open_sheet(record_id)

    def edit_current(self) -> None:
        if self.pages.currentIndex() in (SHEETS, ACTIONS):
            super().edit_current()
        elif self.pages.currentIndex() == BATCH:
            self.batch.open_current()

    def open_action_sheet(self, action_id: int):
        action = CapaAction.get_or_none(CapaAction.id == action_id)
        return self.open_sheet(action.sheet_id) if action else None

    def void_check(self):
        sheet = self._current_sheet() if self.pages.currentIndex() == SHEETS else None
        return None if sheet is None or sheet.voided else (permissions.VOID, sheet)

    def void_current(self) -> None:
        sheet = self._current_sheet() if self.pages.currentIndex() == SHEETS else None
        if sheet is None or sheet.voided:
            return
        if self.void_with_reason(sheet.number, lambda reason: quality.void_sheet(sheet.id, sheet.version, reason,
                                                                                 self.author)):
            self._changed()

    def mark_action_done(self) -> bool:
        action = self._current_action()
        if action is None or action.done_on is not None:
            return False
        if not operation.run(self, lambda: quality_actions.update_action(
                action.id, action.version, {"done_on": clock.today_local()}, self.author), title=_("Not changed")).ok:
            return False
        self._changed()
        return True
