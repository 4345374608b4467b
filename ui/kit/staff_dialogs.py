"""Who is working (picked at start) and the editable staff list with departments."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from feedback_desk.base import responsible, roles, sign_in, staff
from feedback_desk.base.i18n import _
from feedback_desk.base.models import Staff

from ui.kit.pickers import department_items
from ui.kit.forms import FormDialog
from ui.kit.widgets import ChoiceCombo
from ui.kit.screen_fit import FittingDialog


class StaffForm(FormDialog):
    def __init__(self, person: Staff | None = None, parent=None, by: Staff | None = None):
        super().__init__(_("Member of staff"), parent)
        self.person, self.by = person, by
        self.name = self.add_field("name", _("Name"), QLineEdit())
        self.department = self.add_field("department", _("Department"),
                                         ChoiceCombo(department_items(), blank=_("(none)")))
        works_here = QCheckBox(_("Can sign in and is offered in lists"))
        works_here.setChecked(True)  # before the form watches it: a new person's form is not dirty
        self.active = self.add_field("active", _("Works here"), works_here)
        self.roles = self.add_field("roles", _("Roles"), RolesList())
        self.roles.setToolTip(_("A head of department is who complaints, late items and referrals of "
                                "the department go to."))
        self.finish_layout()
        if person is not None:
            self.name.setText(person.name)
            self.department.set_value(person.department_id)
            self.roles.set_value([g.role for g in roles.grants_of(person.id)])
            self.active.setChecked(person.active)
            self.dirty = False
        self.roles.itemChanged.connect(self.mark_dirty)
        self.name.setFocus()

    def save(self):
        return staff.save_staff(self.name.text(), self.department.value(),
                                self.person.id if self.person else None, active=self.active.isChecked(),
                                roles=self.roles.value(), by=self.by,
                                version=self.person.version if self.person else None)


class RolesList(QListWidget):
    """The roles a person holds, each a box to tick (everyone is staff without one)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        for key in roles.HELD:
            item = QListWidgetItem(_(roles.LABELS[key]))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(self.sizeHintForRow(0) * 5 + 6)

    def value(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, keys) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                               else Qt.CheckState.Unchecked)


class DepartmentForm(FormDialog):
    """A new department, or an existing one renamed and given its complaints owner."""

    def __init__(self, parent=None, department_id: int | None = None):
        super().__init__(_("Department") if department_id else _("New department"), parent)
        self.department_id = department_id
        # what the form shows, passed back when it saves: a change by someone else meanwhile is refused
        self.version, self.owner_read = None, None
        self.name = self.add_field("name", _("Name"), QLineEdit())
        people = [(p.id, _person_text(p)) for p in staff.staff_list()]
        self.owner = self.add_field("complaints_owner", _("Complaints owner"),
                                    ChoiceCombo(people, blank=_("(the department's head)")))
        self.owner.setToolTip(_("Who handles complaints about this department when the person registering "
                                "one names nobody; never the person complained about."))
        self.finish_layout()
        department = staff.get_department(department_id) if department_id is not None else None
        if department is not None:
            self.version, self.owner_read = department.version, responsible.complaints_owner_of(department_id)
            self.name.setText(department.name)
            self.owner.set_value(self.owner_read)
            self.dirty = False
        self.resize(460, self.sizeHint().height())

    def save(self):
        return responsible.save_department(self.name.text(), self.department_id, self.owner.value(),
                                           version=self.version, expected_owner=self.owner_read)


def _person_text(person: Staff) -> str:
    return person.name + (f"  ·  {person.department.name}" if person.department_id else "")


class StaffPicker(FittingDialog):
    """At start: pick your name; type to narrow the list; add yourself if missing."""

    def __init__(self, last_id: int | None = None, parent=None, manage: bool = False, by: Staff | None = None):
        super().__init__(parent)
        self.by, self.manage = by, manage
        self.setWindowTitle(_("Staff and departments") if manage else _("Who is working?"))
        self.chosen: Staff | None = None
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Type to find your name"))
        self.find.setAccessibleName(_("Find"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Staff"))
        self.add_button = QPushButton(_("New person…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.dept_button = QPushButton(_("New department…"))
        self.password_button = QPushButton(_("First password…"))
        self.password_button.setVisible(manage)
        self.dept_edit = ChoiceCombo(department_items(), blank=_("Edit a department…"))
        self.dept_edit.setAccessibleName(_("Edit a department"))
        self.dept_edit.setVisible(manage)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if manage:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.password_button, self.dept_button, self.dept_edit):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        if not manage:
            layout.addWidget(QLabel(_("Everything you record is saved under your name.")))
        layout.addWidget(self.find)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.password_button.clicked.connect(self.first_password)
        self.dept_button.clicked.connect(lambda: DepartmentForm(self).exec())
        self.dept_edit.activated.connect(self.edit_department)
        self.find.textChanged.connect(self.fill)
        self.find.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.fill()
        if last_id is not None:
            self.select(last_id)
        self.resize(380, 420)
        self.find.setFocus()

    def fill(self, *args) -> None:
        term = self.find.text().strip().lower()
        current = self.current_id()
        self.list.clear()
        for person in staff.staff_list(include_inactive=self.manage):  # managing: those gone too
            text = _person_text(person) + ("" if person.active else "  " + _("(no longer here)"))
            if term and term not in text.lower():
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        if current is None or not self.select(current):
            self.list.setCurrentRow(0)

    def select(self, staff_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def add_person(self) -> None:
        form = StaffForm(None, self, self.by)
        if form.exec():
            self.find.clear()
            self.fill()
            self.select(form.result_record.id)

    def edit_person(self) -> None:
        sid = self.current_id()
        if sid is not None:
            form = StaffForm(staff.get_staff(sid), self, self.by)
            if form.exec():
                self.fill()

    def first_password(self) -> None:
        sid = self.current_id()
        if sid is not None and self.by is not None:
            FirstPasswordForm(staff.get_staff(sid), self.by, self).exec()

    def edit_department(self, *args) -> None:
        department_id = self.dept_edit.value()
        self.dept_edit.setCurrentIndex(0)
        if department_id is not None and DepartmentForm(self, department_id).exec():
            self.dept_edit.set_items(department_items(), _("Edit a department…"))
            self.fill()

    def accept(self) -> None:
        sid = self.current_id()
        if sid is None:
            return
        self.chosen = staff.get_staff(sid)
        super().accept()


class FirstPasswordForm(FormDialog):
    """An administrator gives a person a first password, which they change at their first sign-in."""

    def __init__(self, person: Staff, by: Staff, parent=None):
        from ui.kit.sign_in_dialogs import password_box

        super().__init__(_("First password for {name}").format(name=person.name), parent)
        self.person, self.by = person, by
        note = QLabel(_("{name} signs in with it once and then chooses their own.").format(name=person.name))
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.password = self.add_field("password", _("First password"), password_box())
        self.confirmation = self.add_field("confirmation", _("Password again"), password_box())
        self.finish_layout()
        self.password.setFocus()

    def save(self):
        typed, again = self.password.text(), self.confirmation.text()
        self.password.clear()
        self.confirmation.clear()
        return sign_in.set_first_password(self.person.id, typed, again, self.by)
