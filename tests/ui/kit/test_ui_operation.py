"""The one way a widget runs a use case (ui.kit.operation.run): what the user sees for a refusal
beside the fields, a record changed meanwhile, a locked database, a disk fault and a bug; the wait
cursor while it runs, and the form keeps what was typed."""
from __future__ import annotations

import sqlite3

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from feedback_desk.base import db as dbmod
from feedback_desk.base.errors import ValidationError
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.models import Customer
from feedback_desk.desks.suggestions import box as suggestions
from ui.desks.customers.forms import CustomerForm
from ui.desks.suggestions.categories import SuggestionCategories
from ui.kit import faults, operation

from qt_fixtures import press, type_text

BUSY = "Another workstation is saving; try again in a moment. Nothing was saved."


@pytest.fixture(autouse=True)
def no_log_left():
    yield
    faults.stop_log()


@pytest.fixture
def boxes(monkeypatch):
    """The warning boxes the user would see: (title, text, whether the wait cursor was still on)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(
        (title, text, QApplication.overrideCursor() is not None)) or QMessageBox.StandardButton.Ok)
    return shown


@pytest.fixture
def form(qtbot, clerk):
    dialog = CustomerForm(clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def page(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _hold_write_lock(tmp_path):
    """Another workstation in the middle of a save: it holds the write lock."""
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    dbmod.database.execute_sql("PRAGMA busy_timeout = 200")  # wait 0.2 s, not 10 s, in the test
    return other


def test_success_returns_the_result_under_the_wait_cursor_then_restores_it(qtbot, form, boxes):
    type_text(qtbot, form.name, "张")
    type_text(qtbot, form.organisation, "国税局")
    during = []

    def save():
        during.append(QApplication.overrideCursor().shape())
        return form.save()

    outcome = operation.run(form, save, form=form)
    assert during == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert outcome.ok and outcome.error is None and outcome.message == ""
    assert outcome.result.organisation == "国税局" and Customer.get().name == "张"
    assert not form.general_error.isVisible() and boxes == []


def test_a_refusal_shows_each_message_beside_its_field_and_keeps_the_typed_text(qtbot, form, boxes):
    type_text(qtbot, form.organisation, "国税局")
    type_text(qtbot, form.phones, "138-0531 abc")
    outcome = operation.run(form, form.save, form=form)
    assert not outcome.ok and isinstance(outcome.error, ValidationError)
    assert form.error_text("name") == "Enter the customer's name."
    assert form.fields["name"].error.isVisible()
    assert "is not a phone number" in form.error_text("phones") and form.fields["phones"].error.isVisible()
    assert not form.general_error.isVisible() and boxes == []
    assert (form.organisation.text(), form.phones.text()) == ("国税局", "138-0531 abc")
    assert form.focusWidget() is form.name  # the first field to correct
    assert QApplication.overrideCursor() is None
    assert Customer.select().count() == 0


def test_a_refusal_saved_with_ctrl_s_keeps_the_form_open(qtbot, form, boxes):
    type_text(qtbot, form.phones, "138-0531 abc")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.fields["phones"].error.isVisible()
    assert form.phones.text() == "138-0531 abc"
    assert QApplication.overrideCursor() is None and boxes == []


def test_without_a_form_a_refusal_is_one_box_with_the_messages_one_a_line(page, boxes, clerk):
    outcome = operation.run(page, lambda: customers.create_customer({"phones": "abc"}, clerk), title="Not saved")
    assert not outcome.ok
    assert boxes == [("Not saved", "Enter the customer's name.\n“abc” is not a phone number: "
                                   "use digits, spaces, + - ( ).", False)]
    assert outcome.message == boxes[0][1]


def test_a_record_changed_meanwhile_is_said_on_the_form_and_in_a_box(qtbot, clerk, other, boxes):
    zhang = customers.create_customer({"name": "张", "organisation": "国税局"}, clerk)
    form = CustomerForm(clerk, zhang)
    qtbot.addWidget(form)
    form.show()
    customers.update_customer(zhang.id, zhang.version, {"name": "张", "title": "处长"}, other)  # another desk
    type_text(qtbot, form.title_edit, "科长")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert form.general_error.isVisible() and "changed by someone else" in form.general_error.text()
    assert [(title, on) for title, _text, on in boxes] == [("Changed by someone else", False)]
    assert boxes[0][1] == form.general_error.text()
    assert form.title_edit.text() == "科长"
    assert Customer.get_by_id(zhang.id).title == "处长"


def test_without_a_form_a_conflict_is_a_box_with_the_sites_title(page, clerk, other, boxes):
    zhang = customers.create_customer({"name": "张"}, clerk)
    customers.update_customer(zhang.id, zhang.version, {"name": "张", "title": "处长"}, other)
    outcome = operation.run(page, lambda: customers.void_customer(zhang.id, zhang.version, "重复", clerk),
                            title="Not voided")
    assert not outcome.ok
    assert len(boxes) == 1 and boxes[0][0] == "Not voided" and "changed by someone else" in boxes[0][1]
    assert not Customer.get_by_id(zhang.id).voided


def test_a_locked_database_is_said_on_the_form_which_keeps_the_text(qtbot, form, boxes, tmp_path):
    type_text(qtbot, form.name, "张")
    type_text(qtbot, form.phones, "138 0531 0001")
    holder = _hold_write_lock(tmp_path)
    try:
        outcome = operation.run(form, form.save, form=form)
    finally:
        holder.rollback()
        holder.close()
    assert not outcome.ok and outcome.message == BUSY
    assert form.general_error.isVisible() and form.general_error.text() == BUSY
    assert (form.name.text(), form.phones.text()) == ("张", "138 0531 0001") and boxes == []
    assert QApplication.overrideCursor() is None
    assert operation.run(form, form.save, form=form).ok  # the lock is gone: try again
    assert Customer.get().phones == "138 0531 0001"


def test_a_lock_raised_by_the_driver_is_explained_and_logged(page, boxes, tmp_path):
    log = faults.start_log(tmp_path)

    def locked():
        raise peewee.OperationalError("database is locked")

    outcome = operation.run(page, locked, title="Report progress", context="reporting progress")
    assert not outcome.ok and isinstance(outcome.error, peewee.OperationalError)
    assert boxes == [("Report progress", BUSY, False)]
    logged = log.read_text(encoding="utf-8")
    assert "reporting progress" in logged and "OperationalError: database is locked" in logged


def test_a_disk_fault_is_said_in_words_and_logged(form, boxes, tmp_path):
    log = faults.start_log(tmp_path)
    missing = tmp_path / "gone" / "photo.jpg"
    outcome = operation.run(form, lambda: missing.read_bytes(), form=form)
    assert not outcome.ok
    assert form.general_error.text() == f"The file {missing} could not be used: No such file or directory"
    assert form.general_error.isVisible() and boxes == []
    assert "FileNotFoundError" in log.read_text(encoding="utf-8")


def test_a_bug_is_a_box_pointing_to_the_log_and_never_escapes(page, boxes, tmp_path):
    log = faults.start_log(tmp_path)
    outcome = operation.run(page, lambda: {}["missing"], title="Duty done")
    assert not outcome.ok and isinstance(outcome.error, KeyError)
    assert boxes == [("Duty done", "Something went wrong that the program did not expect (KeyError). "
                                   f"What you typed is kept. The details are in {log}.", False)]
    assert "KeyError: 'missing'" in log.read_text(encoding="utf-8")
    assert QApplication.overrideCursor() is None


def test_a_refusal_of_the_core_is_not_logged(page, boxes, tmp_path, clerk):
    log = faults.start_log(tmp_path)
    operation.run(page, lambda: customers.create_customer({}, clerk), title="Not saved")
    assert boxes == [("Not saved", "Enter the customer's name.", False)]
    assert "ValidationError" not in log.read_text(encoding="utf-8")


def test_on_error_takes_the_message_instead_of_a_box(page, boxes, clerk):
    label = QLabel(page)
    outcome = operation.run(page, lambda: customers.create_customer({}, clerk), on_error=label.setText)
    assert not outcome.ok and label.text() == "Enter the customer's name." and boxes == []


def test_a_page_with_messages_beside_its_fields_says_the_rest_on_its_own_line(page, boxes, clerk):
    """form= and on_error= together (ui.kit.field_messages): a field's message under the field,
    any other refusal on the page's line, and no box, not even for a change made meanwhile."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from feedback_desk.base.errors import ConflictError
    from ui.kit.field_messages import FieldMessages

    line = QLabel()
    messages = FieldMessages(line)
    name = QLineEdit()
    layout = QVBoxLayout(page)
    layout.addWidget(messages.beside("name", name))
    layout.addWidget(line)
    page.show()

    def run(call):
        return operation.run(page, call, form=messages, on_error=messages.show_general)

    assert not run(lambda: customers.create_customer({"name": "", "title": "x" * 101}, clerk)).ok
    assert messages.error_text("name") == "Enter the customer's name."
    assert line.isVisible() and line.text() == "At most 100 characters."  # title: no field here
    name.setText("张")
    assert messages.error_text("name") == ""

    def changed_meanwhile():
        raise ConflictError("This was changed by someone else.")

    assert not run(changed_meanwhile).ok
    assert line.text() == "This was changed by someone else." and boxes == []


def test_without_busy_the_cursor_is_left_alone(page):
    seen = []
    assert operation.run(page, lambda: seen.append(QApplication.overrideCursor()) or 7, busy=False).result == 7
    assert seen == [None]


def test_a_settings_dialog_says_a_locked_database_in_its_message_line(qtbot, db, tmp_path, boxes):
    suggestions.ensure_categories()
    dialog = SuggestionCategories()
    qtbot.addWidget(dialog)
    dialog.show()
    before = dialog.list.count()
    type_text(qtbot, dialog.name, "节能降耗")
    holder = _hold_write_lock(tmp_path)
    try:
        dialog.add()
    finally:
        holder.rollback()
        holder.close()
    assert dialog.message.isVisible() and dialog.message.text() == BUSY
    assert dialog.name.text() == "节能降耗" and dialog.list.count() == before and boxes == []
    dialog.add()
    assert not dialog.message.isVisible() and dialog.list.count() == before + 1 and dialog.name.text() == ""
