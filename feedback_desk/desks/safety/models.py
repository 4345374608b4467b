"""The safety desk's tables: the safety hazard register (安全隐患), each hazard with its
rectification (整改) and the check of it by someone else."""
from __future__ import annotations

import peewee as pw

from feedback_desk.base.models import Department, Record, Staff
from feedback_desk.base.search import SearchedText


class SafetyHazard(Record):
    number = pw.CharField(max_length=32, unique=True)          # 隐患-2026-12-0003
    area = pw.CharField(max_length=16, index=True)             # vocab.HAZARD_AREAS
    place = pw.CharField(max_length=100, default="")
    description = SearchedText()
    severity = pw.CharField(max_length=12, index=True)         # general / serious / major
    found_at = pw.DateTimeField(index=True)                    # UTC
    found_by = pw.ForeignKeyField(Staff, backref="+")
    reported_late = pw.BooleanField(default=False)             # entered more than 2 hours after it was found
    department = pw.ForeignKeyField(Department, null=True, backref="+")  # where it was found, who answers
    state = pw.CharField(max_length=16, default="reported", index=True)
    # rectification (整改): its owner and due date, what was done
    owner = pw.ForeignKeyField(Staff, null=True, backref="+")
    due_on = pw.DateField(null=True, index=True)
    assigned_at = pw.DateTimeField(null=True)
    rectification = pw.TextField(default="")
    rectified_at = pw.DateTimeField(null=True)
    # the check of the rectification, by someone other than its owner; a failed check sends it back
    checked_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    checked_at = pw.DateTimeField(null=True)
    check_result = pw.TextField(default="")
    failed_checks = pw.IntegerField(default=0)
    closed_at = pw.DateTimeField(null=True)


MODELS = [SafetyHazard]
