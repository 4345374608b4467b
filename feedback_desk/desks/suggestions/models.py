"""Tables of the suggestion box (意见箱 / 合理化建议), reward points and year-end campaigns.

An anonymous suggestion keeps no trace of its writer: no writer, no author in the
record or its history, and its time only to the day (see feedback_desk/suggestions.py).
"""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import BaseModel, Department, Record, Staff
from feedback_desk.base.search import SearchedText


class SuggestionCategory(BaseModel):
    """The seed's categories (a setting): morale and living conditions, targets and rules, …"""
    name = pw.CharField(max_length=100, unique=True)
    position = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)


class Campaign(Record):
    """年底合理化建议活动: entries gathered under one campaign."""
    name = pw.CharField(max_length=100)
    year = pw.IntegerField(index=True)
    starts_on = pw.DateField(null=True)
    ends_on = pw.DateField(null=True)


class Suggestion(Record):
    number = pw.CharField(max_length=32, unique=True)          # 建议-2026-11-0001
    anonymous = pw.BooleanField(default=False, index=True)
    writer = pw.ForeignKeyField(Staff, null=True, backref="+")  # always None when anonymous
    received_on = pw.DateField(index=True)
    department = pw.ForeignKeyField(Department, null=True, backref="+")
    category = pw.ForeignKeyField(SuggestionCategory, null=True, backref="+")
    text = SearchedText()
    benefit = SearchedText(default="")
    state = pw.CharField(max_length=16, default="received", index=True)
    reviewer = pw.ForeignKeyField(Staff, null=True, backref="+")
    answer = SearchedText(default="")
    answered_on = pw.DateField(null=True)
    adoption = pw.CharField(max_length=12, null=True)          # adopted / partly / not_adopted
    implemented = pw.BooleanField(default=False)
    implemented_on = pw.DateField(null=True)
    campaign = pw.ForeignKeyField(Campaign, null=True, backref="entries")


class RewardPoints(Record):
    """员工业绩档案: points granted to a named employee, temporary (临时加新点奖) or permanent (永久性加新点奖)."""
    staff = pw.ForeignKeyField(Staff, backref="+")
    kind = pw.CharField(max_length=12)                         # temporary / permanent
    points = pw.IntegerField()
    reason = pw.TextField()
    granted_on = pw.DateField(index=True)
    source = pw.CharField(max_length=16, default="")           # suggestion / feedback / anomaly / …
    source_id = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("staff", "granted_on"), False),)


MODELS = [SuggestionCategory, Campaign, Suggestion, RewardPoints]
