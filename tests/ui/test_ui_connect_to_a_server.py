"""A workstation and the shared server, through the window: File → Connect to a server… (and back
to this PC's file), the server checked at start with what is wrong said in the same dialog, the
administrator's copy of a file onto the server, a backup of the server from File, and a save on
a connection the server ended. The sign-in that follows a move is the one dialog answered here
(the first person on a database becomes its administrator, as the sign-in dialog would do)."""
from __future__ import annotations

import sqlite3

import peewee
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import server as test_server
from feedback_desk import opening
from feedback_desk.base import access, db as dbmod, roles, server, sign_in, staff
from feedback_desk.base.models import Staff
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.models import Customer
from ui import app as app_module
from ui.app import App, reach_server
from ui.kit.server_connection import ConnectDialog, remember, saved_server
from ui.session import Session

from qt_fixtures import (PASSWORD, answer_when_shown, here, press, settings, signs_in, type_text,  # noqa: F401
                         window, window_of, zhang)

def fill_in(dialog: ConnectDialog, url: str, password: str = "") -> None:
    params = server.connection_parameters(url)
    dialog.host.setText(params["host"])
    dialog.port.setValue(int(params["port"]))
    dialog.database.setText(params["database"])
    dialog.user.setText(params.get("user", ""))
    dialog.password.setText(password)


def test_what_is_missing_from_the_address_is_said_beside_its_field(qtbot, settings):
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    dialog.host.setText("db server/1")
    dialog.database.clear()
    dialog.user.clear()
    assert not dialog.try_save()
    assert "no spaces" in dialog.error_text("host")
    assert dialog.error_text("database") == "Give the name of the database on the server."
    assert dialog.error_text("user") == "Give the user name the server knows this workstation by."
    assert dialog.isVisible() is False or dialog.result() == 0  # still open: nothing was accepted
    assert saved_server(settings) is None  # nothing remembered


def test_connect_moves_the_workstation_to_the_server_and_the_file_button_back(qtbot, here, signs_in, settings):
    with test_server.a_database() as url:
        on_file = here.window
        answer_when_shown(ConnectDialog, lambda d: (fill_in(d, url), d.try_save()))
        on_file.act_server.trigger()
        on_server = here.window
        qtbot.addWidget(on_server)
        assert on_server is not on_file and not on_file.isVisible()
        assert isinstance(dbmod.database.obj, peewee.PostgresqlDatabase)
        assert on_server.db_label.text() == url and on_server.who_label.text() == "Working as: 高明"
        assert saved_server(settings) == url  # the next start goes there too
        assert [p.name for p in Staff.select()] == ["高明"]
        customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"},
                                  on_server.session.staff)

        answer_when_shown(ConnectDialog, lambda d: d.file_button.click())
        on_server.act_server.trigger()
        back = here.window
        qtbot.addWidget(back)
        assert isinstance(dbmod.database.obj, peewee.SqliteDatabase)
        assert back.db_label.text() == here.file_path and back.who_label.text() == "Working as: 王芳"
        assert saved_server(settings) is None
        assert Customer.select().count() == 0  # the customer is on the server, not in this file


def test_a_saved_server_that_cannot_be_used_is_said_at_start_and_the_file_can_be_taken(qtbot, settings):
    with test_server.scratch_database() as url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as other_program:
            other_program.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")
        remember(settings, url)
        said = []
        answer_when_shown(ConnectDialog, lambda d: (said.append(d.general_error.text()), d.file_button.click()))
        assert reach_server(settings, url, remembered=True) == ""  # this PC's file, then
        assert "holds another program's tables" in said[0]
        assert saved_server(settings) is None


def test_the_administrator_copies_this_file_to_the_server_and_moves_there(qtbot, here, signs_in, monkeypatch):
    window = here.window
    customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"}, window.session.staff)
    assert window.act_copy_to.isVisible() and window.act_copy_to.isEnabled()
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append((box.text(), box.detailedText()))
                        or QMessageBox.StandardButton.Yes)  # "Work on the server from now on?" Yes
    with test_server.scratch_database() as url:
        dialog = window.copy_to_server()
        fill_in(dialog, url)
        assert dialog.try_save()
        qtbot.waitUntil(lambda: here.window is not window, timeout=120_000)
        qtbot.addWidget(here.window)
        text, details = told[0]
        assert "were copied to" in text and "both sides match" in text
        assert "every table matches" in details
        assert here.window.db_label.text() == url and here.window.who_label.text() == "Working as: 王芳"
        assert [c.name for c in Customer.select()] == ["张"]  # read from the server now
        here.window.close()
        dbmod.close_database()


def test_copy_to_is_the_administrators_and_not_offered_on_the_server(qtbot, as_people, window):
    assert not window.act_copy_to.isEnabled()  # 王芳 of the front office: disabled, with the reason
    assert "Only an administrator" in window.act_copy_to.statusTip()


@pytest.mark.server_only
def test_a_backup_of_the_server_is_a_database_file_with_its_records(qtbot, clerk, settings, tmp_path, monkeypatch,
                                                                   as_people):
    from PySide6.QtWidgets import QFileDialog

    with access.acting_as_the_program():
        admin = staff.save_staff("韩卫东", clerk.department_id, roles=[roles.ADMIN])
    as_people(admin)  # a backup holds every record: the administrator's
    customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"}, admin)
    window = window_of(qtbot, admin, settings, tmp_path)
    window.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "backups" / "hotel"), ""))
    assert not window.act_copy_to.isVisible()  # on the server there is no file to copy
    assert window.act_backup.isEnabled()
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: "Backed up to" in window.statusBar().currentMessage(), timeout=60_000)
    with sqlite3.connect(tmp_path / "backups" / "hotel.db") as backup:
        assert backup.execute(f"SELECT name FROM {Customer._meta.table_name}").fetchall() == [("张",)]


@pytest.mark.server_only
def test_a_save_on_a_connection_the_server_ended_is_refused_whole_and_the_next_one_saves(
        qtbot, window, second_connection):
    form = window.desks["customers"].new_record()
    type_text(qtbot, form.name, "张")
    type_text(qtbot, form.phones, "138 0531 0001")
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    test_server.cut_off(dbmod.database.obj, second_connection)  # and the user presses Ctrl+S at once
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "what you typed is kept" in form.general_error.text()
    assert form.isVisible() and form.name.text() == "张" and form.phones.text() == "138 0531 0001"
    assert second_connection.execute_sql(f"SELECT count(*) FROM {Customer._meta.table_name}").fetchone()[0] == 0
    press(qtbot, form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the server is back: saved
    assert not form.isVisible()
    assert second_connection.execute_sql(f"SELECT name FROM {Customer._meta.table_name}").fetchall() == [("张",)]
