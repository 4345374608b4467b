"""Picking people on any desk's forms: one person found as you type (a work item's doer, a meeting's
chair), or several ticked in a list narrowed as you type (the people copied, the attendees, a major
problem's investigation team).
Only the staff who still work here are offered (the core refuses anyone else anyway)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from feedback_desk.base import staff
from feedback_desk.base.i18n import _

from ui.kit.pickers import person_label

NOT_ON_THE_LIST = -1  # a name typed that is nobody's: the core says "Choose a person from the staff list."


class PersonCombo(QComboBox):
    """One person: type part of a name or a department and pick from the narrowed list."""

    def __init__(self, leave_out: tuple[int, ...] = (), parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.departments: dict[int, int | None] = {}
        for person in staff.staff_list():
            if person.id not in leave_out:
                self.addItem(person_label(person), person.id)
                self.departments[person.id] = person.department_id
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().setPlaceholderText(_("Type to find a name"))
        self.setCurrentIndex(-1)

    def value(self) -> int | None:
        """The person picked; None when nothing is typed; NOT_ON_THE_LIST for a name that is nobody's."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:  # part of one name only: that person
            found = [i for i in range(self.count()) if text.casefold() in self.itemText(i).casefold()]
            index = found[0] if len(found) == 1 else -1
        return self.itemData(index) if index >= 0 else NOT_ON_THE_LIST

    def set_value(self, staff_id: int | None) -> None:
        index = self.findData(staff_id) if staff_id is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def department_of(self, staff_id: int | None) -> int | None:
        return self.departments.get(staff_id) if staff_id is not None else None


class PeopleChecklist(QWidget):
    """Several people: tick them in the list; typing above it narrows the list (the ticks stay)."""
    changed = Signal()

    def __init__(self, parent=None, max_height: int | None = 110):
        super().__init__(parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Type to find a name"))
        self.find.setAccessibleName(_("Find a person"))
        self.find.setClearButtonEnabled(True)
        self.list = QListWidget()
        if max_height is not None:  # on a form; in a dialog of its own the list takes the room
            self.list.setMaximumHeight(max_height)
        for person in staff.staff_list():
            item = QListWidgetItem(person_label(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.find)
        layout.addWidget(self.list)
        self.find.textChanged.connect(self._narrow)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.list.setAccessibleName(name)

    def _narrow(self, text: str) -> None:
        term = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(term) and term not in item.text().casefold())

    def value(self) -> list[int]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def show_ticked_only(self) -> None:
        """A record kept as it was made: only the people ticked, no find box, no ticking."""
        self.find.hide()
        rows = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setHidden(not ticked)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            rows += ticked
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * max(1, min(rows, 4)) + 2 * self.list.frameWidth())

    def set_value(self, ids) -> None:
        wanted = set(ids or ())
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
