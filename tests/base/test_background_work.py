"""Background work stays on the database it was started on, and closing that database stops it.

This is what made the suite flaky: a search started by one test ran on after the next test had
opened its own database, and queried that one ("no such table: feedback")."""
from __future__ import annotations

import threading

import peewee
import pytest

from feedback_desk.desks.customers import profiles as customers
from feedback_desk.base import db as dbmod, staff
from feedback_desk import opening
from feedback_desk.base.db import DatabaseClosed, worker_binding
from feedback_desk.base.models import Department
from feedback_desk.desks.customers.models import Customer


def _one_customer():
    staff.ensure_departments()
    front = Department.get(Department.name == "Front office")
    clerk = staff.save_staff("王芳", front.id)
    customers.create_customer({"kind": "individual", "name": "张", "phones": "138 0531 0001"}, clerk)


def test_work_started_on_one_database_keeps_reading_it_after_another_is_opened(tmp_path):
    opening.open_database(tmp_path / "first.db")
    _one_customer()
    bound = worker_binding()
    started, go, seen = threading.Event(), threading.Event(), {}

    def work():
        with bound():
            started.set()
            go.wait(10)
            seen["customers"] = Customer.select().count()
            seen["file"] = dbmod.database.obj.database

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    opening.open_database(tmp_path / "second.db")  # what the next test does
    try:
        go.set()
        worker.join(10)
        assert seen == {"customers": 1, "file": str(tmp_path / "first.db")}
        assert Customer.select().count() == 0  # this thread reads the second, empty database
    finally:
        dbmod.close_database()


def test_closing_a_database_interrupts_and_joins_work_still_running_on_it(tmp_path):
    opening.open_database(tmp_path / "t.db")
    bound = worker_binding()
    started, failure, ended = threading.Event(), {}, threading.Event()

    def endless_search():
        try:
            with bound() as database:
                started.set()
                try:
                    database.execute_sql("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                                         "SELECT count(*) FROM n").fetchone()
                finally:
                    ended.set()
        except peewee.OperationalError as exc:
            failure["error"] = str(exc)

    worker = threading.Thread(target=endless_search)
    worker.start()
    assert started.wait(10)
    dbmod.close_database()
    assert ended.is_set(), "close_database returned while its work was still running"
    worker.join(10)
    assert failure == {"error": "interrupted"}


def test_work_cannot_start_on_a_database_already_closed(tmp_path):
    opening.open_database(tmp_path / "t.db")
    bound = worker_binding()
    dbmod.close_database()
    with pytest.raises(DatabaseClosed):
        with bound():
            pass
