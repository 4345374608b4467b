"""What the window's live refresh asks the core (base/live.py): nothing while nothing is saved,
then each record saved since the last look, with who saved it; a save that rolled back is no
news. On a SQLite file and on the PostgreSQL server."""
from __future__ import annotations

import datetime as dt

import peewee
import pytest

from feedback_desk.base import live, records
from feedback_desk.desks.customers import profiles as customers
from feedback_desk.desks.customers.models import Customer

from refusing import refuse_inserts


@pytest.fixture
def watch(db):
    w = live.SaveWatch()
    yield w
    w.close()


def test_nothing_saved_is_no_news_and_each_save_is_told_once_with_who(db, clerk, fixed_clock, watch):
    assert watch.poll() is None
    zhang = customers.create_customer({"name": "张", "phones": "13805310001"}, clerk)
    li = customers.create_customer({"name": "李", "phones": "13805310002"}, clerk)
    records.update_record(Customer, zhang.id, zhang.version, {"title": "科长"}, clerk)
    saved = watch.poll()
    assert [(s.table, s.record_id, s.by) for s in saved] == [("customer", li.id, "王芳"), ("customer", zhang.id, "王芳")]
    assert saved[0].at == dt.datetime(2026, 11, 15, 4, 0)
    assert watch.poll() is None  # told once


def test_a_save_that_rolled_back_is_no_news(db, clerk, watch):
    refuse_inserts(db, "customer")
    watch.poll()  # the trigger itself may count as a change of the file
    with pytest.raises(peewee.IntegrityError):
        customers.create_customer({"name": "张", "phones": "13805310001"}, clerk)
    assert not watch.poll()  # None, or nothing saved
