"""Signing in (name and password), the first administrator of a database, and choosing one's own
password. Every refusal is said beside its field by the core (base/sign_in.py); the password
boxes are emptied after each try and nothing typed in them is kept."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from feedback_desk.base import sign_in, staff
from feedback_desk.base.i18n import _

from ui.kit.forms import FormDialog
from ui.kit.pickers import department_items
from ui.kit.widgets import ChoiceCombo


class EnterInTheBoxes(FormDialog):
    """Enter is the boxes' own (on to the next box, or sign in), never a press of the default
    button as well: one Enter is one try, one wrong password counted."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


def password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
                            | Qt.InputMethodHint.ImhSensitiveData)
    return box


class NameList(QWidget):
    """Find-as-you-type over the active staff: a box above a list; Enter moves on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText(_("Type to find your name"))
        self.find.setAccessibleName(_("Find"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Staff"))
        self.list.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find)
        layout.addWidget(self.list)
        self.find.textChanged.connect(self.fill)
        self.fill()

    def fill(self, *args) -> None:
        term = self.find.text().strip().lower()
        current = self.value()
        self.list.clear()
        for person in staff.staff_list():
            text = person.name + (f"  ·  {person.department.name}" if person.department_id else "")
            if term and term not in text.lower():
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        if current is None or not self.set_value(current):
            self.list.setCurrentRow(0)

    def value(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def set_value(self, staff_id) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.list.setCurrentRow(row)
                return True
        return False


class SignInDialog(EnterInTheBoxes):
    """Who is working: a name and a password. On a database where nobody has a password yet, the
    one signing in chooses a password and becomes the administrator (a new person, if the staff
    list is empty). `signed` holds the core's `SignedIn` once accepted."""

    def __init__(self, last_id: int | None = None, demo: bool = False, parent=None):
        self.first = sign_in.nobody_has_a_password()
        super().__init__(_("Sign in") if not self.first else _("The first administrator"), parent)
        self.new_person = self.first and not staff.staff_list()
        if self.first:
            intro = QLabel(_("Nobody has a password on this database yet. Whoever signs in first becomes its "
                             "administrator, chooses a password here and then gives everyone else theirs."))
            intro.setWordWrap(True)
            self.body.insertWidget(0, intro)
        if demo:
            hint = QLabel(_("Demo database: everyone's password is {password}").format(
                password=sign_in.DEMO_PASSWORD))
            hint.setObjectName("demo_password")
            hint.setStyleSheet("color: #1a5fb4; font-weight: bold;")
            self.body.insertWidget(0, hint)
        if self.new_person:
            self.name = self.add_field("name", _("Your name"), QLineEdit())
            self.department = self.add_field("department", _("Department"),
                                             ChoiceCombo(department_items(), blank=_("(none)")))
            self.people = None
        else:
            self.people = self.add_field("name", _("Name"), NameList())
            if last_id is not None:
                self.people.set_value(last_id)
            self.people.find.returnPressed.connect(lambda: self.password.setFocus())
            self.people.list.itemActivated.connect(lambda _item: self.password.setFocus())
        self.password = self.add_field("password", _("Password"), password_box())
        self.confirmation = self.add_field("confirmation", _("Password again"), password_box())
        self.set_row_visible("confirmation", self.first)
        self.password.returnPressed.connect(self._enter)
        self.confirmation.returnPressed.connect(self.try_save)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setIcon(QIcon())  # not a floppy disk
        self.signed: sign_in.SignedIn | None = None
        (self.name if self.new_person else self.people.find).setFocus()
        self.resize(420, self.sizeHint().height())

    def _enter(self) -> None:
        if self.first:
            self.confirmation.setFocus()
        else:
            self.try_save()

    def save(self):
        typed, again = self.password.text(), self.confirmation.text()
        self.password.clear()
        self.confirmation.clear()
        if self.new_person:
            self.signed = sign_in.become_administrator(None, typed, again, self.name.text(), self.department.value())
        elif self.first:
            self.signed = sign_in.become_administrator(self.people.value(), typed, again)
        else:
            self.signed = sign_in.sign_in(self.people.value(), typed)
            if self.signed.must_change_password:
                self.first_password = typed  # handed to the change-password form, then forgotten
        return self.signed.person

    def reject(self) -> None:
        self.dirty = False  # nothing to keep: a sign-in is typed again
        super().reject()


class ChangePasswordDialog(EnterInTheBoxes):
    """Choose one's own password: at the first sign-in (the first password already given), or
    any time from File (the present one asked)."""

    def __init__(self, person, present: str | None = None, parent=None):
        super().__init__(_("Choose your password"), parent)
        self.person, self.present = person, present
        if present is not None:
            note = QLabel(_("An administrator gave you a first password: choose your own now."))
            note.setWordWrap(True)
            self.body.insertWidget(0, note)
        self.current = self.add_field("current", _("Present password"), password_box())
        self.set_row_visible("current", present is None)
        self.password = self.add_field("password", _("New password"), password_box())
        self.confirmation = self.add_field("confirmation", _("New password again"), password_box())
        self.current.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.confirmation.setFocus)
        self.confirmation.returnPressed.connect(self.try_save)
        self.finish_layout()
        (self.current if present is None else self.password).setFocus()

    def save(self):
        current = self.present if self.present is not None else self.current.text()
        typed, again = self.password.text(), self.confirmation.text()
        self.current.clear()
        self.password.clear()
        self.confirmation.clear()
        return sign_in.change_password(self.person.id, current, typed, again)


def sign_in_at_start(last_id: int | None, demo: bool, parent=None):
    """The sign-in, then a first password changed: the person signed in, or None if cancelled."""
    dialog = SignInDialog(last_id, demo, parent)
    if not dialog.exec() or dialog.signed is None:
        return None
    person = dialog.signed.person
    if dialog.signed.must_change_password:
        change = ChangePasswordDialog(person, getattr(dialog, "first_password", ""), parent)
        dialog.first_password = None
        if not change.exec():
            return None
        person = change.result_record
    return person
