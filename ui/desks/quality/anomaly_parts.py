"""Parts of the anomaly sheet form: the CAPA actions table and its dialog, the choice of the
investigation team's members (its photos and files: ui/kit/attachment_strip.py)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from feedback_desk.base import clock
from feedback_desk.desks.quality import actions as quality_actions, permissions
from feedback_desk.base.formatting import fmt_date
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff
from feedback_desk.desks.quality.models import CapaAction
from feedback_desk.base.vocab import ACTION_KINDS, label

from ui.kit import operation
from ui.kit.desk_tab import ask_void_reason, button
from ui.kit.forms import ERROR_STYLE, FormDialog
from ui.kit.paged_model import WARN_COLOUR
from ui.kit.permitted import guard
from ui.kit.people_pickers import PeopleChecklist
from ui.kit.pickers import people_items
from ui.kit.screen_fit import FittingDialog
from ui.kit.tables import read_only
from ui.kit.widgets import ChoiceCombo, DateEdit, vocab_items


class ActionForm(FormDialog):
    """One CAPA action: kind, what, owner, due date, done date, evidence."""

    def __init__(self, author: Staff, sheet_id: int, action: CapaAction | None = None, parent=None):
        super().__init__(_("Action") if action else _("New action"), parent)
        self.author, self.sheet_id, self.action = author, sheet_id, action
        self.kind = self.add_field("kind", _("Kind"), ChoiceCombo(vocab_items(ACTION_KINDS)))
        self.what = self.add_field("what", _("What is to be done"), QPlainTextEdit())
        self.what.setTabChangesFocus(True)
        self.what.setMaximumHeight(70)
        self.owner = self.add_field("owner", _("Owner"), ChoiceCombo(people_items(), blank="—"))
        self.due_on = self.add_field("due_on", _("Due"), DateEdit(optional=True))
        self.done_on = self.add_field("done_on", _("Done on"), DateEdit(optional=True))
        self.evidence = self.add_field("evidence", _("Evidence"), QLineEdit())
        self.evidence.setPlaceholderText(_("e.g. first-article inspection report"))
        self.finish_layout()
        self.resize(520, 320)
        if action is not None:
            self.kind.set_value(action.kind)
            self.what.setPlainText(action.what)
            self.owner.set_value(action.owner_id)
            self.due_on.set_value(action.due_on)
            self.done_on.set_value(action.done_on)
            self.evidence.setText(action.evidence)
        else:
            self.kind.set_value("corrective")
            self.owner.set_value(author.id)
        self.dirty = False
        (self.done_on if action else self.what).setFocus()

    def values(self) -> dict:
        return {"kind": self.kind.value(), "what": self.what.toPlainText(), "owner": self.owner.value(),
                "due_on": self.due_on.value(), "done_on": self.done_on.value(), "evidence": self.evidence.text()}

    def save(self):
        if self.action is None:
            return quality_actions.add_action(self.sheet_id, self.values(), self.author)
        return quality_actions.update_action(self.action.id, self.action.version, self.values(), self.author)


class ActionsPanel(QWidget):
    """The sheet's actions as rows, with add / edit / mark done / void; overdue ones in red."""
    changed = Signal()

    def __init__(self, author: Staff, parent=None):
        super().__init__(parent)
        self.author = author
        self.sheet_id: int | None = None
        self.editable = False
        self.actions: list[CapaAction] = []
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Kind"), _("What is to be done"), _("Owner"), _("Due"), _("Done"),
                                              _("Evidence")])
        self.table.setAccessibleName(_("Actions"))
        read_only(self.table, alternating=False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for col, width in enumerate((80, 170, 70, 110, 110)):
            head.resizeSection(col, width)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update)
        self.add_btn = button(_("Add action…"), _("A containment, corrective or preventive action (Ins)"),
                              self.add_action)
        self.edit_btn = button(_("Edit…"), _("Change the selected action (Enter)"), self.edit_selected)
        self.done_btn = button(_("Mark done"), _("The selected action is done today"), self.mark_done)
        self.void_btn = button(_("Void…"), _("Void the selected action with a reason"), self.void_selected)
        self.error = QLabel()
        self.error.setObjectName("error_actions")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for each in (self.add_btn, self.edit_btn, self.done_btn, self.void_btn):
            buttons.addWidget(each)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)
        self._update()

    def show_sheet(self, sheet_id: int, editable: bool) -> None:
        self.sheet_id, self.editable = sheet_id, editable
        self.actions = quality_actions.actions_of(sheet_id)
        today = clock.today_local()
        self.table.setRowCount(len(self.actions))
        for row, a in enumerate(self.actions):
            late = a.done_on is None and a.due_on is not None and a.due_on < today
            values = [label(ACTION_KINDS, a.kind), a.what.replace("\n", " "), a.owner.name if a.owner_id else "",
                      fmt_date(a.due_on), fmt_date(a.done_on), a.evidence.replace("\n", " ")]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(_("Overdue by {n} day(s)").format(n=(today - a.due_on).days) if late else value)
                if late:
                    item.setForeground(QBrush(WARN_COLOUR))
                self.table.setItem(row, col, item)
        open_count = sum(1 for a in self.actions if a.done_on is None)
        self.message.setText(_("{n} action(s), {open} not done yet.").format(n=len(self.actions), open=open_count)
                             if self.actions else _("No actions yet."))
        self._update()

    def _update(self) -> None:
        selected = self.selected()
        who = self.author
        guard(self.add_btn, permissions.ACTIONS, who, enabled=self.editable)
        guard(self.edit_btn, permissions.ACTION_DONE, who, selected, self.editable and selected is not None)
        guard(self.done_btn, permissions.ACTION_DONE, who, selected,
              self.editable and selected is not None and selected.done_on is None)
        guard(self.void_btn, permissions.ACTIONS, who, selected, self.editable and selected is not None)

    def selected(self) -> CapaAction | None:
        row = self.table.currentRow()
        return self.actions[row] if 0 <= row < len(self.actions) and self.table.selectedItems() else None

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _form(self, action: CapaAction | None) -> ActionForm | None:
        if not self.editable:
            return None
        form = ActionForm(self.author, self.sheet_id, action, self)
        form.accepted.connect(self._after)
        form.open()
        return form

    def add_action(self) -> ActionForm | None:
        return self._form(None)

    def edit_selected(self) -> ActionForm | None:
        action = self.selected()
        return self._form(action) if action is not None else None

    def _after(self) -> None:
        self.show_error("")
        self.show_sheet(self.sheet_id, self.editable)
        self.changed.emit()

    def mark_done(self) -> bool:
        action = self.selected()
        if action is None or not self.editable:
            return False
        if not operation.run(self, lambda: quality_actions.update_action(
                action.id, action.version, {"done_on": clock.today_local()}, self.author),
                on_error=self.show_error).ok:
            return False
        self._after()
        return True

    def void_selected(self) -> bool:
        action = self.selected()
        if action is None or not self.editable:
            return False
        reason = ask_void_reason(self, action.what[:30])
        if reason is None:
            return False
        if not operation.run(self, lambda: quality_actions.void_action(action.id, action.version, reason, self.author),
                             title=_("Not voided")).ok:
            return False
        self._after()
        return True


class TeamDialog(FittingDialog):
    """The members of a major problem's investigation team, ticked in the staff list (the team
    named so far ticked); find narrows the list."""

    def __init__(self, chosen: list[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Name the investigation team"))
        note = QLabel(_("The general manager forms an investigation team for a major problem (质量信息反馈服务管理制度 "
                        "4.5). Tick its members."))
        note.setWordWrap(True)
        self.people = PeopleChecklist(max_height=None)
        self.people.setAccessibleName(_("Members"))
        self.people.set_value(chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (note, self.people, buttons):
            layout.addWidget(widget)
        self.resize(420, 480)
        self.people.find.setFocus()

    def chosen(self) -> list[int]:
        """The staff ids ticked, in the list's order."""
        return self.people.value()
