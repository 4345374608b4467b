"""One error path: a locked database, a failing search and an unexpected error each end in a clear
message; the form keeps what was typed, and the details reach the log file."""
from __future__ import annotations

import sqlite3

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from feedback_desk.base import db as dbmod
from feedback_desk.desks.customers.models import Customer
from ui.kit import faults

from qt_fixtures import press, settings, type_text, window  # noqa: F401


@pytest.fixture(autouse=True)
def no_log_left():
    yield
    faults.stop_log()


def _hold_write_lock(tmp_path):
    """Another workstation in the middle of a save: it holds the write lock."""
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    dbmod.database.execute_sql("PRAGMA busy_timeout = 200")  # wait 0.2 s, not 10 s, in the test
    return other


def test_save_while_another_workstation_holds_the_lock_says_so_and_keeps_the_text(qtbot, window, tmp_path):
    form = window.desks["customers"].new_record()
    type_text(qtbot, form.name, "张")
    type_text(qtbot, form.organisation, "国税局")
    type_text(qtbot, form.phones, "138 0531 0001")
    other = _hold_write_lock(tmp_path)
    try:
        press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert form.isVisible()
        assert form.general_error.isVisible()
        assert form.general_error.text() == ("Another workstation is saving; try again in a moment. "
                                             "Nothing was saved.")
        assert (form.name.text(), form.organisation.text(), form.phones.text()) == ("张", "国税局", "138 0531 0001")
    finally:
        other.rollback()
        other.close()
    assert Customer.select().count() == 0
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the lock is gone: try again
    assert not form.isVisible()
    assert Customer.get().organisation == "国税局"


def test_a_failing_search_says_so_instead_of_searching_forever(qtbot, window, monkeypatch, tmp_path):
    faults.start_log(tmp_path)
    table = window.desks["feedback"].table
    window.tabs.setCurrentWidget(window.desks["feedback"])  # read once when shown

    def locked(*args, **kwargs):
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(table.model.listing, "page", locked)
    type_text(qtbot, table.find, "臭虫")
    qtbot.waitUntil(lambda: table.count_label.text() != "Searching…" and "Search failed" in table.count_label.text())
    assert table.count_label.toolTip().startswith("Another workstation is saving")
    assert "Search failed: Another workstation is saving" in window.statusBar().currentMessage()
    log = (tmp_path / "logs" / faults.LOG_FILE).read_text(encoding="utf-8")
    assert "database is locked" in log and "FeedbackListing" in log

    monkeypatch.undo()  # the database answers again: F5 (or typing on) searches again
    table.apply_filters()
    qtbot.waitUntil(lambda: table.count_label.text() == "0 records")


def test_an_unexpected_error_opens_a_dialog_and_is_logged(qtbot, window, monkeypatch, tmp_path):
    path = faults.start_log(tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    try:
        {}["missing"]
    except KeyError as exc:
        faults.excepthook(type(exc), exc, exc.__traceback__)
    assert shown == [f"Something went wrong that the program did not expect (KeyError). "
                     f"What you typed is kept. The details are in {path}."]
    logged = path.read_text(encoding="utf-8")
    assert "KeyError: 'missing'" in logged and "test_ui_faults.py" in logged


def test_an_error_label_goes_as_soon_as_the_field_is_corrected(qtbot, window):
    form = window.desks["customers"].new_record()
    type_text(qtbot, form.phones, "138-0531 abc")
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.fields["phones"].error.isVisible()
    assert form.fields["name"].error.isVisible()
    type_text(qtbot, form.phones, "1")
    assert not form.fields["phones"].error.isVisible()
    assert form.fields["name"].error.isVisible()  # not corrected yet
    type_text(qtbot, form.name, "张")
    assert not form.fields["name"].error.isVisible()


def test_a_tab_first_shown_while_the_database_is_locked_says_so_beside_its_table(qtbot, window, monkeypatch, tmp_path):
    faults.start_log(tmp_path)
    table = window.desks["suggestions"].table

    def locked(*args, **kwargs):
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(table.model.listing, "count", locked)
    window.tabs.setCurrentWidget(window.desks["suggestions"])  # its first read meets the lock
    qtbot.waitUntil(lambda: "Search failed" in table.count_label.text())
    assert table.count_label.toolTip().startswith("Another workstation is saving")
    monkeypatch.undo()
    table.apply_filters()  # F5 once the other workstation is done
    qtbot.waitUntil(lambda: table.count_label.text() == "0 records")
