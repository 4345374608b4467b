"""The guest feedback desk (顾客意见): comment cards, collection sheets, calls, complaints."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from feedback_desk.desks.feedback import guest_feedback as feedback
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.feedback import permissions
from feedback_desk.desks.feedback.models import Feedback
from feedback_desk.desks.feedback.listings import FeedbackListing

from ui.kit import operation
from ui.kit.desk_table import DeskTable
from ui.desks.feedback import TAB
from ui.kit.desk_tab import DeskTab
from ui.desks.feedback.form import FeedbackForm


class FeedbackTab(DeskTab):
    ENTRY = TAB  # what it shows, opens and lists (ui/desks/feedback/__init__.py)

    def __init__(self, author: Staff, parent=None):
        super().__init__(author, DeskTable(FeedbackListing(), _("Find: text, register no., place or customer")), parent)
        self.form_tables = [(self.table, "feedback")]
        QVBoxLayout(self).addWidget(self.table)
        self.table.openRequested.connect(self.open_feedback)

    def new_record(self, customer_id: int | None = None) -> FeedbackForm:
        form = FeedbackForm(self.author, None, self, customer_id=customer_id)
        form.accepted.connect(lambda: self._saved(form.result_record.id))
        form.open()
        return form

    def open_feedback(self, feedback_id: int) -> FeedbackForm | None:
        """The entry's form; a complaint about the reader opens none, only the fact that it exists."""
        found = operation.run(self, lambda: feedback.read_feedback(feedback_id), title=_("Guest feedback"))
        if not found.ok:
            return None
        form = FeedbackForm(self.author, found.result, self)
        form.accepted.connect(lambda: self._saved(feedback_id))
        form.open()
        return form

    open_record = open_feedback

    def _saved(self, feedback_id: int) -> None:
        self.table.refresh(feedback_id)
        self.changed.emit()

    def void_check(self):
        record = Feedback.get_or_none(Feedback.id == self.current_id()) if self.current_id() else None
        if record is None or record.voided:
            return None
        return (permissions.VOID_COMPLAINT if record.kind == "complaint" else permissions.RECORD), record

    def void_current(self) -> None:
        fid = self.current_id()
        if not fid:
            return
        record = Feedback.get_by_id(fid)
        if self.void_with_reason(record.register_no or record.text[:20],
                                 lambda reason: feedback.void_feedback(fid, record.version, reason, self.author)):
            self.table.refresh()
            self.changed.emit()
