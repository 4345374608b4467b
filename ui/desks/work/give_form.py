"""Giving work (工作联络单): kind, doer, who is copied, urgency, the task and its due date (or none).

No repeated submissions (杜绝重复提报): as the task is typed, the form asks the core whether the doer's
department already has an open item saying much the same (duplicates.similar_open); when it has, it
says so under the task and offers "Add to that item" (duplicates.add_to_open) instead of a new one.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from feedback_desk.base import clock, roles
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.base.vocab import label
from feedback_desk.desks.work import duplicates, giving, permissions
from feedback_desk.desks.work.files import FILES
from feedback_desk.desks.work.vocab import URGENCIES, WORK_KINDS, WORK_STATES

from ui.kit.people_pickers import PeopleChecklist, PersonCombo
from ui.kit import operation
from ui.kit.attachment_strip import add_files_field
from ui.kit.forms import FormDialog
from ui.kit.permitted import may
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items

OFFER_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px; border: 1px solid #e0c060;"


def kinds_for(author: Staff) -> list[tuple[str, str]]:
    """The kinds of work the person may give (a meeting's decisions are given with their meeting)."""
    headed = roles.headed_departments(author.id)
    items = []
    for kind, text in WORK_KINDS.items():
        if kind == "meeting_decision":
            continue
        department = headed[0] if kind == "manager_to_subordinate" and headed else None
        if may(permissions.TO_GIVE[kind], author, permissions.proposal(kind, None, department, author.id)):
            items.append((kind, _(text)))
    return items


class DueDate(QWidget):
    """A due date, or none (the work is then reported on every working day: 日事日清)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.date = DateEdit()
        self.date.setAccessibleName(_("Due date"))
        self.date.set_value(clock.today_local() + dt.timedelta(days=1))
        self.none = QCheckBox(_("No due date: reported on every working day"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.none, 1)
        self.none.toggled.connect(lambda checked: self.date.setEnabled(not checked))

    def value(self) -> dt.date | None:
        return None if self.none.isChecked() else self.date.value()

    def set_value(self, value: dt.date | None) -> None:
        self.none.setChecked(value is None)
        if value is not None:
            self.date.set_value(value)


class GiveWorkForm(FormDialog):
    """A new work item, given by the person signed in (see the module's doc)."""

    def __init__(self, author: Staff, parent=None):
        super().__init__(_("Give work"), parent)
        self.author = author
        self.added_to = None          # the open item the text was added to instead, if so
        self.similar: list[duplicates.Similar] = []
        self.kind = self.add_field("kind", _("Kind"), ChoiceCombo(kinds_for(author)))
        self.kind.set_value("cross_department")
        self.doer = self.add_field("doer", _("Doer"), PersonCombo(leave_out=(author.id,)))
        self.copied = self.add_field("copied", _("Copied to"), PeopleChecklist())
        self.urgency = self.add_field("urgency", _("Urgency"), ChoiceCombo(vocab_items(URGENCIES)))
        self.urgency.set_value("ordinary")
        self.task = self.add_field("task", _("Task"), QPlainTextEdit())
        self.task.setTabChangesFocus(True)
        self.task.setMinimumHeight(90)
        self.offer = QFrame()
        self.offer.setObjectName("similar_offer")
        self.offer.setStyleSheet(OFFER_STYLE)
        offer_layout = QVBoxLayout(self.offer)
        offer_layout.setContentsMargins(4, 4, 4, 4)
        self.offer_text = QLabel()
        self.offer_text.setWordWrap(True)
        self.offer_choice = ChoiceCombo([])
        self.offer_choice.setAccessibleName(_("Open item alike"))
        self.add_btn = QPushButton(_("Add to that item"))
        self.add_btn.setToolTip(_("Add what you typed to the open item as a note, instead of giving the work twice; "
                                  "you are copied on it from then on"))
        self.add_btn.setAutoDefault(False)
        self.add_btn.clicked.connect(self.add_to_open)
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer_choice, 1)
        offer_row.addWidget(self.add_btn)
        offer_layout.addWidget(self.offer_text)
        offer_layout.addLayout(offer_row)
        self.form.addRow("", self.offer)
        self.offer.hide()
        self.due = self.add_field("due_on", _("Due date"), DueDate())
        self.files = add_files_field(self, author, FILES)
        self.finish_layout()
        self._similar_timer = QTimer(self, singleShot=True, interval=300)
        self._similar_timer.timeout.connect(self.check_similar)
        self.task.textChanged.connect(self._similar_timer.start)
        self.doer.currentTextChanged.connect(lambda _t: self._similar_timer.start())
        self.copied.changed.connect(self.mark_dirty)
        self.due.none.toggled.connect(self.mark_dirty)
        self.due.date.dateChanged.connect(lambda _d: self.clear_error("due_on"))
        self.resize(620, 600)
        self.dirty = False
        self.doer.setFocus()

    # --- no repeated submissions ------------------------------------------------------------
    def check_similar(self) -> list[duplicates.Similar]:
        """Ask the core for open items of the doer's department alike the task; say so when there are."""
        doer = self.doer.value()
        department = self.doer.department_of(doer)
        text = self.task.toPlainText()
        self.similar = duplicates.similar_open(department, text) if department is not None and text.strip() else []
        if not self.similar:
            self.offer.hide()
            return []
        first = self.similar[0].item
        self.offer_text.setText(_("Much the same work is open in {department} already: add to it instead of giving "
                                  "it again (杜绝重复提报).").format(department=first.department.name
                                                               if first.department_id else ""))
        self.offer_choice.set_items([(s.item.id, self._similar_label(s)) for s in self.similar])
        self.offer.show()
        return self.similar

    @staticmethod
    def _similar_label(similar: duplicates.Similar) -> str:
        item = similar.item
        task = item.task.replace("\n", " ")
        return "{number} “{task}” — {state}, {doer}".format(
            number=item.number, task=task[:40] + ("…" if len(task) > 40 else ""),
            state=label(WORK_STATES, item.state), doer=item.doer.name)

    def add_to_open(self) -> bool:
        item_id = self.offer_choice.value()
        if item_id is None:
            return False
        text = self.task.toPlainText()  # the files picked go to the open item with the text
        outcome = operation.run(self, lambda: self.files.save_new(lambda: duplicates.add_to_open(item_id, text,
                                                                                                 self.author)),
                                form=self, context="adding to an open work item")
        if not outcome.ok:
            return False
        self.added_to = self.result_record = outcome.result
        self.dirty = False
        self.accept()
        return True

    # --- giving ------------------------------------------------------------------------------
    def values(self) -> dict:
        return {"kind": self.kind.value(), "doer": self.doer.value(), "copied": self.copied.value(),
                "urgency": self.urgency.value(), "task": self.task.toPlainText(), "due_on": self.due.value()}

    def save(self):  # the item and the files picked for it: one transaction
        values = self.values()
        return self.files.save_new(lambda: giving.give(values, self.author))
