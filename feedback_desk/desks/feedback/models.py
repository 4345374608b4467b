"""The guest feedback desk's table: one row per piece of feedback, a complaint's handling on it."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import Department, Record, Staff
from feedback_desk.base.search import SearchedText
from feedback_desk.desks.customers import Customer


class Feedback(Record):
    channel = pw.CharField(max_length=24, index=True)
    kind = pw.CharField(max_length=16, index=True)  # praise / suggestion / complaint / preference
    date = pw.DateField(index=True)
    place = pw.CharField(max_length=100, default="", index=True)
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    text = SearchedText()
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
    investigation = SearchedText(default="")
    reply_method = pw.CharField(max_length=16, null=True)
    reply_on = pw.DateField(null=True)
    reply_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    reply_text = SearchedText(default="")
    outcome_rating = pw.SmallIntegerField(null=True)


MODELS = (Feedback,)
