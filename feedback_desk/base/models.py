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


class Customer(Record):
    kind = pw.CharField(max_length=16, index=True)  # individual / organisation / group
    name = pw.CharField(max_length=100, index=True)
    organisation = pw.CharField(max_length=200, default="", index=True)
    title = pw.CharField(max_length=100, default="")
    phones = pw.CharField(max_length=200, default="")
    notes = pw.TextField(default="")
    vip = pw.BooleanField(default=False, index=True)
    last_visit = pw.DateField(null=True, index=True)
    # name + title in pinyin, so the table sorts 陈 before 张 as Chinese readers expect
    sort_name = pw.CharField(max_length=300, default="", index=True)


class CustomerKey(BaseModel):
    """Search keys of a customer (name, pinyin, initials, phones, organisation), lower-case."""
    customer = pw.ForeignKeyField(Customer, backref="keys", on_delete="CASCADE")
    key = pw.CharField(max_length=200, index=True)


class Preference(Record):
    """A like (喜好) or a taboo (禁忌) of a customer, for one department."""
    customer = pw.ForeignKeyField(Customer, backref="preferences")
    kind = pw.CharField(max_length=8)  # like / taboo
    text = pw.CharField(max_length=200)
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    feedback_id = pw.IntegerField(null=True)  # the feedback that noted it

    class Meta:
        indexes = ((("customer", "kind"), False),)


class Visit(Record):
    customer = pw.ForeignKeyField(Customer, backref="visits")
    date = pw.DateField()
    place = pw.CharField(max_length=100, default="")
    party_size = pw.IntegerField(null=True)
    notes = pw.TextField(default="")

    class Meta:
        indexes = ((("customer", "date"), False),)


class Feedback(Record):
    channel = pw.CharField(max_length=24, index=True)
    kind = pw.CharField(max_length=16, index=True)  # praise / suggestion / complaint / preference
    date = pw.DateField(index=True)
    place = pw.CharField(max_length=100, default="", index=True)
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    text = pw.TextField()
    customer = pw.ForeignKeyField(Customer, null=True, backref="feedback")
    # copy of the customer's name + title, so 500,000 rows sort by customer without a join
    customer_name = pw.CharField(max_length=200, default="", index=True)
    rating_attitude = pw.SmallIntegerField(null=True)
    rating_skill = pw.SmallIntegerField(null=True)
    rating_timeliness = pw.SmallIntegerField(null=True)
    rating_promise = pw.SmallIntegerField(null=True)
    rating_food = pw.SmallIntegerField(null=True)
    rating_service = pw.SmallIntegerField(null=True)
    rating_environment = pw.SmallIntegerField(null=True)
    # complaint handling (kind == complaint)
    register_no = pw.CharField(max_length=32, null=True, unique=True)
    state = pw.CharField(max_length=16, null=True, index=True)
    serious = pw.BooleanField(default=False)
    complained_about = pw.ForeignKeyField(Staff, null=True, backref="+")
    handler = pw.ForeignKeyField(Staff, null=True, backref="+")
    investigation = pw.TextField(default="")
    reply_method = pw.CharField(max_length=16, null=True)
    reply_on = pw.DateField(null=True)
    reply_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    reply_text = pw.TextField(default="")
    outcome_rating = pw.SmallIntegerField(null=True)


# the base's own tables; the desks declare theirs in their specs (Customer … Feedback, defined
# here until the front desk's models move into their desk folders)
BASE_MODELS = [SchemaVersion, Setting, Department, Staff, Change, Counter]
