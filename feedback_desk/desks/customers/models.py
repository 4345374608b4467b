"""The customer profiles desk's tables: a guest or an organisation, its search keys, its likes
and taboos, its visits."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Department, Record


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


MODELS = (Customer, CustomerKey, Preference, Visit)
