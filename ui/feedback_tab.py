"""The guest feedback desk (顾客意见): comment cards, collection sheets, calls, complaints."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from feedback_desk import feedback
from feedback_desk.errors import FeedbackDeskError
from feedback_desk.i18n import _
from feedback_desk.models import Feedback, Staff
from feedback_desk.tables import FeedbackListing

from .customer_forms import ask_void_reason
from .desk_table import DeskTable
from .feedback_form import FeedbackForm


class FeedbackTab(QWidget):
    changed = Signal()

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.table = DeskTable(FeedbackListing(), _("Find: text, register no., place or customer"))
        QVBoxLayout(self).addWidget(self.table)
        self.table.openRequested.connect(self.open_feedback)

    def load(self) -> None:
        self.table.apply_filters()

    def focus_find(self) -> None:
        self.table.find.setFocus()
        self.table.find.selectAll()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def new_record(self, customer_id: int | None = None) -> FeedbackForm:
        form = FeedbackForm(self.author, None, self, customer_id=customer_id)
        form.accepted.connect(lambda: self._saved(form.result_record.id))
        form.open()
        return form

    def open_feedback(self, feedback_id: int) -> FeedbackForm:
        form = FeedbackForm(self.author, Feedback.get_by_id(feedback_id), self)
        form.accepted.connect(lambda: self._saved(feedback_id))
        form.open()
        return form

    def edit_current(self) -> None:
        if self.current_id():
            self.open_feedback(self.current_id())

    def _saved(self, feedback_id: int) -> None:
        self.table.refresh(feedback_id)
        self.changed.emit()

    def void_current(self) -> None:
        fid = self.current_id()
        if not fid:
            return
        record = Feedback.get_by_id(fid)
        reason = ask_void_reason(self, record.register_no or record.text[:20])
        if reason is None:
            return
        try:
            feedback.void_feedback(fid, record.version, reason, self.author)
        except FeedbackDeskError as exc:
            QMessageBox.warning(self, _("Not voided"), str(exc))
            return
        self.table.refresh()
        self.changed.emit()
