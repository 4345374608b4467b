"""Audited records: who and when, versions that refuse stale saves, voiding instead of deleting, history."""
from __future__ import annotations

import datetime as dt

import pytest

from feedback_desk.base import clock, records
from feedback_desk.base.errors import ConflictError, ValidationError
from feedback_desk.base.models import Change
from feedback_desk.desks.customers.models import Customer

T0 = dt.datetime(2026, 11, 15, 4, 0, 0)
T1 = dt.datetime(2026, 11, 16, 9, 30, 0)


def _new_customer(by, **values):
    base = {"kind": "individual", "name": "张", "title": "科长", "organisation": "国税局",
            "phones": "", "notes": "", "vip": False}
    base.update(values)
    return records.create_record(Customer, base, by)


def _changes(record_id, action=None):
    q = Change.select().where((Change.table == "customer") & (Change.record_id == record_id))
    if action:
        q = q.where(Change.action == action)
    return {c.field: (c.old, c.new, c.by_id, c.at) for c in q}


def test_create_writes_audit_fields_version_and_history(db, clerk):
    clock.set_now(T0)
    c = _new_customer(clerk)
    saved = Customer.get_by_id(c.id)
    assert saved.created_at == T0 and saved.updated_at == T0
    assert saved.created_by_id == clerk.id and saved.updated_by_id == clerk.id
    assert saved.version == 1 and saved.voided is False
    created = _changes(c.id, "create")
    # every field that has a value leaves one row; empty ones ("" phones, notes) do not
    assert created == {
        "kind": (None, "individual", clerk.id, T0),
        "name": (None, "张", clerk.id, T0),
        "title": (None, "科长", clerk.id, T0),
        "organisation": (None, "国税局", clerk.id, T0),
        "vip": (None, "0", clerk.id, T0),
    }


def test_update_bumps_version_and_logs_each_changed_field(db, clerk, other):
    clock.set_now(T0)
    c = _new_customer(clerk)
    clock.set_now(T1)
    updated = records.update_record(Customer, c.id, 1, {"name": "张", "title": "处长", "vip": True,
                                                        "phones": "13805310001"}, other)
    assert updated.version == 2
    assert (updated.title, updated.vip, updated.phones) == ("处长", True, "13805310001")
    assert updated.updated_at == T1 and updated.updated_by_id == other.id
    assert updated.created_at == T0 and updated.created_by_id == clerk.id
    # name did not change: no row for it
    assert _changes(c.id, "update") == {
        "title": ("科长", "处长", other.id, T1),
        "vip": ("0", "1", other.id, T1),
        "phones": ("", "13805310001", other.id, T1),
    }
    hist = records.history(Customer, c.id)
    assert [h.action for h in hist] == ["create"] * 5 + ["update"] * 3
    assert {h.by.name for h in hist if h.action == "update"} == {"李娜"}


def test_update_without_changes_keeps_the_version(db, clerk):
    c = _new_customer(clerk)
    same = records.update_record(Customer, c.id, 1, {"name": "张", "title": "科长"}, clerk)
    assert same.version == 1
    assert _changes(c.id, "update") == {}


def test_stale_version_is_refused_and_changes_nothing(db, clerk, other):
    c = _new_customer(clerk)
    records.update_record(Customer, c.id, 1, {"title": "处长"}, other)  # someone saved first
    before = Change.select().count()
    with pytest.raises(ConflictError, match="changed by someone else"):
        records.update_record(Customer, c.id, 1, {"title": "局长", "notes": "mine"}, clerk)
    saved = Customer.get_by_id(c.id)
    assert (saved.title, saved.notes, saved.version, saved.updated_by_id) == ("处长", "", 2, other.id)
    assert Change.select().count() == before


def test_save_from_another_program_instance_is_not_overwritten(db, clerk, second_connection):
    """Another workstation (its own connection to the same database) saves first: ours is refused."""
    c = _new_customer(clerk)
    opened_version = Customer.get_by_id(c.id).version

    with second_connection.atomic():  # plain SQL, as another program would write it
        second_connection.execute_sql("UPDATE customer SET title = '处长', version = version + 1 WHERE id = "
                                      + second_connection.param, (c.id,))

    with pytest.raises(ConflictError):
        records.update_record(Customer, c.id, opened_version, {"title": "局长"}, clerk)
    saved = Customer.get_by_id(c.id)
    assert (saved.title, saved.version) == ("处长", 2)
    assert _changes(c.id, "update") == {}


def test_save_from_a_second_peewee_connection_is_not_overwritten(db, clerk, second_connection):
    c = _new_customer(clerk)
    with second_connection.bind_ctx([Customer, Change]):
        records.update_record(Customer, c.id, 1, {"title": "处长"}, None)
    with pytest.raises(ConflictError):
        records.update_record(Customer, c.id, 1, {"title": "局长"}, clerk)
    assert Customer.get_by_id(c.id).title == "处长"


def test_void_requires_a_reason(db, clerk):
    c = _new_customer(clerk)
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as err:
            records.void_record(Customer, c.id, 1, reason, clerk)
        assert set(err.value.errors) == {"reason"}
        assert err.value.errors["reason"]
    saved = Customer.get_by_id(c.id)
    assert (saved.voided, saved.version) == (False, 1)


def test_void_keeps_the_row_marks_it_and_writes_history(db, clerk, other):
    c = _new_customer(clerk)
    clock.set_now(T1)
    voided = records.void_record(Customer, c.id, 1, "  entered twice  ", other)
    assert Customer.select().count() == 1
    saved = Customer.get_by_id(c.id)
    assert (saved.voided, saved.void_reason, saved.version) == (True, "entered twice", 2)
    assert (saved.name, saved.updated_by_id, saved.updated_at) == ("张", other.id, T1)
    assert voided.voided is True
    assert _changes(c.id, "void") == {
        "voided": ("0", "1", other.id, T1),
        "void_reason": (None, "entered twice", other.id, T1),
    }


def test_void_with_stale_version_is_refused(db, clerk):
    c = _new_customer(clerk)
    records.update_record(Customer, c.id, 1, {"title": "处长"}, clerk)
    with pytest.raises(ConflictError):
        records.void_record(Customer, c.id, 1, "duplicate", clerk)
    assert Customer.get_by_id(c.id).voided is False


def test_voided_record_cannot_be_updated_or_voided_again(db, clerk):
    c = _new_customer(clerk)
    records.void_record(Customer, c.id, 1, "duplicate", clerk)
    with pytest.raises(ValidationError) as err:
        records.update_record(Customer, c.id, 2, {"title": "处长"}, clerk)
    assert "void" in " ".join(err.value.errors.values())
    with pytest.raises(ValidationError) as err:
        records.void_record(Customer, c.id, 2, "again", clerk)
    assert "reason" in err.value.errors
    saved = Customer.get_by_id(c.id)
    assert (saved.title, saved.version, saved.void_reason) == ("科长", 2, "duplicate")


def test_missing_record_is_reported(db, clerk):
    from feedback_desk.base.errors import NotFoundError
    with pytest.raises(NotFoundError, match="no longer exists"):
        records.update_record(Customer, 424242, 1, {"title": "x"}, clerk)
