"""The tables. Times are naive UTC; calendar dates are local dates.

Every business record derives from `Record`: who made it and when, who changed it
last, a version for refusing stale saves, and a void flag with a reason (nothing
is ever deleted). `Change` keeps the history, one row per changed field.
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.db import database


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = pw.IntegerField()


class Setting(BaseModel):
    """Business rules and lists that users may change (deadlines, categories, …)."""
    key = pw.CharField(max_length=100, unique=True)
    value = pw.TextField()


class Department(BaseModel):
    name = pw.CharField(max_length=100, unique=True)
    active = pw.BooleanField(default=True)


class Staff(BaseModel):
    name = pw.CharField(max_length=100)
    department = pw.ForeignKeyField(Department, null=True, backref="staff")
    active = pw.BooleanField(default=True)
    # room for passwords and roles (schema 2); not used yet
    role = pw.CharField(max_length=32, default="staff")
    password_hash = pw.CharField(max_length=255, null=True)


class Record(BaseModel):
    created_at = pw.DateTimeField()
    created_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    updated_at = pw.DateTimeField()
    updated_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    version = pw.IntegerField(default=1)
    voided = pw.BooleanField(default=False, index=True)
    void_reason = pw.TextField(null=True)


class Change(BaseModel):
    """History: who changed which field of which record, when, old → new."""
    table = pw.CharField(max_length=64)
    record_id = pw.IntegerField()
    action = pw.CharField(max_length=16)  # create / update / void
    field = pw.CharField(max_length=64)
    old = pw.TextField(null=True)
    new = pw.TextField(null=True)
    at = pw.DateTimeField()
    by = pw.ForeignKeyField(Staff, null=True, backref="+")

    class Meta:
        indexes = ((("table", "record_id"), False),)


class Counter(BaseModel):
    """Gapless numbers per series and month (客诉-2026-11 → 7)."""
    series = pw.CharField(max_length=64, unique=True)
    value = pw.IntegerField(default=0)


# the base's own tables; the desks declare theirs in their specs
BASE_MODELS = [SchemaVersion, Setting, Department, Staff, Change, Counter]
