"""The work desk (工作联络单 / 会议决议): the work given, each item with its steps under the table, and
the meetings with their minutes, decisions and the departments' responses — one page each."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.work import permissions
from feedback_desk.desks.work.listings import WorkListing
from feedback_desk.desks.work.meeting_listings import MeetingListing
from feedback_desk.desks.work.models import MeetingResponse, WorkItem

from ui.desks.work.give_form import GiveWorkForm
from ui.desks.work.item_pane import WorkItemDialog, WorkItemPane
from ui.desks.work.meeting_forms import MeetingForm
from ui.desks.work.meeting_pane import MeetingPane
from ui.kit.desk_pages import DeskPages
from ui.desks.work import TAB
from ui.kit.desk_tab import DeskTab, button, table_page
from ui.kit.desk_table import DeskTable
from ui.kit.permitted import guard

WORK, MEETINGS = range(2)


def _split(table, pane, sizes=(300, 330)) -> QSplitter:
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(table)
    split.addWidget(pane)
    split.setStretchFactor(0, 1)
    split.setStretchFactor(1, 1)
    split.setSizes(list(sizes))
    return split


class WorkTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/work/__init__.py)

    def __init__(self, author: Staff, parent=None):
        self.items = DeskTable(WorkListing(), _("Find: task, number or report"))
        super().__init__(author, self.items, parent)
        self.items.choice.set_value("open")
        self.meetings = DeskTable(MeetingListing(), _("Find: subject, minutes or number"))
        self.form_tables = [(self.items, "work_item"), (self.meetings, "meeting")]
        self.pane = WorkItemPane(author)
        self.meeting_pane = MeetingPane(author)
        self.give_btn = button(_("Give work…"), _("Give work to one responsible person (Ctrl+N)"), self.new_record)
        self.open_btn = button(_("Open"), _("Open the selected item in a window of its own (Enter)"),
                               self.edit_current)
        self.meeting_btn = button(_("Record a meeting…"), _("A meeting held: its minutes and decisions (Ctrl+N)"),
                                  self.new_meeting)
        self.pages = DeskPages()
        self.pages.add(table_page(_split(self.items, self.pane), [self.give_btn, self.open_btn],
                                  _("Late items are in red; urgent open work too.")), _("Work given"),
                       self.items.apply_filters, self.items.refresh)
        self.pages.add(table_page(_split(self.meetings, self.meeting_pane), [self.meeting_btn],
                                  _("Minutes or responses late are in red.")), _("Meetings"),
                       self.meetings.apply_filters, self.meetings.refresh)
        QVBoxLayout(self).addWidget(self.pages)
        self.pages.currentChanged.connect(self._page_changed)
        self.items.openRequested.connect(self.open_record)
        self.items.currentChanged.connect(self._item_selected)
        self.meetings.currentChanged.connect(self._meeting_selected)
        self.meetings.openRequested.connect(lambda meeting_id: self.meeting_pane.show_meeting(meeting_id))
        self.pane.changed.connect(self._item_changed)
        self.meeting_pane.changed.connect(self._meeting_changed)
        self.meeting_pane.openWork.connect(self.open_record)
        self.add_own_shortcuts()
        self._update_buttons()

    # --- pages ------------------------------------------------------------------------------
    def _page_changed(self, index: int) -> None:
        self.table = self.meetings if index == MEETINGS else self.items
        self._update_buttons()

    def load(self) -> None:
        self.pages.load_shown()

    def refresh(self) -> None:
        self.pages.refresh_loaded()

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)

    def _item_selected(self, item_id) -> None:
        self.pane.show_item(item_id)
        self._update_buttons()

    def _meeting_selected(self, meeting_id) -> None:
        self.meeting_pane.show_meeting(meeting_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_btn.setEnabled(self.items.current_id() is not None)
        guard(self.meeting_btn, permissions.RECORD_MEETING, self.author)

    def _item_changed(self, item_id: int) -> None:
        if WORK in self.pages.loaded:
            self.items.refresh(item_id)
        self.pages.refresh_loaded(skip=(WORK,))
        self.changed.emit()

    def _meeting_changed(self, meeting_id: int) -> None:
        self.meetings.refresh(meeting_id)
        self.pages.refresh_loaded(skip=(MEETINGS,))
        self.changed.emit()

    def desk_changed(self, desk: str) -> None:
        """Another desk's save changes nothing here (the live refresh follows other workstations)."""

    # --- work items -------------------------------------------------------------------------
    def new_record(self):
        """Ctrl+N: give work on the first page, record a meeting on the second."""
        if self.pages.currentIndex() == MEETINGS:
            return self.new_meeting()
        form = GiveWorkForm(self.author, self)
        form.accepted.connect(lambda: self._given(form))
        form.open()
        return form

    def _given(self, form: GiveWorkForm) -> None:
        self.pages.setCurrentIndex(WORK)
        self._item_changed(form.result_record.id)

    def open_record(self, record_id: int) -> WorkItemDialog | None:
        dialog = WorkItemDialog(self.author, record_id, self)
        if not dialog.found:
            dialog.deleteLater()
            return None
        dialog.pane.changed.connect(self._item_changed)
        dialog.pane.changed.connect(lambda _id: self.pane.reload())
        dialog.open()
        return dialog

    def edit_current(self) -> None:
        if self.pages.currentIndex() == WORK:
            super().edit_current()
        elif self.meetings.current_id() is not None:
            self.meeting_pane.show_meeting(self.meetings.current_id())

    def void_check(self):
        item = self.pane.item if self.pages.currentIndex() == WORK else None
        if item is not None and not item.voided:
            return permissions.VOID, item
        meeting = self.meeting_pane.meeting if self.pages.currentIndex() == MEETINGS else None
        return (permissions.KEEP_MINUTES, meeting) if meeting is not None and not meeting.voided else None

    def void_current(self):
        if self.pages.currentIndex() == MEETINGS:
            return self.meeting_pane.void()
        return self.pane.take("void")

    # --- meetings ---------------------------------------------------------------------------
    def new_meeting(self) -> MeetingForm:
        self.pages.setCurrentIndex(MEETINGS)
        form = MeetingForm(self.author, None, self)
        form.accepted.connect(lambda: self._meeting_changed(form.result_record.id))
        form.open()
        return form

    def open_meeting(self, meeting_id: int, response_id: int | None = None) -> MeetingPane:
        self.pages.setCurrentIndex(MEETINGS)
        if not self.meetings.select_id(meeting_id):
            self.meetings.refresh(meeting_id)
        self.meeting_pane.show_meeting(meeting_id, response_id)
        return self.meeting_pane

    def open_response(self, response_id: int) -> MeetingPane:
        response = MeetingResponse.get_by_id(response_id)
        return self.open_meeting(response.meeting_id, response_id)

    def current_item(self) -> WorkItem | None:
        return self.pane.item
