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
    version = pw.IntegerField(default=1)  # a setting never saved has no row: version 0 (base/settings.py)


class Department(BaseModel):
    name = pw.CharField(max_length=100, unique=True)
    active = pw.BooleanField(default=True)
    version = pw.IntegerField(default=1)  # two administrators cannot overwrite each other


class Staff(BaseModel):
    name = pw.CharField(max_length=100)
    department = pw.ForeignKeyField(Department, null=True, backref="staff")
    active = pw.BooleanField(default=True)        # an inactive person cannot sign in and is offered nowhere
    password_hash = pw.CharField(max_length=255, null=True)  # argon2id, salted (base/passwords.py)
    must_change_password = pw.BooleanField(default=False)    # a first password set by an administrator
    failed_sign_ins = pw.IntegerField(default=0)             # wrong passwords in a row
    locked_until = pw.DateTimeField(null=True)               # UTC; in the database: every workstation honours it
    version = pw.IntegerField(default=1)                     # two administrators cannot overwrite each other


class StaffRole(BaseModel):
    """A role a person holds (base/roles.py): a head for `department`, a foreman for `floor`."""
    staff = pw.ForeignKeyField(Staff, backref="roles", on_delete="CASCADE")
    role = pw.CharField(max_length=24)
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    floor = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("staff", "role"), False), (("role", "department"), False))


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
BASE_MODELS = [SchemaVersion, Setting, Department, Staff, StaffRole, Change, Counter]
