"""Signing in as a receptionist does it: by keyboard, messages beside the fields, the first
administrator of a new database, a first password changed, and the locked screen that keeps
every open form."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from feedback_desk.base import roles, sign_in, staff
from feedback_desk.base.models import Department, Staff
from ui.desks.customers.forms import CustomerForm
from ui.kit import screen_lock
from ui.kit.screen_lock import UnlockDialog
from ui.kit.sign_in_dialogs import ChangePasswordDialog, SignInDialog

from qt_fixtures import press, settings, type_text, window  # noqa: F401

SECRET = "Front-desk-8"


def _dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_first_person_on_an_empty_database_becomes_the_administrator(qtbot, db):
    dialog = _dialog(qtbot, SignInDialog())
    assert dialog.windowTitle() == "The first administrator"
    type_text(qtbot, dialog.name, "吴主任")
    dialog.department.set_value(Department.get(Department.name == "Front office").id)
    type_text(qtbot, dialog.password, "short")
    press(qtbot, dialog.password, Qt.Key.Key_Return)  # on to the second box
    assert dialog.confirmation.hasFocus()
    type_text(qtbot, dialog.confirmation, "short")
    press(qtbot, dialog.confirmation, Qt.Key.Key_Return)
    assert dialog.error_text("password") == "A password has at least 8 characters."
    assert dialog.isVisible() and Staff.select().count() == 0 and dialog.name.text() == "吴主任"
    assert dialog.password.text() == ""  # a refused password is typed again, not kept

    type_text(qtbot, dialog.password, SECRET)
    type_text(qtbot, dialog.confirmation, SECRET)
    press(qtbot, dialog.confirmation, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    person = dialog.signed.person
    assert person.name == "吴主任" and roles.holds(person.id, roles.ADMIN)


def test_a_receptionist_signs_in_by_keyboard_and_a_wrong_password_is_said_beside_it(qtbot, clerk, other):
    admin = sign_in.become_administrator(clerk.id, SECRET, SECRET).person
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    sign_in.change_password(other.id, SECRET, "Li-Na-own-pass", "Li-Na-own-pass")
    dialog = _dialog(qtbot, SignInDialog())
    assert dialog.windowTitle() == "Sign in" and not dialog.fields["confirmation"].container.isVisible()
    assert dialog.findChild(type(dialog.general_error), "demo_password") is None  # not a demo: no password shown
    type_text(qtbot, dialog.people.find, "李")
    assert dialog.people.list.count() == 1
    press(qtbot, dialog.people.find, Qt.Key.Key_Return)
    assert dialog.password.hasFocus()
    type_text(qtbot, dialog.password, "Li-Na-wrong")
    press(qtbot, dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_text("password").startswith("Wrong password. 4 more wrong")
    type_text(qtbot, dialog.password, "Li-Na-own-pass")
    press(qtbot, dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.signed.person.id == other.id
    assert not dialog.signed.must_change_password


def test_the_demo_shows_its_password_on_the_sign_in_screen(qtbot, clerk):
    sign_in.give_everyone_the_demo_password()
    dialog = _dialog(qtbot, SignInDialog(demo=True))
    hint = dialog.findChild(type(dialog.general_error), "demo_password")
    assert hint is not None and sign_in.DEMO_PASSWORD in hint.text()


def test_a_first_password_is_replaced_by_ones_own(qtbot, clerk, other):
    admin = sign_in.become_administrator(clerk.id, SECRET, SECRET).person
    sign_in.set_first_password(other.id, SECRET, SECRET, admin)
    signed = sign_in.sign_in(other.id, SECRET)
    assert signed.must_change_password
    dialog = _dialog(qtbot, ChangePasswordDialog(signed.person, SECRET))
    assert not dialog.fields["current"].container.isVisible()  # just typed at the sign-in
    type_text(qtbot, dialog.password, "Li-Na-own-pass")
    type_text(qtbot, dialog.confirmation, "Li-Na-own-pasz")
    press(qtbot, dialog.confirmation, Qt.Key.Key_Return)
    assert dialog.error_text("confirmation") == "The two passwords differ: type the same one twice."
    type_text(qtbot, dialog.password, "Li-Na-own-pass")
    type_text(qtbot, dialog.confirmation, "Li-Na-own-pass")
    press(qtbot, dialog.confirmation, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert not sign_in.sign_in(other.id, "Li-Na-own-pass").must_change_password


def _when_locked(then, tries: int = 250) -> None:
    """Call `then(lock)` once the locked screen is up (polled: it comes up inside a key press)."""
    lock = QApplication.activeModalWidget()
    if isinstance(lock, UnlockDialog):
        then(lock)
    elif tries:
        QTimer.singleShot(20, lambda: _when_locked(then, tries - 1))


def test_ctrl_l_locks_the_screen_and_the_password_brings_back_the_form_with_its_text(qtbot, window, clerk):
    sign_in.become_administrator(clerk.id, SECRET, SECRET)
    window.desks["customers"].table.view.setFocus()
    press(qtbot, window.desks["customers"].table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = [f for f in window.findChildren(CustomerForm) if f.isVisible()][-1]
    type_text(qtbot, form.name, "张")
    seen = {}

    def at_the_locked_screen(lock):
        seen["hidden"] = not window.isVisible() and not form.isVisible()
        type_text(qtbot, lock.password, "not-the-password")
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)
        seen["wrong"] = lock.error_text("password")
        qtbot.keyClick(lock.password, Qt.Key.Key_Escape)  # Escape does not get round it
        seen["still"] = lock.isVisible()
        type_text(qtbot, lock.password, SECRET)
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)

    _when_locked(at_the_locked_screen)
    press(qtbot, form.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # in the open form
    qtbot.waitUntil(lambda: "still" in seen and window.isVisible(), timeout=5000)
    assert seen["hidden"] and seen["still"] and seen["wrong"].startswith("Wrong password.")
    assert window.isVisible() and form.isVisible() and form.name.text() == "张" and form.dirty
    form.dirty = False
    form.reject()


def test_the_window_locks_itself_after_the_idle_minutes_and_input_puts_that_off(qtbot, window, clerk,
                                                                              monkeypatch):
    sign_in.become_administrator(clerk.id, SECRET, SECRET)
    now = [1000.0]
    monkeypatch.setattr(screen_lock, "monotonic", lambda: now[0])  # the steady clock, moved by hand
    lock = window.screen_lock
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    now[0] += 9 * 60
    qtbot.keyClick(window, Qt.Key.Key_Shift)  # a key after 9 minutes: the 10 start again
    now[0] += 9 * 60
    lock.check_idle()
    assert window.isVisible() and not lock.locked
    locked = []

    def unlock(screen):
        locked.append(not window.isVisible())
        type_text(qtbot, screen.password, SECRET)
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)

    now[0] += 60  # ten minutes since the last key
    _when_locked(unlock)
    lock.check_idle()
    assert locked == [True] and window.isVisible()
    assert staff.get_staff(clerk.id).failed_sign_ins == 0


def test_the_administrator_gives_a_first_password_and_a_deactivated_person_stays_listed(qtbot, clerk, other):
    from ui.kit.staff_dialogs import FirstPasswordForm, StaffForm, StaffPicker

    admin = sign_in.become_administrator(clerk.id, SECRET, SECRET).person
    form = _dialog(qtbot, FirstPasswordForm(other, admin))
    type_text(qtbot, form.password, "Li-Na-first-1")
    type_text(qtbot, form.confirmation, "Li-Na-first-1")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert sign_in.sign_in(other.id, "Li-Na-first-1").must_change_password

    edit = _dialog(qtbot, StaffForm(staff.get_staff(other.id), None, admin))
    edit.active.setFocus()
    press(qtbot, edit.active, Qt.Key.Key_Space)  # no longer works here
    press(qtbot, edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not edit.isVisible() and not staff.get_staff(other.id).active
    picker = _dialog(qtbot, StaffPicker(admin.id, None, manage=True, by=admin))
    texts = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert any(t.startswith("李娜") and "(no longer here)" in t for t in texts)
    picker.close()
